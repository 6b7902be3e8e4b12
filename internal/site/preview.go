package site

import (
	"errors"
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/preview"
	"github.com/toasoan/toasoan/internal/web"
)

// Preview draws an article of any state as readers would see it, for the
// newsroom's "Xem trước": never indexed, never cached, comments closed.
func (s *Server) Preview(w http.ResponseWriter, r *http.Request, a news.Article) error {
	l := s.layout(r, "Xem trước: "+a.Title)
	l.NoIndex = true
	page := articlePage{Layout: l, Article: a, Body: articleHTML(a), Parent: l.parentOf(a.Section), CanonicalURL: l.absolute(a.Path()),
		ShowCover: showCover(a)}
	page.Banner = "Bản xem trước — chưa đăng"
	if a.Status == news.Published {
		page.Banner = "Bản xem trước — bài đã đăng"
	}
	if a.PublishedAt.IsZero() {
		page.Article.PublishedAt = s.now()
	}
	page.Share = shareLinks(page.CanonicalURL, a.Title)
	page.Comments = commentArea{Mode: news.CommentsClosed, Count: a.CommentCount, Now: s.now(), Loc: l.Site.Location, Path: a.Path()}
	return s.renderArticlePage(w, http.StatusOK, page)
}

// showSharedPreview is "/xem-truoc/{token}": a preview link an editor
// sent to someone outside the newsroom (package preview), opened without
// a session. Like the newsroom's preview it is never indexed, counted or
// cached (it is not a cached route, and says so to proxies and
// browsers); a link that was good and no longer is answers 410, any
// other 404. No Referer carries the token to the sites the page links to.
func (s *Server) showSharedPreview(w http.ResponseWriter, r *http.Request) error {
	h := w.Header()
	h.Set("Cache-Control", "private, no-store")
	h.Set("X-Robots-Tag", "noindex, nofollow")
	h.Set("Referrer-Policy", "no-referrer")
	a, err := s.previews.Open(r.Context(), r.PathValue("token"), web.ClientIP(r))
	if gone, ok := errors.AsType[*preview.Gone](err); ok {
		s.renderError(w, r, http.StatusGone, gone.Message())
		return nil
	}
	if err != nil {
		return err
	}
	return s.Preview(w, r, a)
}
