package pagecache

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

func page(body string, keys ...string) func() (*Page, bool) {
	return func() (*Page, bool) { return &Page{Status: 200, Body: []byte(body), Keys: keys}, true }
}

func TestHitMissAndExactInvalidation(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	renders := 0
	get := func(key, body string, keys ...string) string {
		return string(c.Get(key, func() (*Page, bool) { renders++; return page(body, keys...)() }).Body)
	}
	get("/bai-1", "một", "article:1", "latest")
	get("/bai-2", "hai", "article:2", "latest")
	get("/the-thao/", "thể thao", "section:5")
	if get("/bai-1", "khác") != "một" || renders != 3 {
		t.Fatalf("second get rendered again (%d renders)", renders)
	}
	if n := c.Invalidate("article:1"); n != 1 {
		t.Fatalf("article:1 dropped %d pages", n)
	}
	if get("/bai-1", "một mới", "article:1", "latest") != "một mới" || get("/bai-2", "x") != "hai" {
		t.Fatal("invalidation was not exact")
	}
	if n := c.Invalidate("latest"); n != 2 {
		t.Fatalf("latest dropped %d pages, want both articles", n)
	}
	if get("/the-thao/", "x") != "thể thao" {
		t.Fatal("an unrelated page was dropped")
	}
}

func TestSingleFlight(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	var renders atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 50 {
		wg.Go(func() {
			p := c.Get("/nong", func() (*Page, bool) {
				renders.Add(1)
				<-release
				return page("trang nóng", "article:9")()
			})
			if string(p.Body) != "trang nóng" {
				t.Error("a waiter got another page")
			}
		})
	}
	// Let every goroutine reach Get before the render finishes.
	for c.Stats().Misses+c.Stats().Hits < 50 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Fatalf("%d renders for 50 concurrent requests", n)
	}
}

func TestChangeDuringRenderIsNotKept(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	c.Get("/bai-1", func() (*Page, bool) {
		c.Invalidate("article:1") // committed while the old version renders
		return page("cũ", "article:1")()
	})
	if got := string(c.Get("/bai-1", page("mới", "article:1")).Body); got != "mới" {
		t.Fatalf("stale page kept: %q", got)
	}
}

func TestBounded(t *testing.T) {
	t.Parallel()
	c := New(64<<10, time.Hour, time.Now)
	body := strings.Repeat("x", 1000)
	for i := range 2000 {
		c.Get(fmt.Sprintf("/?q=%d", i), page(body, "any"))
	}
	st := c.Stats()
	if st.Bytes > 64<<10 || st.Pages > 64 || st.Evictions == 0 {
		t.Fatalf("cache grew to %d bytes, %d pages, %d evictions", st.Bytes, st.Pages, st.Evictions)
	}
	c.Flush()
	if st := c.Stats(); st.Pages != 0 || st.Bytes != 0 {
		t.Fatalf("after flush: %+v", st)
	}
}

func TestVariants(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	p := c.Get("/", page(strings.Repeat("Tin tức Hà Tĩnh ", 200), "home"))
	if p.ETag == "" || len(p.Gzip) == 0 || len(p.Gzip) >= len(p.Body) {
		t.Fatalf("etag %q, gzip %d of %d bytes", p.ETag, len(p.Gzip), len(p.Body))
	}
	notKept := c.Get("/loi", func() (*Page, bool) { return &Page{Status: 500, Body: []byte("lỗi")}, false })
	if notKept.Status != 500 || c.Stats().Pages != 1 {
		t.Fatalf("an uncacheable answer was kept")
	}
}

// TestChangedPagesNamesWhatWasDropped: a proxy that purges by URL is told
// exactly the pages a change dropped, and every kept page when all turn
// stale.
func TestChangedPagesNamesWhatWasDropped(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	c.Get("/bai-1", page("một", "article:1", "latest"))
	c.Get("/bai-2", page("hai", "article:2", "latest"))
	c.Get("/the-thao/?trang=2", page("thể thao", "section:5"))
	gone := c.ChangedPages(news.Change{Keys: []news.Key{"article:2"}})
	if strings.Join(gone, " ") != "/bai-2" {
		t.Fatalf("a correction to article 2 dropped %q", gone)
	}
	all := c.ChangedPages(news.Change{All: true})
	slices.Sort(all)
	if strings.Join(all, " ") != "/bai-1 /the-thao/?trang=2" {
		t.Fatalf("every page stale named %q", all)
	}
}

// A page rendered into a buffer grown by doubling is kept at its length,
// and the cache counts the memory it holds: a 40 KB page in a 64 KB
// buffer must not keep 64 KB that Stats does not see.
func TestPagesKeptAtTheirLength(t *testing.T) {
	t.Parallel()
	c := New(1<<20, time.Hour, time.Now)
	rendered := make([]byte, 0, 64<<10)
	rendered = append(rendered, strings.Repeat("Tin tức Hà Tĩnh. ", 40<<10/len("Tin tức Hà Tĩnh. "))...)
	p := c.Get("/bai-1", func() (*Page, bool) { return &Page{Status: 200, Body: rendered, Keys: []string{"article:1"}}, true })
	// Within the allocator's rounding of a size (an eighth at most).
	fits := func(b []byte) bool { return cap(b) <= len(b)+len(b)/8 }
	if !fits(p.Body) || !fits(p.Gzip) {
		t.Fatalf("kept %d bytes of capacity for a %d-byte page (gzip %d of %d)", cap(p.Body), len(p.Body), cap(p.Gzip), len(p.Gzip))
	}
	if st := c.Stats(); st.Bytes < len(p.Body) || st.Bytes > len(p.Body)+len(p.Gzip)+4<<10 {
		t.Fatalf("the cache counts %d bytes for a page of %d (+%d gzip)", st.Bytes, len(p.Body), len(p.Gzip))
	}
}
