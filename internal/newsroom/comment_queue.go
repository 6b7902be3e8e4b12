package newsroom

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// queuePerPage is how many comments a page of the queue shows.
const queuePerPage = 30

// commentStatuses are the queue's tabs.
var commentStatuses = []news.CommentStatus{news.CommentPending, news.CommentPublished, news.CommentRejected, news.CommentSpam}

// queueFilter is where a moderator is in the queue: the state, the
// article and section filters, the page. It travels in the query string
// of the queue's links and of its forms' actions, so the answer to a
// form, a refusal shown inline or the redirect after success, keeps the
// moderator's place.
type queueFilter struct {
	Status    news.CommentStatus
	ArticleID int64
	SectionID int64
	Page      int
}

// parseQueueFilter reads the filter; anything but a known state, plain
// ids and a page number is a bad request.
func parseQueueFilter(q url.Values) (queueFilter, error) {
	f := queueFilter{Status: news.CommentPending, Page: 1}
	if v := q.Get("trang-thai"); v != "" {
		f.Status = news.CommentStatus(v)
		if !slices.Contains(commentStatuses, f.Status) {
			return f, news.Errorf(news.Invalid, "Trạng thái bình luận không hợp lệ")
		}
	}
	var err error
	if f.ArticleID, err = web.FormID(q.Get("bai")); err != nil {
		return f, news.Errorf(news.Invalid, "Bộ lọc bài viết không hợp lệ")
	}
	if f.SectionID, err = web.FormID(q.Get("chuyen-muc")); err != nil {
		return f, news.Errorf(news.Invalid, "Bộ lọc chuyên mục không hợp lệ")
	}
	if v := q.Get("trang"); v != "" {
		if f.Page, err = strconv.Atoi(v); err != nil || f.Page < 1 || f.Page > 10000 || len(v) > 5 {
			return f, news.Errorf(news.Invalid, "Số trang không hợp lệ")
		}
	}
	return f, nil
}

// values is the filter as query parameters, leaving out what is the
// default.
func (f queueFilter) values() url.Values {
	v := url.Values{}
	if f.Status != news.CommentPending {
		v.Set("trang-thai", string(f.Status))
	}
	if f.ArticleID != 0 {
		v.Set("bai", strconv.FormatInt(f.ArticleID, 10))
	}
	if f.SectionID != 0 {
		v.Set("chuyen-muc", strconv.FormatInt(f.SectionID, 10))
	}
	if f.Page > 1 {
		v.Set("trang", strconv.Itoa(f.Page))
	}
	return v
}

// link is the queue at f, with extra parameters (a notice) added.
func (f queueFilter) link(extra ...string) string {
	v := f.values()
	for i := 0; i+1 < len(extra); i += 2 {
		v.Set(extra[i], extra[i+1])
	}
	if len(v) == 0 {
		return "/toasoan/binh-luan"
	}
	return "/toasoan/binh-luan?" + v.Encode()
}

// Here is the query string that brings a form's answer back to this
// place: "" or "?…".
func (f queueFilter) Here() string {
	if v := f.values(); len(v) > 0 {
		return "?" + v.Encode()
	}
	return ""
}

// StatusLink is the first page of another tab, keeping the article and
// section filters.
func (f queueFilter) StatusLink(st news.CommentStatus) string {
	f.Status, f.Page = st, 1
	return f.link()
}

// ArticleLink is the current tab narrowed to one article.
func (f queueFilter) ArticleLink(id int64) string {
	f.ArticleID, f.Page = id, 1
	return f.link()
}

// Clear is the current tab without filters.
func (f queueFilter) Clear() string { return queueFilter{Status: f.Status}.link() }

// queueItem is one comment of the queue with what the moderator needs
// beside it: the comment it answers, what became of the reader's other
// comments, and after a refusal, the text and reason they had chosen and
// the error.
type queueItem struct {
	news.Comment
	Parent  *news.Comment
	History store.ReaderHistory
	Known   bool   // the reader can be recognised: a browser id or an e-mail
	Draft   string // the text in the box
	Reason  string // the reason chosen
	Error   string
	Checked bool // ticked for the bulk form
}

// queueAnswer is what a refused form sent, to show it back in place.
type queueAnswer struct {
	CommentID          int64
	Draft, Reason      string
	Error              string // beside the comment
	PageError          string // on top, beside the bulk form
	Checked            []int64
	Action, BulkReason string // the bulk form's choices
}

