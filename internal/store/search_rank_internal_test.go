package store

import "testing"

func TestCountTokens(t *testing.T) {
	tokens := []string{"nong0thon", "thon0moi", "cam", "xuyen"}
	tests := []struct {
		text string
		want int
	}{
		{"Nông thôn mới ở Cẩm Xuyên", 4},
		{"Nông thôn, mới", 1}, // a comma breaks the pair thôn mới
		{"nông\nthôn mới", 1}, // so does a line break
		{"Xuyên Cẩm", 2},
		{"thôn nông", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := countTokens(tt.text, tokens); got != tt.want {
			t.Errorf("countTokens(%q) = %d, want %d", tt.text, got, tt.want)
		}
	}
}
