package store

import "strings"

// Word pairs in the search index. Vietnamese words are mostly two
// syllables, and the syllables alone are common ("nông", "thôn", "mới"
// are each in most of a provincial paper's stories), so a phrase found
// by its syllables' positions makes both databases read the position
// lists of a large part of the archive: FTS5 loads the terms' whole
// doclists, PostgreSQL reads each candidate story's text. Each pair of
// neighbouring syllables is therefore also indexed as one token,
// "nong0thon" (a digit joins them: both tokenizers keep letters and
// digits together, and no Vietnamese word is spelled so), and a phrase
// is searched as its pairs, all of them: "nông thôn mới" is nong0thon
// and thon0moi, two short lists from the index.

// pairJoiner joins the two syllables of a pair token.
const pairJoiner = "0"

// withPairs is folded text followed by the pair tokens of its neighbouring
// words: FTS5's columns hold both.
func withPairs(folded string) string {
	pairs := pairsOf(folded)
	if pairs == "" {
		return folded
	}
	return folded + " " + pairs
}

// pairsOf is the pair tokens of folded text's neighbouring words, space
// separated; a pair never spans punctuation or a line break.
func pairsOf(folded string) string {
	var b strings.Builder
	prev := ""
	start := -1
	flush := func(word string, adjacent bool) {
		if adjacent && prev != "" {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(prev)
			b.WriteString(pairJoiner)
			b.WriteString(word)
		}
		prev = word
	}
	adjacent := false
	for i := 0; i <= len(folded); i++ {
		var c byte = ' '
		if i < len(folded) {
			c = folded[i]
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(folded[start:i], adjacent)
			start, adjacent = -1, true
		}
		if c != ' ' && c != '\t' && !inNumber(folded, i) {
			prev, adjacent = "", false // punctuation, a line break or another letter
		}
	}
	return b.String()
}

// inNumber reports whether folded[i] separates digits, as the dot and the
// comma of "2.000" and "5,5" do: the number's parts stay a pair, as a
// reader's quoted "2.000 người" asks.
func inNumber(folded string, i int) bool {
	isDigit := func(j int) bool { return j >= 0 && j < len(folded) && folded[j] >= '0' && folded[j] <= '9' }
	return (folded[i] == '.' || folded[i] == ',') && isDigit(i-1) && isDigit(i+1)
}

// pairTokens are the tokens a phrase is searched by: its pairs, or the
// word itself for a phrase of one.
func pairTokens(phrase []string) []string {
	if len(phrase) == 1 {
		return phrase
	}
	out := make([]string, 0, len(phrase)-1)
	for i := 0; i+1 < len(phrase); i++ {
		out = append(out, phrase[i]+pairJoiner+phrase[i+1])
	}
	return out
}
