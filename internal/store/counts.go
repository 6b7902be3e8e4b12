package store

import (
	"fmt"
	"sync"

	"github.com/toasoan/toasoan/internal/news"
)

// publishedCounts are the numbers of published stories of the reader's
// lists (a section, a tag, an author, a topic), which their pagers show:
// counting a section of a fifteen-year archive reads its whole range of
// the index on every page a crawler asks for. Kept in chrome, dropped
// with the newest stories (latestMayChange): any change to a story.
type publishedCounts struct {
	mu sync.Mutex
	n  map[string]int
}

// maxKeptCounts bounds the lists whose counts are kept: a paper has tens
// of sections and some thousands of tags and authors; past the bound the
// others are counted each time.
const maxKeptCounts = 10000

func (c *publishedCounts) lookup(key string) (int, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	n, ok := c.n[key]
	return n, ok
}

func (c *publishedCounts) keep(key string, n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.n) < maxKeptCounts {
		c.n[key] = n
	}
}

// keptCount is f's count when f is a reader's list (published stories,
// nobody's view of the newsroom, no typed title), and the key it is kept
// under.
func keptCount(f ArticleFilter, where string, a args) (string, bool) {
	readers := f.Reader == nil && !f.AllStatuses && (f.Status == "" || f.Status == news.Published) && f.CreatedBy == 0 && f.Title == ""
	if !readers {
		return "", false
	}
	return fmt.Sprintf("%s %#v", where, []any(a)), true
}
