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

// ThreadPageSize is how many top-level comments a page of an article's
// thread shows: the article page pages by it, and the newsroom's link to
// a comment finds its page with it.
const ThreadPageSize = 20

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
	if m, ok := FindWord(body, words); ok {
		if m.Refuse {
			return nil, news.Errorf(news.Invalid, "Bình luận có từ ngữ không phù hợp; vui lòng sửa lại")
		}
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

func notAlnum(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
