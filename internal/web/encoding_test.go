package web

import "testing"

func TestEncodingQuality(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header, coding string
		want           float64
	}{
		{"", "gzip", 0},
		{"gzip", "gzip", 1},
		{"GZIP", "gzip", 1},
		{"x-gzip", "gzip", 1},
		{"deflate, gzip;q=0.5", "gzip", 0.5},
		{"gzip;q=0", "gzip", 0},
		{"gzip; q=0.0", "gzip", 0},
		{"gzip;Q=0", "gzip", 0},
		{"br;q=0, gzip", "br", 0},
		{"*", "br", 1},
		{"*;q=0", "gzip", 0},
		{"gzip;q=0, *", "gzip", 0}, // named beats "*"
		{"*, gzip;q=0", "gzip", 0},
		{"*;q=0.3, br", "gzip", 0.3},
		{"identity", "gzip", 0},
		{"gzip;q=abc", "gzip", 0},
		{"gzip;q=2", "gzip", 0},
		{"gzipx", "gzip", 0},
		{" br , gzip ", "br", 1},
		{",,;;=,", "gzip", 0},
	}
	for _, tt := range tests {
		if got := EncodingQuality(tt.header, tt.coding); got != tt.want {
			t.Errorf("EncodingQuality(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

func TestPreferredEncoding(t *testing.T) {
	t.Parallel()
	tests := []struct{ header, want string }{
		{"", ""},
		{"gzip, deflate, br", "br"}, // a tie goes to the server's order
		{"gzip, deflate", "gzip"},
		{"br;q=0.5, gzip", "gzip"},
		{"br;q=0, gzip;q=0", ""},
		{"identity", ""},
		{"*", "br"},
		{"*;q=0, gzip", "gzip"},
	}
	for _, tt := range tests {
		if got := PreferredEncoding(tt.header, "br", "gzip"); got != tt.want {
			t.Errorf("PreferredEncoding(%q) = %q, want %q", tt.header, got, tt.want)
		}
	}
}

func TestETagMatches(t *testing.T) {
	t.Parallel()
	tests := []struct {
		header string
		want   bool
	}{
		{`"abc-br"`, true},
		{`W/"abc-br"`, true},
		{`"x", "abc-br"`, true},
		{`*`, true},
		{`"abc"`, false},
		{`"abc-gzip"`, false},
		{``, false},
	}
	for _, tt := range tests {
		if got := ETagMatches(tt.header, `"abc-br"`); got != tt.want {
			t.Errorf("ETagMatches(%q) = %v, want %v", tt.header, got, tt.want)
		}
	}
}
