package main

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/wordpress"
)

// wxrFixture is a WordPress 6 export with both editors, captioned photos,
// featured images, threaded comments, categories, tags, several authors,
// a draft, a pending and a scheduled post (internal/wordpress/testdata).
var (
	wxrFixture = filepath.Join("..", "..", "internal", "wordpress", "testdata", "wordpress-6.xml")
	wxrUploads = filepath.Join("..", "..", "internal", "wordpress", "testdata", "uploads")
)

// shellRun runs a toasoan command against a paper's store and returns
// what it printed.
func shellRun(t *testing.T, storeArgs []string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := Run(context.Background(), append(args, storeArgs...), func(string) string { return "" }, strings.NewReader(""), &out, io.Discard)
	return out.String(), err
}

// wxrStories reads the fixture as the importer does: what each story
// should become.
func wxrStories(t *testing.T, path string) (string, []importer.Story) {
	t.Helper()
	r, err := wordpress.Open(path, wordpress.Options{Uploads: wxrUploads})
	if err != nil {
		t.Fatal(err)
	}
	var stories []importer.Story
	err = r.Each(context.Background(), func(it importer.Item) error {
		if it.Story != nil {
			stories = append(stories, *it.Story)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return r.Name(), stories
}

// noRedirect is a client that shows redirects instead of following them.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// TestAWordPressPaperMovesIn imports a WordPress export into a new paper:
// every published post is on the site under its original date, section,
// tags, bylines, cover and approved comments; its old permalinks and
// ?p=ID answer 301 to the new page; importing the file again changes
// nothing.
func TestAWordPressPaperMovesIn(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			storeArgs := []string{"--data", t.TempDir()}
			if src.Name == "postgres" {
				storeArgs = append(storeArgs, "--database", src.Source)
			}
			if _, err := shellRun(t, storeArgs, "migrate"); err != nil {
				t.Fatal(err)
			}
			out, err := shellRun(t, storeArgs, "import", "wordpress", wxrFixture, "--uploads", wxrUploads)
			if err != nil {
				t.Fatalf("import: %v\n%s", err, out)
			}
			if !strings.Contains(out, "Đã nhập từ wordpress:") {
				t.Fatalf("summary:\n%s", out)
			}
			srv := startServer(t, append([]string{"--demo=false"}, storeArgs...)...)
			st := paperStore(t, storeArgs)

			source, stories := wxrStories(t, wxrFixture)
			published := 0
			for _, s := range stories {
				checkImportedStory(t, st, srv.base, source, s)
				if s.State == news.Published {
					published++
				}
			}
			if published < 5 {
				t.Fatalf("the fixture has %d published posts", published)
			}

			before := paperCounts(t, st)
			again, err := shellRun(t, storeArgs, "import", "wordpress", wxrFixture, "--uploads", wxrUploads)
			if err != nil {
				t.Fatalf("second import: %v\n%s", err, again)
			}
			if after := paperCounts(t, st); after != before {
				t.Errorf("importing again changed the paper: %v, then %v", before, after)
			}
			if strings.Contains(again, " 1 mới") || !strings.Contains(again, "0 mới, 0 cập nhật") {
				t.Errorf("second import's summary:\n%s", again)
			}
		})
	}
}

