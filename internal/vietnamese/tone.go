package vietnamese

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tonedVowels lists, for each vowel whose tone NormalizeTone moves, the
// letter without a tone followed by the letter with each of the five tones
// in the order grave, acute, hook above, tilde, dot below.
var tonedVowels = [...][6]rune{
	{'a', 'à', 'á', 'ả', 'ã', 'ạ'},
	{'A', 'À', 'Á', 'Ả', 'Ã', 'Ạ'},
	{'e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'},
	{'E', 'È', 'É', 'Ẻ', 'Ẽ', 'Ẹ'},
	{'o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'},
	{'O', 'Ò', 'Ó', 'Ỏ', 'Õ', 'Ọ'},
	{'u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'},
	{'U', 'Ù', 'Ú', 'Ủ', 'Ũ', 'Ụ'},
	{'y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'},
	{'Y', 'Ỳ', 'Ý', 'Ỷ', 'Ỹ', 'Ỵ'},
}

// secondVowelTones holds every toned a, e and y: a string with none of them
// has no oa, oe or uy syllable with the tone on the second vowel.
const secondVowelTones = "àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ"

// splitTone splits r into the same vowel without its tone and the tone's
// number (1-5, see tonedVowels); it returns r and 0 when r is not one of
// those vowels or has no tone.
func splitTone(r rune) (base rune, tone int) {
	for _, row := range tonedVowels {
		for t, v := range row {
			if v == r {
				return row[0], t
			}
		}
	}
	return r, 0
}

// withTone puts tone (1-5) on the toneless vowel base.
func withTone(base rune, tone int) rune {
	for _, row := range tonedVowels {
		if row[0] == base {
			return row[tone]
		}
	}
	return base
}

// NormalizeTone moves tone marks in oa, oe and uy syllables to one canonical
// place, so a search that compares diacritics exactly treats "hoà" and "hòa"
// as the same word. Both placements are correct Vietnamese and papers and
// keyboards mix them. The canonical one is hòa, thủy, khỏe: the placement
// most Vietnamese papers print, which Vietnamese writers call "kiểu cũ"
// (the traditional style).
// The other, hoà, thuỷ, khoẻ ("kiểu mới"), puts the tone on the main vowel
// of the syllable, as some spelling rules and textbooks do.
//
// The rule: in a syllable whose nucleus is oa, oe or uy and which has no final
// consonant (the next character is not a letter), the tone goes on the first
// vowel: hoà→hòa, hoá→hóa, khoẻ→khỏe, thuỷ→thủy, uỷ→ủy. With a final
// consonant or a third vowel the tone stays on the second vowel in both
// styles (hoàng, toán, ngoài, khuyến) and nothing changes. In quy the u
// belongs to the consonant qu, so quý, quỳ and quỹ keep their tone on y.
// Case is kept letter by letter (Hoà→Hòa, HOÀ→HÒA). The result is NFC even
// when s is not, since a tone in decomposed text is a separate mark.
func NormalizeTone(s string) string { return NormalizeToneNFC(NFC(s)) }

// NormalizeToneNFC is NormalizeTone of text already in NFC, as everything
// stored is: it skips the normalization, the larger part of the cost.
func NormalizeToneNFC(s string) string {
	if !hasTonedSecondVowel(s) {
		return s
	}
	rs := []rune(s)
	changed := false
	for i := 0; i+1 < len(rs); i++ {
		first := rs[i]
		if f := first | 0x20; f != 'o' && f != 'u' { // only oa, oe and uy move a tone
			continue
		}
		second, tone := splitTone(rs[i+1])
		if tone == 0 || !isToneNucleus(first, second) {
			continue
		}
		if i+2 < len(rs) && (unicode.IsLetter(rs[i+2]) || isMark(rs[i+2])) {
			continue
		}
		if unicode.ToLower(first) == 'u' && i > 0 && unicode.ToLower(rs[i-1]) == 'q' {
			continue
		}
		rs[i] = withTone(first, tone)
		rs[i+1] = second
		changed = true
	}
	if !changed {
		return s
	}
	return string(rs)
}

// hasTonedSecondVowel reports whether s has o or u followed by a toned a,
// e or y: the only places a tone may move.
func hasTonedSecondVowel(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if c := s[i] | 0x20; c == 'o' || c == 'u' {
			r, _ := utf8.DecodeRuneInString(s[i+1:])
			if r >= utf8.RuneSelf && strings.ContainsRune(secondVowelTones, r) {
				return true
			}
		}
	}
	return false
}

// isToneNucleus reports whether first and second, both without a tone, are
// the nucleus oa, oe or uy in any case.
func isToneNucleus(first, second rune) bool {
	switch unicode.ToLower(first) {
	case 'o':
		s := unicode.ToLower(second)
		return s == 'a' || s == 'e'
	case 'u':
		return unicode.ToLower(second) == 'y'
	}
	return false
}
