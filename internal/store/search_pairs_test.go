package store

import (
	"slices"
	"testing"
)

func TestWithPairs(t *testing.T) {
	for in, want := range map[string]string{
		"nong thon moi":            "nong thon moi nong0thon thon0moi",
		"ha tinh. nong thon":       "ha tinh. nong thon ha0tinh nong0thon",
		"bao so 5\ndo bo":          "bao so 5\ndo bo bao0so so05 do0bo",
		"hon 2.000 nguoi, 5,5 ty":  "hon 2.000 nguoi, 5,5 ty hon02 20000 0000nguoi 505 50ty",
		"":                         "",
		"mot":                      "mot",
		"  xa  hoi,  chuyen  muc ": "  xa  hoi,  chuyen  muc  xa0hoi chuyen0muc",
	} {
		if got := withPairs(in); got != want {
			t.Errorf("withPairs(%q) = %q, want %q", in, got, want)
		}
	}
	if got := pairTokens([]string{"nong", "thon", "moi"}); !slices.Equal(got, []string{"nong0thon", "thon0moi"}) {
		t.Errorf("pairTokens: %v", got)
	}
	if got := pairTokens([]string{"keo"}); !slices.Equal(got, []string{"keo"}) {
		t.Errorf("pairTokens of one word: %v", got)
	}
}
