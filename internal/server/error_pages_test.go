package server_test

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
)

// lostReaderHelp checks what a 404 or 410 page offers: the search form,
// labelled, sending to /tim-kiem.
func lostReaderHelp(t *testing.T, what string, doc *goquery.Document) {
	t.Helper()
	form := doc.Find(`main form[action="/tim-kiem"][method="get"]`)
	input := form.Find(`input[name="q"]`)
	id := input.AttrOr("id", "")
	if form.Length() != 1 || id == "" || strings.TrimSpace(form.Find(`label[for="`+id+`"]`).Text()) == "" || form.Find(`button[type="submit"]`).Length() != 1 {
		t.Errorf("%s: no labelled search form in the page: %d forms, input %q", what, form.Length(), id)
	}
}

// A reader at an address with nothing finds the search form and the
// newest stories, linked; with the database down, the same page without
// the list, and never a 500.
func TestNotFoundPageOffersSearchAndLatest(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		for _, path := range []string{"/khong-co-trang-nay", "/khong-co-muc/", "/bai-viet-post987654.html", w.draft.Path()} {
			resp, doc := get(t, w.url, path)
			if resp.StatusCode != http.StatusNotFound || text(doc, "h1") != "Không tìm thấy trang" {
				t.Fatalf("%s: %d %q", path, resp.StatusCode, text(doc, "h1"))
			}
			lostReaderHelp(t, path, doc)
			var links []string
			doc.Find(".error-latest a").Each(func(_ int, a *goquery.Selection) { links = append(links, a.AttrOr("href", "")) })
			want := []string{w.articles[5].Path(), w.articles[4].Path(), w.articles[3].Path()} // newest first
			if len(links) < len(want) || strings.Join(links[:3], " ") != strings.Join(want, " ") {
				t.Errorf("%s: latest stories %v, want them to begin with %v", path, links, want)
			}
			if strings.Contains(doc.Text(), w.draft.Title) {
				t.Errorf("%s: the page names the draft", path)
			}
		}
		if err := w.store.Close(); err != nil {
			t.Fatal(err)
		}
		resp, doc := get(t, w.url, "/khong-co-trang-nay")
		if resp.StatusCode != http.StatusNotFound || doc.Find(".error-latest").Length() != 0 {
			t.Errorf("with the database down: %d, %d lists", resp.StatusCode, doc.Find(".error-latest").Length())
		}
		lostReaderHelp(t, "with the database down", doc)
	})
}

// Only the home page marks "Trang chủ" as the page the reader is on.
func TestMenuMarksHomeOnlyOnHome(t *testing.T) {
	t.Parallel()
	w := startSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	current := func(path string) []string {
		resp, doc := get(t, w.url, path)
		if resp.StatusCode >= 500 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		var marked []string
		doc.Find(`nav.menu a[aria-current="page"]`).Each(func(_ int, a *goquery.Selection) { marked = append(marked, a.AttrOr("href", "")) })
		return marked
	}
	if got := current("/"); len(got) != 1 || got[0] != "/" {
		t.Errorf("home marks %v", got)
	}
	if got := current("/thoi-su/"); len(got) != 1 || got[0] != "/thoi-su/" {
		t.Errorf("a section marks %v", got)
	}
	// The paper is also the province's radio and television.
	for path, want := range map[string]string{"/tv/": "Truyền hình", "/phat-thanh/": "Phát thanh"} {
		if got := current(path); len(got) != 1 || got[0] != path {
			t.Errorf("%s marks %v", path, got)
		}
		if _, doc := get(t, w.url, "/"); doc.Find(`nav.menu a[href="`+path+`"]`).Text() != want {
			t.Errorf("the menu has no %s", want)
		}
	}
	for _, path := range []string{"/tim-kiem", "/tim-kiem?q=duong", "/thoi-tiet", "/khong-co-trang-nay", "/tac-gia/thu-ha"} {
		if got := current(path); len(got) != 0 {
			t.Errorf("%s marks %v", path, got)
		}
	}
}

