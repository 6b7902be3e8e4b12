package site

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// searchPage is "/tim-kiem": the form, the results, or "Không tìm thấy"
// with suggestions.
type searchPage struct {
	Layout
	Query       string
	Results     search.Results
	Sections    []news.Section
	SectionID   int64
	From, To    string // the date filters as typed, YYYY-MM-DD
	Newest      bool   // "Mới nhất" rather than "Liên quan nhất"
	Pager       web.Pager
	Suggestions []news.Tag
	// Notice says why there are no results to show: every search slot
	// taken (search.ErrBusy), or the search stopped at its deadline
	// (search.ErrTooSlow).
	Notice string
}

func (s *Server) showSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	page := searchPage{Layout: s.layout(r, "Tìm kiếm"), Query: strings.TrimSpace(q.Get("q")), From: q.Get("tu"), To: q.Get("den")}
	page.NoIndex = true
	page.Preview = page.websitePreview(page.Title, page.Site.Description, page.absolute("/tim-kiem"))
	page.Sections, err = s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	var f search.Filters
	if v := q.Get("chuyen-muc"); v != "" {
		page.SectionID, _ = strconv.ParseInt(v, 10, 64)
		for _, sec := range page.Sections {
			if sec.ID == page.SectionID {
				f.SectionIDs = page.withChildren(sec)
			}
		}
		if f.SectionIDs == nil {
			return news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
		}
	}
	switch q.Get("sap-xep") {
	case "":
	case sortNewest:
		page.Newest, f.Newest = true, true
	default:
		return news.Errorf(news.Invalid, "Cách sắp xếp không hợp lệ")
	}
	loc := page.Site.Location
	if page.From != "" {
		if f.From, err = vietnamese.ParseDay(page.From, loc); err != nil {
			return news.Errorf(news.Invalid, "Ngày bắt đầu không hợp lệ")
		}
	}
	if page.To != "" {
		to, err := vietnamese.ParseDay(page.To, loc)
		if err != nil {
			return news.Errorf(news.Invalid, "Ngày kết thúc không hợp lệ")
		}
		f.Before = to.AddDate(0, 0, 1)
	}
	parsed := search.Parse(page.Query)
	if page.Query != "" {
		page.Title = "Tìm kiếm: " + parsed.Raw + " - " + page.Site.Name
	}
	page.Results, err = s.search.Search(r.Context(), parsed, f, n, web.PerPage)
	if errors.Is(err, search.ErrBusy) || errors.Is(err, search.ErrTooSlow) {
		return s.searchRefused(w, page, err)
	}
	if err != nil {
		return err
	}
	shown := min(page.Results.Total, search.Ranked)
	if page.Newest {
		shown = page.Results.Total
	}
	if page.Pager, err = web.NewPager(searchPath(parsed.Raw, page.SectionID, page.From, page.To, page.Newest), n, shown); err != nil {
		return err
	}
	if page.Results.Total == 0 && page.Query != "" {
		page.Suggestions = s.suggestTags(r, parsed)
	}
	return s.render(w, http.StatusOK, "search", page)
}

// searchRetryAfter is how many seconds a reader refused for want of a
// search slot is asked to wait: slots free within a search's deadline.
const searchRetryAfter = "5"

// searchRefused answers a search the limits stopped with the form, filled
// in as the reader sent it, and the reason, so they can narrow it or try
// again. It is a 503: not the results asked for, so no proxy keeps it and
// the request metrics count it as a failure; only "busy" carries
// Retry-After, since a search stopped at its deadline would be stopped
// again unchanged. The route is outside the page cache, and no-store
// keeps browsers and proxies from holding the answer either.
func (s *Server) searchRefused(w http.ResponseWriter, page searchPage, err error) error {
	page.Notice = news.ErrorMessage(err)
	page.Results.Hits = nil
	if errors.Is(err, search.ErrBusy) {
		w.Header().Set("Retry-After", searchRetryAfter)
	}
	w.Header().Set("Cache-Control", "no-store")
	return s.render(w, http.StatusServiceUnavailable, "search", page)
}

// sortNewest is the value of "sap-xep" that lists results newest first.
const sortNewest = "moi-nhat"

// searchPath is the results URL with the same filters, for paging.
func searchPath(q string, section int64, from, to string, newest bool) string {
	v := url.Values{"q": {q}}
	if section != 0 {
		v.Set("chuyen-muc", strconv.FormatInt(section, 10))
	}
	if from != "" {
		v.Set("tu", from)
	}
	if to != "" {
		v.Set("den", to)
	}
	if newest {
		v.Set("sap-xep", sortNewest)
	}
	return "/tim-kiem?" + v.Encode()
}

// suggestTags offers topics sharing a word with a query that found
// nothing, so the reader has somewhere to go.
func (s *Server) suggestTags(r *http.Request, q search.Query) []news.Tag {
	tags, err := s.store.Tags(r.Context())
	if err != nil {
		return nil
	}
	words := map[string]bool{}
	for _, w := range q.Words {
		words[w] = true
	}
	for _, p := range q.Phrases {
		for _, w := range p {
			words[w] = true
		}
	}
	var out []news.Tag
	for _, t := range tags {
		for _, w := range strings.Fields(vietnamese.Fold(t.Name)) {
			if words[w] && len(w) > 1 {
				out = append(out, t)
				break
			}
		}
		if len(out) == 8 {
			break
		}
	}
	return out
}
