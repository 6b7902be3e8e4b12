package pagecache

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// copies is a Mirror in memory: the pages it holds, by request key.
type copies struct {
	mu      sync.Mutex
	held    map[string]*Page
	refuse  map[string]bool  // keys it keeps no copy of
	during  func(key string) // runs inside Keep, as a change landing mid-write
	dropped map[string]int   // how often each key was dropped
	order   []string         // "keep KEY" and "drop KEY", as told
	busy    bool             // a call is running: calls must not overlap
	overlap func(format string, a ...any)
}

func newCopies(t *testing.T) *copies {
	return &copies{held: map[string]*Page{}, refuse: map[string]bool{}, dropped: map[string]int{}, overlap: t.Errorf}
}

func (m *copies) enter() {
	m.mu.Lock()
	if m.busy {
		m.overlap("the mirror was called while another call ran")
	}
	m.busy = true
	m.mu.Unlock()
}

func (m *copies) leave() {
	m.mu.Lock()
	m.busy = false
	m.mu.Unlock()
}

func (m *copies) Keep(key string, p *Page) bool {
	m.enter()
	defer m.leave()
	if m.during != nil {
		m.during(key)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.refuse[key] {
		return false
	}
	m.held[key] = p
	m.order = append(m.order, "keep "+key)
	return true
}

func (m *copies) Drop(keys []string) {
	m.enter()
	defer m.leave()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, k := range keys {
		delete(m.held, k)
		m.dropped[k]++
		m.order = append(m.order, "drop "+k)
	}
}

func (m *copies) keys() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.held))
}

// TestMirrorHoldsWhatTheCacheServes: the mirror is given each page the
// cache keeps, and loses it with the cache's copy whatever drops it: a
// change to what it shows (only those pages), being pushed out, every
// page turning stale, a flush, or its maximum age.
func TestMirrorHoldsWhatTheCacheServes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	c := New(1<<20, time.Minute, func() time.Time { return now })
	m := newCopies(t)
	m.refuse["/tim-kiem?q=lua"] = true
	c.SetMirror(m)
	c.Get("/bai-1", page("một", "article:1", "latest"))
	c.Get("/bai-2", page("hai", "article:2", "latest"))
	c.Get("/the-thao", page("thể thao", "section:5"))
	c.Get("/tim-kiem?q=lua", page("tìm", "latest"))
	c.Get("/loi", func() (*Page, bool) { return &Page{Status: 503, Body: []byte("lỗi")}, false })
	if got := fmt.Sprint(m.keys()); got != "[/bai-1 /bai-2 /the-thao]" {
		t.Fatalf("the mirror holds %s", got)
	}
	if p := c.Get("/bai-1", page("khác")); m.held["/bai-1"] != p {
		t.Fatal("the mirror's copy is not the page the cache serves")
	}

	c.ChangedPages(news.Change{Keys: []news.Key{"article:2"}})
	if got := fmt.Sprint(m.keys()); got != "[/bai-1 /the-thao]" {
		t.Fatalf("after a change to article 2 the mirror holds %s", got)
	}
	if m.dropped["/bai-1"] != 0 || m.dropped["/tim-kiem?q=lua"] != 0 {
		t.Fatalf("pages the change did not touch, or the mirror never held, were dropped: %v", m.dropped)
	}

	c.MarkStale()
	if got := m.keys(); len(got) != 0 {
		t.Fatalf("stale pages still mirrored: %v", got)
	}
	c.Get("/bai-1", page("một mới", "article:1"))
	if string(m.held["/bai-1"].Body) != "một mới" {
		t.Fatal("the page rendered after the stale one was not mirrored")
	}

	now = now.Add(59 * time.Second)
	c.DropExpired()
	if len(m.keys()) != 1 {
		t.Fatal("a fresh page was dropped as expired")
	}
	now = now.Add(2 * time.Second)
	c.DropExpired()
	if got := m.keys(); len(got) != 0 {
		t.Fatalf("pages past the maximum age still mirrored: %v", got)
	}

	c.Get("/bai-1", page("một lần nữa", "article:1"))
	c.Flush()
	if got := m.keys(); len(got) != 0 {
		t.Fatalf("after a flush the mirror holds %v", got)
	}
}

// TestMirrorDropsWhatIsPushedOut: a page the cache evicts for room goes
// from the mirror too; no change will name it again.
func TestMirrorDropsWhatIsPushedOut(t *testing.T) {
	t.Parallel()
	c := New(64<<10, time.Hour, time.Now)
	m := newCopies(t)
	c.SetMirror(m)
	body := string(make([]byte, 1000))
	for i := range 150 {
		c.Get(fmt.Sprintf("/trang-%d", i), page(body, "any"))
	}
	st := c.Stats()
	if st.Evictions == 0 {
		t.Fatal("nothing was pushed out")
	}
	if got := len(m.keys()); got != st.Pages {
		t.Fatalf("the mirror holds %d pages, the cache %d", got, st.Pages)
	}
	for _, k := range m.keys() {
		if c.Peek(k) == nil {
			t.Fatalf("the mirror holds %s, which the cache pushed out", k)
		}
	}
}

// TestMirrorLosesAPageChangedWhileItIsCopied: a change committed while the
// mirror writes a page drops the copy just written, so the mirror never
// keeps what the cache no longer serves.
func TestMirrorLosesAPageChangedWhileItIsCopied(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	m := newCopies(t)
	changed := make(chan struct{})
	m.during = func(key string) {
		if key == "/bai-1" {
			go func() {
				c.Invalidate("article:1") // waits for the mirror, like a notice would
				close(changed)
			}()
			for c.Peek("/bai-1") != nil {
				runtime.Gosched() // until the change has dropped the cache's copy
			}
		}
	}
	c.SetMirror(m)
	c.Get("/bai-1", page("cũ", "article:1"))
	<-changed
	if got := m.keys(); len(got) != 0 {
		t.Fatalf("the mirror kept %v after a change during its copy", got)
	}
	if got := fmt.Sprint(m.order); got != "[keep /bai-1 drop /bai-1]" {
		t.Fatalf("the mirror was told %s", got)
	}
}

// TestMirrorUnderConcurrentChanges: readers and changes at once; when they
// are done, everything the mirror holds is the page the cache serves for
// that key.
func TestMirrorUnderConcurrentChanges(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	m := newCopies(t)
	c.SetMirror(m)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 300 {
				n := (g + i) % 10
				key := fmt.Sprintf("/bai-%d", n)
				if i%7 == 0 {
					c.Invalidate(fmt.Sprintf("article:%d", n))
					continue
				}
				c.Get(key, page(fmt.Sprintf("bài %d lần %d", n, i), fmt.Sprintf("article:%d", n)))
			}
		})
	}
	wg.Wait()
	for _, k := range m.keys() {
		if p := c.Peek(k); p == nil || m.held[k] != p {
			t.Fatalf("the mirror holds a page of %s the cache does not serve", k)
		}
	}
}
