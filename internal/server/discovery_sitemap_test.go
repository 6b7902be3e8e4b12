package server_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

const xmlType = "application/xml; charset=utf-8"

// sitemapDoc reads a sitemap, an index or a news sitemap.
type sitemapDoc struct {
	XMLName xml.Name
	Entries []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    *struct {
			Name     string `xml:"publication>name"`
			Language string `xml:"publication>language"`
			Date     string `xml:"publication_date"`
			Title    string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:",any"`
}

func (d sitemapDoc) locs(base string) []string {
	var out []string
	for _, e := range d.Entries {
		out = append(out, strings.TrimPrefix(e.Loc, base))
	}
	return out
}

// w3cVietnam is a W3C datetime in Vietnam's offset.
var w3cVietnam = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$`)

func TestSitemaps(t *testing.T) {
	t.Parallel()
	eachDiscoveryPaper(t, func(t *testing.T, p discoveryPaper) {
		t.Run("index", func(t *testing.T) {
			var doc sitemapDoc
			fetchXML(t, p.url, "/sitemap.xml", xmlType, &doc)
			want := []string{"/sitemap/sections.xml", "/sitemap/news.xml", "/sitemap/articles-2026-11.xml",
				"/sitemap/articles-2026-10.xml", "/sitemap/articles-2026-09.xml"}
			if doc.XMLName.Local != "sitemapindex" || !slices.Equal(doc.locs(p.url), want) {
				t.Errorf("%s lists %q, want %q (no August: it has only a draft)", doc.XMLName.Local, doc.locs(p.url), want)
			}
			for _, e := range doc.Entries {
				if !w3cVietnam.MatchString(e.LastMod) {
					t.Errorf("%s lastmod %q", e.Loc, e.LastMod)
				}
			}
		})

		// The month is Hà Tĩnh's: 23:30 on 31 October is October's,
		// 00:30 on 1 November is November's though UTC still says 31
		// October.
		months := []struct {
			month string
			want  []news.Article
		}{
			{"2026-10", []news.Article{p.lastOfOct}},
			{"2026-11", articlesWhere(p.published, func(a news.Article) bool { return a.PublishedAt.After(p.lastOfOct.PublishedAt) })},
			{"2026-09", []news.Article{p.september}},
		}
		for _, m := range months {
			t.Run("month "+m.month, func(t *testing.T) {
				var doc sitemapDoc
				fetchXML(t, p.url, "/sitemap/articles-"+m.month+".xml", xmlType, &doc)
				if got := doc.locs(p.url); doc.XMLName.Local != "urlset" || !slices.Equal(got, articlePaths(m.want)) {
					t.Fatalf("lists %q, want exactly %q", got, articlePaths(m.want))
				}
				for i, e := range doc.Entries {
					at, err := time.Parse(time.RFC3339, e.LastMod)
					if !w3cVietnam.MatchString(e.LastMod) || err != nil || !at.Equal(m.want[i].PublishedAt) {
						t.Errorf("%s lastmod %q, want %v at +07:00", e.Loc, e.LastMod, m.want[i].PublishedAt)
					}
				}
			})
		}
		if !slices.Contains(articlePaths(months[1].want), p.firstOfNov.Path()) {
			t.Error("the story of 00:30 on 1 November is not in November")
		}

		t.Run("news", func(t *testing.T) {
			var doc sitemapDoc
			raw := fetchXML(t, p.url, "/sitemap/news.xml", xmlType, &doc)
			since := testNow.Add(-48 * time.Hour)
			want := articlesWhere(p.published, func(a news.Article) bool { return !a.PublishedAt.Before(since) })
			if got := doc.locs(p.url); !slices.Equal(got, articlePaths(want)) {
				t.Fatalf("lists %q, want the last 48 hours' %q", got, articlePaths(want))
			}
			if !slices.Contains(articlePaths(want), p.recent.Path()) || slices.Contains(articlePaths(want), p.stale.Path()) {
				t.Fatal("the 47-hour-old story must be in, the 49-hour-old one out")
			}
			for i, e := range doc.Entries {
				n := e.News
				if n == nil || n.Name != "Báo Hà Tĩnh" || n.Language != "vi" || n.Title != want[i].Title || !w3cVietnam.MatchString(n.Date) {
					t.Errorf("%s news:news %+v", e.Loc, n)
				}
			}
			if !strings.Contains(string(raw), "<news:title>Lúa &amp; ngô &lt;mới&gt; &#34;Hà Tĩnh&#34; &#39;OCOP&#39;</news:title>") {
				t.Error("title not escaped as expected")
			}
		})

		t.Run("sections", func(t *testing.T) {
			if _, err := p.store.SavePage(context.Background(), news.System(), news.Page{Slug: "gioi-thieu", Title: "Giới thiệu",
				Body: "<p>Báo của tỉnh.</p>", ShowInFooter: true}); err != nil {
				t.Fatal(err)
			}
			var doc sitemapDoc
			fetchXML(t, p.url, "/sitemap/sections.xml", xmlType, &doc)
			want := []string{"/", "/thoi-su/", "/the-thao/", "/nong-nghiep/", "/gioi-thieu.html"}
			if got := doc.locs(p.url); !slices.Equal(got, want) {
				t.Errorf("lists %q, want %q", got, want)
			}
			if len(doc.Entries) == 5 && doc.Entries[2].LastMod != "2026-11-27T11:00:00+07:00" {
				t.Errorf("Thể thao lastmod %q, want its newest story's time", doc.Entries[2].LastMod)
			}
		})
	})
}

func TestRobots(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		resp, body := fetchBody(t, w.url, "/robots.txt", nil)
		want := "User-agent: *\nAllow: /\nDisallow: /toasoan/\nDisallow: /api/\n\n" +
			"Sitemap: " + w.url + "/sitemap.xml\nSitemap: " + w.url + "/sitemap/news.xml\n"
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/plain; charset=utf-8" || string(body) != want {
			t.Errorf("robots.txt: %d %q\n%s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
		}
		for _, line := range strings.Split(want, "\n") {
			if path, ok := strings.CutPrefix(line, "Sitemap: "+w.url); ok {
				if r, _ := fetchBody(t, w.url, path, nil); r.StatusCode != http.StatusOK {
					t.Errorf("robots.txt names %s, which answers %d", path, r.StatusCode)
				}
			}
		}
	})
}

