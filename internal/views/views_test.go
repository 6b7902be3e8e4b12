package views_test

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/views"
)

const phone = "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"

// clock is a test's time, moved by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// paper is a store with two published stories and a draft.
type paper struct {
	store                *store.Store
	first, second, draft news.Article
}

func newPaper(t testing.TB, s *store.Store) paper {
	t.Helper()
	ctx := context.Background()
	sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	make := func(slug, title string, status news.Status) news.Article {
		a := news.Article{Slug: slug, Title: title, SectionID: sec.ID, Status: status}
		if status == news.Published {
			a.PublishedAt = time.Now().Add(-time.Hour)
		}
		a, err := s.CreateArticle(ctx, news.System(), a)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	return paper{store: s,
		first:  make("bao-so-5", "Bão số 5 vào bờ biển Hà Tĩnh", news.Published),
		second: make("le-hoi", "Lễ hội cầu ngư ở Thạch Kim", news.Published),
		draft:  make("ban-nhap", "Bản nháp chưa đăng", news.Draft),
	}
}

// view is a reader's request: address and browser.
func view(address, browser string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/api/v1/articles/1/views", nil)
	r.RemoteAddr = address + ":51000"
	r.Header.Set("User-Agent", browser)
	return r
}

func count(t *testing.T, c *views.Counter, r *http.Request, id int64) views.Outcome {
	t.Helper()
	got, err := c.Count(context.Background(), r, id)
	if err != nil {
		t.Fatalf("count %d: %v", id, err)
	}
	return got
}

// One reader counts once per story per 30 minutes; another browser or
// another story is another view; nothing reaches the database before a
// flush, and the flush adds every view once.
func TestOneReaderCountsOncePerWindow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPaper(t, s)
		clk := &clock{t: time.Now()}
		c := views.New(s, clk.now)

		if got := count(t, c, view("203.0.113.7", phone), p.first.ID); got != views.Counted {
			t.Fatalf("first view: %v", got)
		}
		if got := count(t, c, view("203.0.113.7", phone), p.first.ID); got != views.Repeated {
			t.Errorf("the same reader again: %v, want Repeated", got)
		}
		if got := count(t, c, view("203.0.113.7", phone+" Edg/131"), p.first.ID); got != views.Counted {
			t.Errorf("another browser at the same address: %v", got)
		}
		if got := count(t, c, view("203.0.113.7", phone), p.second.ID); got != views.Counted {
			t.Errorf("the same reader, another story: %v", got)
		}
		if v, _ := s.ViewsOf(ctx, p.first.ID, clk.now().Add(-time.Hour), clk.now()); v.Total != 0 {
			t.Errorf("views written before a flush: %+v", v)
		}
		clk.add(views.Window - time.Second)
		if got := count(t, c, view("203.0.113.7", phone), p.first.ID); got != views.Repeated {
			t.Errorf("inside the window: %v", got)
		}
		clk.add(2 * time.Second)
		if got := count(t, c, view("203.0.113.7", phone), p.first.ID); got != views.Counted {
			t.Errorf("after the window: %v", got)
		}
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.Flush(ctx); err != nil { // nothing pending: nothing added twice
			t.Fatal(err)
		}
		v, err := s.ViewsOf(ctx, p.first.ID, clk.now().Add(-2*time.Hour), clk.now())
		if err != nil || v != (store.StoryViews{Today: 3, Week: 3, Total: 3}) {
			t.Errorf("first story's views %+v, %v; want 3 each", v, err)
		}
	})
}

