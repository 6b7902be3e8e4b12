package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// mostReadOnPage is how many stories a page's "Đọc nhiều" block shows.
const mostReadOnPage = 5

// mostRead is a page's "Đọc nhiều" block: the last 24 hours' most-read
// stories as of the counter's last refresh, not counting the page's own
// story (skip). The page goes with news.MostReadKey, so a refresh that
// reorders the list drops it, and with each story's key.
func (s *Server) mostRead(r *http.Request, skip int64) []news.Article {
	depend(r, news.MostReadKey)
	if s.views == nil {
		return nil
	}
	var out []news.Article
	for _, x := range s.views.MostRead() {
		if x.ID == skip {
			continue
		}
		out = append(out, x.Article)
		if len(out) == mostReadOnPage {
			break
		}
	}
	dependOnArticles(r, out)
	return out
}
