package main

import (
	"math/rand/v2"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// TestNaturalWordsSpread: with --text natural, the search mix meets words
// in most stories, in a few percent and in under one percent (with
// uniform text every word is in nearly every story), and every syllable
// is NFC like the app's own text.
func TestNaturalWordsSpread(t *testing.T) {
	t.Parallel()
	words := newNaturalWords(rand.New(rand.NewPCG(1, 2)))
	const stories = 2000
	inStories := map[string]int{}
	for range stories {
		seen := map[string]bool{}
		for range 570 { // a generated story's words
			w := words.next()
			if !norm.NFC.IsNormalString(w) {
				t.Fatalf("%q is not NFC", w)
			}
			seen[vietnamese.Fold(w)] = true
		}
		for w := range seen {
			inStories[w]++
		}
	}
	share := func(w string) float64 { return float64(inStories[w]) / stories }
	for _, c := range []struct {
		word     string
		lo, high float64
	}{
		{"tinh", 0.5, 1}, {"giao", 0.5, 1}, // Hà Tĩnh, giáo dục
		{"benh", 0.02, 0.15}, {"lu", 0.02, 0.15}, // bệnh viện, bão lũ
		{"keo", 0, 0.015}, {"vung", 0, 0.015}, // kẹo cu đơ, Vũng Áng
	} {
		if s := share(c.word); s < c.lo || s > c.high {
			t.Errorf("%q is in %.1f%% of stories, want %.1f–%.1f%%", c.word, 100*s, 100*c.lo, 100*c.high)
		}
	}
	if len(inStories) < 5000 {
		t.Errorf("%d distinct searchable words: the tail is too short", len(inStories))
	}
}
