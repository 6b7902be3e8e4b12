package news

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// PopupPages says which reader pages show an announcement.
type PopupPages string

// The pages an announcement can show on.
const (
	PopupAllPages PopupPages = "all"
	PopupHome     PopupPages = "home"
	PopupArticles PopupPages = "articles"
)

// PopupFrequency says how often a reader sees an announcement.
type PopupFrequency string

// How often: once per reader, once a day, or on every visit until closed.
const (
	PopupOnce  PopupFrequency = "once"
	PopupDaily PopupFrequency = "daily"
	PopupVisit PopupFrequency = "visit"
)

// Popup is an announcement shown to readers between two times, closed
// with "Tắt [X]".
type Popup struct {
	ID        int64
	Title     string
	Body      string // plain text; the page escapes it
	Link      string // optional: an https:// URL or a path on the site
	ImageID   int64  // optional: a photo of the media library
	Image     *Image
	StartsAt  time.Time
	EndsAt    time.Time
	Pages     PopupPages
	Frequency PopupFrequency
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks an announcement as the newsroom's form fills it: a
// one-line title, a short body, a safe link, an end after the start, and
// choices from the lists.
func (p Popup) Validate() error {
	switch {
	case p.Title == "":
		return Errorf(Invalid, "Vui lòng nhập tiêu đề thông báo")
	case utf8.RuneCountInString(p.Title) > 200 || strings.ContainsFunc(p.Title, unicode.IsControl):
		return Errorf(Invalid, "Tiêu đề dài tối đa 200 ký tự, trên một dòng")
	case utf8.RuneCountInString(p.Body) > 2000:
		return Errorf(Invalid, "Nội dung thông báo dài tối đa 2.000 ký tự")
	case !validLink(p.Link):
		return Errorf(Invalid, "Liên kết %q không hợp lệ: cần địa chỉ https://... hoặc đường dẫn bắt đầu bằng /", Clip(p.Link, 40))
	case p.StartsAt.IsZero() || p.EndsAt.IsZero():
		return Errorf(Invalid, "Vui lòng nhập thời gian bắt đầu và kết thúc")
	case !p.EndsAt.After(p.StartsAt):
		return Errorf(Invalid, "Thời gian kết thúc phải sau thời gian bắt đầu")
	}
	switch p.Pages {
	case PopupAllPages, PopupHome, PopupArticles:
	default:
		return Errorf(Invalid, "Vui lòng chọn trang hiện thông báo")
	}
	switch p.Frequency {
	case PopupOnce, PopupDaily, PopupVisit:
	default:
		return Errorf(Invalid, "Vui lòng chọn mức độ hiện thông báo")
	}
	return nil
}

// validLink accepts nothing, a path on the site, or an http(s) address.
func validLink(v string) bool {
	if v == "" {
		return true
	}
	if len(v) > 500 || strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) || strings.Contains(v, `\`) {
		return false
	}
	u, err := url.Parse(v)
	if err != nil || u.User != nil {
		return false
	}
	if strings.HasPrefix(v, "/") {
		return !strings.HasPrefix(v, "//") && u.Host == "" && u.Scheme == ""
	}
	return (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// Label is the choice as the newsroom's form names it.
func (p PopupPages) Label() string {
	switch p {
	case PopupHome:
		return "Trang chủ"
	case PopupArticles:
		return "Trang bài viết"
	}
	return "Mọi trang"
}

// Label is the choice as the newsroom's form names it.
func (f PopupFrequency) Label() string {
	switch f {
	case PopupDaily:
		return "Mỗi ngày một lần"
	case PopupVisit:
		return "Mỗi lần truy cập, đến khi bạn đọc tắt"
	}
	return "Một lần cho mỗi bạn đọc"
}

// PopupPageChoices lists the pages an announcement can show on.
func PopupPageChoices() []PopupPages { return []PopupPages{PopupAllPages, PopupHome, PopupArticles} }

// PopupFrequencyChoices lists how often an announcement can show.
func PopupFrequencyChoices() []PopupFrequency {
	return []PopupFrequency{PopupOnce, PopupDaily, PopupVisit}
}

// Clip shortens what a person typed before it goes back into a message.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