// A story taken down answers 410 with a Vietnamese page that does not
// name it, once its cached copy is dropped by the change; brought back
// it answers 200 again. A story never published, and an id that never
// was, stay 404.
func TestTakenDownStoryIsGone(t *testing.T) {
	t.Parallel()
	eachRedirectDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		chief := news.Actor{User: d.users["editor-in-chief"]}
		title := "Cầu tạm qua sông Lam sẽ tháo dỡ"
		id := d.publishedArticle(t, title)
		a, err := d.store.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		cached := false
		for range 2 { // the second from the page cache, where there is one
			resp, doc := visit(t, d, http.MethodGet, a.Path())
			if resp.StatusCode != http.StatusOK || text(doc, "h1") != title {
				t.Fatalf("published: %d %q", resp.StatusCode, text(doc, "h1"))
			}
			if cached && resp.Header.Get("X-Cache") != "HIT" {
				t.Fatalf("the second reading did not come from the cache: %q", resp.Header.Get("X-Cache"))
			}
			cached = resp.Header.Get("X-Cache") != ""
		}
		gone := func(step string) {
			t.Helper()
			resp, doc := visit(t, d, http.MethodGet, a.Path())
			if resp.StatusCode != http.StatusGone || text(doc, "h1") != "Nội dung này đã được gỡ bỏ" ||
				!strings.Contains(text(doc, ".error-page"), "Bài viết đã bị gỡ") || resp.Header.Get("Cache-Control") != "no-store" {
				t.Fatalf("%s: %d %q %q, Cache-Control %q", step, resp.StatusCode, text(doc, "h1"), text(doc, ".error-page"), resp.Header.Get("Cache-Control"))
			}
			if strings.Contains(doc.Text(), "Cầu tạm") || doc.Find(`meta[name="robots"][content*="noindex"]`).Length() != 1 {
				t.Errorf("%s: the page names the story, or may be indexed", step)
			}
			lostReaderHelp(t, step, doc)
			if head, _ := visit(t, d, http.MethodHead, a.Path()); head.StatusCode != http.StatusGone {
				t.Errorf("%s: HEAD %d", step, head.StatusCode)
			}
		}
		if _, err := d.service.Transition(ctx, chief, id, news.Unpublished, "Gỡ theo yêu cầu", time.Time{}); err != nil {
			t.Fatal(err)
		}
		gone("taken down")
		req, _ := http.NewRequest(http.MethodGet, d.url+a.Path(), nil)
		req.Header.Set("Accept", "application/json")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusGone {
			t.Errorf("JSON: %v %v", resp, err)
		} else {
			_ = resp.Body.Close()
		}
		if _, err := d.service.Transition(ctx, chief, id, news.Published, "", time.Time{}); err != nil {
			t.Fatal(err)
		}
		if resp, doc := visit(t, d, http.MethodGet, a.Path()); resp.StatusCode != http.StatusOK || text(doc, "h1") != title {
			t.Fatalf("published again: %d %q", resp.StatusCode, text(doc, "h1"))
		}
		for _, to := range []news.Status{news.Unpublished, news.Draft} {
			if _, err := d.service.Transition(ctx, chief, id, to, "Gỡ để viết lại", time.Time{}); err != nil {
				t.Fatal(err)
			}
		}
		gone("back to a draft")

		never := d.story(t, "managing-editor", "Bản nháp chưa từng đăng", d.section, nil)
		draft, err := d.store.Article(ctx, never)
		if err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{draft.Path(), "/khong-co-bai-post987654321.html"} {
			resp, doc := visit(t, d, http.MethodGet, path)
			if resp.StatusCode != http.StatusNotFound || strings.Contains(doc.Text(), "Bản nháp chưa từng") {
				t.Errorf("%s: %d, or names the draft", path, resp.StatusCode)
			}
		}
	})
}
