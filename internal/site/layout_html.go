package site

import (
	"html/template"
	"net/url"
	"strconv"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// The frame every reader's page shares (its head, masthead and footer) is
// written in Go, as partials.go's lists are: through html/template it was
// a quarter of an uncached article's time, mostly reflection on the
// page's embedded Layout (BenchmarkLayoutParts). Other pages than the
// article put their own parts between pageStart, pageBody and pageEnd by
// template (templates/layout/layout.html). TestLayoutPartsMatchTheTemplate
// keeps the frame the same as the template it replaced.

// writePageStart is the page down to its head's own additions: the head with
// its title, description, canonical address, feeds, robots, the site's
// styles and scripts, the share preview's Open Graph tags and the
// schema.org data.
func (s *Server) writePageStart(m *markup, l Layout) error {
	m.WriteString("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	m.text(l.Title)
	m.WriteString("</title>")
	if l.Description != "" {
		m.WriteString("\n<meta name=\"description\" content=\"")
		m.text(l.Description)
		m.WriteString(`">`)
	}
	if l.Canonical != "" {
		m.WriteString("\n<link rel=\"canonical\" href=\"")
		m.href(l.Canonical)
		m.WriteString(`">`)
	}
	for _, f := range l.Feeds() {
		m.WriteString("\n<link rel=\"alternate\" type=\"application/rss+xml\" title=\"")
		m.text(f.Title)
		m.WriteString(`" href="`)
		m.href(f.URL)
		m.WriteString(`">`)
	}
	m.WriteString("\n<meta name=\"robots\" content=\"")
	if l.NoIndex {
		m.WriteString("noindex")
	} else {
		m.WriteString("max-image-preview:large")
	}
	m.WriteString("\">")
	for _, a := range headAssets {
		u, err := s.assets.URL(a.name)
		if err != nil {
			return err
		}
		m.WriteString(a.before)
		m.href(u)
		m.WriteString(a.after)
	}
	if l.Preview != nil {
		m.openGraph(l.Site.Name, *l.Preview)
	}
	for _, o := range l.JSONLD {
		// <, > and & go out as \u003c, \u003e and \u0026, so nothing in
		// the data can end the script element.
		m.WriteString("\n<script type=\"application/ld+json\">")
		m.b = appendJSON(m.b, o)
		m.WriteString("</script>")
	}
	return nil
}

// pageStart is writePageStart for the layout template.
func (s *Server) pageStart(l Layout) (template.HTML, error) {
	var m markup
	err := s.writePageStart(&m, l)
	return m.html(), err
}

// headAssets are the static files every page's head loads.
var headAssets = []struct{ before, name, after string }{
	{"\n<link rel=\"stylesheet\" href=\"", "style.css", `">`},
	{"\n<script src=\"", "site.js", `" defer></script>`},
	{"\n<script src=\"", "comments.js", `" defer></script>`},
	{"\n<link rel=\"icon\" href=\"", "favicon.svg", `" type="image/svg+xml">`},
}

// openGraph is a page's share preview: Open Graph's tags and X's card.
func (m *markup) openGraph(siteName string, og openGraph) {
	m.property("og:site_name", siteName)
	m.property("og:locale", "vi_VN")
	m.property("og:type", og.Type)
	m.property("og:title", og.Title)
	if og.Description != "" {
		m.property("og:description", og.Description)
	}
	m.property("og:url", og.URL)
	if og.Image.URL != "" {
		m.property("og:image", og.Image.URL)
		m.property("og:image:width", strconv.Itoa(og.Image.Width))
		m.property("og:image:height", strconv.Itoa(og.Image.Height))
		m.property("og:image:alt", og.Image.Alt)
	}
	if og.Audio != "" {
		m.property("og:audio", og.Audio)
		m.property("og:audio:type", "audio/mp4")
	}
	if v := og.Video; v != nil {
		m.property("og:video", v.URL)
		m.property("og:video:type", v.Type)
		if v.Width != 0 {
			m.property("og:video:width", strconv.Itoa(v.Width))
			m.property("og:video:height", strconv.Itoa(v.Height))
		}
	}
	if og.Published != "" {
		m.property("article:published_time", og.Published)
	}
	if og.Modified != "" {
		m.property("article:modified_time", og.Modified)
	}
	if og.Section != "" {
		m.property("article:section", og.Section)
	}
	for _, tag := range og.Tags {
		m.property("article:tag", tag)
	}
	m.WriteString("\n<meta name=\"twitter:card\" content=\"")
	if og.Image.URL != "" {
		m.WriteString("summary_large_image")
	} else {
		m.WriteString("summary")
	}
	m.WriteString(`">`)
}

// property writes one Open Graph tag on a line of its own.
func (m *markup) property(name, content string) {
	m.WriteString("\n<meta property=\"")
	m.WriteString(name)
	m.WriteString(`" content="`)
	m.text(content)
	m.WriteString(`">`)
}

// pageBody ends the head and starts the body with the masthead: the
// paper's name or logo, today's date, the search form and the menu.
func (m *markup) pageBody(l Layout) {
	m.WriteString("\n</head>\n<body>\n<a class=\"skip\" href=\"#noi-dung\">Bỏ qua, đến nội dung chính</a>\n" +
		"<header class=\"masthead\">\n  <div class=\"wrap masthead-top\">\n    <a class=\"brand\" href=\"/\">")
	if l.Site.LogoURL != "" {
		m.WriteString(`<img src="`)
		m.href(l.Site.LogoURL)
		m.WriteString(`" alt="`)
		m.text(l.Site.Name)
		m.WriteString(`" width="220" height="48">`)
	} else {
		m.text(l.Site.Name)
	}
	m.WriteString("</a>\n    <p class=\"today\">")
	m.text(vietnamese.DateTime(l.Now, l.Site.Location))
	m.WriteString(`</p>
    <form class="site-search" role="search" method="get" action="/tim-kiem">
      <label class="visually-hidden" for="site-q">Tìm kiếm</label>
      <input id="site-q" name="q" type="search" placeholder="Tìm kiếm" maxlength="200">
      <button type="submit">Tìm</button>
    </form>
  </div>
  <nav class="menu" aria-label="Chuyên mục">
    <ul class="wrap">`)
	m.menu(l.Nav, l.MenuTopics, l.Active, l.Home)
	m.WriteString("\n    </ul>\n  </nav>\n</header>\n<main id=\"noi-dung\" class=\"wrap\">\n")
}

// pageBodyHTML is pageBody for the layout template.
func pageBodyHTML(l Layout) template.HTML {
	var m markup
	m.pageBody(l)
	return m.html()
}

// pageEnd ends the page's content with the footer: the paper's name and
// description, the legal notice a Vietnamese paper prints (governing
// body, licence, editor-in-chief, contacts), its own pages and the
// sections.
func (m *markup) pageEnd(l Layout) {
	site := l.Site
	m.WriteString("\n</main>\n<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p class=\"footer-name\">")
	m.text(site.Name)
	m.WriteString("</p>")
	m.line("", site.Description)
	if site.HasLegalFooter() {
		m.WriteString("\n    <div class=\"footer-legal\">")
		m.line("Cơ quan chủ quản: ", site.GoverningBody)
		if site.Licence != "" {
			m.WriteString("<p>Giấy phép số ")
			m.text(site.Licence)
			if day := site.LicenceDay(); day != "" {
				m.WriteString(" ngày ")
				m.text(day)
			}
			m.WriteString("</p>")
		}
		m.line("Tổng biên tập: ", site.EditorInChief)
		if site.Address != "" || site.Phone != "" || site.Email != "" {
			m.WriteString("\n      <address>")
			m.line("Địa chỉ: ", site.Address)
			m.line("Điện thoại: ", site.Phone)
			if site.Email != "" {
				m.WriteString(`<p>Thư điện tử: <a href="mailto:`)
				m.text(url.PathEscape(site.Email))
				m.WriteString(`">`)
				m.text(site.Email)
				m.WriteString("</a></p>")
			}
			m.WriteString("\n      </address>")
		}
		m.WriteString("\n    </div>")
	}
	if len(l.FooterPages) > 0 {
		m.WriteString("\n    <nav class=\"footer-pages\" aria-label=\"Về tòa soạn\"><ul>")
		for _, p := range l.FooterPages {
			m.item(p.Path(), p.Title)
		}
		m.WriteString("</ul></nav>")
	}
	m.WriteString("\n    <nav aria-label=\"Chuyên mục ở chân trang\">")
	m.footerSections(l.Nav)
	m.WriteString("</nav>\n  </div>\n</footer>\n</body>\n</html>\n")
}

// pageEndHTML is pageEnd for the layout template.
func pageEndHTML(l Layout) template.HTML {
	var m markup
	m.pageEnd(l)
	return m.html()
}

// line writes label and value as a paragraph, or nothing without value.
func (m *markup) line(label, value string) {
	if value == "" {
		return
	}
	m.WriteString("<p>")
	m.WriteString(label)
	m.text(value)
	m.WriteString("</p>")
}