// checkImportedStory checks one story of the source on the site.
func checkImportedStory(t *testing.T, st *store.Store, base, source string, s importer.Story) {
	t.Helper()
	ctx := context.Background()
	id, err := st.ImportedID(ctx, source, "story", s.Key)
	if err != nil || id == 0 {
		t.Fatalf("story %s (%q) was not imported: %v", s.Key, s.Title, err)
	}
	a, err := st.Article(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if s.State == news.Scheduled && s.PublishedAt.Before(time.Now()) {
		// Its time came while the paper was on WordPress: the scheduler
		// publishes it when the paper starts.
		if a.Status != news.Published || a.ScheduledAt.IsZero() {
			t.Errorf("%s, scheduled for %v, is %s", s.Key, s.PublishedAt, a.Status)
		}
		return
	}
	if s.State != news.Published {
		if a.Status == news.Published {
			t.Errorf("%s (%s at the source) is published", s.Key, s.State)
		}
		// A story taken down after publication is gone (410); one
		// never published is not found (404), so no draft shows it exists.
		want := http.StatusNotFound
		if !a.PublishedAt.IsZero() && s.State == news.Unpublished {
			want = http.StatusGone
		}
		resp, _ := fetch(t, base+a.Path())
		if resp.StatusCode != want {
			t.Errorf("%s (%s) answers %d to readers", s.Key, s.State, resp.StatusCode)
		}
		return
	}
	resp, page := fetch(t, base+a.Path())
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s: %s answers %d", s.Key, a.Path(), resp.StatusCode)
	}
	if !a.PublishedAt.Equal(s.PublishedAt) {
		t.Errorf("%s: published at %v, want the original %v", s.Key, a.PublishedAt, s.PublishedAt)
	}
	if got := page.Find(`meta[property="article:published_time"]`).AttrOr("content", ""); !strings.HasPrefix(got, s.PublishedAt.In(time.FixedZone("ICT", 7*3600)).Format("2006-01-02T15:04")) {
		t.Errorf("%s: the page says published %q, want %v", s.Key, got, s.PublishedAt)
	}
	if s.SectionKey != "" && !strings.Contains(page.Find(".breadcrumb").Text(), a.Section.Name) {
		t.Errorf("%s: breadcrumb %q lacks the section %q", s.Key, page.Find(".breadcrumb").Text(), a.Section.Name)
	}
	byline := strings.TrimSpace(page.Find(".byline").Text())
	if len(s.AuthorKeys) > 0 && (byline == "" || len(a.Authors) != len(s.AuthorKeys)) {
		t.Errorf("%s: byline %q, %d bylines for %d authors", s.Key, byline, len(a.Authors), len(s.AuthorKeys))
	}
	if len(a.Tags) < len(s.Tags) {
		t.Errorf("%s: tags %v, want %v", s.Key, a.Tags, s.Tags)
	}
	photo, err := st.ImportedID(ctx, source, "photo", s.CoverKey)
	if err != nil {
		t.Fatal(err)
	}
	// A cover whose file was neither in the uploads copy nor fetched is
	// skipped with a warning: the story then has none.
	if photo != 0 && (a.Cover == nil || a.Cover.ID != photo || !strings.Contains(page.Find(`meta[property="og:image"]`).AttrOr("content", ""), "/media/")) {
		t.Errorf("%s: cover %+v, share image %q", s.Key, a.Cover, page.Find(`meta[property="og:image"]`).AttrOr("content", ""))
	}
	approved := 0
	for _, c := range s.Comments {
		if c.Status == news.CommentPublished {
			approved++
		}
	}
	if approved > 0 && a.CommentCount == 0 {
		t.Errorf("%s: %d approved comments at the source, none shown", s.Key, approved)
	}
	for _, c := range s.Comments {
		if c.Status == news.CommentPublished && c.ParentKey == "" && !strings.Contains(page.Find(".comments, #binh-luan").Text(), firstWords(c.Body)) {
			t.Errorf("%s: the approved comment %q is not on the page", s.Key, firstWords(c.Body))
		}
	}
	for _, old := range s.OldURLs {
		if old == a.Path() {
			continue // a paper that leaves toasoan and comes back keeps its addresses
		}
		resp, err := noRedirect.Get(base + old)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || !strings.HasSuffix(resp.Header.Get("Location"), a.Path()) {
			t.Errorf("%s: the old address %s answers %d → %q, want 301 → %s", s.Key, old, resp.StatusCode, resp.Header.Get("Location"), a.Path())
		}
	}
}

// firstWords is the start of a comment as the page shows it.
func firstWords(s string) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(4, len(f))], " ")
}

