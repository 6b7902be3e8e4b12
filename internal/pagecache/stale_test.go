package pagecache

import (
	"sync"
	"testing"
	"time"
)

// testClock is a clock the tests move.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *testClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func unavailable() (*Page, bool) { return &Page{Status: 503, Body: []byte("lỗi")}, false }

func TestMaxAgeRendersAgain(t *testing.T) {
	t.Parallel()
	clock := &testClock{t: time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)}
	c := New(1<<20, 5*time.Minute, clock.now)
	c.Get("/", page("bản sáng", "home"))
	clock.add(4 * time.Minute)
	if p, src := c.GetFrom("/", page("bản mới", "home")); src != Hit || string(p.Body) != "bản sáng" {
		t.Fatalf("a page younger than the maximum age was rendered again: %q (%v)", p.Body, src)
	}
	clock.add(2 * time.Minute)
	if c.Peek("/") != nil {
		t.Fatal("Peek served a page older than the maximum age")
	}
	if p, src := c.GetFrom("/", page("bản mới", "home")); src != Rendered || string(p.Body) != "bản mới" {
		t.Fatalf("a page older than the maximum age was served: %q (%v)", p.Body, src)
	}
	if p, src := c.GetFrom("/", page("x", "home")); src != Hit || string(p.Body) != "bản mới" {
		t.Fatalf("the new render was not kept: %q (%v)", p.Body, src)
	}
}

func TestStaleServedOnlyWhenTheDatabaseIsDown(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	c.Get("/bai-1", page("bài cũ", "article:1"))
	c.MarkStale()
	if c.Peek("/bai-1") != nil {
		t.Fatal("a page marked stale was served without a render")
	}
	if p, src := c.GetFrom("/bai-1", unavailable); src != Stale || string(p.Body) != "bài cũ" || p.Status != 200 {
		t.Fatalf("with the database down: %d %q (%v), want the stale page", p.Status, p.Body, src)
	}
	if p, src := c.GetFrom("/khong-co", unavailable); src != Rendered || p.Status != 503 {
		t.Fatalf("a page never kept: %d (%v), want the 503", p.Status, src)
	}
	if p, src := c.GetFrom("/bai-1", page("bài mới", "article:1")); src != Rendered || string(p.Body) != "bài mới" {
		t.Fatalf("once the database is back: %q (%v), want a fresh render", p.Body, src)
	}
	if st := c.Stats(); st.StaleServed != 1 {
		t.Fatalf("stale served %d times, want 1", st.StaleServed)
	}
	c.Invalidate("article:1")
	if p, src := c.GetFrom("/bai-1", unavailable); src != Rendered || p.Status != 503 {
		t.Fatalf("an invalidated page was served stale: %d (%v)", p.Status, src)
	}
}

func TestRenderInFlightWhenMarkedStaleIsNotKept(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	c.Get("/", func() (*Page, bool) {
		c.MarkStale() // notices lost while the page rendered
		return page("có thể đã cũ", "home")()
	})
	if c.Peek("/") != nil {
		t.Fatal("a page rendered across a lost connection was kept")
	}
}
