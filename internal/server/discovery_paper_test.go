package server_test

import (
	"context"
	"encoding/xml"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
)

// escapedTitle needs escaping in XML in every way a title can.
const escapedTitle = `Lúa & ngô <mới> "Hà Tĩnh" 'OCOP'`

// discoveryPaper is the test paper with stories for feeds and sitemaps
// on top of startSite's six (24 to 29 November at 10:00 in Hà Tĩnh).
type discoveryPaper struct {
	site
	sport       news.Section
	escaped     news.Article // typed in NFD, two hours old
	recent      news.Article // 47 hours old, in Thể thao
	stale       news.Article // 49 hours old, in Thể thao
	lastOfOct   news.Article // 31/10 23:30 in Hà Tĩnh, 16:30 UTC
	firstOfNov  news.Article // 01/11 00:30 in Hà Tĩnh, still 31/10 in UTC
	september   news.Article
	unpublished news.Article // was live an hour ago, taken down
	augustDraft news.Article // a draft dated in a month of its own
	published   []news.Article
}

// eachDiscoveryPaper runs fn against a seeded paper on each database.
func eachDiscoveryPaper(t *testing.T, fn func(t *testing.T, p discoveryPaper)) {
	t.Helper()
	eachSite(t, func(t *testing.T, w site) { fn(t, seedDiscovery(t, w)) })
}

func seedDiscovery(t *testing.T, w site) discoveryPaper {
	t.Helper()
	ctx := context.Background()
	p := discoveryPaper{site: w}
	var err error
	if p.sport, err = w.store.SectionBySlug(ctx, "the-thao"); err != nil {
		t.Fatal(err)
	}
	add := func(slug string, sec news.Section, at time.Time, status news.Status) news.Article {
		t.Helper()
		a, err := w.store.CreateArticle(ctx, news.System(), news.Article{Slug: slug, Title: "Bài " + slug, Lead: "Tin " + slug,
			SectionID: sec.ID, Status: status, PublishedAt: at})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	a, err := w.store.CreateArticle(ctx, news.System(), news.Article{Slug: "lua-ngo-moi", Title: norm.NFD.String(escapedTitle),
		Lead: norm.NFD.String("Nông dân Hà Tĩnh phấn khởi & vui mừng."), SectionID: w.section.ID,
		Status: news.Published, PublishedAt: testNow.Add(-2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	p.escaped = a
	p.recent = add("tin-47-gio", p.sport, testNow.Add(-47*time.Hour), news.Published)
	p.stale = add("tin-49-gio", p.sport, testNow.Add(-49*time.Hour), news.Published)
	p.lastOfOct = add("cuoi-thang-muoi", w.section, hanoiClock(2026, 10, 31, 23, 30), news.Published)
	p.firstOfNov = add("dau-thang-muoi-mot", w.child, hanoiClock(2026, 11, 1, 0, 30), news.Published)
	p.september = add("thang-chin", w.section, hanoiClock(2026, 9, 15, 8, 0), news.Published)
	p.unpublished = add("da-go", w.section, testNow.Add(-time.Hour), news.Unpublished)
	p.augustDraft = add("nhap-thang-tam", w.section, hanoiClock(2026, 8, 10, 8, 0), news.Draft)
	p.published = append(slices.Clone(w.articles), p.escaped, p.recent, p.stale, p.lastOfOct, p.firstOfNov, p.september)
	slices.SortFunc(p.published, func(a, b news.Article) int { return b.PublishedAt.Compare(a.PublishedAt) })
	return p
}

// hanoiClock is a wall-clock time in Vietnam.
func hanoiClock(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.FixedZone("ICT", 7*3600))
}

// fetchBody gets path with the given request headers and returns the
// response with its whole body.
func fetchBody(t *testing.T, base, path string, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// fetchXML gets a discovery document, checks its status and media type,
// and decodes it into v.
func fetchXML(t *testing.T, base, path, contentType string, v any) []byte {
	t.Helper()
	resp, body := fetchBody(t, base, path, nil)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: status %d\n%s", path, resp.StatusCode, body)
	}
	if got := resp.Header.Get("Content-Type"); got != contentType {
		t.Errorf("GET %s: Content-Type %q, want %q", path, got, contentType)
	}
	if err := xml.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: not well-formed XML: %v\n%s", path, err, body)
	}
	return body
}

// articlePaths are the canonical paths of articles, in order.
func articlePaths(as []news.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.Path()
	}
	return out
}

// articlesWhere keeps the articles keep accepts, in order.
func articlesWhere(as []news.Article, keep func(news.Article) bool) []news.Article {
	var out []news.Article
	for _, a := range as {
		if keep(a) {
			out = append(out, a)
		}
	}
	return out
}