// TestDiscoveryBadPaths: what no document exists for is the Vietnamese
// 404 page, never a 500.
func TestDiscoveryBadPaths(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		tests := []struct {
			name, path string
			status     int
		}{
			{"unknown section feed", "/rss/khong-co.rss", 404},
			{"feed without .rss", "/rss/thoi-su", 404},
			{"feed of nothing", "/rss/.rss", 404},
			{"feed as xml", "/rss/thoi-su.xml", 404},
			{"month 13", "/sitemap/articles-2026-13.xml", 404},
			{"month 0", "/sitemap/articles-2026-00.xml", 404},
			{"month not a date", "/sitemap/articles-abc.xml", 404},
			{"month of one digit", "/sitemap/articles-2026-1.xml", 404},
			{"day instead of month", "/sitemap/articles-2026-11-01.xml", 404},
			{"year zero", "/sitemap/articles-0000-01.xml", 404},
			{"year past 9998", "/sitemap/articles-9999-12.xml", 404},
			{"signed year", "/sitemap/articles-+026-11.xml", 404},
			{"quote in month", "/sitemap/articles-2026-11'.xml", 404},
			{"month without articles", "/sitemap/articles-2026-12.xml", 404},
			{"month before any story", "/sitemap/articles-2020-01.xml", 404},
			{"month not xml", "/sitemap/articles-2026-11.txt", 404},
			{"unknown sitemap", "/sitemap/tags.xml", 404},
			{"very long month", "/sitemap/articles-" + strings.Repeat("2026-11", 120) + ".xml", 404},
			{"month past the path limit", "/sitemap/articles-" + strings.Repeat("9", 1100) + ".xml", 400},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, doc := get(t, w.url, tt.path)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || text(doc, "h1") == "" {
					t.Errorf("not the error page: %q, heading %q", resp.Header.Get("Content-Type"), text(doc, "h1"))
				}
			})
		}
	})
}

// TestDiscoveryNeverShowsDrafts: stories not live, drafts and stories
// taken down, appear in no feed and no sitemap, whatever their dates.
func TestDiscoveryNeverShowsDrafts(t *testing.T) {
	t.Parallel()
	eachDiscoveryPaper(t, func(t *testing.T, p discoveryPaper) {
		hidden := []news.Article{p.draft, p.unpublished, p.augustDraft}
		for _, path := range []string{"/rss/home.rss", "/rss/thoi-su.rss", "/sitemap.xml", "/sitemap/news.xml",
			"/sitemap/articles-2026-11.xml", "/sitemap/articles-2026-10.xml", "/sitemap/articles-2026-09.xml"} {
			resp, body := fetchBody(t, p.url, path, nil)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d", path, resp.StatusCode)
			}
			for _, a := range hidden {
				if strings.Contains(string(body), a.Path()) || strings.Contains(string(body), a.Title) {
					t.Errorf("%s shows %q (%s)", path, a.Title, a.Status)
				}
			}
			if path == "/sitemap.xml" && strings.Contains(string(body), "2026-08") {
				t.Error("the index lists August, which has only a draft")
			}
		}
		if resp, _ := fetchBody(t, p.url, "/sitemap/articles-2026-08.xml", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("August's sitemap answers %d, want 404", resp.StatusCode)
		}
	})
}
