package purge_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
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
