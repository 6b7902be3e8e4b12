package site

import (
	"html/template"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// The lists every reader's page repeats (the menu, the footer's sections,
// the weather box's communes, "Đọc nhiều", the share links) are written
// in Go like titles: html/template spends most of an uncached page's
// time evaluating their few hundred actions one by one through reflection
// (BenchmarkPagePartials). Each value is escaped for where it goes, and a
// link goes out only if html/template would have let it: a path on this
// site or an http, https or mailto address (TestPartialsMatchTheTemplates).

// markup builds a page or a part of one; its methods escape what they
// are given, appending to one buffer.
type markup struct{ b []byte }

func (m *markup) WriteString(s string) { m.b = append(m.b, s...) }

func (m *markup) String() string { return string(m.b) }

// text writes s escaped for an element's text or a quoted attribute, as
// html.EscapeString does.
func (m *markup) text(s string) {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		m.b = append(m.b, s[start:i]...)
		m.b = append(m.b, esc...)
		start = i + 1
	}
	m.b = append(m.b, s[start:]...)
}

// href writes link u as html/template would in a quoted href, or its
// "#ZgotmplZ" when u is not a path on this site or an http(s) or mailto
// address: a stored "javascript:" link never reaches a reader.
func (m *markup) href(u string) {
	if !safeLink(u) {
		m.WriteString("#ZgotmplZ")
		return
	}
	m.b = web.AppendURLAttr(m.b, u)
}

