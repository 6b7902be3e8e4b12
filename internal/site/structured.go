package site

import (
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// Structured data for search engines and share previews: schema.org
// JSON-LD and Open Graph, built as Go values so html/template encodes
// them (a title with "</script>" stays inside its string).

// jsonLD is one schema.org object.
type jsonLD = map[string]any

// w3c is the W3C/ISO 8601 time in the paper's zone: "2026-11-29T08:30:00+07:00".
func w3c(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

// publisher is the paper as a schema.org organization.
func (l Layout) publisher() jsonLD {
	return jsonLD{"@type": "NewsMediaOrganization", "name": l.Site.Name, "url": l.absolute("/"),
		"logo": jsonLD{"@type": "ImageObject", "url": l.logoURL(), "width": 600, "height": 60}}
}

// logoURL is the paper's logo, or the project's word mark.
func (l Layout) logoURL() string {
	if l.Site.LogoURL != "" {
		return l.Site.LogoURL
	}
	return l.absolute(l.logo)
}

// siteGraph is the home and section pages' data: the site with its
// search box, and the organization.
func (l Layout) siteGraph() []jsonLD {
	return []jsonLD{
		{"@context": "https://schema.org", "@type": "WebSite", "name": l.Site.Name, "url": l.absolute("/"), "inLanguage": "vi",
			"potentialAction": jsonLD{"@type": "SearchAction",
				"target":      jsonLD{"@type": "EntryPoint", "urlTemplate": l.absolute("/tim-kiem?q={search_term_string}")},
				"query-input": "required name=search_term_string"}},
		withContext(l.publisher()),
	}
}

func withContext(o jsonLD) jsonLD {
	o["@context"] = "https://schema.org"
	return o
}

// articleGraph is the article page's NewsArticle and BreadcrumbList.
func (l Layout) articleGraph(a news.Article, parent *news.Section) []jsonLD {
	loc := l.Site.Location
	modified := a.PublishedAt
	if !a.ModifiedAt.IsZero() {
		modified = a.ModifiedAt
	}
	art := jsonLD{"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": a.Title, "description": a.Lead, "inLanguage": "vi",
		"datePublished": w3c(a.PublishedAt, loc), "dateModified": w3c(modified, loc),
		"articleSection": a.Section.Name, "publisher": l.publisher(),
		"mainEntityOfPage": jsonLD{"@type": "WebPage", "@id": l.absolute(a.Path())}, "url": l.absolute(a.Path())}
	if a.Cover != nil {
		art["image"] = []jsonLD{{"@type": "ImageObject", "url": l.absolute(media.URL(a.Cover.Key)), "width": a.Cover.Width, "height": a.Cover.Height}}
	}
	var authors []jsonLD
	for _, au := range a.Authors {
		authors = append(authors, jsonLD{"@type": "Person", "name": au.Name, "url": l.absolute(au.Path())})
	}
	if len(authors) == 0 {
		authors = append(authors, l.publisher())
	}
	art["author"] = authors
	if a.Correction != "" {
		art["correction"] = jsonLD{"@type": "CorrectionComment", "text": a.Correction, "datePublished": w3c(a.CorrectedAt, loc)}
	}
	var keywords []string
	for _, t := range a.Tags {
		keywords = append(keywords, t.Name)
	}
	if len(keywords) > 0 {
		art["keywords"] = keywords
	}
	crumbs := []jsonLD{{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": l.absolute("/")}}
	if parent != nil {
		crumbs = append(crumbs, jsonLD{"@type": "ListItem", "position": len(crumbs) + 1, "name": parent.Name, "item": l.absolute(parent.Path())})
	}
	crumbs = append(crumbs, jsonLD{"@type": "ListItem", "position": len(crumbs) + 1, "name": a.Section.Name, "item": l.absolute(a.Section.Path())})
	return []jsonLD{art, {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": crumbs}}
}

// openGraph is a page's share preview: Open Graph and Twitter card tags.
type openGraph struct {
	Type, Title, Description, URL, Image string
	ImageWidth, ImageHeight              int
	Published, Modified, Section         string
	Tags                                 []string
}

func (l Layout) articlePreview(a news.Article) openGraph {
	og := openGraph{Type: "article", Title: a.Title, Description: a.Lead, URL: l.absolute(a.Path()),
		Published: w3c(a.PublishedAt, l.Site.Location), Section: a.Section.Name}
	if !a.ModifiedAt.IsZero() {
		og.Modified = w3c(a.ModifiedAt, l.Site.Location)
	}
	if a.Cover != nil {
		og.Image, og.ImageWidth, og.ImageHeight = l.absolute(media.URL(a.Cover.Key)), a.Cover.Width, a.Cover.Height
	}
	for _, t := range a.Tags {
		og.Tags = append(og.Tags, t.Name)
	}
	return og
}
