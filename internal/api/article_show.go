package api

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
)

// Paging of the newsroom list.
const (
	perPage = 20
	maxPage = 10000
)

// articleList is the answer of GET /api/v1/articles.
type articleList struct {
	Articles []articleSummary `json:"articles"`
	Page     int              `json:"page"`
	PerPage  int              `json:"per_page"`
	Total    int              `json:"total"`
}

// listArticles is the newsroom's list, every state, newest change first:
// GET /api/v1/articles?status=&section_id=&page=.
func (a *API) listArticles(w http.ResponseWriter, r *http.Request, u news.User) error {
	if err := canReadNewsroom(u); err != nil {
		return err
	}
	f, page, err := listFilter(r)
	if err != nil {
		return err
	}
	f.Reader = &u
	if q := r.URL.Query().Get("q"); q != "" {
		return a.searchArticles(w, r, q, f, page)
	}
	articles, err := a.store.PublishedArticles(r.Context(), f)
	if err != nil {
		return err
	}
	total, err := a.store.CountPublished(r.Context(), f)
	if err != nil {
		return err
	}
	out := articleList{Articles: make([]articleSummary, 0, len(articles)), Page: page, PerPage: perPage, Total: total}
	for _, art := range articles {
		out.Articles = append(out.Articles, summaryOf(art))
	}
	return writeJSON(w, http.StatusOK, out)
}

// listFilter reads the list's query; a bad value is a 400, not an empty
// list, so a typo in a script does not pass for "no articles".
func listFilter(r *http.Request) (store.ArticleFilter, int, error) {
	q := r.URL.Query()
	f := store.ArticleFilter{AllStatuses: true, ByUpdated: true, Limit: perPage}
	if s := q.Get("status"); s != "" {
		st, err := news.ParseStatus(clip(s))
		if err != nil {
			return f, 0, err
		}
		f.AllStatuses, f.Status = false, st
	}
	if s := q.Get("section_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return f, 0, news.Errorf(news.Invalid, "Mã chuyên mục (section_id) không hợp lệ: cần một số nguyên dương")
		}
		f.SectionIDs = []int64{id}
	}
	page := 1
	if s := q.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			return f, 0, news.Errorf(news.Invalid, "Số trang (page) phải là số từ 1 đến %d", maxPage)
		}
		page = n
	}
	f.Offset = (page - 1) * perPage
	return f, page, nil
}

// showArticle is one article in any state, whole:
// GET /api/v1/articles/{id}.
func (a *API) showArticle(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "bài viết")
	if err != nil {
		return err
	}
	art, err := a.readable(r, u, id)
	if err != nil {
		return err
	}
	out := articleOf(art)
	if art.Status == news.Published {
		site, err := a.store.Site(r.Context())
		if err != nil {
			return err
		}
		v, err := a.views.Story(r.Context(), art.ID, site.Location)
		if err != nil {
			return err
		}
		out.Views = &viewsJSON{Today: v.Today, Week: v.Week, Total: v.Total}
	}
	return writeJSON(w, http.StatusOK, out)
}

// searchArticles answers "?q=": published articles only, best match
// first, with the same Vietnamese search as the site's search page.
func (a *API) searchArticles(w http.ResponseWriter, r *http.Request, q string, f store.ArticleFilter, page int) error {
	res, err := a.search.Search(r.Context(), search.Parse(q), search.Filters{SectionIDs: f.SectionIDs}, page, perPage)
	if err != nil {
		return err
	}
	out := articleList{Articles: make([]articleSummary, 0, len(res.Hits)), Page: page, PerPage: perPage, Total: res.Total}
	for _, h := range res.Hits {
		out.Articles = append(out.Articles, summaryOf(h.Article))
	}
	return writeJSON(w, http.StatusOK, out)
}
