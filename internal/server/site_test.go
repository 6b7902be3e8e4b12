package server_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// testNow is the tests' "now": 29/11/2026 10:00 in Hà Tĩnh.
var testNow = time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)

// site is a running test paper.
type site struct {
	url      string
	store    *store.Store
	articles []news.Article // oldest first; the last is featured
	section  news.Section   // "Thời sự", parent of child
	child    news.Section   // "Nông nghiệp"
	author   news.Author
	draft    news.Article
	media    *media.Library // where the photos are
}

// startSite seeds a small paper in a fresh database and serves it.
func startSite(t *testing.T, source string) site {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, source)
	lib, err := media.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := site{store: s, media: lib}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.section, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự", Description: "Tin thời sự trong tỉnh"})
	must(err)
	w.child, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "nong-nghiep", Name: "Nông nghiệp", ParentID: w.section.ID})
	must(err)
	_, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "the-thao", Name: "Thể thao", Position: 2})
	must(err)
	w.author, err = s.CreateAuthor(ctx, news.System(), news.Author{Slug: "thu-ha", Name: "Thu Hà", Bio: "Phóng viên mảng thời sự."})
	must(err)
	photo := storePhoto(t, s, lib)
	policy := richtext.NewPolicy()
	body := fmt.Sprintf(`<p>Đoạn mở đầu của bài.</p><h2>Đường về xã mới</h2><p>Nội dung tiếp theo.</p>`+
		`<figure data-image-id="%d"><img src="/media/%s" alt="Con đường bê tông" width="%d" height="%d" loading="lazy">`+
		`<figcaption>Con đường mới về xã Thạch Lạc. <span class="credit">Ảnh: Thu Hà</span></figcaption></figure>`+
		`<p>Đoạn kết.<script>alert(1)</script></p>`, photo.ID, photo.Key, photo.Width, photo.Height)
	for i := range 6 {
		sec := w.section
		if i == 2 {
			sec = w.child
		}
		a, err := s.CreateArticle(ctx, news.System(), news.Article{
			Slug: fmt.Sprintf("duong-ve-xa-moi-so-%d", i), Title: fmt.Sprintf("Đường về xã mới số %d", i),
			Lead: "Người dân xã Thạch Lạc vui mừng đón con đường mới.", Body: policy.Body(body),
			SectionID: sec.ID, Status: news.Published, Featured: i == 5, CoverImageID: photo.ID,
			PublishedAt: testNow.Add(-time.Duration(5-i) * 24 * time.Hour),
			Authors:     []news.Author{w.author},
			Tags:        []news.Tag{{Slug: "giao-thong", Name: "Giao thông"}},
		})
		must(err)
		w.articles = append(w.articles, a)
	}
	w.draft, err = s.CreateArticle(ctx, news.System(), news.Article{Slug: "ban-nhap", Title: "Bản nháp chưa duyệt", SectionID: w.section.ID})
	must(err)
	handler, err := server.New(server.Deps{Store: s, Media: lib, Now: func() time.Time { return testNow }})
	must(err)
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	w.url = ts.URL
	return w
}

func storePhoto(t *testing.T, s *store.Store, lib *media.Library) news.Image {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 36))
	for x := range 64 {
		img.Set(x, x%36, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	im, err := lib.Save(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	im.Caption, im.Alt = "Con đường mới", "Con đường bê tông"
	im, err = s.CreateImage(context.Background(), news.System(), im)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// noRedirects is a client that shows redirects instead of following them.
var noRedirects = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// get fetches path and parses the page.
func get(t *testing.T, base, path string) (*http.Response, *goquery.Document) {
	t.Helper()
	resp, err := noRedirects.Get(base + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

// text is the trimmed text of the first match of sel.
func text(doc *goquery.Document, sel string) string {
	return strings.Join(strings.Fields(doc.Find(sel).First().Text()), " ")
}

// eachSite runs fn against a test paper on each database under test.
func eachSite(t *testing.T, fn func(t *testing.T, w site)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, startSite(t, src.Source))
		})
	}
}
