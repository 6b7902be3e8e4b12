package store

import (
	"slices"
	"sync"

	"github.com/toasoan/toasoan/internal/news"
)

// chrome keeps what every page reads and editors rarely change in memory:
// the site's settings, its sections and the footer's pages (dropped by the
// change key "site"),
// the weather box's localities and forecasts ("weather") and the
// announcements ("popups"), whether there are redirects at all
// ("redirects"), the newest stories (latest.go) and the reader's lists'
// counts (counts.go). A change reports its key (see changed),
// locally or from another server through Listen; a read that raced with a
// change is not kept.
type chrome struct {
	site       memo[news.Site]
	sections   memo[[]news.Section]
	localities memo[[]news.Locality]
	reports    memo[map[int64]news.WeatherReport]
	popups     memo[[]news.Popup]     // the 500 that end last
	footer     memo[[]news.Page]      // the pages the footer links to
	menu       memo[[]news.Topic]     // the topics the menu links to
	redirects  memo[bool]             // whether the redirect table has any row ("redirects")
	latest     memo[[]news.Article]   // the newest stories (latest.go)
	counts     memo[*publishedCounts] // the reader's lists' counts (counts.go)
}

// forget drops everything kept.
func (c *chrome) forget() {
	c.site.forget()
	c.sections.forget()
	c.localities.forget()
	c.reports.forget()
	c.popups.forget()
	c.footer.forget()
	c.menu.forget()
	c.redirects.forget()
	c.latest.forget()
	c.counts.forget()
}

// apply drops what a change says changed; everything when it may have
// missed changes.
func (c *chrome) apply(ch news.Change) {
	if ch.All || slices.Contains(ch.Keys, news.SiteKey) {
		c.forget()
		return
	}
	if slices.Contains(ch.Keys, news.WeatherKey) {
		c.localities.forget()
		c.reports.forget()
	}
	if slices.Contains(ch.Keys, news.PopupsKey) {
		c.popups.forget()
	}
	if slices.Contains(ch.Keys, news.RedirectsKey) {
		c.redirects.forget()
	}
	if latestMayChange(ch) {
		c.latest.forget()
		c.counts.forget()
	}
}

// memo keeps one value read from the database until forget. Callers get
// the kept value itself and must not change it.
type memo[T any] struct {
	mu         sync.Mutex
	generation uint64
	value      *T
}

// get returns the kept value, or reads it and keeps it unless a forget
// came while it was being read.
func (m *memo[T]) get(read func() (T, error)) (T, error) {
	m.mu.Lock()
	if m.value != nil {
		v := *m.value
		m.mu.Unlock()
		return v, nil
	}
	gen := m.generation
	m.mu.Unlock()
	v, err := read()
	if err == nil {
		m.mu.Lock()
		if gen == m.generation {
			m.value = &v
		}
		m.mu.Unlock()
	}
	return v, err
}

func (m *memo[T]) forget() {
	m.mu.Lock()
	m.generation++
	m.value = nil
	m.mu.Unlock()
}
