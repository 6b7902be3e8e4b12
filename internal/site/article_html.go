package site

import (
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// The story's own parts around its body, written in Go like the rest of
// the article page (article_page_html.go): the breadcrumb, the headline
// with its times, the lead and the cover above; bylines, the correction,
// tags and "Tin liên quan" below. TestArticlePartsMatchTheTemplate keeps
// them the same as the template they replaced.

// storyTop is an article page from its breadcrumb to the cover photo.
func (m *markup) storyTop(p articlePage) {
	a, loc := p.Article, p.Site.Location
	if p.Banner != "" {
		m.WriteString(`<p class="preview-banner" role="note">`)
		m.text(p.Banner)
		m.WriteString(`</p>`)
	}
	m.WriteString("\n<nav class=\"breadcrumb\" aria-label=\"Đường dẫn\">\n  <ol>\n    <li><a href=\"/\">Trang chủ</a></li>")
	if p.Parent != nil {
		m.item(p.Parent.Path(), p.Parent.Name)
	}
	m.WriteString("\n    ")
	m.item(a.Section.Path(), a.Section.Name)
	m.WriteString("\n  </ol>\n</nav>\n<div class=\"columns\">\n<div class=\"main-column\">\n<article class=\"story\"")
	if p.Banner == "" {
		m.WriteString(` data-view-url="/api/v1/articles/`)
		m.WriteString(strconv.FormatInt(a.ID, 10))
		m.WriteString(`/views"`)
	}
	m.WriteString(">\n  <header>\n    <h1 class=\"story-title\">")
	m.text(a.Title)
	m.WriteString("</h1>\n    <p class=\"story-date\">")
	m.time(a.PublishedAt, vietnamese.DateTime(a.PublishedAt, loc))
	if !a.ModifiedAt.IsZero() {
		m.WriteString(` <span class="updated">Cập nhật lúc `)
		m.time(a.ModifiedAt, vietnamese.DateTime(a.ModifiedAt, loc))
		m.WriteString(`</span>`)
	}
	// site.js shows the text size buttons: without the script they would
	// do nothing.
	m.WriteString(`</p>
    <div class="text-size" role="group" aria-labelledby="co-chu" hidden>
      <span id="co-chu">Cỡ chữ</span>
      <button type="button" data-text-size="-1">A-<span class="visually-hidden"> (chữ nhỏ hơn)</span></button>
      <button type="button" data-text-size="1">A+<span class="visually-hidden"> (chữ lớn hơn)</span></button>
    </div>
  </header>`)
	if p.MainPlayer != "" {
		m.WriteString("\n  ")
		m.WriteString(string(p.MainPlayer))
	}
	m.WriteString("\n  <p class=\"story-lead\"><strong class=\"dateline\">")
	m.text(p.Site.Dateline)
	m.WriteString(`</strong>`)
	m.text(a.Lead)
	m.WriteString(`</p>`)
	if c := a.Cover; p.ShowCover && c != nil {
		m.WriteString("\n  <figure class=\"story-cover\">\n    ")
		m.WriteString(string(media.Picture(*c, articleSizes, "high", c.Alt, "")))
		if c.Caption != "" || c.Credit != "" {
			m.WriteString(`<figcaption>`)
			m.text(c.Caption)
			if c.Credit != "" {
				m.WriteString(` <span class="credit">`)
				m.text(c.Credit)
				m.WriteString(`</span>`)
			}
			m.WriteString(`</figcaption>`)
		}
		m.WriteString("\n  </figure>")
	}
}

// storyFoot is an article page from the bylines to the end of the story:
// the credit line, the newsroom's correction, the address for print, the
// tags and "Tin liên quan".
func (m *markup) storyFoot(p articlePage) {
	a, loc := p.Article, p.Site.Location
	if len(a.Authors) > 0 || a.Credit != "" {
		m.WriteString("\n  <p class=\"byline\">")
		for i, au := range a.Authors {
			if i > 0 {
				m.WriteString(", ")
			}
			m.link(au.Path(), "author", au.Name)
		}
		if a.Credit != "" {
			if len(a.Authors) > 0 {
				m.WriteString(` <span class="byline-sep">-</span> `)
			}
			m.WriteString(`<span class="credit-line">`)
			m.text(a.Credit)
			m.WriteString(`</span>`)
		}
		m.WriteString(`</p>`)
	}
	if a.Correction != "" {
		m.WriteString("\n  <aside class=\"correction\" id=\"dinh-chinh\" aria-labelledby=\"dinh-chinh-tieu-de\">\n    <h2 id=\"dinh-chinh-tieu-de\">Đính chính</h2>")
		for _, para := range news.Paragraphs(a.Correction) {
			m.WriteString("\n    <p>")
			m.text(para)
			m.WriteString(`</p>`)
		}
		m.WriteString("\n    <p class=\"correction-time\">Ghi chú của tòa soạn, ")
		m.time(a.CorrectedAt, vietnamese.DateTime(a.CorrectedAt, loc))
		m.WriteString("</p>\n  </aside>")
	}
	m.WriteString("\n  <p class=\"print-url\">Bài viết tại: ")
	m.text(p.CanonicalURL)
	m.WriteString(`</p>`)
	if len(a.Tags) > 0 {
		m.WriteString("\n  <nav class=\"tags\" aria-label=\"Chủ đề\"><span>Chủ đề:</span> <ul>")
		for _, t := range a.Tags {
			m.WriteString("<li>")
			m.link(t.Path(), "tag", t.Name)
			m.WriteString("</li>")
		}
		m.WriteString("</ul></nav>")
	}
	if len(p.Related) > 0 {
		m.WriteString("\n  <section class=\"related\" aria-labelledby=\"tin-lien-quan\">\n    <h2 id=\"tin-lien-quan\">Tin liên quan</h2>\n    ")
		m.titles(p.Related, loc)
		m.WriteString("\n  </section>")
	}
	m.WriteString("\n</article>")
}

// time writes a <time> element: the machine's time, then the reader's.
func (m *markup) time(t time.Time, shown string) {
	m.WriteString(`<time datetime="`)
	m.text(web.IsoTime(t))
	m.WriteString(`">`)
	m.text(shown)
	m.WriteString(`</time>`)
}
