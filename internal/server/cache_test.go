package server_test

import (
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// cachedSite serves the test paper through the page cache, invalidated by
// the store's change hook as the real server wires it.
func cachedSite(t *testing.T, source string) (site, *pagecache.Cache) {
	t.Helper()
	w := startSite(t, source)
	pages := pagecache.New(8<<20, 5*time.Minute, time.Now)
	w.store.Subscribe(pages.Changed)
	lib, _ := media.New(t.TempDir())
	comments, err := comment.New(context.Background(), w.store, time.Now)
	if err != nil {
		t.Fatal(err)
	}
	handler, err := server.New(server.Deps{Store: w.store, Media: lib, Comments: comments, Cache: pages, Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	w.url = ts.URL
	return w, pages
}

func fetchRaw(t *testing.T, url string, header map[string]string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	tr := &http.Transport{DisableCompression: true}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r io.Reader = resp.Body
	if resp.Header.Get("Content-Encoding") == "gzip" {
		if r, err = gzip.NewReader(resp.Body); err != nil {
			t.Fatal(err)
		}
	}
	body, _ := io.ReadAll(r)
	return resp, string(body)
}

func TestPageCache(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w, pages := cachedSite(t, src.Source)
			a := w.articles[4]
			// Surrogate keys are sent only to a paper with a purge hook.
			if resp, _ := fetchRaw(t, w.url+"/", nil); resp.Header.Get("Surrogate-Key") != "" {
				t.Errorf("Surrogate-Key without a purge hook: %q", resp.Header.Get("Surrogate-Key"))
			}
			settings, _ := w.store.Site(ctx)
			settings.PurgeURL = "http://127.0.0.1:9/purge"
			if err := w.store.SaveSite(ctx, news.System(), settings); err != nil {
				t.Fatal(err)
			}
			resp, _ := fetchRaw(t, w.url+a.Path(), nil)
			if resp.Header.Get("X-Cache") != "MISS" {
				t.Fatalf("first view: %q", resp.Header.Get("X-Cache"))
			}
			resp, body := fetchRaw(t, w.url+a.Path()+"?utm_source=zalo&fbclid=x", map[string]string{"Accept-Encoding": "gzip"})
			if resp.Header.Get("X-Cache") != "HIT" || resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, a.Title) {
				t.Fatalf("second view with tracking parameters: %q %q", resp.Header.Get("X-Cache"), resp.Header.Get("Content-Encoding"))
			}
			if !strings.Contains(resp.Header.Get("Surrogate-Key"), "article:"+itoa(a.ID)) || !strings.Contains(resp.Header.Get("Cache-Control"), "stale-while-revalidate") {
				t.Errorf("headers for a CDN: %q / %q", resp.Header.Get("Surrogate-Key"), resp.Header.Get("Cache-Control"))
			}
			etag := resp.Header.Get("ETag")
			if resp, _ := fetchRaw(t, w.url+a.Path(), map[string]string{"If-None-Match": etag}); resp.StatusCode != http.StatusNotModified {
				t.Errorf("If-None-Match: %d", resp.StatusCode)
			}
			fetchRaw(t, w.url+"/the-thao/", nil) // a page the change below does not touch
			fetchRaw(t, w.url+"/", nil)

			// A correction to the live article shows at once, everywhere it shows.
			cur, _ := w.store.Article(ctx, a.ID)
			cur.Title = "Đường về xã mới đã thông xe"
			if _, err := w.store.UpdateArticle(ctx, news.System(), cur, cur.Revision, news.RevisionSave); err != nil {
				t.Fatal(err)
			}
			if _, body := fetchRaw(t, w.url+a.Path(), nil); !strings.Contains(body, "Đường về xã mới đã thông xe") {
				t.Fatal("stale article page after the correction")
			}
			if _, body := fetchRaw(t, w.url+"/", nil); !strings.Contains(body, "Đường về xã mới đã thông xe") {
				t.Fatal("stale home page after the correction")
			}
			if resp, _ := fetchRaw(t, w.url+"/the-thao/", nil); resp.Header.Get("X-Cache") != "HIT" {
				t.Error("an unrelated section page was dropped")
			}

			// An approved comment shows on the next view.
			c, err := w.store.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Lan", Body: "Cảm ơn báo đã đưa tin.", Status: news.CommentPending})
			if err != nil {
				t.Fatal(err)
			}
			fetchRaw(t, w.url+a.Path(), nil)
			if _, err := w.store.Moderate(ctx, news.System(), c.ID, store.Moderation{Status: news.CommentPublished}); err != nil {
				t.Fatal(err)
			}
			if _, body := fetchRaw(t, w.url+a.Path(), nil); !strings.Contains(body, `<span class="comment-count">1</span> bình luận`) {
				t.Fatal("approved comment not shown")
			}

			// Cache-busting query strings land on one entry.
			before := pages.Stats().Pages
			for i := range 200 {
				fetchRaw(t, w.url+"/?bust="+itoa(int64(i)), nil)
			}
			if after := pages.Stats().Pages; after > before+1 {
				t.Errorf("200 cache-busting requests made %d entries", after-before)
			}
		})
	}
}

