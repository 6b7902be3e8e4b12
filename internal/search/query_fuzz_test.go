package search

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// plainWord is a word of letters and digits only: nothing FTS5 or
// tsquery could read as syntax.
func plainWord(w string) bool {
	return w != "" && !strings.ContainsFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.IsUpper(r) })
}

// Whatever a reader types, the query that reaches the index is a bounded
// list of folded words of letters and digits: no FTS or tsquery syntax,
// no quote, no operator, never more than maxTerms terms.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", "đường làng", `"hòa bình" OR 1=1`, "a*b -c NEAR(d e)", `"unbalanced`, "'; DROP TABLE articles;--",
		"ʻ̣̣̣", "\xff\xfe", "Hoà Bình hoà bình HÒA BÌNH", `" " " "`, "١٢٣ ３４"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q := Parse(raw)
		if !utf8.ValidString(q.Raw) || utf8.RuneCountInString(q.Raw) > maxQueryRunes {
			t.Fatalf("Raw %q", q.Raw)
		}
		terms := len(q.Words)
		for _, w := range q.Words {
			if !plainWord(w) {
				t.Fatalf("word %q reaches the index", w)
			}
		}
		for _, p := range q.Phrases {
			terms += len(p)
			for _, w := range p {
				if !plainWord(w) {
					t.Fatalf("phrase word %q reaches the index", w)
				}
			}
		}
		if terms > maxTerms {
			t.Fatalf("%d terms", terms)
		}
	})
}
