package news

import (
	"slices"
	"strings"
	"testing"
)

func TestPageValidate(t *testing.T) {
	t.Parallel()
	good := Page{Slug: "gioi-thieu", Title: "Giới thiệu", Body: "<p>Báo Hà Tĩnh.</p>", ShowInFooter: true}
	if err := good.Validate(); err != nil {
		t.Fatalf("a good page: %v", err)
	}
	for _, c := range []struct {
		name string
		edit func(p *Page)
		code Code
		text string
	}{
		{"no title", func(p *Page) { p.Title = "  " }, Invalid, "tiêu đề"},
		{"a long title", func(p *Page) { p.Title = strings.Repeat("Đ", MaxPageTitle+1) }, Invalid, "tối đa 250"},
		{"a title on two lines", func(p *Page) { p.Title = "Giới\nthiệu" }, Invalid, "một dòng"},
		{"markup in the title", func(p *Page) { p.Title = "<script>alert(1)</script>" }, Invalid, "thẻ HTML"},
		{"an entity in the title", func(p *Page) { p.Title = "Hỏi &amp; đáp" }, Invalid, "thẻ HTML"},
		{"no slug", func(p *Page) { p.Slug = "" }, Invalid, "chữ hoặc số"},
		{"a slug with marks", func(p *Page) { p.Slug = "giới-thiệu" }, Invalid, "không dấu"},
		{"a slug with a path", func(p *Page) { p.Slug = "../toasoan" }, Invalid, "không dấu"},
		{"a slug with capitals", func(p *Page) { p.Slug = "Gioi-Thieu" }, Invalid, "không dấu"},
		{"a long slug", func(p *Page) { p.Slug = strings.Repeat("a", MaxPageSlug+1) }, Invalid, "tối đa 120"},
		{"an article's address", func(p *Page) { p.Slug = "gioi-thieu-post12" }, Invalid, "bài viết"},
		{"a tag's address", func(p *Page) { p.Slug = "ha-tinh-tag7" }, Invalid, "chủ đề"},
		{"a huge body", func(p *Page) { p.Body = strings.Repeat("x", MaxPageBody+1) }, TooLarge, "1 MB"},
		{"a body that is not UTF-8", func(p *Page) { p.Body = "<p>\xff</p>" }, Invalid, "không hợp lệ"},
		{"a negative position", func(p *Page) { p.Position = -1 }, Invalid, "Thứ tự"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := good
			c.edit(&p)
			err := p.Validate()
			if ErrorCode(err) != c.code || !strings.Contains(ErrorMessage(err), c.text) {
				t.Errorf("%v (%s), want %s with %q", err, ErrorCode(err), c.code, c.text)
			}
		})
	}
	for _, slug := range []string{"lien-he", "post12", "tag", "quy-dinh-binh-luan", "2026"} {
		p := good
		p.Slug = slug
		if err := p.Validate(); err != nil {
			t.Errorf("slug %q refused: %v", slug, err)
		}
	}
}

// A page's own key goes with every change to it; SiteKey, which drops
// every page, only when the footer's links change.
func TestPageKeys(t *testing.T) {
	t.Parallel()
	footer := &Page{ID: 3, Slug: "lien-he", Title: "Liên hệ", ShowInFooter: true, Position: 1}
	hidden := &Page{ID: 3, Slug: "lien-he", Title: "Liên hệ"}
	with := func(p *Page, edit func(*Page)) *Page { q := *p; edit(&q); return &q }
	for _, c := range []struct {
		name          string
		before, after *Page
		site          bool
	}{
		{"a new page outside the footer", nil, hidden, false},
		{"a new page in the footer", nil, footer, true},
		{"a footer page's body", footer, with(footer, func(p *Page) { p.Body = "<p>Mới</p>" }), false},
		{"a footer page's title", footer, with(footer, func(p *Page) { p.Title = "Liên hệ tòa soạn" }), true},
		{"a footer page's slug", footer, with(footer, func(p *Page) { p.Slug = "lien-he-toa-soan" }), true},
		{"a footer page's place", footer, with(footer, func(p *Page) { p.Position = 0 }), true},
		{"into the footer", hidden, footer, true},
		{"out of the footer", footer, hidden, true},
		{"a hidden page's title", hidden, with(hidden, func(p *Page) { p.Title = "Khác" }), false},
		{"a footer page deleted", footer, nil, true},
		{"a hidden page deleted", hidden, nil, false},
	} {
		keys := PageChangeKeys(3, c.before, c.after)
		if !slices.Contains(keys, PageKey(3)) || slices.Contains(keys, SiteKey) != c.site {
			t.Errorf("%s: %v, want SiteKey %v", c.name, keys, c.site)
		}
	}
	if keys := PageKeys(Page{ID: 3}); !slices.Equal(keys, []Key{PageKey(3), SiteKey}) {
		t.Errorf("a write that knows no before: %v", keys)
	}
	if PageKey(3) != "page:3" {
		t.Errorf("PageKey(3) = %q", PageKey(3))
	}
}
