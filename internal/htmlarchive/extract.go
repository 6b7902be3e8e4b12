package htmlarchive

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// page is one article page read, before extraction.
type page struct {
	where   string     // what warnings name: the file's path under its folder, or the URL
	address *url.URL   // where it was fetched from in the end, or its file's place under base_url
	readers []*url.URL // the URLs readers used to reach it (fetched pages: asked for, redirected to)
	doc     *html.Node
}

// Selectors of what every page declares in its head.
var (
	canonicalLink = cascadia.MustCompile(`link[rel~="canonical"][href]`)
	ogURL         = cascadia.MustCompile(`meta[property="og:url"][content]`)
	ogImage       = cascadia.MustCompile(`meta[property="og:image"][content], meta[name="og:image"][content]`)
	modifiedTime  = cascadia.MustCompile(`meta[property="article:modified_time"][content]`)
	baseHref      = cascadia.MustCompile(`base[href]`)
)

// story extracts p's story. A page without a title or a body is skipped
// (ok false) with a warning naming the selector; a page whose date cannot
// be read is kept as a draft with a warning, so it does not land on the
// front page dated today.
func (m *Map) story(p page) (st importer.Story, warnings []importer.Warning, ok bool) {
	warn := func(format string, args ...any) {
		warnings = append(warnings, importer.Warning{Item: "trang " + p.where, Message: fmt.Sprintf(format, args...)})
	}
	titleNode := cascadia.Query(p.doc, m.Title)
	if titleNode != nil {
		st.Title = textOf(titleNode)
	}
	if st.Title == "" {
		warn("không thấy tiêu đề (bộ chọn %q): bỏ qua trang", m.titleSrc)
		return importer.Story{}, warnings, false
	}
	body := cascadia.Query(p.doc, m.Body)
	if body == nil {
		warn("không thấy thân bài (bộ chọn %q): bỏ qua trang", m.bodySrc)
		return importer.Story{}, warnings, false
	}
	pageURL := m.pageURL(p)
	base := pageURL
	if b := cascadia.Query(p.doc, baseHref); b != nil {
		if abs := absolute(attr(b, "href"), pageURL); abs != "" {
			base, _ = url.Parse(abs)
		}
	}
	used := []*html.Node{titleNode}
	if n := m.first(p.doc, m.Lead); n != nil {
		st.Lead = m.stripDateline(textOf(n))
		used = append(used, n)
	}
	st.State = news.Published
	var dateNodes []*html.Node
	var dateProblem string
	st.PublishedAt, dateNodes, dateProblem = m.date(p.doc)
	used = append(used, dateNodes...)
	if dateProblem != "" {
		st.State = news.Draft
		warn("%s: bài được nhập dưới dạng bản nháp", dateProblem)
	}
	if n := cascadia.Query(p.doc, modifiedTime); n != nil {
		if t, err := time.Parse(time.RFC3339, strings.TrimSpace(attr(n, "content"))); err == nil {
			st.ModifiedAt = t.UTC()
		}
	}
	var nodes []*html.Node
	nodes = m.all(p.doc, m.Author)
	used = append(used, nodes...)
	for _, n := range nodes {
		st.AuthorNames = appendUnique(st.AuthorNames, splitAuthors(textOf(n))...)
	}
	nodes = m.all(p.doc, m.Section)
	used = append(used, nodes...)
	for _, n := range nodes {
		if s := textOf(n); s != "" {
			st.SectionName = s // the last: breadcrumbs end with the narrowest section
		}
	}
	nodes = m.all(p.doc, m.Tags)
	used = append(used, nodes...)
	for _, n := range nodes {
		if tag := cleanText(strings.TrimLeft(textOf(n), "#")); tag != "" && len(tag) <= 100 {
			st.Tags = appendUnique(st.Tags, tag)
		}
	}
	if n := cascadia.Query(p.doc, ogImage); n != nil {
		st.CoverURL = absolute(attr(n, "content"), base)
	}
	st.Key = m.key(append([]*url.URL{pageURL}, p.readers...)...)
	st.OldURLs = []string{requestPath(pageURL)}
	for _, u := range p.readers {
		if old := requestPath(u); (sameSite(u, pageURL) || onSite(u, m.BaseURL)) && !slices.Contains(st.OldURLs, old) {
			st.OldURLs = append(st.OldURLs, old)
		}
	}
	st.Body = m.cleanBody(body, base, used)
	return st, warnings, true
}

