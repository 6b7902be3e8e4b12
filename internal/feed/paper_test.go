package feed_test

import (
	"context"
	"encoding/xml"
	"fmt"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// now is the tests' clock: 29/11/2026 10:00 in Hà Tĩnh.
var now = time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)

// paper is a seeded test paper: a section with a sub-section and a
// sub-sub-section, another section, two bylines and a cover photo.
type paper struct {
	store    *store.Store
	feeds    *feed.Builder
	site     news.Site
	top      news.Section // "Thời sự"
	child    news.Section // under top
	grand    news.Section // under child
	other    news.Section // "Thể thao"
	authors  []news.Author
	photo    news.Image
	articles []news.Article // published, in the order they were seeded
}

// eachPaper runs fn on a fresh paper in each database under test.
func eachPaper(t *testing.T, fn func(t *testing.T, p *paper)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, seedPaper(t, storetest.Open(t, src.Source)))
		})
	}
}

func seedPaper(t *testing.T, st *store.Store) *paper {
	t.Helper()
	ctx := context.Background()
	site, err := st.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	site.BaseURL = "https://baohatinh.vn"
	p := &paper{store: st, feeds: feed.New(st, func() time.Time { return now }), site: site}
	section := func(slug, name string, parent int64) news.Section {
		t.Helper()
		sec, err := st.CreateSection(ctx, news.System(), news.Section{Slug: slug, Name: name, ParentID: parent, Description: "Tin " + name})
		if err != nil {
			t.Fatal(err)
		}
		return sec
	}
	p.top = section("thoi-su", "Thời sự", 0)
	p.child = section("nong-nghiep", "Nông nghiệp", p.top.ID)
	p.grand = section("ocop", "OCOP", p.child.ID)
	p.other = section("the-thao", "Thể thao", 0)
	for _, name := range []string{"Thu Hà", "Minh Đức"} {
		au, err := st.CreateAuthor(ctx, news.System(), news.Author{Slug: fmt.Sprintf("tac-gia-%d", len(p.authors)), Name: name})
		if err != nil {
			t.Fatal(err)
		}
		p.authors = append(p.authors, au)
	}
	p.photo, err = st.CreateImage(ctx, news.System(), news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg",
		Width: 1280, Height: 720, Bytes: 183456, Caption: "Cánh đồng lúa ở xã Thạch Lạc", Credit: "Ảnh: Thu Hà"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// add stores an article; published ones are remembered in p.articles.
func (p *paper) add(t *testing.T, a news.Article) news.Article {
	t.Helper()
	if a.Slug == "" {
		a.Slug = fmt.Sprintf("bai-%d", len(p.articles))
	}
	if a.Title == "" {
		a.Title = fmt.Sprintf("Bài số %d", len(p.articles))
	}
	if a.SectionID == 0 {
		a.SectionID = p.top.ID
	}
	if a.Status == "" {
		a.Status = news.Published
	}
	a, err := p.store.CreateArticle(context.Background(), news.System(), a)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status == news.Published {
		p.articles = append(p.articles, a)
	}
	return a
}

// hanoi is a wall-clock time in Vietnam.
func hanoi(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.FixedZone("ICT", 7*3600))
}

// decode parses doc into v, failing the test on malformed XML.
func decode(t *testing.T, doc []byte, v any) {
	t.Helper()
	if err := xml.Unmarshal(doc, v); err != nil {
		t.Fatalf("output is not well-formed XML: %v\n%s", err, doc)
	}
}
