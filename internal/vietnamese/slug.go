package vietnamese

import "unicode/utf8"

// maxSlug is the longest slug Slug returns, in bytes. Headlines of Vietnamese
// papers run to about 100 characters; a longer URL only hurts sharing.
const maxSlug = 120

// Slug makes the URL slug of a headline the way Vietnamese papers do, so
// links read like the title and match what readers see on other sites: the
// text is folded (marks dropped, đ→d, lower case), every run of characters
// outside [a-z0-9] becomes one '-', and '-' is trimmed from both ends.
//
//	"Nam Đàn nghe chuyện vị quan" → "nam-dan-nghe-chuyen-vi-quan"
//
// A slug longer than 120 bytes is cut at the last '-' that keeps it within
// 120 bytes, or at 120 bytes when the first word alone is longer. Text with
// no letter or digit that folds to ASCII gives "". Slug only folds as much of
// s as it needs, so a whole article passed by mistake costs little.
func Slug(s string) string {
	// out holds one byte past the cap so the cut can tell whether the
	// 121st byte starts a new word.
	var out [maxSlug + 1]byte
	n := 0
	dash := false
	var buf [64]byte
	for _, r := range s {
		var folded []byte
		switch {
		case r < utf8.RuneSelf:
			buf[0] = lowerASCII(byte(r))
			folded = buf[:1]
		case vietnameseBase(r) != 0:
			buf[0] = vietnameseBase(r)
			folded = buf[:1]
		default:
			folded = appendFoldRune(buf[:0], r, 0)
		}
		for _, c := range folded {
			if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				if dash && n > 0 {
					out[n] = '-'
					n++
				}
				dash = false
				if n < len(out) {
					out[n] = c
					n++
				}
			} else {
				dash = true
			}
			if n == len(out) {
				return string(cutSlug(out[:]))
			}
		}
	}
	return string(out[:n])
}

// cutSlug shortens a slug of maxSlug+1 bytes to at most maxSlug bytes,
// preferring to end at a word boundary and never ending with '-'.
func cutSlug(b []byte) []byte {
	if b[maxSlug] == '-' {
		return b[:maxSlug]
	}
	for i := maxSlug - 1; i > 0; i-- {
		if b[i] == '-' {
			return b[:i]
		}
	}
	return b[:maxSlug]
}
