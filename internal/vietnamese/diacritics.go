package vietnamese

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
	// "cho" go lower, which is why bare words in isCommonPlain do not count
	// as missing marks.
	maxMarkedShare = 0.5
	// accentedMarks is how many marked words show that the reader types
	// with a Vietnamese keyboard. A single mark is what a pasted name or an
	// autocorrected word leaves. In text with this many, words that only
	// look like weak keystrokes ("see", "bus", "Moon") are taken for English
	// and set aside, and minMissingMixed bare words are needed for a
	// refusal instead of one.
	accentedMarks = 2
	// minMissingMixed is how many bare words outside isCommonPlain an
	// accented text (accentedMarks or more) needs before it is refused: one
	// can be an English word of Vietnamese shape ("hot", "top") or a name,
	// two in a text where most words are bare cannot.
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

// CheckDiacritics decides whether text is Vietnamese written with its marks,
// the rule Vietnamese papers print under every comment form ("Vui lòng gõ
// tiếng Việt có dấu"). Text may be NFC or not; it is normalized first.
//
// Each word is sorted into: marked (HasVietnameseMarks), bare syllable
// often written bare (isCommonPlain: "anh", "cho", "hay"), bare syllable
// whose marked spellings are the usual ones ("toi", "khong"), keystroke
// leftover (telexLevel, isVNI) or set aside. Set aside are URLs, e-mail
// addresses, numbers, all-capital acronyms and codes (UBND, OCOP, HA1) and
// words that are not one Vietnamese syllable: English words, names run
// together, words with f, j, w or z that do not decode as keystrokes. The
// text is then refused when it has
//
//   - a sure keyboard leftover (keysSure: "Kho6ng", "ddwa", "tieengs",
//     "nawm", "baif"), whatever else it holds; or
//   - at least minBareWords bare Vietnamese-shaped words, fewer than
//     maxMarkedShare of its Vietnamese-shaped words marked, and at least
//     one bare word whose marked spellings are the usual ones, or
//     minMissingMixed of them in text with accentedMarks marked words. In
//     text with fewer marked words, weak keystroke-like words ("cas",
//     "tooi") count as such bare words too, and make the reason
//     ReasonTelex when a Telex vowel key is among them.
//
// So "toi thay bài viết nay rat hay" is refused: two of its seven words
// carry marks and "toi" and "rat" are bare. "Anh Minh", "ok" and "hay" are
// too short to judge, and a text with nothing to judge ("👍", "100%", a bare
// link) is OK and left to the moderator. Text wholly in English is often
// refused too, since many English words have the shape of bare Vietnamese
// syllables; that is the paper's rule anyway.
func CheckDiacritics(text string) Verdict {
	// Words all in capitals are counted apart and join the rest only when
	// the text is shouting (isShouting); otherwise they are acronyms.
	var c, caps wordCounts
	capsWords, otherWords := 0, 0
	for w := range words(NFC(text)) {
		sh := shapeOf(w)
		switch {
		case sh.letters >= 2 && sh.lower == 0:
			capsWords++
			caps.add(w, sh)
		case sh.letters >= 2:
			otherWords++
			c.add(w, sh)
		default:
			c.add(w, sh)
		}
	}
	if isShouting(capsWords, otherWords) {
		c.merge(&caps)
	}
	return c.verdict()
}

// verdict applies the rules documented on CheckDiacritics to the counts.
func (c *wordCounts) verdict() Verdict {
	weak, need := c.keys[keysTone]+c.keys[keysVowel], 1
	if c.marked >= accentedMarks {
		weak, need = 0, minMissingMixed
	}
	bare := c.plain + c.missing + weak + c.keys[keysSure]
	score := 1.0
	if total := c.marked + bare; total > 0 {
		score = float64(c.marked) / float64(total)
	}
	switch {
	case c.keys[keysSure] > 0:
		return refuse(ReasonTelex, score)
	case bare < minBareWords || score >= maxMarkedShare || c.missing+weak < need:
		return Verdict{OK: true, Score: score}
	case weak > 0 && c.keys[keysVowel] > 0:
		return refuse(ReasonTelex, score)
	}
	return refuse(ReasonNoMarks, score)
}

// refuse builds the Verdict for a refused text.
func refuse(reason string, score float64) Verdict {
	msg := MessageNoMarks
	if reason == ReasonTelex {
		msg = MessageTelex
	}
	return Verdict{Reason: reason, Message: msg, Score: score}
}