// TestCorrectionDropsOnlyPagesShowingIt: a correction to an old story
// drops the pages that show it (its own, the lists holding it, the feeds)
// and keeps the rest of the paper cached, where a publish drops every
// list of latest stories.
func TestCorrectionDropsOnlyPagesShowingIt(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w, _ := cachedSite(t, src.Source)
			sports, err := w.store.SectionBySlug(ctx, "the-thao")
			if err != nil {
				t.Fatal(err)
			}
			old, err := w.store.CreateArticle(ctx, news.System(), news.Article{Slug: "giai-bong-da-nam-ngoai", Title: "Giải bóng đá năm ngoái khép lại",
				Lead: "Đội xã Thạch Hà vô địch.", Body: "<p>Trận chung kết diễn ra trên sân huyện.</p>", SectionID: sports.ID,
				Status: news.Published, PublishedAt: testNow.AddDate(-1, 0, 0), Authors: []news.Author{w.author}})
			if err != nil {
				t.Fatal(err)
			}
			// With one more story, six newer ones fill every "latest" list on
			// article pages.
			if _, err := w.store.CreateArticle(ctx, news.System(), news.Article{Slug: "tin-moi", Title: "Tin mới trong ngày", Lead: "Tin mới.", Body: "<p>Tin mới.</p>",
				SectionID: w.section.ID, Status: news.Published, PublishedAt: testNow.Add(-time.Hour)}); err != nil {
				t.Fatal(err)
			}
			unrelated := []string{w.articles[5].Path(), "/thoi-su/", "/giao-thong-tag" + itoa(w.articles[5].Tags[0].ID) + ".html"}
			listing := []string{old.Path(), "/the-thao/", "/rss/the-thao.rss", "/tac-gia/thu-ha"}
			for _, p := range append(unrelated, listing...) {
				fetchRaw(t, w.url+p, nil)
				if resp, _ := fetchRaw(t, w.url+p, nil); resp.Header.Get("X-Cache") != "HIT" {
					t.Fatalf("%s not cached: %d %q", p, resp.StatusCode, resp.Header.Get("X-Cache"))
				}
			}
			old.Title = "Giải bóng đá năm ngoái khép lại với đội vô địch mới"
			if _, err := w.store.UpdateArticle(ctx, news.System(), old, old.Revision, news.RevisionSave); err != nil {
				t.Fatal(err)
			}
			for _, p := range listing {
				if resp, body := fetchRaw(t, w.url+p, nil); resp.Header.Get("X-Cache") != "MISS" || !strings.Contains(body, "với đội vô địch mới") {
					t.Errorf("%s after the correction: %q, new title shown: %v", p, resp.Header.Get("X-Cache"), strings.Contains(body, "với đội vô địch mới"))
				}
			}
			for _, p := range unrelated {
				if resp, _ := fetchRaw(t, w.url+p, nil); resp.Header.Get("X-Cache") != "HIT" {
					t.Errorf("%s does not show the corrected story but was dropped", p)
				}
			}
			// Moving it to another section changes lists: the section it left
			// drops it, the one it joined shows it.
			cur, _ := w.store.Article(ctx, old.ID)
			cur.SectionID = w.section.ID
			if _, err := w.store.UpdateArticle(ctx, news.System(), cur, cur.Revision, news.RevisionSave); err != nil {
				t.Fatal(err)
			}
			if _, body := fetchRaw(t, w.url+"/the-thao/", nil); strings.Contains(body, "với đội vô địch mới") {
				t.Error("the section it left still lists it")
			}
		})
	}
}
