package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// Preview draws an article of any state as readers would see it, for the
// newsroom's "Xem trước": never indexed, never cached, comments closed.
func (s *Server) Preview(w http.ResponseWriter, r *http.Request, a news.Article) error {
	l := s.layout(r, "Xem trước: "+a.Title)
	l.NoIndex = true
	page := articlePage{Layout: l, Article: a, Body: articleHTML(a), Parent: l.parentOf(a.Section), CanonicalURL: l.absolute(a.Path()),
		ShowCover: showCover(a)}
	if a.PublishedAt.IsZero() {
		page.Article.PublishedAt = s.now()
	}
	page.Share = shareLinks(page.CanonicalURL, a.Title)
	page.Comments = commentArea{Mode: news.CommentsClosed, Count: a.CommentCount, Now: s.now(), Loc: l.Site.Location, Path: a.Path()}
	return s.render(w, http.StatusOK, "article", page)
}