// Bots, prefetches and other sites' pages count nothing; a story that is
// not published, or none, is refused; a flood from one address with
// ever-new browser names stops at the address's limit.
func TestViewsThatDoNotCount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPaper(t, s)
		c := views.New(s, nil)

		for _, ua := range []string{"", "Googlebot/2.1 (+http://www.google.com/bot.html)", "facebookexternalhit/1.1",
			"curl/8.5.0", "Mozilla/5.0 (X11; Linux x86_64) HeadlessChrome/131.0"} {
			if got := count(t, c, view("198.51.100.1", ua), p.first.ID); got != views.Ignored {
				t.Errorf("browser %q: %v, want Ignored", ua, got)
			}
		}
		prefetch := view("198.51.100.2", phone)
		prefetch.Header.Set("Sec-Purpose", "prefetch;prerender")
		if got := count(t, c, prefetch, p.first.ID); got != views.Ignored {
			t.Errorf("a prefetch: %v", got)
		}
		foreign := view("198.51.100.3", phone)
		foreign.Header.Set("Sec-Fetch-Site", "cross-site")
		if _, err := c.Count(ctx, foreign, p.first.ID); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a view sent by another site's page: %v", err)
		}
		for _, id := range []int64{p.draft.ID, 999_999} {
			if _, err := c.Count(ctx, view("198.51.100.4", phone), id); news.ErrorCode(err) != news.NotFound {
				t.Errorf("story %d: %v, want NotFound", id, err)
			}
		}
		refused := 0
		for i := range 400 {
			if _, err := c.Count(ctx, view("198.51.100.9", phone+" flood/"+string(rune('a'+i%26))+string(rune('a'+i/26))), p.first.ID); err != nil {
				if news.ErrorCode(err) != news.TooMany {
					t.Fatalf("flood: %v", err)
				}
				refused++
			}
		}
		if refused != 100 {
			t.Errorf("a flood of 400 views from one address: %d refused, want 100", refused)
		}
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		v, _ := s.ViewsOf(ctx, p.first.ID, time.Now().Add(-time.Hour), time.Now())
		d, _ := s.ViewsOf(ctx, p.draft.ID, time.Now().Add(-time.Hour), time.Now())
		if v.Total != 300 || d.Total != 0 {
			t.Errorf("counted %d views of the story and %d of the draft; want 300 and 0", v.Total, d.Total)
		}
	})
}

// The most-read lists order stories by their views in the period, and a
// refresh that changes them tells the pages (news.MostReadKey); a refresh
// that changes nothing stays quiet.
func TestMostRead(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPaper(t, s)
		var mu sync.Mutex
		heard := 0
		s.Subscribe(func(ch news.Change) {
			if slices.Contains(ch.Keys, news.MostReadKey) {
				mu.Lock()
				heard++
				mu.Unlock()
			}
		})
		c := views.New(s, nil)
		for i := range 5 {
			count(t, c, view("192.0.2."+string(rune('1'+i)), phone), p.second.ID)
		}
		count(t, c, view("192.0.2.200", phone), p.first.ID)
		if err := c.Flush(ctx); err != nil {
			t.Fatal(err)
		}
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		day := c.MostRead()
		if len(day) != 2 || day[0].ID != p.second.ID || day[0].Views != 5 || day[1].ID != p.first.ID {
			t.Fatalf("most read: %+v", day)
		}
		if week := c.MostReadWeek(); len(week) != 2 || week[0].ID != p.second.ID {
			t.Errorf("most read of the week: %+v", week)
		}
		if err := c.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
		mu.Lock()
		defer mu.Unlock()
		if heard != 1 {
			t.Errorf("MostReadKey heard %d times, want once (a refresh without change is quiet)", heard)
		}
	})
}

// Run writes counted views and refreshes the lists on its own schedule,
// telling the pages when the lists change, and writes what is left when
// it stops.
func TestRunWritesRefreshesAndFlushesAtStop(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newPaper(t, s)
		changed := make(chan struct{}, 16)
		s.Subscribe(func(ch news.Change) {
			if slices.Contains(ch.Keys, news.MostReadKey) {
				changed <- struct{}{}
			}
		})
		c := views.New(s, nil)
		count(t, c, view("203.0.113.50", phone), p.first.ID)
		ctx, stop := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			defer close(done)
			c.Run(ctx, 20*time.Millisecond, 20*time.Millisecond, slog.New(slog.DiscardHandler))
		}()
		select {
		case <-changed:
		case <-time.After(30 * time.Second):
			t.Fatal("the most-read lists never changed after a view")
		}
		if day := c.MostRead(); len(day) != 1 || day[0].ID != p.first.ID {
			t.Fatalf("most read: %+v", day)
		}
		count(t, c, view("203.0.113.51", phone), p.second.ID)
		stop()
		<-done
		v, err := s.ViewsOf(context.Background(), p.second.ID, time.Now().Add(-time.Hour), time.Now())
		if err != nil || v.Total != 1 {
			t.Errorf("a view counted just before the stop: %+v, %v; want written", v, err)
		}
	})
}
