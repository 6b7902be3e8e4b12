package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

const perPage = 15

// pager is a list's position: the page asked for and the links around it.
type pager struct {
	Page, Pages int
	PrevURL     string
	NextURL     string
}

// pageNumber reads "?trang=N": missing means 1; anything but a plain
// number from 1 to 10000 is a bad request.
func pageNumber(r *http.Request) (int, error) {
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

// newPager checks the page exists for total items: a page past the end
// is a 404, except page 1 of an empty list.
func newPager(path string, page, total int) (pager, error) {
	pages := max((total+perPage-1)/perPage, 1)
	if page > pages {
		return pager{}, news.Errorf(news.NotFound, "Trang %d không tồn tại: danh sách này chỉ có %d trang.", page, pages)
	}
	p := pager{Page: page, Pages: pages}
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

func (p pager) offset() int { return (p.Page - 1) * perPage }
