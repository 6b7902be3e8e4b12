package views

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// MostReadSize is how many stories a "Đọc nhiều" list shows.
const MostReadSize = 10

// rankings are the most-read lists pages show, made by Refresh on a
// schedule rather than on each view, so a view never drops a cached page.
type rankings struct {
	mu        sync.RWMutex
	day, week []store.Ranked
}

// MostRead returns the most-read stories of the last 24 hours, as of the
// last refresh.
func (c *Counter) MostRead() []store.Ranked {
	c.ranking.mu.RLock()
	defer c.ranking.mu.RUnlock()
	return c.ranking.day
}

// MostReadWeek returns the most-read stories of the last 7 days, as of
// the last refresh.
func (c *Counter) MostReadWeek() []store.Ranked {
	c.ranking.mu.RLock()
	defer c.ranking.mu.RUnlock()
	return c.ranking.week
}

// Refresh reads both lists again; when the stories or their order
// changed, the pages showing them hear news.MostReadKey (this server's:
// every server refreshes its own lists).
func (c *Counter) Refresh(ctx context.Context) error {
	now := c.now()
	day, err := c.store.MostRead(ctx, now.Add(-24*time.Hour), MostReadSize)
	if err != nil {
		return err
	}
	week, err := c.store.MostRead(ctx, now.Add(-7*24*time.Hour), MostReadSize)
	if err != nil {
		return err
	}
	c.ranking.mu.Lock()
	changed := !sameStories(c.ranking.day, day) || !sameStories(c.ranking.week, week)
	c.ranking.day, c.ranking.week = day, week
	c.ranking.mu.Unlock()
	if changed {
		c.store.Announce(news.MostReadKey)
	}
	return nil
}

// sameStories reports whether two lists show the same stories in the
// same order with the same titles: view numbers alone don't change a page.
func sameStories(a, b []store.Ranked) bool {
	return slices.EqualFunc(a, b, func(x, y store.Ranked) bool {
		return x.ID == y.ID && x.Title == y.Title && x.Slug == y.Slug
	})
}

// Story is story id's views for the newsroom: since the start of the
// paper's day in loc, over the last seven days, and in all. Counts still
// in memory are not in it yet: they arrive with the next Flush.
func (c *Counter) Story(ctx context.Context, id int64, loc *time.Location) (store.StoryViews, error) {
	now := c.now()
	return c.store.ViewsOf(ctx, id, store.DayStart(now, loc), now)
}