// paperCounts are what an import would add to.
func paperCounts(t *testing.T, st *store.Store) [3]int {
	t.Helper()
	ctx := context.Background()
	articles, err := st.CountArticles(ctx)
	if err != nil {
		t.Fatal(err)
	}
	comments, err := st.CountComments(ctx, store.CommentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	secs, err := st.Sections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return [3]int{articles, comments, len(secs)}
}

// savedPage is an article page as a provincial paper's old system served
// it, saved to disk: the layout docs/import-map-example.json reads.
const savedPage = `<!doctype html><html lang="vi"><head><meta charset="utf-8">
<title>Thông xe cầu Hộ Độ - Báo cũ</title>
<link rel="canonical" href="https://baohatinh.vn/xa-hoi/thong-xe-cau-ho-do/220459.htm">
</head><body>
<nav class="breadcrumb"><a href="/">Trang chủ</a> <a href="/xa-hoi/">Xã hội</a></nav>
<article>
<h1 class="article__title">Thông xe cầu Hộ Độ sau hai năm thi công</h1>
<div class="article__date">Thứ Hai, 01/12/2025 - 08:30</div>
<p class="article__sapo">(Baohatinh.vn) - Sáng nay, cầu Hộ Độ chính thức thông xe, rút ngắn đường về trung tâm huyện.</p>
<div class="article__body">
<h2>Niềm vui của người dân</h2>
<p>Hàng trăm người dân đã có mặt từ sớm.</p>
<figure><img src="PHOTO" alt="Cầu Hộ Độ"><figcaption>Cầu Hộ Độ ngày thông xe</figcaption></figure>
<p>Cây cầu dài 210 m.</p>
<div class="share-box">Hãy chia sẻ với bạn bè!</div>
<p class="article__author">Thu Hà</p>
</div>
<div class="article__tags"><a href="/tag/cau-ho-do/">cầu Hộ Độ</a></div>
</article>
<div class="tin-da-dua">Các tin đã đưa</div>
</body></html>`

// TestAnHTMLArchiveMovesIn imports a saved article page with the
// documented example map: the story under its printed date, section and
// byline, the dateline gone from its lead, the furniture gone from its
// body, its photo fetched from an allowed host into the library, and
// its old address answering 301.
func TestAnHTMLArchiveMovesIn(t *testing.T) {
	t.Parallel()
	photo := pngBytes(t)
	photos := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(photo)
	}))
	t.Cleanup(photos.Close)
	folder := t.TempDir()
	page := strings.Replace(savedPage, "PHOTO", photos.URL+"/uploads/cau-ho-do.png", 1)
	if err := os.WriteFile(filepath.Join(folder, "220459.htm"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	storeArgs := []string{"--data", t.TempDir()}
	exampleMap := filepath.Join("..", "..", "docs", "import-map-example.json")
	out, err := shellRun(t, storeArgs, "import", "html", "--map", exampleMap, folder, "--fetch-host", "127.0.0.1", "--fetch-private")
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	srv := startServer(t, append([]string{"--demo=false"}, storeArgs...)...)
	resp, err := noRedirect.Get(srv.base + "/xa-hoi/thong-xe-cau-ho-do/220459.htm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	where := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusMovedPermanently || !strings.Contains(where, "-post") {
		t.Fatalf("the old address answers %d → %q\n%s", resp.StatusCode, where, out)
	}
	resp, doc := fetch(t, srv.base+where)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s answers %d", where, resp.StatusCode)
	}
	lead := strings.TrimSpace(doc.Find(".story-lead, .lead").First().Text())
	body := doc.Find(".story-body").First()
	checks := map[string]bool{
		"title":            strings.Contains(doc.Find("h1").Text(), "Thông xe cầu Hộ Độ sau hai năm thi công"),
		"date":             strings.HasPrefix(doc.Find(`meta[property="article:published_time"]`).AttrOr("content", ""), "2025-12-01T08:30"),
		"section":          strings.Contains(doc.Find(".breadcrumb").Text(), "Xã hội"),
		"byline":           strings.Contains(doc.Find(".byline").Text(), "Thu Hà"),
		"lead":             strings.Contains(lead, "Sáng nay, cầu Hộ Độ") && strings.Count(lead, "Baohatinh.vn") <= 1,
		"photo":            body.Find(`figure[data-image-id] img[src^="/media/"]`).Length() == 1,
		"caption":          strings.Contains(body.Find("figcaption").Text(), "Cầu Hộ Độ ngày thông xe"),
		"no furniture":     !strings.Contains(body.Text(), "Các tin đã đưa") && body.Find(".share-box").Length() == 0,
		"no old byline":    !strings.Contains(body.Text(), "Thu Hà"),
		"tag":              strings.Contains(doc.Text(), "cầu Hộ Độ"),
		"subhead kept":     body.Find("h2").Length() == 1,
		"photo not remote": !strings.Contains(body.Text(), photos.URL),
	}
	for what, ok := range checks {
		if !ok {
			h, _ := body.Html()
			t.Errorf("%s is wrong; lead %q; body %s", what, lead, h)
		}
	}
	again, err := shellRun(t, storeArgs, "import", "html", "--map", exampleMap, folder, "--fetch-host", "127.0.0.1", "--fetch-private")
	if err != nil || !strings.Contains(again, "1 không đổi") {
		t.Errorf("second import (%v):\n%s", err, again)
	}
}

