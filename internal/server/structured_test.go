package server_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// graphs parses every JSON-LD block of a page, by @type.
func graphs(t *testing.T, doc *goquery.Document) map[string]map[string]any {
	t.Helper()
	out := map[string]map[string]any{}
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var v map[string]any
		if err := json.Unmarshal([]byte(s.Text()), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, s.Text())
		}
		out[v["@type"].(string)] = v
	})
	return out
}

func TestArticleStructuredData(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		a := w.articles[4]
		_, doc := get(t, w.url, a.Path())
		g := graphs(t, doc)
		art := g["NewsArticle"]
		if art == nil {
			t.Fatal("no NewsArticle")
		}
		for _, field := range []string{"headline", "description", "image", "datePublished", "dateModified", "author", "publisher", "articleSection", "keywords", "mainEntityOfPage"} {
			if art[field] == nil {
				t.Errorf("NewsArticle lacks %s", field)
			}
		}
		if art["headline"] != a.Title || !strings.HasSuffix(art["datePublished"].(string), "+07:00") {
			t.Errorf("headline %q, datePublished %q", art["headline"], art["datePublished"])
		}
		author := art["author"].([]any)[0].(map[string]any)
		if author["@type"] != "Person" || author["name"] != "Thu Hà" || !strings.HasSuffix(author["url"].(string), "/tac-gia/thu-ha") {
			t.Errorf("author %v", author)
		}
		logo := art["publisher"].(map[string]any)["logo"].(map[string]any)
		if !strings.HasPrefix(logo["url"].(string), "http") {
			t.Errorf("publisher logo %v", logo)
		}
		if page := art["mainEntityOfPage"].(map[string]any)["@id"]; page != w.url+a.Path() {
			t.Errorf("mainEntityOfPage %v", page)
		}
		crumbs := g["BreadcrumbList"]["itemListElement"].([]any)
		if len(crumbs) != 2 || crumbs[1].(map[string]any)["name"] != "Thời sự" {
			t.Errorf("breadcrumbs %v", crumbs)
		}
		meta := func(prop string) string { return doc.Find(`meta[property="`+prop+`"]`).AttrOr("content", "") }
		if meta("og:type") != "article" || meta("og:title") != a.Title || meta("og:url") != w.url+a.Path() ||
			meta("og:image:width") != "64" || meta("og:image:height") != "36" || meta("article:section") != "Thời sự" ||
			!strings.HasSuffix(meta("article:published_time"), "+07:00") || meta("article:tag") != "Giao thông" {
			t.Errorf("open graph: type %q url %q image %sx%s section %q time %q tag %q", meta("og:type"), meta("og:url"),
				meta("og:image:width"), meta("og:image:height"), meta("article:section"), meta("article:published_time"), meta("article:tag"))
		}
		if doc.Find(`meta[name="twitter:card"][content="summary_large_image"]`).Length() != 1 {
			t.Error("no twitter card")
		}
	})
}

func TestHomeStructuredData(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		for _, path := range []string{"/", "/thoi-su/"} {
			_, doc := get(t, w.url, path)
			g := graphs(t, doc)
			action := g["WebSite"]["potentialAction"].(map[string]any)
			target := action["target"].(map[string]any)["urlTemplate"].(string)
			if action["@type"] != "SearchAction" || target != w.url+"/tim-kiem?q={search_term_string}" {
				t.Errorf("%s: search action %v", path, action)
			}
			if g["NewsMediaOrganization"]["name"] != "Báo Hà Tĩnh" {
				t.Errorf("%s: organization %v", path, g["NewsMediaOrganization"])
			}
		}
	})
}
