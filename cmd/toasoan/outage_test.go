package main

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// Three servers started at the same moment on an empty PostgreSQL
// database all serve: they migrate and set the paper up one at a time,
// so the demo is loaded once and one administrator is made.
func TestServersStartTogetherOnAFreshDatabase(t *testing.T) {
	t.Parallel()
	db := storetest.FreshDatabase(t)
	servers := make([]process, 3)
	errs := make([]error, 3)
	var wg sync.WaitGroup
	for i := range servers {
		wg.Go(func() { servers[i], errs[i] = launch(t, "--database", db.URL) })
	}
	wg.Wait()
	passwords := 0
	for i, srv := range servers {
		if errs[i] != nil {
			t.Fatalf("server %d: %v", i+1, errs[i])
		}
		if srv.adminPassword != "" {
			passwords++
		}
		for _, path := range []string{"/", "/healthz"} {
			if status, _, _ := page(t, srv.base+path); status != http.StatusOK {
				t.Errorf("server %d answers %s with %d", i+1, path, status)
			}
		}
	}
	if passwords != 1 {
		t.Errorf("%d servers made the first administrator, want 1", passwords)
	}
	s, err := store.Open(context.Background(), db.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close() }() // read only
	if n, err := s.CountArticles(context.Background()); err != nil || n != len(demo.Articles()) {
		t.Errorf("%d articles after three starts, want the demo's %d once (%v)", n, len(demo.Articles()), err)
	}
}

// With the database unreachable, a page in the page cache is still
// served (stale, 200) and a page that needs the database answers the
// paper's Vietnamese page with 503 and Retry-After, never a 500; once the
// database is back, a correction made on one server shows on the other
// within a second, and no page from before the outage is served.
func TestDatabaseOutage(t *testing.T) {
	t.Parallel()
	db := storetest.FreshDatabase(t)
	writer := startServer(t, "--database", db.URL)
	reader := startServer(t, "--database", db.URL, "--demo=false")
	api := adminAPI(t, writer.base, "--database", db.URL)

	_, home, _ := page(t, reader.base+"/")
	lead := regexp.MustCompile(`href="(/[a-z0-9-]+-post(\d+)\.html)"`).FindStringSubmatch(home)
	if lead == nil {
		t.Fatal("no article on the home page")
	}
	path, id := lead[1], lead[2]
	waitFor(t, "the article to be kept before the outage", func() bool {
		_, _, h := page(t, reader.base+path)
		return h.Get("X-Cache") == "HIT"
	})
	article := api.call("GET", "/api/v1/articles/"+id, "")

	db.Cut(t)
	waitFor(t, "/healthz to answer 503", func() bool {
		status, _, _ := page(t, reader.base+"/healthz")
		return status == http.StatusServiceUnavailable
	})
	// Once the server has noticed the outage (its listener is cut too), it
	// serves the page it kept, stale, rather than an error.
	waitFor(t, "the cached article to be served stale", func() bool {
		status, body, h := page(t, reader.base+path)
		if status != http.StatusOK || !strings.Contains(body, article["title"].(string)) {
			t.Fatalf("the cached article during the outage: %d", status)
		}
		return h.Get("X-Cache") == "STALE" && h.Get("Cache-Control") == "no-store"
	})
	for _, p := range []string{"/tim-kiem?q=lúa", "/the-thao/", "/rss/home.rss", "/api/v1/sections"} {
		req, err := http.NewRequest(http.MethodGet, reader.base+p, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+api.token)
		status, body, h := send(t, req)
		if status != http.StatusServiceUnavailable || h.Get("Retry-After") == "" || !strings.Contains(body, "Hệ thống đang tạm gián đoạn") {
			t.Errorf("%s during the outage: %d, Retry-After %q", p, status, h.Get("Retry-After"))
		}
	}

	db.Restore(t)
	// Both servers have found the database again (the writer's pool may
	// still hold connections the outage broke; each is dropped when found).
	for _, srv := range []string{reader.base, writer.base} {
		waitFor(t, "/healthz to answer 200 again", func() bool {
			status, _, _ := page(t, srv+"/healthz")
			return status == http.StatusOK
		})
	}
	if status, body, h := page(t, reader.base+path); status != http.StatusOK || h.Get("X-Cache") == "STALE" || !strings.Contains(body, article["title"].(string)) {
		t.Errorf("the article after the outage: %d, X-Cache %q", status, h.Get("X-Cache"))
	}
	title := "Đính chính sau sự cố: " + article["title"].(string)
	api.call("PUT", "/api/v1/articles/"+id, `{"title":"`+title+`","revision":`+jsonNumber(article["revision"].(float64))+`}`)
	corrected := time.Now()
	deadline := corrected.Add(time.Second)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if _, body, _ := page(t, reader.base+path); strings.Contains(body, title) {
			t.Logf("the correction showed on the other server %v after it was saved", time.Since(corrected).Round(time.Millisecond))
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the other server still serves the article as it was a second after the correction")
		}
		<-tick.C
	}
}

// page fetches u and returns its status, body and headers.
func page(t *testing.T, u string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	return send(t, req)
}

// send sends req and returns the answer's status, body and headers.
func send(t *testing.T, req *http.Request) (int, string, http.Header) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

// waitFor polls cond until it holds, for at most ten seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		<-tick.C
	}
}
