package search

import "github.com/toasoan/toasoan/internal/vietnamese"

// maxPairs bounds the word pairs a story's likeness is searched by.
const maxPairs = 16

// WordPairs is text folded into its consecutive pairs of syllables, once
// each, at most maxPairs: Vietnamese words are mostly two syllables ("bão
// số", "đổ bộ", "Hà Tĩnh"), so pairs find stories about the same things
// where single syllables ("số", "hà") would find half the paper.
func WordPairs(text string) [][]string {
	var words []string
	for _, w := range tokens(vietnamese.Fold(vietnamese.NFC(text))) {
		if plain(w) {
			words = append(words, w)
		}
	}
	seen := map[[2]string]bool{}
	var out [][]string
	for i := 0; i+1 < len(words) && len(out) < maxPairs; i++ {
		pair := [2]string{words[i], words[i+1]}
		if seen[pair] {
			continue
		}
		seen[pair] = true
		out = append(out, []string{pair[0], pair[1]})
	}
	return out
}

// plain reports whether w is made of a–z and 0–9 only: what the search
// index holds and no query language can read as an operator.
func plain(w string) bool {
	for _, r := range w {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') {
			return false
		}
	}
	return w != ""
}
