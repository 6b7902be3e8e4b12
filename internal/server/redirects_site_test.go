package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// eachRedirectDesk runs fn on each database, with the page cache on (as
// in production) and off, where a 404 takes another path.
func eachRedirectDesk(t *testing.T, fn func(t *testing.T, d *desk)) {
	t.Helper()
	for _, cached := range []bool{true, false} {
		for _, src := range storetest.Sources(t) { // a database of its own for each desk
			name := src.Name + map[bool]string{true: "/cache", false: "/no-cache"}[cached]
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				fn(t, startDeskBehind(t, src.Source, "127.0.0.1, ::1", func(deps *server.Deps) {
					if cached {
						pages := pagecache.New(8<<20, time.Hour, time.Now)
						deps.Store.Subscribe(pages.Changed)
						deps.Cache = pages
					}
				}))
			})
		}
	}
}

// visit asks for path as a reader whose browser does not follow
// redirects, with method.
func visit(t *testing.T, d *desk, method, path string) (*http.Response, *goquery.Document) {
	t.Helper()
	req, err := http.NewRequest(method, d.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

// The paper's old addresses, imported from a CSV file, answer 301 to the
// new page (any spelling: trailing slash, case, host given in the file,
// tracking parameters, WordPress's "/?p=123") or 410 with the paper's
// page; everything else still answers 404, and the site's own pages win.
func TestOldAddressesAnswer(t *testing.T) {
	t.Parallel()
	eachRedirectDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Cầu mới nối hai bờ sông Lam")
		a, err := d.store.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		post := a.Path()
		file := "old,new,status\n" +
			"https://baohatinh.vn/xa-hoi/cau-moi-noi-hai-bo/220459.htm," + post + "\n" +
			"/?p=123," + post + "\n" +
			"/tag/song-lam/,/thoi-su/\n" +
			"/xa-hoi/,/thoi-su/\n" +
			"/index.php?id=5," + post + "\n" +
			"/index.php,/\n" +
			"/bai-cu-post999999.html," + post + "\n" +
			"/wp-content/uploads/2019/05/anh.jpg,https://vtv.vn/anh.jpg\n" +
			"/video/clip-da-go.htm,,410\n" +
			"/thoi-su/,/the-thao/\n"
		if _, err := redirects.New(d.store, nil).ImportCSV(ctx, news.Shell(), strings.NewReader(file)); err != nil {
			t.Fatal(err)
		}
		d.browser(t).get("/") // the home page cached, where there is a cache
		for _, c := range []struct{ method, path, location string }{
			{"GET", "/xa-hoi/cau-moi-noi-hai-bo/220459.htm", post},
			{"GET", "/xa-hoi/cau-moi-noi-hai-bo/220459.htm/", post},
			{"GET", "/Xa-Hoi/Cau-Moi-Noi-Hai-Bo/220459.htm?fbclid=IwAR0abc", post},
			{"HEAD", "/xa-hoi/cau-moi-noi-hai-bo/220459.htm", post},
			{"GET", "/?p=123", post},
			{"GET", "/?utm_source=facebook&p=123", post},
			{"GET", "/?p=123&replytocom=45", post},
			{"GET", "/tag/song-lam/", "/thoi-su/"},
			{"GET", "/tag/song-lam", "/thoi-su/"},
			{"GET", "/xa-hoi/", "/thoi-su/"},
			{"GET", "/index.php?id=5", post},
			{"GET", "/index.php?id=6", "/"},
			{"GET", "/bai-cu-post999999.html", post},
			{"GET", "/wp-content/uploads/2019/05/anh.jpg", "https://vtv.vn/anh.jpg"},
		} {
			resp, _ := visit(t, d, c.method, c.path)
			if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != c.location {
				t.Errorf("%s %s: %d → %q, want 301 → %q", c.method, c.path, resp.StatusCode, resp.Header.Get("Location"), c.location)
			}
			if cc := resp.Header.Get("Cache-Control"); cc != "public, max-age=3600" {
				t.Errorf("%s: Cache-Control %q", c.path, cc)
			}
		}
		resp, doc := visit(t, d, "GET", "/video/clip-da-go.htm")
		if resp.StatusCode != http.StatusGone || text(doc, "h1") != "Nội dung này đã được gỡ bỏ" || doc.Find("header").Length() == 0 ||
			!strings.Contains(text(doc, ".error-page"), "đã được tòa soạn gỡ bỏ") || doc.Find(`meta[name="robots"][content*="noindex"]`).Length() != 1 {
			t.Errorf("the 410: %d, h1 %q, page %q", resp.StatusCode, text(doc, "h1"), text(doc, "main"))
		}
		for _, c := range []struct {
			method, path string
			status       int
		}{
			{"GET", "/", http.StatusOK},
			{"GET", "/?p=124", http.StatusOK},
			{"GET", "/?utm_source=zalo", http.StatusOK},
			{"GET", "/thoi-su/", http.StatusOK}, // a live section wins over its redirect
			{"GET", post, http.StatusOK},
			{"GET", "/khong-co-gi.htm", http.StatusNotFound},
			{"GET", "/thoi-su/khong-co/1.htm", http.StatusNotFound},
			{"GET", "/khong-co-post999998.html", http.StatusNotFound},
			{"GET", "/chuyen-muc-khong-co/", http.StatusNotFound},
			{"GET", "/tac-gia/khong-co", http.StatusNotFound},
			{"POST", "/xa-hoi/cau-moi-noi-hai-bo/220459.htm", http.StatusMethodNotAllowed},
		} {
			if resp, _ := visit(t, d, c.method, c.path); resp.StatusCode != c.status {
				t.Errorf("%s %s: %d, want %d", c.method, c.path, resp.StatusCode, c.status)
			}
		}
		// A redirect added after its address answered 404 answers at once:
		// neither the server nor a proxy kept the 404.
		resp, _ = visit(t, d, "GET", "/tin-moi-them.htm")
		if resp.StatusCode != http.StatusNotFound || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("before: %d %q", resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
		editor := news.Actor{User: d.users["managing-editor"]}
		if _, _, err := redirects.New(d.store, nil).Add(ctx, editor, "/tin-moi-them.htm", post, news.Moved); err != nil {
			t.Fatal(err)
		}
		if resp, _ := visit(t, d, "GET", "/tin-moi-them.htm"); resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("after adding: %d", resp.StatusCode)
		}
	})
}

// With a purge hook, a redirect's answer carries the keys a proxy purges
// it by: the redirects', and the site's for a purge of everything.
func TestRedirectAnswersCarryPurgeKeys(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		site, err := d.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.PurgeURL = "http://127.0.0.1:9/purge"
		if err := d.store.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		if _, err := redirects.New(d.store, nil).ImportCSV(ctx, news.Shell(), strings.NewReader("/cu.htm,/moi/\n/go.htm,,410\n")); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/cu.htm", "/go.htm"} {
			if resp, _ := visit(t, d, "GET", path); resp.Header.Get("Surrogate-Key") != "redirects site" {
				t.Errorf("%s: %d, Surrogate-Key %q", path, resp.StatusCode, resp.Header.Get("Surrogate-Key"))
			}
		}
	})
}
