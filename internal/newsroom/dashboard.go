package newsroom

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// dashboardPage is "bàn làm việc": my articles, the queues by state, and
// a filtered list.
type dashboardPage struct {
	pageLayout
	Mine     []news.Article
	Queues   []queue
	List     []news.Article
	Filter   dashboardFilter
	Sections []news.Section
	Authors  []news.Author
	Statuses []news.Status
	Pager    web.Pager
}

type queue struct {
	Status news.Status
	Count  int
}

type dashboardFilter struct {
	Status    news.Status
	SectionID int64
	AuthorID  int64
}

// onlyModerates is a member whose newsroom work is the readers'
// comments: no copy to write or read, so the desk would be empty.
func onlyModerates(u news.User) bool {
	return news.Can(u, news.ModerateComments) && !news.Can(u, news.WriteArticles) && !news.Can(u, news.ReadCopy)
}

func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request, ss *session) error {
	if onlyModerates(ss.User) {
		http.Redirect(w, r, "/toasoan/binh-luan", http.StatusSeeOther) // their desk is the queue
		return nil
	}
	ctx := r.Context()
	q := r.URL.Query()
	page := dashboardPage{pageLayout: s.pageLayout(r, ss, "Bàn làm việc"), Statuses: news.Statuses()}
	if v := q.Get("trang-thai"); v != "" {
		st, err := news.ParseStatus(v)
		if err != nil {
			return err
		}
		page.Filter.Status = st
	}
	page.Filter.SectionID, _ = strconv.ParseInt(q.Get("chuyen-muc"), 10, 64)
	page.Filter.AuthorID, _ = strconv.ParseInt(q.Get("tac-gia"), 10, 64)
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	var errs error
	if page.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if page.Authors, err = s.store.Authors(ctx); err != nil {
		return err
	}
	page.Mine, errs = s.store.PublishedArticles(ctx, store.ArticleFilter{AllStatuses: true, CreatedBy: ss.User.ID, ByUpdated: true, Limit: 8})
	if errs != nil {
		return errs
	}
	for _, st := range news.Statuses() {
		c, err := s.store.CountPublished(ctx, store.ArticleFilter{Status: st})
		if err != nil {
			return err
		}
		page.Queues = append(page.Queues, queue{Status: st, Count: c})
	}
	f := store.ArticleFilter{AllStatuses: page.Filter.Status == "", Status: page.Filter.Status, AuthorID: page.Filter.AuthorID,
		ByUpdated: true, Reader: &ss.User}
	if page.Filter.SectionID != 0 {
		f.SectionIDs = []int64{page.Filter.SectionID}
	}
	total, err := s.store.CountPublished(ctx, f)
	if err != nil {
		return err
	}
	filters := url.Values{}
	if page.Filter.Status != "" {
		filters.Set("trang-thai", string(page.Filter.Status))
	}
	if page.Filter.SectionID != 0 {
		filters.Set("chuyen-muc", strconv.FormatInt(page.Filter.SectionID, 10))
	}
	if page.Filter.AuthorID != 0 {
		filters.Set("tac-gia", strconv.FormatInt(page.Filter.AuthorID, 10))
	}
	base := "/toasoan/"
	if len(filters) > 0 {
		base += "?" + filters.Encode()
	}
	if page.Pager, err = web.NewPager(base, n, total); err != nil {
		return err
	}
	f.Limit, f.Offset = web.PerPage, page.Pager.Offset()
	if page.List, err = s.store.PublishedArticles(ctx, f); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "dashboard", page)
}
