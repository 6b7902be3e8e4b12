package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// mostReadOnPage is how many stories each "Đọc nhiều" list shows.
const mostReadOnPage = 5

// mostReadLists is a page's "Đọc nhiều" block: the last 24 hours' and the
// last 7 days' most-read stories.
type mostReadLists struct {
	Day, Week []news.Article
}

// mostRead is the block as of the counter's last refresh, without the
// page's own story (skip). The page goes with news.MostReadKey, so a
// refresh that reorders a list drops it, and with each story's key.
func (s *Server) mostRead(r *http.Request, skip int64) mostReadLists {
	depend(r, news.MostReadKey)
	if s.views == nil {
		return mostReadLists{}
	}
	m := mostReadLists{Day: firstStories(s.views.MostRead(), skip), Week: firstStories(s.views.MostReadWeek(), skip)}
	dependOnArticles(r, m.Day, m.Week)
	return m
}

// firstStories is up to mostReadOnPage stories of ranked, without skip.
func firstStories(ranked []store.Ranked, skip int64) []news.Article {
	var out []news.Article
	for _, x := range ranked {
		if x.ID == skip {
			continue
		}
		out = append(out, x.Article)
		if len(out) == mostReadOnPage {
			break
		}
	}
	return out
}
