package newsroom

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// dashboardPage is "bàn làm việc": my articles, the queues by state, and
// the list of every story the member may read, searched and filtered.
type dashboardPage struct {
	pageLayout
	Mine     []news.Article
	Queues   []queue
	List     []news.Article
	Total    int // stories the filters found, on every page
	Filter   dashboardFilter
	Error    string // why the filters could not be used
	Sections []news.Section
	Authors  []news.Author
	Statuses []news.Status
	Pager    web.Pager
}

type queue struct {
	Status news.Status
	Count  int
}

// onlyModerates is a member whose newsroom work is the readers'
// comments: no copy to write or read, so the desk would be empty.
func onlyModerates(u news.User) bool {
	return news.Can(u, news.ModerateComments) && !news.Can(u, news.WriteArticles) && !news.Can(u, news.ReadCopy)
}

// showDashboard draws the desk. Every list and count on it keeps to what
// the member may open (store.ArticleFilter.Reader: news.CanRead in SQL),
// so neither a search nor a queue's number tells a reporter about
// someone else's draft. Filters that mean nothing answer 400 with the
// form as typed and the reason.
func (s *Server) showDashboard(w http.ResponseWriter, r *http.Request, ss *session) error {
	if onlyModerates(ss.User) {
		http.Redirect(w, r, "/toasoan/binh-luan", http.StatusSeeOther) // their desk is the queue
		return nil
	}
	ctx := r.Context()
	page := dashboardPage{pageLayout: s.pageLayout(r, ss, "Bàn làm việc"), Statuses: news.Statuses()}
	reader := &ss.User
	var err error
	if page.Sections, err = s.store.Sections(ctx); err != nil {
		return err
	}
	if page.Authors, err = s.store.Authors(ctx); err != nil {
		return err
	}
	page.Mine, err = s.store.PublishedArticles(ctx, store.ArticleFilter{AllStatuses: true, CreatedBy: ss.User.ID, ByUpdated: true, Limit: 8, Reader: reader})
	if err != nil {
		return err
	}
	for _, st := range news.Statuses() {
		c, err := s.store.CountPublished(ctx, store.ArticleFilter{Status: st, Reader: reader})
		if err != nil {
			return err
		}
		page.Queues = append(page.Queues, queue{Status: st, Count: c})
	}
	filter, f, err := readDashboardFilter(r.URL.Query(), page.Site.Location)
	page.Filter = filter
	if news.ErrorCode(err) == news.Invalid {
		page.Error = news.ErrorMessage(err)
		return s.render(w, http.StatusBadRequest, "dashboard", page)
	}
	if err != nil {
		return err
	}
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	f.Reader = reader
	if page.Total, err = s.store.CountPublished(ctx, f); err != nil {
		return err
	}
	base := "/toasoan/"
	if q := filter.query(); len(q) > 0 {
		base += "?" + q.Encode()
	}
	if page.Pager, err = web.NewPager(base, n, page.Total); err != nil {
		return err
	}
	f.Limit, f.Offset = web.PerPage, page.Pager.Offset()
	if page.List, err = s.store.PublishedArticles(ctx, f); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "dashboard", page)
}
