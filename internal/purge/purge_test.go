package purge_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/purge"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestPurgeHookTriesAgain: a proxy that fails for a moment still gets the
// purge, with the keys in the header Varnish reads and in the JSON body.
func TestPurgeHookTriesAgain(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Header.Get("Surrogate-Key")+" | "+string(body))
		if len(got) < 3 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer hook.Close()
	ctx := context.Background()
	s := storetest.Open(t, storetest.Sources(t)[0].Source)
	site, _ := s.Site(ctx)
	site.PurgeURL = hook.URL + "/.toasoan/purge"
	if err := s.SaveSite(ctx, news.System(), site); err != nil {
		t.Fatal(err)
	}
	p := purge.New(ctx, s, hook.Client(), slog.New(slog.DiscardHandler), []time.Duration{time.Millisecond, time.Millisecond, time.Millisecond})
	p.Send([]string{"article:12", "section:3"})
	want := `article:12 section:3 | {"keys":["article:12","section:3"]}`
	mu.Lock()
	if len(got) != 3 || got[2] != want {
		t.Errorf("purges received: %q, want three ending with %q", got, want)
	}
	mu.Unlock()

	// A hook that nothing answers is given up after the retries.
	down := httptest.NewServer(http.NotFoundHandler())
	down.Close()
	site.PurgeURL = down.URL
	if err := s.SaveSite(ctx, news.System(), site); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { p.Send([]string{"site"}); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("purging a hook that is down never gave up")
	}
}

// TestPurgeHookByURL: a purge_url with {path} is asked once for each
// dropped page in each encoding a proxy keeps; pages that vary by a
// reader's cookies are left out, and a 404 (a page the proxy did not
// hold) is not tried again.
func TestPurgeHookByURL(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	var got []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Accept-Encoding"))
		w.WriteHeader(http.StatusNotFound)
	}))
	defer proxy.Close()
	ctx := context.Background()
	s := storetest.Open(t, storetest.Sources(t)[0].Source)
	site, _ := s.Site(ctx)
	site.PurgeURL = proxy.URL + "/.toasoan/purge" + purge.PathPlaceholder
	if err := s.SaveSite(ctx, news.System(), site); err != nil {
		t.Fatal(err)
	}
	p := purge.New(ctx, s, proxy.Client(), slog.New(slog.DiscardHandler), []time.Duration{time.Millisecond})
	p.SendPages([]string{"article:12"}, []string{"/bai-post12.html", "/thoi-su/?trang=2", "/|loc=3"})
	want := []string{
		"GET /.toasoan/purge/bai-post12.html gzip", "GET /.toasoan/purge/bai-post12.html identity",
		"GET /.toasoan/purge/thoi-su/?trang=2 gzip", "GET /.toasoan/purge/thoi-su/?trang=2 identity",
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("purges received:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
