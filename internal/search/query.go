// Package search is the paper's Vietnamese search: queries with or without
// diacritics find the same articles, exact-diacritics matches rank first,
// quoted phrases match in order, and nothing a reader types is ever handed
// to the database as query syntax.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits on a query: longer input is cut, not refused.
const (
	maxQueryRunes = 200
	maxTerms      = 12
)

// Query is a reader's search, parsed.
type Query struct {
	Raw     string     // as typed, NFC, trimmed and cut to size
	Words   []string   // folded words outside quotes
	Phrases [][]string // folded words of each quoted phrase
	Exact   []string   // the words as typed (NFC, lower case, tone-normalized), for ranking exact matches first
}

// Empty reports whether there is nothing to search for.
func (q Query) Empty() bool { return len(q.Words) == 0 && len(q.Phrases) == 0 }

// Parse reads what a reader typed. Quotes make phrases; an unbalanced
// quote just ends the phrase at the end of the text. Only letters and
// digits make words: punctuation, operators (*, -, OR, NEAR) and SQL are
// plain text that folds away or into ordinary words.
func Parse(raw string) Query {
	raw = strings.TrimSpace(vietnamese.NFC(strings.ToValidUTF8(raw, "")))
	if utf8.RuneCountInString(raw) > maxQueryRunes {
		raw = string([]rune(raw)[:maxQueryRunes])
	}
	q := Query{Raw: raw}
	terms := 0
	for i, part := range strings.Split(raw, `"`) {
		words := tokens(vietnamese.Fold(part))
		if len(words) == 0 {
			continue
		}
		if room := maxTerms - terms; len(words) > room {
			words = words[:max(room, 0)]
		}
		terms += len(words)
		switch {
		case len(words) == 0:
		case i%2 == 1 && len(words) > 1:
			q.Phrases = append(q.Phrases, words)
		default:
			q.Words = append(q.Words, words...)
		}
		q.Exact = append(q.Exact, tokens(strings.ToLower(vietnamese.NormalizeTone(part)))...)
	}
	return q
}

// tokens splits text into runs of letters and digits.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// exactScore counts how many of the words the reader typed with marks
// appear, marks and all, in text. A query typed without marks scores 0
// everywhere and keeps the database's order; "Hòa Bình" puts articles
// that write "Hòa Bình" (or "Hoà Bình": tone placement is normalized on
// both sides) above ones that only fold to the same letters.
func (q Query) exactScore(text string) int {
	var marked []string
	for _, w := range q.Exact {
		if vietnamese.HasVietnameseMarks(w) {
			marked = append(marked, w)
		}
	}
	if len(marked) == 0 {
		return 0 // without marks every candidate matches alike
	}
	text = strings.ToLower(vietnamese.NormalizeToneNFC(text)) // stored text is NFC
	n := 0
	for _, w := range marked {
		if containsWord(text, w) {
			n++
		}
	}
	return n
}

// containsWord reports whether w is in text as a whole word: not
// preceded or followed by a letter or digit.
func containsWord(text, w string) bool {
	for at := 0; ; {
		i := strings.Index(text[at:], w)
		if i < 0 {
			return false
		}
		start, end := at+i, at+i+len(w)
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if !isWordRune(before) && !isWordRune(after) {
			return true
		}
		at = start + 1
	}
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}