func safeLink(u string) bool {
	if strings.HasPrefix(u, "/") {
		return !strings.HasPrefix(u, "//") && !strings.HasPrefix(u, `/\`)
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#") {
		return false
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// html is the partial, to be written as it is by a template.
func (m *markup) html() template.HTML { return template.HTML(m.b) }

// current writes aria-current for the menu's entry of the page shown.
func (m *markup) current(yes bool) {
	if yes {
		m.WriteString(` aria-current="page"`)
	}
}

// menu is the masthead's menu: the home page, the top-level
// sections, the topics the menu links to, television and radio; active is
// the slug of the page's section ("tv", "phat-thanh" for those two).
func (m *markup) menu(nav []navItem, topics []news.Topic, active string, home bool) {
	m.WriteString("\n      <li><a href=\"/\"")
	m.current(home)
	m.WriteString(">Trang chủ</a></li>")
	for _, item := range nav {
		m.WriteString("\n      <li><a href=\"")
		m.href(item.Path())
		m.WriteString(`"`)
		m.current(active == item.Slug)
		m.WriteString(">")
		m.text(item.Name)
		m.WriteString("</a></li>")
	}
	for _, t := range topics {
		m.WriteString("\n      <li class=\"menu-topic\"><a href=\"")
		m.href(t.Path())
		m.WriteString(`">`)
		m.text(t.Title)
		m.WriteString("</a></li>")
	}
	m.WriteString("\n      <li><a href=\"/tv/\"")
	m.current(active == "tv")
	m.WriteString(">Truyền hình</a></li>\n      <li><a href=\"/phat-thanh/\"")
	m.current(active == "phat-thanh")
	m.WriteString(">Phát thanh</a></li>")
}

// footerSections is the footer's list of the top-level sections.
func (m *markup) footerSections(nav []navItem) {
	m.WriteString("<ul>")
	for _, item := range nav {
		m.item(item.Path(), item.Name)
	}
	m.WriteString("</ul>")
}

// localityOptions is the weather box's choice of communes, the
// reader's own selected.
func (m *markup) localityOptions(options []localityOption) {
	for _, o := range options {
		m.WriteString("\n      <option value=\"")
		m.text(o.Value)
		m.WriteString(`"`)
		if o.Selected {
			m.WriteString(" selected")
		}
		m.WriteString(">")
		m.text(o.Name)
		m.WriteString("</option>")
	}
}

// mostRead is "Đọc nhiều": the last 24 hours' most-read stories, and
// the last 7 days' folded under them (or alone, when the day has none).
func (m *markup) mostRead(lists mostReadLists) {
	if len(lists.Day) == 0 && len(lists.Week) == 0 {
		return
	}
	m.WriteString("\n<section class=\"most-read\" aria-labelledby=\"doc-nhieu\">\n  <h2 id=\"doc-nhieu\">Đọc nhiều</h2>")
	if len(lists.Day) > 0 {
		m.WriteString("\n  <ol class=\"most-read-list\">")
		for _, a := range lists.Day {
			m.WriteString("\n    ")
			m.storyItem(a)
		}
		m.WriteString("\n  </ol>")
	}
	if len(lists.Week) > 0 {
		if len(lists.Day) > 0 {
			m.WriteString("\n  <details class=\"most-read-week\">\n    <summary>Đọc nhiều trong 7 ngày</summary>\n    ")
			m.storyList(lists.Week)
			m.WriteString("\n  </details>")
		} else {
			m.WriteString("\n  <p class=\"most-read-period\">Trong 7 ngày qua</p>\n  ")
			m.storyList(lists.Week)
		}
	}
	m.WriteString("\n</section>")
}

// mostReadHTML is mostRead for a template.
func mostReadHTML(lists mostReadLists) template.HTML {
	var m markup
	m.mostRead(lists)
	return m.html()
}

func (m *markup) storyList(as []news.Article) {
	m.WriteString(`<ol class="most-read-list">`)
	for _, a := range as {
		m.storyItem(a)
	}
	m.WriteString("</ol>")
}

func (m *markup) storyItem(a news.Article) { m.item(a.Path(), a.Title) }

// item writes a list item linking to path.
func (m *markup) item(path, text string) {
	m.WriteString("<li>")
	m.link(path, "", text)
	m.WriteString("</li>")
}

// link writes a link to path, with rel when it is not empty.
func (m *markup) link(path, rel, text string) {
	m.WriteString(`<a href="`)
	m.href(path)
	if rel != "" {
		m.WriteString(`" rel="`)
		m.WriteString(rel)
	}
	m.WriteString(`">`)
	m.text(text)
	m.WriteString("</a>")
}

// share is "Hãy chia sẻ với bạn bè!"'s links, the last one copying
// the story's address.
func (m *markup) share(links []shareLink, canonical string) {
	for _, l := range links {
		m.WriteString("\n    <li><a class=\"share-")
		m.text(l.Class)
		m.WriteString(`" href="`)
		m.href(l.URL)
		m.WriteString(`" rel="noopener" target="_blank">`)
		m.text(l.Name)
		m.WriteString("</a></li>")
	}
	m.WriteString("\n    <li><a class=\"share-copy\" href=\"")
	m.href(canonical)
	m.WriteString(`" data-copy="`)
	m.text(canonical)
	m.WriteString(`">Sao chép liên kết</a></li>`)
}

// titles is a list of other stories' titles with their dates ("Các
// tin đã đưa", "Tin mới"): the same list through html/template took about
// 5 times as long (60-68 against 14-20 µs for eight stories,
// BenchmarkTitlesPartial), and an article page has three.
func (m *markup) titles(as []news.Article, loc *time.Location) {
	m.WriteString("\n<ul class=\"titles\">")
	for _, a := range as {
		m.WriteString("\n  <li><a href=\"")
		m.href(a.Path())
		m.WriteString("\">")
		m.text(a.Title)
		m.WriteString("</a> <time datetime=\"")
		m.text(web.IsoTime(a.PublishedAt))
		m.WriteString("\">")
		m.text(vietnamese.Date(a.PublishedAt, loc))
		m.WriteString("</time></li>")
	}
	m.WriteString("\n</ul>\n")
}

// titlesHTML is titles for a template.
func titlesHTML(as []news.Article, loc *time.Location) template.HTML {
	var m markup
	m.titles(as, loc)
	return m.html()
}
