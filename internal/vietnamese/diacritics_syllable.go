package vietnamese

import "strings"

// isSyllable reports whether s, a lower-case ASCII word (a folded Vietnamese
// word or raw keystrokes), has the shape of one Vietnamese syllable: an onset
// and a rime from isRime, spelt by the rules that keep c, k, g, gh, ng and
// ngh apart. It is the test that separates Vietnamese typed without marks
// ("nguoi", "duong") from English and from Telex leftovers ("tieengs",
// "dduwowngf"), which no Vietnamese syllable looks like. Tones and the
// letters ă â ê ô ơ ư are gone after folding, so the shape is all that can
// be checked.
func isSyllable(s string) bool {
	if s == "" {
		return false
	}
	// The onsets, longest first so that "nghe" is read as ngh+e and not
	// ng+he. đ has folded to d by the time a word gets here. p is kept for
	// the loanwords Vietnamese spells with it (pin, pa-nô).
	onsets := [...]string{
		"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
		"b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
		"",
	}
	for _, on := range onsets {
		if !strings.HasPrefix(s, on) {
			continue
		}
		rime := s[len(on):]
		if isRime(rime) && spelledRight(on, rime) {
			return true
		}
	}
	return false
}

// spelledRight applies the spelling rules that tie an onset to the vowel
// after it: k, gh and ngh come before e, i and y, and c, g and ng never do
// (g before i is the gi of "gì"); qu carries its own u, so it is not
// followed by another u or by the oa/oe/oo glides; y starts a rime only
// without an onset (yên, yêu), except in the uy rimes.
func spelledRight(onset, rime string) bool {
	front := rime[0] == 'e' || rime[0] == 'i' || rime[0] == 'y'
	switch onset {
	case "k", "gh", "ngh":
		return front
	case "c", "ng":
		return !front
	case "g":
		return rime[0] != 'e' && rime[0] != 'y'
	case "qu":
		return rime[0] != 'u' && !strings.HasPrefix(rime, "oa") &&
			!strings.HasPrefix(rime, "oe") && !strings.HasPrefix(rime, "oo")
	case "":
		return true
	}
	return rime[0] != 'y' || len(rime) == 1
}

// isRime reports whether s is the folded rime (vowels plus final consonant)
// of a Vietnamese syllable. The list is the rimes of the language with ă, â,
// ê, ô, ơ and ư folded to their base letters, so "uong" stands for uông and
// ương alike. Finals are c, ch, m, n, ng, nh, p and t; ch and nh follow only
// a, ê, i, oa, uê and uy, and the diphthongs iê, yê and uô/ươ always need a
// final or a glide.
func isRime(s string) bool {
	switch s {
	// Open rimes: no final consonant.
	case "a", "e", "i", "o", "u", "y",
		"ai", "ao", "au", "ay", "eo", "eu", "ia", "iu", "oa", "oe", "oi",
		"ua", "ue", "ui", "uu", "uy", "uo",
		"oai", "oay", "oao", "oeo", "uay", "uoi", "uou", "ieu", "yeu",
		"uya", "uyu":
		return true
	// Closed rimes, grouped by vowel.
	case "ac", "ach", "am", "an", "ang", "anh", "ap", "at",
		"ec", "ech", "em", "en", "eng", "enh", "ep", "et",
		"ich", "im", "in", "inh", "ip", "it",
		"oc", "om", "on", "ong", "op", "ot",
		"uc", "um", "un", "ung", "up", "ut",
		"oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat",
		"oen", "oet", "ooc", "oong",
		"iec", "iem", "ien", "ieng", "iep", "iet",
		"yem", "yen", "yet",
		"uoc", "uom", "uon", "uong", "uop", "uot",
		"uan", "uang", "uat", "uech", "uenh",
		"uych", "uynh", "uyt", "uyen", "uyet",
		"ynh", "yt": // after qu: quỳnh, quýt

		return true
	}
	return false
}

// hasFinalConsonant reports whether the folded syllable s ends in a
// consonant. Telex "aw" makes ă, which never ends a syllable (ăn, ắt, but no
// bare ă), so a decoding that leaves ă open is not Vietnamese.
func hasFinalConsonant(s string) bool {
	if s == "" {
		return false
	}
	switch s[len(s)-1] {
	case 'c', 'h', 'm', 'n', 'g', 'p', 't':
		return true
	}
	return false
}
