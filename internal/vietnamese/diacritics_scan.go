package vietnamese

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"
)

// wordCounts tallies the words of a text by what they say about its marks.
type wordCounts struct {
	marked  int // carries a Vietnamese letter or mark
	plain   int // bare syllable that is often written bare (isCommonPlain)
	missing int // bare syllable whose marked spellings are the usual ones
	keys    [keysSure + 1]int
}

// wordShape is what one pass over a word's runes tells about it.
type wordShape struct {
	letters, lower int
	digits, ascii  bool
}

// shapeOf counts the letters of w and notes whether it has digits and
// whether it is all ASCII. Vietnamese letters are settled by the fold table
// before the slower unicode lookups.
func shapeOf(w string) wordShape {
	sh := wordShape{ascii: true}
	for _, r := range w {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case 'a' <= r && r <= 'z':
				sh.letters++
				sh.lower++
			case 'A' <= r && r <= 'Z':
				sh.letters++
			case '0' <= r && r <= '9':
				sh.digits = true
			}
			continue
		case vietnameseBase(r) != 0:
			sh.letters++
			if r >= 0x1EA0 && r&1 == 1 || r < 0x1EA0 && unicode.IsLower(r) {
				sh.lower++ // U+1EA0-U+1EF9 alternate upper, lower
			}
		case unicode.IsLetter(r):
			sh.letters++
			if !unicode.IsUpper(r) {
				sh.lower++
			}
		case unicode.IsDigit(r):
			sh.digits = true
		}
		sh.ascii = false
	}
	return sh
}

// isShouting reports whether a text with capsWords words of two or more
// letters all in capitals and otherWords others is written in capitals: at
// least three such words and more of them than of the others. Shouted text
// is judged word by word like any other instead of being taken for a string
// of acronyms.
func isShouting(capsWords, otherWords int) bool {
	return capsWords >= 3 && capsWords > otherWords
}

// add counts the word w, of shape sh, into c. All-capital words reach here
// only as part of shouted text or in a count of their own (see
// CheckDiacritics), so capitals need no special case.
func (c *wordCounts) add(w string, sh wordShape) {
	switch {
	case sh.letters == 0: // a number
		return
	case HasVietnameseMarks(w):
		c.marked++
		return
	case !sh.ascii || len(w) > maxWordLen: // other alphabets, long loanwords
		return
	}
	var buf [maxWordLen]byte
	for i := 0; i < len(w); i++ {
		buf[i] = lowerASCII(w[i])
	}
	lw := string(buf[:len(w)])
	switch {
	case sh.digits:
		if isVNI(lw) {
			c.keys[keysSure]++
		}
	case isSyllable(lw):
		if isCommonPlain(lw) {
			c.plain++
		} else {
			c.missing++
		}
	case !isEnglishLookalike(lw):
		c.keys[telexLevel(lw)]++
	}
}

// merge adds the counts of o to c.
func (c *wordCounts) merge(o *wordCounts) {
	c.marked += o.marked
	c.plain += o.plain
	c.missing += o.missing
	for i := range c.keys {
		c.keys[i] += o.keys[i]
	}
}

// words yields the words of text: runs of letters, digits and combining
// marks, so "ĐT.8" gives "ĐT" and "8" and "bài-viết" gives two words.
// Whitespace-separated fields that are links or addresses are skipped
// whole, since their parts are not words the reader typed as prose.
func words(text string) iter.Seq[string] {
	return func(yield func(string) bool) {
		for field := range strings.FieldsSeq(text) {
			if isLinkOrAddress(field) {
				continue
			}
			start := -1
			for i, r := range field {
				in := isWordRune(r)
				switch {
				case in && start < 0:
					start = i
				case !in && start >= 0:
					if !yield(field[start:i]) {
						return
					}
					start = -1
				}
			}
			if start >= 0 && !yield(field[start:]) {
				return
			}
		}
	}
}

// isWordRune reports whether r belongs in a word: a letter, a digit or a
// combining mark. ASCII and Vietnamese letters, nearly every rune of a
// comment, skip the unicode table lookups.
func isWordRune(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	case vietnameseBase(r) != 0:
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r)
}

// isLinkOrAddress reports whether a whitespace-separated field is a URL or
// an e-mail address, which the moderator reviews and CheckDiacritics
// ignores.
func isLinkOrAddress(field string) bool {
	return strings.Contains(field, "://") || strings.Contains(field, "@") ||
		strings.HasPrefix(field, "www.") || strings.HasPrefix(field, "WWW.")
}
