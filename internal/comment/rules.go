// Package comment is reader comments: the rules a comment must pass
// (Vietnamese with diacritics, word lists, links, hidden characters),
// submission with rate limits and duplicate detection, and moderation.
// The article page's form, the public API and "toasoan check-comment" all
// apply exactly these rules.
package comment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Limits on what a reader may send.
const (
	MaxBody  = 3000 // characters
	MaxName  = 60
	MaxLinks = 2
)

// Flags a comment can carry to the moderator.
const (
	FlagLink   = "có liên kết"
	FlagReview = "có từ cần xem"
	FlagMarkup = "có mã HTML"
)

// linkPattern finds web addresses a reader wrote.
var linkPattern = regexp.MustCompile(`(?i)\b(?:https?://|www\.)\S+|\b[a-z0-9-]+\.(?:com|vn|net|org|info|xyz|top)\b\S*`)

// Inspect applies the rules to a comment's text (already NFC): a refusal
// is an Invalid error with the message the reader sees; otherwise the
// flags to show the moderator.
func Inspect(body string, words news.CommentSettings) ([]string, error) {
	if hasHiddenCharacters(body) {
		return nil, news.Errorf(news.Invalid, "Bình luận chứa ký tự ẩn hoặc ký tự đảo chiều văn bản; vui lòng gõ lại")
	}
	body = strings.TrimSpace(body)
	if body == "" {
		return nil, news.Errorf(news.Invalid, "Vui lòng nhập nội dung bình luận")
	}
	if utf8.RuneCountInString(body) > MaxBody {
		return nil, news.Errorf(news.Invalid, "Bình luận dài quá %d ký tự", MaxBody)
	}
	var flags []string
	links := len(linkPattern.FindAllString(body, -1))
	if links > MaxLinks {
		return nil, news.Errorf(news.Invalid, "Bình luận có quá nhiều liên kết (tối đa %d)", MaxLinks)
	}
	if links > 0 {
		flags = append(flags, FlagLink)
	}
	if matchWord(body, words.Banned) {
		return nil, news.Errorf(news.Invalid, "Bình luận có từ ngữ không phù hợp; vui lòng sửa lại")
	}
	if matchWord(body, words.Review) {
		flags = append(flags, FlagReview)
	}
	if strings.ContainsAny(body, "<>") {
		flags = append(flags, FlagMarkup)
	}
	if v := vietnamese.CheckDiacritics(body); !v.OK {
		return nil, news.Errorf(news.Invalid, "%s", v.Message)
	}
	return flags, nil
}

// hasHiddenCharacters finds zero-width and bidirectional control
// characters, used to hide words from filters or reverse what readers
// see. A zero-width joiner is allowed between emoji (family emoji use it).
func hasHiddenCharacters(s string) bool {
	runes := []rune(s)
	for i, r := range runes {
		switch {
		case r == '\u200d':
			if i == 0 || i == len(runes)-1 || !isEmoji(runes[i-1]) && runes[i-1] != '\ufe0f' || !isEmoji(runes[i+1]) {
				return true
			}
		case r == '\u200b', r == '\u200c', r == '\u2060', r == '\ufeff', r == '\u00ad',
			r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u061c', r == '\u200e', r == '\u200f':
			return true
		case unicode.Is(unicode.Cc, r) && r != '\n' && r != '\r' && r != '\t':
			return true
		}
	}
	return false
}

func isEmoji(r rune) bool {
	return r >= 0x1F300 && r <= 0x1FAFF || r >= 0x2600 && r <= 0x27BF
}

// matchWord finds a listed word or phrase in text, comparing folded text
// (with or without diacritics) by whole words, and also written with
// separators between letters, so "n.g.u" and "n g u" match "ngu".
func matchWord(text string, words []string) bool {
	if len(words) == 0 {
		return false
	}
	folded := vietnamese.Fold(text)
	spaced := " " + strings.Join(strings.FieldsFunc(folded, notAlnum), " ") + " "
	for _, w := range words {
		w = strings.Join(strings.FieldsFunc(vietnamese.Fold(w), notAlnum), " ")
		if w == "" {
			continue
		}
		if strings.Contains(spaced, " "+w+" ") {
			return true
		}
		// Spaced-out letters: only for words long enough not to hide
		// inside ordinary text by chance.
		if joined := strings.ReplaceAll(w, " ", ""); len(joined) >= 3 && spacedOut(folded, joined) {
			return true
		}
	}
	return false
}

// spacedOut reports whether word appears in text written with separators
// between its letters ("n g u", "n.g.u", "n-g-u").
func spacedOut(text, word string) bool {
	var b strings.Builder
	for _, r := range word {
		if b.Len() > 0 {
			b.WriteString(`[\s.\-_*]+`)
		}
		b.WriteString(regexp.QuoteMeta(string(r)))
	}
	re, err := regexp.Compile(`(^|[^a-z0-9])` + b.String() + `($|[^a-z0-9])`)
	return err == nil && re.MatchString(text)
}

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