// showModeration is the queue.
func (s *Server) showModeration(w http.ResponseWriter, r *http.Request, ss *session) error {
	f, err := parseQueueFilter(r.URL.Query())
	if err != nil {
		return err
	}
	page, err := s.queuePage(r, ss, f, queueAnswer{})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "comments", page)
}

// queuePage reads one page of the queue at f. A page past the end shows
// the last one: after the last comment of the last page is dealt with,
// the moderator stays as near as the list allows.
func (s *Server) queuePage(r *http.Request, ss *session, f queueFilter, ans queueAnswer) (moderationPage, error) {
	ctx := r.Context()
	page, err := s.moderationPage(r, ss, "Bình luận")
	if err != nil {
		return page, err
	}
	if page.Sections, err = s.store.Sections(ctx); err != nil {
		return page, err
	}
	filter := store.CommentFilter{Status: f.Status, ArticleID: f.ArticleID}
	if f.SectionID != 0 {
		if !slices.ContainsFunc(page.Sections, func(sec news.Section) bool { return sec.ID == f.SectionID }) {
			return page, news.Errorf(news.NotFound, "Không tìm thấy chuyên mục")
		}
		filter.SectionIDs = []int64{f.SectionID}
		for _, sec := range page.Sections {
			if sec.ParentID == f.SectionID {
				filter.SectionIDs = append(filter.SectionIDs, sec.ID)
			}
		}
	}
	if page.Articles, err = s.store.CommentArticles(ctx, f.Status, filter.SectionIDs); err != nil {
		return page, err
	}
	if f.ArticleID != 0 && !slices.ContainsFunc(page.Articles, func(a store.CommentArticle) bool { return a.ID == f.ArticleID }) {
		a, err := s.store.Article(ctx, f.ArticleID)
		if err != nil {
			return page, err
		}
		page.Articles = append(page.Articles, store.CommentArticle{ID: a.ID, Title: a.Title})
	}
	total, err := s.store.CountComments(ctx, filter)
	if err != nil {
		return page, err
	}
	pages := max((total+queuePerPage-1)/queuePerPage, 1)
	f.Page = min(f.Page, pages)
	page.Filter, page.Pager = f, web.Pager{Page: f.Page, Pages: pages}
	if f.Page > 1 {
		page.Pager.PrevURL = queueFilter{f.Status, f.ArticleID, f.SectionID, f.Page - 1}.link()
	}
	if f.Page < pages {
		page.Pager.NextURL = queueFilter{f.Status, f.ArticleID, f.SectionID, f.Page + 1}.link()
	}
	filter.Limit, filter.Offset = queuePerPage, (f.Page-1)*queuePerPage
	list, err := s.store.Comments(ctx, filter)
	if err != nil {
		return page, err
	}
	if page.Items, err = s.queueItems(r, list, ans); err != nil {
		return page, err
	}
	page.Error, page.BulkAction, page.BulkReason = ans.PageError, ans.Action, ans.BulkReason
	if ans.Error != "" && !slices.ContainsFunc(page.Items, func(it queueItem) bool { return it.ID == ans.CommentID }) {
		page.Error = "Bình luận #" + strconv.FormatInt(ans.CommentID, 10) + ": " + ans.Error
	}
	return page, nil
}

// queueItems puts beside each comment the comment it answers and the
// reader's history: two reads for the whole page.
func (s *Server) queueItems(r *http.Request, list []news.Comment, ans queueAnswer) ([]queueItem, error) {
	var parentIDs []int64
	for _, c := range list {
		if c.ParentID != 0 {
			parentIDs = append(parentIDs, c.ParentID)
		}
	}
	parents, err := s.store.CommentsByID(r.Context(), parentIDs)
	if err != nil {
		return nil, err
	}
	histories, err := s.store.ReaderHistories(r.Context(), list)
	if err != nil {
		return nil, err
	}
	items := make([]queueItem, len(list))
	for i, c := range list {
		it := queueItem{Comment: c, History: histories[c.ID], Known: c.BrowserHash != "" || c.Email != "", Draft: c.Body,
			Checked: slices.Contains(ans.Checked, c.ID)}
		if p, ok := parents[c.ParentID]; ok {
			it.Parent = &p
		}
		if c.ID == ans.CommentID {
			it.Error, it.Reason = ans.Error, ans.Reason
			if ans.Draft != "" {
				it.Draft = ans.Draft
			}
		}
		items[i] = it
	}
	return items, nil
}