// pageURL is the page's own address: its canonical link or og:url when it
// declares one on the old site (a subdomain counts), else where it was
// fetched from or its file's place. An address on another site is not
// believed: a page copied from elsewhere, or a hostile one, would take
// that site's key and paths.
func (m *Map) pageURL(p page) *url.URL {
	for _, found := range []struct {
		sel  cascadia.Selector
		attr string
	}{{canonicalLink, "href"}, {ogURL, "content"}} {
		if n := cascadia.Query(p.doc, found.sel); n != nil {
			if u, err := url.Parse(absolute(attr(n, found.attr), p.address)); err == nil && u.Host != "" && (onSite(u, m.BaseURL) || sameSite(u, p.address)) {
				return u
			}
		}
	}
	return p.address
}

// onSite reports whether u is on base's site or one of its subdomains
// (m.baohatinh.vn for baohatinh.vn).
func onSite(u, base *url.URL) bool {
	host := strings.TrimPrefix(strings.ToLower(base.Hostname()), "www.")
	return sameSite(u, base) || strings.HasSuffix(strings.ToLower(u.Hostname()), "."+host)
}

// date reads the first element of the date selector that holds a date,
// and says what went wrong when none does.
func (m *Map) date(doc *html.Node) (time.Time, []*html.Node, string) {
	if m.Date == nil {
		return time.Time{}, nil, "tệp --map không có trường \"date\""
	}
	nodes := cascadia.QueryAll(doc, m.Date)
	if len(nodes) == 0 {
		return time.Time{}, nil, fmt.Sprintf("không thấy ngày đăng (bộ chọn %q)", m.dateSrc)
	}
	for _, n := range nodes {
		if t, ok := m.parseDate(valueOf(n)); ok {
			return t, nodes, ""
		}
	}
	return time.Time{}, nodes, fmt.Sprintf("không đọc được ngày đăng %q (bộ chọn %q)", valueOf(nodes[0]), m.dateSrc)
}

// stripDateline removes the map's dateline prefixes from a lead:
// "(Baohatinh.vn) - Sáng 1/12, …" becomes "Sáng 1/12, …".
func (m *Map) stripDateline(lead string) string {
	for _, re := range m.Dateline {
		lead = re.ReplaceAllString(lead, "")
	}
	return strings.TrimSpace(lead)
}

func (m *Map) first(doc *html.Node, sel cascadia.SelectorGroup) *html.Node {
	if sel == nil {
		return nil
	}
	return cascadia.Query(doc, sel)
}

func (m *Map) all(doc *html.Node, sel cascadia.SelectorGroup) []*html.Node {
	if sel == nil {
		return nil
	}
	return cascadia.QueryAll(doc, sel)
}

// key is the story's old id, from the first address the article pattern
// recognises, else the page's path.
func (m *Map) key(addresses ...*url.URL) string {
	for _, u := range addresses {
		if id := m.oldID(u); id != "" {
			return id
		}
	}
	return requestPath(addresses[0])
}

func (m *Map) oldID(u *url.URL) string {
	match := m.ArticleURL.FindStringSubmatch(requestPath(u))
	for i, name := range m.ArticleURL.SubexpNames() {
		if name == "id" && i < len(match) && match[i] != "" {
			return match[i]
		}
	}
	return ""
}

// isArticle reports whether the map's pattern recognises u as an article.
func (m *Map) isArticle(u *url.URL) bool {
	return m.ArticleURL.MatchString(requestPath(u))
}

// requestPath is what a reader's browser asks the server for: the path
// and the query, "/xa-hoi/abc/220459.htm" or "/news.php?id=9".
func requestPath(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// sameSite reports whether a and b are on one host, www. or not.
func sameSite(a, b *url.URL) bool {
	host := func(u *url.URL) string { return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.") }
	return host(a) == host(b)
}

// appendUnique appends the items not already in list, ignoring case and
// tone placement ("Hà Tĩnh" and "hà tĩnh", "Hòa" and "Hoà" are one tag)
// but not marks ("Thanh Sen" is not "Thành Sen").
func appendUnique(list []string, items ...string) []string {
	same := func(a, b string) bool {
		return strings.EqualFold(vietnamese.NormalizeTone(a), vietnamese.NormalizeTone(b))
	}
next:
	for _, it := range items {
		for _, have := range list {
			if same(have, it) {
				continue next
			}
		}
		list = append(list, it)
	}
	return list
}
