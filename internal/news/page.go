package news

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Page is one of the paper's own pages, outside the news: "Giới thiệu",
// "Liên hệ", the rules for readers' comments. It lives at Path; the pages
// marked ShowInFooter are linked at the foot of every page, in Position
// order.
type Page struct {
	ID           int64
	Slug         string
	Title        string
	Body         string // sanitized HTML, the same subset as article bodies
	Position     int    // the place among the footer's links, smallest first
	ShowInFooter bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	CreatedBy    int64 // 0: the paper itself (the demo, an import)
	UpdatedBy    int64
}

// Path is the page's address, "/{slug}.html": the ending every document
// of the paper has (articles "/{slug}-post{id}.html"), apart from the
// sections' lists ("/{slug}/"), so it can collide with neither.
func (p Page) Path() string { return "/" + p.Slug + ".html" }

// Limits of a page.
const (
	MaxPageTitle    = 250     // as an article's title
	MaxPageBody     = 1 << 20 // as an article's body
	MaxPageSlug     = 120     // vietnamese.Slug's own cap
	MaxPagePosition = 10000
)

// Validate checks a page as the newsroom's form, the API or an import
// gives it, after its body was sanitized: a one-line title of plain text
// (it is a link on every page), a slug of the form vietnamese.Slug makes
// that no story or tag address can take, a body within the limit, a place
// in the footer.
func (p Page) Validate() error {
	switch {
	case strings.TrimSpace(p.Title) == "":
		return Errorf(Invalid, "Vui lòng nhập tiêu đề trang")
	case utf8.RuneCountInString(p.Title) > MaxPageTitle || strings.ContainsFunc(p.Title, unicode.IsControl) || !utf8.ValidString(p.Title):
		return Errorf(Invalid, "Tiêu đề trang dài tối đa %d ký tự, trên một dòng", MaxPageTitle)
	case markup.MatchString(p.Title):
		return Errorf(Invalid, "Tiêu đề trang là văn bản thường, không được chứa thẻ HTML")
	case p.Slug == "":
		return Errorf(Invalid, "Đường dẫn trang cần có chữ hoặc số")
	case len(p.Slug) > MaxPageSlug || !pageSlug.MatchString(p.Slug):
		return Errorf(Invalid, "Đường dẫn trang %q chỉ được gồm chữ thường không dấu, chữ số và dấu gạch ngang (tối đa %d ký tự)", Clip(p.Slug, 40), MaxPageSlug)
	case storySlug.MatchString(p.Slug):
		return Errorf(Invalid, "Đường dẫn trang %q có dạng đường dẫn của bài viết hoặc chủ đề (…-post123, …-tag123); hãy chọn đường dẫn khác", p.Slug)
	case len(p.Body) > MaxPageBody:
		return Errorf(TooLarge, "Nội dung trang quá dài (tối đa %d MB)", MaxPageBody>>20)
	case !utf8.ValidString(p.Body):
		return Errorf(Invalid, "Nội dung trang có ký tự không hợp lệ")
	case p.Position < 0 || p.Position > MaxPagePosition:
		return Errorf(Invalid, "Thứ tự ở chân trang là một số từ 0 đến %d", MaxPagePosition)
	}
	return nil
}

var (
	// pageSlug is what vietnamese.Slug makes: words of [a-z0-9] joined
	// by single dashes.
	pageSlug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// storySlug is a slug whose page "/{slug}.html" the site reads as an
	// article's or a tag's address.
	storySlug = regexp.MustCompile(`-(post|tag)[0-9]+$`)
)

// InFooter reports whether the footer links to the page.
func (p *Page) InFooter() bool { return p != nil && p.ShowInFooter }

// PageChangeKeys are the keys of a change to page id from before to after
// (nil for a page created or deleted): the page itself, and SiteKey when
// the footer's links change, for the footer is on every page like the
// menu of sections (SiteKey's), and changes about as rarely.
func PageChangeKeys(id int64, before, after *Page) []Key {
	keys := []Key{PageKey(id)}
	footerBefore, footerAfter := before.InFooter(), after.InFooter()
	if footerBefore != footerAfter || footerBefore && (before.Title != after.Title || before.Slug != after.Slug || before.Position != after.Position) {
		keys = append(keys, SiteKey)
	}
	return keys
}

// PageKeys are the keys of a write of p by one who does not know what it
// replaced (an import): the page, and the footer in case it changed.
func PageKeys(p Page) []Key { return []Key{PageKey(p.ID), SiteKey} }
