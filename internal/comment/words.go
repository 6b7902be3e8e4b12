package comment

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// WordMatch is a listed word or phrase found in a comment.
type WordMatch struct {
	Entry  string // as the paper listed it
	Refuse bool   // the comment is refused; otherwise it is flagged for the moderator
}

// FindWord looks for the paper's listed words and phrases in text, whole
// words only, and says what the find means. Text and entries are compared
// after NFC, lower case and one tone placement (hoà = hòa), so case, NFD
// input and extra spaces change nothing.
//
// Marks matter, because folding makes ordinary words of insults: "đồ
// ngủ" (pyjamas) and "do ngủ gật" fold to the "do ngu" of "đồ ngu", and
// "cho ma" to the "chó má". So:
//
//   - a banned entry found exactly, in a comment written with marks,
//     refuses it: "Đồ ngu" is refused, "Tôi đi ngủ" is not;
//   - found in a comment written entirely without marks ("do ngu"), or
//     found only when the comment's unmarked words are compared with the
//     entry's words folded (a phrase of two words or more written "do ngu"
//     inside an accented comment), it flags the comment instead: it may
//     be the insult with its marks left off, or an ordinary word, and
//     every comment waits for a moderator anyway;
//   - a review entry found either way flags the comment.
//
// Words written with separators between their letters ("n g u", "đ.ồ
// n.g.u") are found too, for entries of three letters or more.
func FindWord(text string, words news.CommentSettings) (WordMatch, bool) {
	t := newTextWords(text)
	var flagged *WordMatch
	for _, list := range []struct {
		entries []string
		banned  bool
	}{{words.Banned, true}, {words.Review, false}} {
		for _, e := range list.entries {
			switch t.find(e) {
			case exactMatch:
				if list.banned && t.marked {
					return WordMatch{Entry: e, Refuse: true}, true
				}
				if flagged == nil {
					flagged = &WordMatch{Entry: e}
				}
			case looseMatch:
				if flagged == nil {
					flagged = &WordMatch{Entry: e}
				}
			}
		}
	}
	if flagged != nil {
		return *flagged, true
	}
	return WordMatch{}, false
}

// NormalWords is text as the word lists compare it: NFC, lower case, one
// tone placement, split into words of letters and digits.
func NormalWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(vietnamese.NormalizeTone(s)), notAlnum)
}

type match int

const (
	noMatch match = iota
	looseMatch
	exactMatch
)

// textWords is a comment prepared once for every entry of the lists.
type textWords struct {
	marked bool     // the comment carries Vietnamese marks: its unmarked words are meant so
	words  []string // NormalWords
	plain  []bool   // the word carries no mark
	has    map[string]bool
	runs   []letterRun
}

// letterRun is letters written one by one with separators ("n g u"),
// joined.
type letterRun struct {
	joined string
	plain  bool
}

func newTextWords(text string) textWords {
	t := textWords{marked: vietnamese.HasVietnameseMarks(text), words: NormalWords(text), has: map[string]bool{}}
	t.plain = make([]bool, len(t.words))
	for i, w := range t.words {
		t.plain[i] = vietnamese.Fold(w) == w
		t.has[w] = true
	}
	for i := 0; i < len(t.words); {
		j := i
		for j < len(t.words) && utf8.RuneCountInString(t.words[j]) == 1 {
			j++
		}
		if j-i >= 2 {
			r := letterRun{joined: strings.Join(t.words[i:j], ""), plain: true}
			for _, p := range t.plain[i:j] {
				r.plain = r.plain && p
			}
			t.runs = append(t.runs, r)
		}
		i = max(j, i+1)
	}
	return t
}

// find looks for one entry: exactly, or loosely (the comment's unmarked
// words against the entry's words folded, for phrases and spaced letters).
func (t textWords) find(entry string) match {
	ew := NormalWords(entry)
	if len(ew) == 0 {
		return noMatch
	}
	folded := make([]string, len(ew))
	for i, w := range ew {
		folded[i] = vietnamese.Fold(w)
	}
	best := noMatch
	if t.has[ew[0]] || len(ew) > 1 && t.has[folded[0]] {
		for i := 0; i+len(ew) <= len(t.words); i++ {
			switch m := t.matchAt(i, ew, folded); m {
			case exactMatch:
				return m
			case looseMatch:
				best = m
			}
		}
	}
	joined, joinedFolded := strings.Join(ew, ""), strings.Join(folded, "")
	if utf8.RuneCountInString(joinedFolded) < 3 {
		return best
	}
	for _, r := range t.runs {
		if strings.Contains(r.joined, joined) {
			return exactMatch
		}
		if r.plain && strings.Contains(r.joined, joinedFolded) {
			best = looseMatch
		}
	}
	return best
}

// matchAt compares the entry's words with the comment's from word i.
func (t textWords) matchAt(i int, entry, folded []string) match {
	m := exactMatch
	for j, e := range entry {
		switch w := t.words[i+j]; {
		case w == e:
		case len(entry) > 1 && t.plain[i+j] && w == folded[j]:
			m = looseMatch
		default:
			return noMatch
		}
	}
	return m
}
