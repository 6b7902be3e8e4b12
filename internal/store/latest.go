package store

import (
	"context"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// latestKept is how many of the newest stories are kept in memory for
// the "Tin mới" lists: every article page shows them, one fewer when the
// page's own story is among them.
const latestKept = 12

// Latest is up to limit (at most latestKept-1) of the newest published
// stories other than exclude, without bodies. They are kept in memory
// until a change that could touch them (latestMayChange).
func (s *Store) Latest(ctx context.Context, limit int, exclude int64) ([]news.Article, error) {
	kept, err := s.chrome.latest.get(func() ([]news.Article, error) {
		return s.PublishedArticles(ctx, ArticleFilter{Limit: latestKept})
	})
	if err != nil {
		return nil, err
	}
	out := make([]news.Article, 0, min(limit, len(kept)))
	for _, a := range kept {
		if a.ID != exclude && len(out) < min(limit, latestKept-1) {
			out = append(out, a)
		}
	}
	return out, nil
}

// latestMayChange reports whether a change could touch the newest
// stories as lists show them: anything but comments, views, the weather,
// announcements and redirects. A story's summary carries its section,
// bylines and cover, so their changes count too.
func latestMayChange(ch news.Change) bool {
	if ch.All {
		return true
	}
	return slices.ContainsFunc(ch.Keys, func(k news.Key) bool {
		switch k {
		case news.WeatherKey, news.PopupsKey, news.RedirectsKey, news.MostReadKey, news.AnyKey:
			return false
		}
		return !strings.HasPrefix(string(k), "comments:")
	})
}
