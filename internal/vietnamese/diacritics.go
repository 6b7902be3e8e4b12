package vietnamese

import (
	"iter"
	"strings"
	"unicode"
)

// Reasons CheckDiacritics gives for refusing a comment. They are short,
// ASCII and stable, so the moderation queue and the check-comment tool can
// count and filter on them.
const (
	// ReasonNoMarks: Vietnamese typed without diacritics ("khong dau").
	ReasonNoMarks = "khong-dau"
	// ReasonTelex: Telex or VNI keystrokes a keyboard program did not turn
	// into letters ("tieengs", "Kho6ng").
	ReasonTelex = "telex"
)

// Messages shown to the reader, in the words Vietnamese papers print under
// their comment forms.
const (
	MessageNoMarks = "Vui lòng gõ tiếng Việt có dấu"
	MessageTelex   = "Vui lòng gõ tiếng Việt có dấu (bộ gõ chưa chuyển chữ, ví dụ “tieengs” thay vì “tiếng”)"
)

// The thresholds below were set against testdata/diacritics (see
// TestDiacriticsCorpus), where they refuse no correctly accented line.
const (
	// minBareWords is how many Vietnamese-shaped words without marks a text
	// needs before it can be refused for missing marks. Replies like "ok",
	// "hay" or "Anh Minh" are correct Vietnamese as they stand.
	minBareWords = 3
	// maxMarkedShare: a text is refused for missing marks only when fewer
	// than half of its Vietnamese-shaped words carry one. Normal prose has
	// about 88 % (REFERENCE-vi.md); chatty comments full of "anh", "em",
	// "cho" still stay above half once loanwords are set aside.
	maxMarkedShare = 0.5
	// minMissingMixed is how many bare words outside isCommonPlain a text
	// that has some marks needs before it is refused: one can be an English
	// word of Vietnamese shape ("hot", "top"), two in a text where most
	// words are bare cannot. In a text with no mark at all one is enough.
	minMissingMixed = 2
)

// Verdict is the outcome of checking a comment's text.
type Verdict struct {
	OK bool
	// Reason is "" when OK, otherwise ReasonNoMarks or ReasonTelex.
	Reason string
	// Message is "" when OK, otherwise the Vietnamese message for the
	// reader (MessageNoMarks or MessageTelex).
	Message string
	// Score is the share of the text's Vietnamese-shaped words that carry
	// a Vietnamese letter or mark, from 0 to 1; 1 when there is no such
	// word to judge. Normal prose scores about 0.88.
	Score float64
}

// wordCounts tallies the words of a text by what they say about its marks.
type wordCounts struct {
	marked  int // carries a Vietnamese letter or mark
	plain   int // bare syllable that is often written bare (isCommonPlain)
	missing int // bare syllable whose marked spellings are the usual ones
	keys    [keysSure + 1]int
}

// CheckDiacritics decides whether text is Vietnamese written with its marks,
// the rule Vietnamese papers print under every comment form ("Vui lòng gõ
// tiếng Việt có dấu"). It refuses a text when it finds
//
//   - a sure keyboard leftover: a VNI digit inside a syllable ("Kho6ng"), a
//     leading dd ("ddwa") or a Telex vowel key with a tone letter
//     ("tieengs"), in any text; or
//   - at least minBareWords Vietnamese-shaped words without marks, fewer
//     than maxMarkedShare of all such words with marks, and enough bare
//     words whose marked spellings are the usual ones (one in a text with no
//     marks, minMissingMixed otherwise). It answers ReasonTelex instead of
//     ReasonNoMarks when some of those bare words are Telex vowel keys.
//
// Words are judged one by one after NFC: URLs, e-mail addresses, numbers,
// all-capital acronyms (UBND, OCOP) and words that cannot be one Vietnamese
// syllable (English words, names run together, words with f, j, w or z that
// do not decode as keystrokes) are set aside, so loanwords and names in
// accented text do not count against it. So "toi thay bài viết nay rat hay"
// is refused: "toi" and "rat" lack marks, and only two of seven words have
// them. A text with nothing to judge ("👍", "100%", a bare link) is OK and
// left to the moderator.
func CheckDiacritics(text string) Verdict {
	text = NFC(text)
	shouting := isShouting(text)
	var c wordCounts
	for w := range words(text) {
		countWord(&c, w, shouting)
	}
	return c.verdict()
}

// verdict applies the rules documented on CheckDiacritics to the counts.
func (c *wordCounts) verdict() Verdict {
	bare := c.plain + c.missing + c.keys[keysTone] + c.keys[keysVowel] + c.keys[keysSure]
	score := 1.0
	if total := c.marked + bare; total > 0 {
		score = float64(c.marked) / float64(total)
	}
	if c.keys[keysSure] > 0 {
		return refuse(ReasonTelex, score)
	}
	missing := c.missing + c.keys[keysTone] + c.keys[keysVowel]
	need := 1
	if c.marked > 0 {
		need = minMissingMixed
	}
	if bare >= minBareWords && score < maxMarkedShare && missing >= need {
		if c.keys[keysVowel] > 0 {
			return refuse(ReasonTelex, score)
		}
		return refuse(ReasonNoMarks, score)
	}
	return Verdict{OK: true, Score: score}
}

// refuse builds the Verdict for a refused text.
func refuse(reason string, score float64) Verdict {
	msg := MessageNoMarks
	if reason == ReasonTelex {
		msg = MessageTelex
	}
	return Verdict{Reason: reason, Message: msg, Score: score}
}

// countWord adds one word of the text to c. shouting means the text is
// typed in capitals, so capitals do not mark an acronym.
func countWord(c *wordCounts, w string, shouting bool) {
	var letters, upper, lower int
	ascii, digits := true, false
	for _, r := range w {
		switch {
		case unicode.IsDigit(r):
			digits = true
		case unicode.IsLetter(r):
			letters++
			if unicode.IsUpper(r) {
				upper++
			} else {
				lower++
			}
		}
		ascii = ascii && r < 0x80
	}
	switch {
	case letters == 0: // a number
		return
	case letters >= 2 && lower == 0 && !shouting: // UBND, QR, HA1: a code
		return
	case HasVietnameseMarks(w):
		c.marked++
		return
	case !ascii || len(w) > maxWordLen: // other alphabets, long loanwords
		return
	}
	var buf [maxWordLen]byte
	for i := 0; i < len(w); i++ {
		buf[i] = lowerASCII(w[i])
	}
	lw := string(buf[:len(w)])
	switch {
	case digits:
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

// isShouting reports whether text is written in capitals: at least three
// words of two or more letters, more of them all capitals than not. Such
// text is judged word by word like any other instead of being taken for a
// string of acronyms.
func isShouting(text string) bool {
	caps, other := 0, 0
	for w := range words(text) {
		var letters, lower int
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					lower++
				}
			}
		}
		switch {
		case letters < 2:
		case lower == 0:
			caps++
		default:
			other++
		}
	}
	return caps >= 3 && caps > other
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
				in := unicode.IsLetter(r) || unicode.IsDigit(r) || isMark(r)
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

// isLinkOrAddress reports whether a whitespace-separated field is a URL or
// an e-mail address, which the moderator reviews and CheckDiacritics
// ignores.
func isLinkOrAddress(field string) bool {
	return strings.Contains(field, "://") || strings.Contains(field, "@") ||
		strings.HasPrefix(field, "www.") || strings.HasPrefix(field, "WWW.")
}
