package feed_test

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// xmllint validates doc against testdata/schema with libxml2's validator
// and returns its complaint, "" for a valid document. Without xmllint the
// test is skipped on a developer's machine but fails in CI (CI set), which
// installs it: the schemas must never go unchecked there unnoticed.
func xmllint(t *testing.T, schema string, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("xmllint")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI is set but exec.LookPath finds no xmllint (%v): install libxml2-utils", err)
		}
		t.Skipf("exec.LookPath finds no xmllint (%v): install libxml2-utils to check sitemaps against their schemas", err)
	}
	file := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(file, doc, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--noout", "--nonet", "--schema", filepath.Join("testdata", schema), file).CombinedOutput()
	if err != nil {
		if len(out) == 0 {
			return err.Error()
		}
		return string(out)
	}
	return ""
}

// seedMonths publishes stories across three months, at both ends of a
// month in Hà Tĩnh's time, with a title that needs escaping, and keeps a
// draft in a month of its own.
func seedMonths(t *testing.T, p *paper) {
	p.add(t, news.Article{Title: `Lúa & ngô <mới> "Hà Tĩnh" 'OCOP'`, PublishedAt: now.Add(-2 * time.Hour),
		Authors: p.authors, CoverImageID: p.photo.ID})
	p.add(t, news.Article{PublishedAt: now.Add(-47 * time.Hour), SectionID: p.grand.ID})
	p.add(t, news.Article{PublishedAt: hanoi(2026, 11, 1, 0, 30)})
	p.add(t, news.Article{PublishedAt: hanoi(2026, 10, 31, 23, 30), SectionID: p.other.ID})
	p.add(t, news.Article{PublishedAt: hanoi(2026, 9, 15, 8, 0), ModifiedAt: hanoi(2026, 11, 20, 9, 0)})
	p.add(t, news.Article{Slug: "ban-nhap", Status: news.Draft, PublishedAt: hanoi(2026, 8, 10, 8, 0)})
}

// sitemapLocs reads the loc and lastmod of every entry of a sitemap or
// an index.
type sitemapLocs struct {
	XMLName xml.Name
	Entries []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:",any"`
}

func TestSitemapsMatchSchemas(t *testing.T) {
	t.Parallel()
	eachPaper(t, func(t *testing.T, p *paper) {
		ctx := context.Background()
		seedMonths(t, p)
		site := p.site
		docs := []struct {
			name, schema, root string
			build              func() ([]byte, error)
		}{
			{"index", "siteindex.xsd", "sitemapindex", func() ([]byte, error) { return p.feeds.Index(ctx, site) }},
			{"sections", "sitemap.xsd", "urlset", func() ([]byte, error) { return p.feeds.SectionsSitemap(ctx, site) }},
			{"november", "sitemap.xsd", "urlset", func() ([]byte, error) {
				return p.feeds.MonthSitemap(ctx, site, feed.Month{Year: 2026, Month: time.November})
			}},
			{"october", "sitemap.xsd", "urlset", func() ([]byte, error) {
				return p.feeds.MonthSitemap(ctx, site, feed.Month{Year: 2026, Month: time.October})
			}},
			{"news", "news-sitemap.xsd", "urlset", func() ([]byte, error) { return p.feeds.NewsSitemap(ctx, site) }},
		}
		built := map[string][]byte{}
		w3c := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$`)
		for _, d := range docs {
			t.Run(d.name, func(t *testing.T) {
				doc, err := d.build()
				if err != nil {
					t.Fatal(err)
				}
				built[d.name] = doc
				var locs sitemapLocs
				decode(t, doc, &locs)
				if locs.XMLName.Local != d.root || locs.XMLName.Space != "http://www.sitemaps.org/schemas/sitemap/0.9" {
					t.Errorf("root %v", locs.XMLName)
				}
				for _, e := range locs.Entries {
					if !strings.HasPrefix(e.Loc, "https://baohatinh.vn/") || !w3c.MatchString(e.LastMod) {
						t.Errorf("entry %q, lastmod %q", e.Loc, e.LastMod)
					}
				}
				if strings.Contains(string(doc), "ban-nhap") {
					t.Error("the draft is listed")
				}
				if problem := xmllint(t, d.schema, doc); problem != "" {
					t.Errorf("%s does not match %s:\n%s\n%s", d.name, d.schema, problem, doc)
				}
			})
		}

		var idx sitemapLocs
		decode(t, built["index"], &idx)
		var listed []string
		for _, e := range idx.Entries {
			listed = append(listed, strings.TrimPrefix(e.Loc, "https://baohatinh.vn"))
		}
		want := []string{"/sitemap/sections.xml", "/sitemap/news.xml", "/sitemap/articles-2026-11.xml",
			"/sitemap/articles-2026-10.xml", "/sitemap/articles-2026-09.xml"}
		if !slices.Equal(listed, want) {
			t.Errorf("index lists %q, want %q (no month for the draft)", listed, want)
		}
		if got := idx.Entries[4].LastMod; got != "2026-11-20T09:00:00+07:00" {
			t.Errorf("September's lastmod %q, want its story's correction", got)
		}
		if got := idx.Entries[0].LastMod; got != "2026-11-29T08:00:00+07:00" {
			t.Errorf("sections sitemap lastmod %q, want the newest story's publication", got)
		}
		if _, err := p.feeds.MonthSitemap(ctx, site, feed.Month{Year: 2026, Month: time.August}); news.ErrorCode(err) != news.NotFound {
			t.Errorf("a month with only a draft: %v, want NotFound", err)
		}
		if !strings.Contains(string(built["news"]), "<news:title>Lúa &amp; ngô &lt;mới&gt; &#34;Hà Tĩnh&#34; &#39;OCOP&#39;</news:title>") {
			t.Errorf("title not escaped as expected:\n%s", built["news"])
		}

		// The schemas must refuse what crawlers would refuse, or the
		// checks above prove nothing.
		bad := []struct{ name, schema, doc string }{
			{"lastmod as printed in the paper", "sitemap.xsd",
				regexp.MustCompile(`<lastmod>[^<]*</lastmod>`).ReplaceAllString(string(built["november"]), "<lastmod>29/11/2026</lastmod>")},
			{"url without loc", "sitemap.xsd", regexp.MustCompile(`<loc>[^<]*</loc>`).ReplaceAllString(string(built["november"]), "")},
			{"loc too short for a URL", "siteindex.xsd", regexp.MustCompile(`<loc>[^<]*</loc>`).ReplaceAllString(string(built["index"]), "<loc>/</loc>")},
			{"sitemap element misnamed", "siteindex.xsd", strings.ReplaceAll(string(built["index"]), "sitemap>", "map>")},
			{"language by name", "news-sitemap.xsd", strings.ReplaceAll(string(built["news"]), ">vi<", ">Tiếng Việt<")},
			{"news without title", "news-sitemap.xsd", regexp.MustCompile(`(?s)<news:title>.*?</news:title>`).ReplaceAllString(string(built["news"]), "")},
			{"news undeclared", "sitemap.xsd", string(built["news"])},
		}
		for _, b := range bad {
			t.Run("refuses "+b.name, func(t *testing.T) {
				if xmllint(t, b.schema, []byte(b.doc)) == "" {
					t.Errorf("%s accepted:\n%s", b.schema, b.doc)
				}
			})
		}
	})
}
