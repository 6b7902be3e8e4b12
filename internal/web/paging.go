package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// PerPage is how many stories a list shows on a page.
const PerPage = 15

// Pager is a list's position: the page asked for and the links around it.
type Pager struct {
	Page, Pages int
	PrevURL     string
	NextURL     string
}

// PageNumber reads "?trang=N": missing means 1; anything but a plain
// number from 1 to 10000 is a bad request.
func PageNumber(r *http.Request) (int, error) {
	raw := r.URL.Query().Get("trang")
	if raw == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 1 || n > 10000 || len(raw) > 5 {
		return 0, news.Errorf(news.Invalid, "Số trang không hợp lệ.")
	}
	return n, nil
}

// NewPager checks the page exists for total items: a page past the end
// is a 404, except page 1 of an empty list.
func NewPager(path string, page, total int) (Pager, error) {
	pages := max((total+PerPage-1)/PerPage, 1)
	if page > pages {
		return Pager{}, news.Errorf(news.NotFound, "Trang %d không tồn tại: danh sách này chỉ có %d trang.", page, pages)
	}
	p := Pager{Page: page, Pages: pages}
	link := func(n int) string {
		if n == 1 {
			return path
		}
		sep := "?"
		if strings.Contains(path, "?") {
			sep = "&"
		}
		return path + sep + url.Values{"trang": {strconv.Itoa(n)}}.Encode()
	}
	if page > 1 {
		p.PrevURL = link(page - 1)
	}
	if page < pages {
		p.NextURL = link(page + 1)
	}
	return p, nil
}

// Offset is where the page starts in the list.
func (p Pager) Offset() int { return (p.Page - 1) * PerPage }

// PagerHTML is the list's "Trang trước · Trang N/M · Trang sau" links,
// nothing when everything fits on one page. Every link is one the server
// built (a path and its query), escaped for its attribute.
func PagerHTML(p Pager) template.HTML {
	if p.Pages <= 1 {
		return "\n"
	}
	var b strings.Builder
	b.WriteString("\n<nav class=\"pager\" aria-label=\"Phân trang\">")
	if p.PrevURL != "" {
		b.WriteString(`<a rel="prev" href="`)
		b.WriteString(URLAttr(p.PrevURL))
		b.WriteString(`">« Trang trước</a>`)
	}
	b.WriteString("\n  <span>Trang ")
	b.WriteString(strconv.Itoa(p.Page))
	b.WriteByte('/')
	b.WriteString(strconv.Itoa(p.Pages))
	b.WriteString("</span>")
	if p.NextURL != "" {
		b.WriteString(`<a rel="next" href="`)
		b.WriteString(URLAttr(p.NextURL))
		b.WriteString(`">Trang sau »</a>`)
	}
	b.WriteString("\n</nav>\n")
	return template.HTML(b.String())
}
