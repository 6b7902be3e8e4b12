package vietnamese

// maxWordLen is the longest word, in bytes, that is decoded as a syllable or
// as keystrokes. The longest Vietnamese syllables ("nghiêng", "khuyết") have
// seven letters and keystrokes add a few ("nghieengf" is nine, "dduwowngf"
// and "ngu7o7i2" add three); anything longer is a foreign word, a name run
// together or a code.
const maxWordLen = 12

// Levels of keystroke evidence a bare word carries, weakest first.
const (
	// keysNone: the word does not decode as keystrokes.
	keysNone = iota
	// keysTone: only the Telex tone letter s, r or x after the vowel, as
	// in "cas" for cá. English does this all the time ("bus", "is",
	// "box"), so it counts only in text with fewer than accentedMarks
	// marked words.
	keysTone
	// keysVowel: only the Telex vowel key ee, oo, ow or a lone w, as in
	// "Vieet", "tooi" or "nhw". English has "see", "moon", "now", "we",
	// so this too counts only in text with few marked words.
	keysVowel
	// keysSure: a VNI digit, a leading dd, a vowel key together with a
	// tone letter ("tieengs", "Vieetj", "nguwowif"), the vowel keys aa, aw
	// and uw ("nawm", "chuwa"), or the tone letters f and j ("baif",
	// "hocj"), which English hardly ever writes after a vowel. The English
	// words that do are few and listed in isEnglishLookalike.
	keysSure
)

// isVowel reports whether c, a lower-case ASCII letter, is a vowel.
func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// isToneKey reports whether c is one of the Telex keys for a tone: s sắc,
// f huyền, r hỏi, x ngã, j nặng. None of them can end a Vietnamese syllable
// and f and j are not Vietnamese letters at all, so after a vowel they can
// only be keystrokes.
func isToneKey(c byte) bool {
	switch c {
	case 's', 'f', 'r', 'x', 'j':
		return true
	}
	return false
}

// telexLevel decodes w, a lower-case ASCII word that is not itself a
// Vietnamese syllable, as Telex keystrokes a keyboard program failed to
// convert, and returns how sure that reading is (keysNone to keysSure). The
// reading must give a real syllable shape: "tieengs" is tiếng, "dduwowngf"
// is đường, but "facebook" and "stress" decode to nothing. A second tone
// letter ("messi") rules the reading out.
func telexLevel(w string) int {
	if len(w) > maxWordLen {
		return keysNone
	}
	var buf [maxWordLen]byte
	n, tones, vowelSeen, strong := 0, 0, false, false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if vowelSeen && isToneKey(c) {
			tones++
			strong = strong || c == 'f' || c == 'j'
			continue
		}
		vowelSeen = vowelSeen || isVowel(c)
		buf[n] = c
		n++
	}
	if tones > 1 {
		return keysNone
	}
	// Collapse the vowel keys in place: dd→d, aa→a, ee→e, oo→o, and w
	// either marks the vowel before it (aw ow uw) or stands for ư.
	j, vowelKeys, dd, breve := 0, 0, false, false
	for i := 0; i < n; i++ {
		c := buf[i]
		switch {
		case i == 0 && c == 'd' && n > 1 && buf[1] == 'd':
			dd = true
			i++
		case c == 'w' && j > 0 && (buf[j-1] == 'a' || buf[j-1] == 'o' || buf[j-1] == 'u'):
			vowelKeys++
			breve = breve || buf[j-1] == 'a'
			strong = strong || buf[j-1] != 'o'
			continue
		case c == 'w':
			vowelKeys++
			c = 'u'
		case (c == 'a' || c == 'e' || c == 'o') && j > 0 && buf[j-1] == c:
			vowelKeys++
			strong = strong || c == 'a'
			continue
		}
		buf[j] = c
		j++
	}
	skeleton := string(buf[:j])
	if !isSyllable(skeleton) || breve && !hasFinalConsonant(skeleton) {
		return keysNone
	}
	switch {
	case dd || strong || vowelKeys > 0 && tones > 0:
		return keysSure
	case vowelKeys > 0:
		return keysVowel
	case tones > 0:
		return keysTone
	}
	return keysNone
}

// isVNI reports whether w, a lower-case ASCII word of letters and digits, is
// a syllable typed with VNI that was never converted: "kho6ng" is không,
// "d9u7a" is đưa. Each digit must make sense where it stands (1-5 a tone
// after a vowel, at most one; 6 circumflex after a, e or o; 7 horn after o
// or u; 8 breve after a; 9 đ after a leading d) and the letters must form
// a syllable. That keeps out model numbers and codes: "u23" and "lead125"
// have two tone digits, "h5n1" and "mp3" put a tone before any vowel,
// "covid19" has a 9 with no d to turn into đ, "iphone6" is not one syllable,
// and 0 is never a leftover. The digits may come in either order ("ta56p"
// and "ta65p" are both tập), as VNI keyboards accept both.
func isVNI(w string) bool {
	if len(w) > maxWordLen || w == "" || w[0] < 'a' || w[0] > 'z' {
		return false
	}
	var buf [maxWordLen]byte
	n, digits := 0, 0
	tone := false
	var seen [10]int // how often each digit occurred
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < '0' || c > '9' {
			buf[n] = c
			n++
			continue
		}
		d := c - '0'
		seen[d]++
		digits++
		letters := string(buf[:n])
		switch {
		case d == 0:
			return false
		case d <= 5:
			if tone || !containsVowel(letters) {
				return false
			}
			tone = true
		case d == 6 && (seen[6] > 1 || !containsAny(letters, "aeo")),
			d == 7 && (seen[7] > 2 || !containsAny(letters, "ou")),
			d == 8 && (seen[8] > 1 || !containsAny(letters, "a")),
			d == 9 && (seen[9] > 1 || letters[0] != 'd'):
			return false
		}
	}
	skeleton := string(buf[:n])
	if digits == 0 || n < 2 || !isSyllable(skeleton) {
		return false
	}
	return seen[8] == 0 || hasFinalConsonant(skeleton)
}

// containsVowel reports whether the lower-case ASCII s has a vowel.
func containsVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

// containsAny reports whether s contains any byte of chars; both are ASCII.
// It saves strings.ContainsAny's rune decoding on a hot path.
func containsAny(s, chars string) bool {
	for i := 0; i < len(s); i++ {
		for k := 0; k < len(chars); k++ {
			if s[i] == chars[k] {
				return true
			}
		}
	}
	return false
}
