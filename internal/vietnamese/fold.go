// Package vietnamese holds the text and date rules a Vietnamese newspaper
// needs everywhere: Unicode normalization, folding for search and comparison,
// URL slugs, tone-mark placement and the way papers print dates. Everything
// here is a pure function of its arguments, so it is safe to call from any
// goroutine and easy to fuzz.
package vietnamese

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C. Text arrives decomposed from
// macOS and some keyboards and sites, and two spellings of the same word must
// not be stored as different strings; every input is passed through here
// before it is stored or compared. Already-normal text is returned as is:
// QuickSpanString settles almost all of it without allocating (IsNormalString
// always allocates a little), and IsNormalString settles the rest.
func NFC(s string) string {
	if norm.NFC.QuickSpanString(s) == len(s) || norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

// latin1Base maps the Latin-1 letters Vietnamese uses to their ASCII base
// letter, indexed by (r-0xC0)&0x1F: upper case (U+00C0-U+00DF) and lower case
// (U+00E0-U+00FF) share one layout. 0 marks letters Vietnamese does not use
// (Ä, Ç, Ñ, ...), which take the general path in Fold.
const latin1Base = "aaaa\x00\x00\x00\x00" + // À Á Â Ã, Ä Å Æ Ç
	"eee\x00ii\x00\x00" + // È É Ê, Ë, Ì Í, Î Ï
	"\x00\x00oooo\x00\x00" + // Ð Ñ, Ò Ó Ô Õ, Ö ×
	"\x00uu\x00\x00y\x00\x00" // Ø, Ù Ú, Û Ü, Ý, Þ ß

// extendedBase maps U+1EA0-U+1EF9 (Latin Extended Additional from Ạ to ỹ),
// all of which are Vietnamese vowels with a tone, to their ASCII base letter.
const extendedBase = "aaaaaaaaaaaaaaaaaaaaaaaa" + // Ạ ạ ... Ặ ặ
	"eeeeeeeeeeeeeeee" + // Ẹ ẹ ... Ệ ệ
	"iiii" + // Ỉ ỉ Ị ị
	"oooooooooooooooooooooooo" + // Ọ ọ ... Ợ ợ
	"uuuuuuuuuuuuuu" + // Ụ ụ ... Ự ự
	"yyyyyyyy" // Ỳ ỳ ... Ỹ ỹ

// vietnameseBase returns the lower-case ASCII letter a precomposed Vietnamese
// letter folds to, or 0 for any other rune. It is the table lookup that keeps
// Fold fast on article bodies, where nearly every word has such a letter; it
// also covers đ/Đ, which have no Unicode decomposition.
func vietnameseBase(r rune) byte {
	switch {
	case r >= 0xC0 && r <= 0xFF:
		return latin1Base[(r-0xC0)&0x1F]
	case r >= 0x1EA0 && r <= 0x1EF9:
		return extendedBase[r-0x1EA0]
	}
	switch r {
	case 'Ă', 'ă':
		return 'a'
	case 'Đ', 'đ':
		return 'd'
	case 'Ĩ', 'ĩ':
		return 'i'
	case 'Ơ', 'ơ':
		return 'o'
	case 'Ũ', 'ũ', 'Ư', 'ư':
		return 'u'
	}
	return 0
}

// isMark reports whether r is a nonspacing combining mark, the marks Fold
// drops. The Combining Diacritical Marks block is checked first because it
// holds every mark Vietnamese text uses.
func isMark(r rune) bool {
	if r < 0x300 {
		return false
	}
	if r <= 0x36F {
		return true
	}
	return unicode.Is(unicode.Mn, r)
}

// isVietnameseMark reports whether r is one of the eight combining marks
// Vietnamese writes with: the five tones (grave, acute, tilde, hook above,
// dot below) and circumflex, breve and horn.
func isVietnameseMark(r rune) bool {
	switch r {
	case 0x300, 0x301, 0x302, 0x303, 0x306, 0x309, 0x31B, 0x323:
		return true
	}
	return false
}

// HasVietnameseMarks reports whether s contains a letter only written
// Vietnamese carries: a precomposed Vietnamese letter with a mark (á, ơ, ữ,
// ...), đ or Đ, or one of the combining marks Vietnamese uses (decomposed
// input). Text typed without diacritics has none, which is what later checks
// build on. Letters from other languages (ä, ñ, ç) do not count; é, è, à and
// the like do, since Vietnamese uses them too.
func HasVietnameseMarks(s string) bool {
	for _, r := range s {
		if r < 0xC0 {
			continue
		}
		if vietnameseBase(r) != 0 || isVietnameseMark(r) {
			return true
		}
	}
	return false
}

// Fold maps s to the form search and comparison use: combining marks removed
// (whether s is NFC or NFD), đ and Đ turned into d, and letters lower-cased
// with Unicode rules; everything else is kept. "Đường Hoà Bình" and
// "đường hòa bình" both fold to "duong hoa binh", so tone placement and case
// stop mattering. It runs over every article body, so Vietnamese letters go
// through a table, other runes through norm's NFD data, and text that is
// already lower-case ASCII is returned without allocating.
func Fold(s string) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			break
		}
		i++
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	var buf [64]byte
	for i < len(s) {
		if c := s[i]; c < utf8.RuneSelf {
			b.WriteByte(lowerASCII(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if c := vietnameseBase(r); c != 0 {
			b.WriteByte(c)
		} else {
			b.Write(appendFoldRune(buf[:0], r, 0))
		}
	}
	return b.String()
}

// lowerASCII lower-cases one ASCII byte.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// appendFoldRune appends the folded form of r to dst: the general path for
// runes outside the Vietnamese table. A rune is decomposed canonically (what
// NFD does to it), its marks dropped and its letters lower-cased; the result
// of lower-casing is folded again, so Fold is idempotent. depth bounds that
// recursion; real Unicode data needs two levels at most. The decomposition
// comes from norm's tables without allocating, since curly quotes, dashes and
// other non-Vietnamese runes are common in articles.
func appendFoldRune(dst []byte, r rune, depth int) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(dst, lowerASCII(byte(r)))
	case vietnameseBase(r) != 0:
		return append(dst, vietnameseBase(r))
	case isMark(r):
		return dst
	case depth > 3:
		return utf8.AppendRune(dst, r)
	case hangulFirst <= r && r <= hangulLast:
		return appendHangul(dst, r)
	}
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], r)
	if d := norm.NFD.Properties(enc[:n]).Decomposition(); d != nil {
		for len(d) > 0 {
			dr, size := utf8.DecodeRune(d)
			dst = appendFoldRune(dst, dr, depth+1)
			d = d[size:]
		}
		return dst
	}
	if l := unicode.ToLower(r); l != r {
		return appendFoldRune(dst, l, depth+1)
	}
	return utf8.AppendRune(dst, r)
}

// The precomposed Hangul syllables, which norm decomposes by algorithm
// rather than from its tables (Unicode 16.0, section 3.12).
const (
	hangulFirst  = 0xAC00
	hangulLast   = 0xD7A3
	hangulLeadL  = 0x1100
	hangulLeadV  = 0x1161
	hangulLeadT  = 0x11A7
	hangulCountT = 28
	hangulCountN = 21 * hangulCountT
)

// appendHangul appends the conjoining jamo NFD turns the syllable r into, so
// Korean folds the same whether it arrives composed or decomposed.
func appendHangul(dst []byte, r rune) []byte {
	i := r - hangulFirst
	dst = utf8.AppendRune(dst, hangulLeadL+i/hangulCountN)
	dst = utf8.AppendRune(dst, hangulLeadV+i%hangulCountN/hangulCountT)
	if t := i % hangulCountT; t != 0 {
		dst = utf8.AppendRune(dst, hangulLeadT+t)
	}
	return dst
}