// pngBytes is a small photo.
func pngBytes(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 80, 50))
	for x := range 80 {
		for y := range 50 {
			img.Set(x, y, color.RGBA{uint8(3 * x), uint8(5 * y), 90, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestAWordPressExportRoundTrips exports a paper brought in from
// WordPress with toasoan's own exporter and imports that file into a
// second paper (its photos fetched from the first paper's site): every
// story passes the same checks as the first import.
func TestAWordPressExportRoundTrips(t *testing.T) {
	t.Parallel()
	first := []string{"--data", t.TempDir()}
	if out, err := shellRun(t, first, "import", "wordpress", wxrFixture, "--uploads", wxrUploads); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	srvA := startServer(t, append([]string{"--demo=false"}, first...)...)
	exported := filepath.Join(t.TempDir(), "xuat.xml")
	if out, err := shellRun(t, first, "export", "wordpress", "--to", exported, "--base-url", srvA.base); err != nil {
		t.Fatalf("export: %v\n%s", err, out)
	}

	second := []string{"--data", t.TempDir()}
	out, err := shellRun(t, second, "import", "wordpress", exported, "--fetch-host", "127.0.0.1", "--fetch-private")
	if err != nil {
		t.Fatalf("import of the export: %v\n%s", err, out)
	}
	srvB := startServer(t, append([]string{"--demo=false"}, second...)...)
	st := paperStore(t, second)
	source, stories := wxrStories(t, exported)
	_, original := wxrStories(t, wxrFixture)
	if len(stories) != len(original) {
		t.Errorf("%d stories exported, %d imported first", len(stories), len(original))
	}
	for _, s := range stories {
		checkImportedStory(t, st, srvB.base, source, s)
	}
	photos, err := st.Images(context.Background(), store.ImageFilter{Limit: 100})
	if err != nil || len(photos) < 3 {
		t.Errorf("%d photos came across (%v):\n%s", len(photos), err, out)
	}
}

// The progress line says how far an import is, how fast it goes and, when
// the source knows its size, how long is left.
func TestImportProgressLine(t *testing.T) {
	start := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	now := start.Add(10 * time.Second)
	known := progressLine(importer.Progress{Items: 5000, Total: 20000, Stories: 4000, Started: start}, now)
	if !strings.Contains(known, "25%") || !strings.Contains(known, "5000/20000 mục") || !strings.Contains(known, "500 mục/giây") ||
		!strings.Contains(known, "còn 30s") || !strings.Contains(known, "[=======  ") {
		t.Errorf("with a size: %q", known)
	}
	unknown := progressLine(importer.Progress{Items: 300, Stories: 250, Started: start}, now)
	if unknown != "300 mục (250 bài) · 30 mục/giây" {
		t.Errorf("without a size: %q", unknown)
	}
}

// The import command refuses what it cannot use with a clear answer,
// and writes nothing: a missing or hostile file, an unknown kind, a bad
// map, a bad flag, a host list with a typo.
func TestImportCommandRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	laughs := filepath.Join(dir, "cuoi.xml")
	if err := os.WriteFile(laughs, []byte(`<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>`+
		`<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol2;</title></channel></rss>`), 0o644); err != nil {
		t.Fatal(err)
	}
	badMap := filepath.Join(dir, "ban-do.json")
	if err := os.WriteFile(badMap, []byte(`{"base_url": "https://baohatinh.vn", "article_url": "(?P<id>[0-9]+)", "title": "h1[", "body": ".body"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	storeArgs := []string{"--data", t.TempDir()}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"import"}, "cách dùng"},
		{[]string{"import", "wordpress"}, "cách dùng"},
		{[]string{"import", "joomla", "a.xml"}, "không có kiểu nhập"},
		{[]string{"import", "wordpress", filepath.Join(dir, "khong-co.xml")}, "khong-co.xml"},
		{[]string{"import", "wordpress", laughs}, "DOCTYPE"},
		{[]string{"import", "wordpress", wxrFixture, "--batch", "0"}, "--batch"},
		{[]string{"import", "wordpress", wxrFixture, "--fetch-host", "bao ha tinh"}, "bao ha tinh"},
		{[]string{"import", "html", dir}, "cách dùng"},
		{[]string{"import", "html", "--map", badMap, dir}, "h1["},
	} {
		_, err := shellRun(t, storeArgs, c.args...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("toasoan %s: %v, want an error naming %q", strings.Join(c.args, " "), err, c.want)
		}
	}
	st := paperStore(t, storeArgs)
	if n, err := st.CountArticles(context.Background()); err != nil || n != 0 {
		t.Errorf("%d articles after the refusals (%v)", n, err)
	}
}

// paperStore opens the store of the paper storeArgs name, migrated, for
// the test to look at; it is closed when the test ends.
func paperStore(t *testing.T, storeArgs []string) *store.Store {
	t.Helper()
	c, err := parseConfig("test", storeArgs, func(string) string { return "" }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	st, err := openMigrated(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { closeQuietly(st) })
	return st
}
