package site

import (
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Structured data for search engines and share previews: schema.org
// JSON-LD and Open Graph, built as Go values so html/template encodes
// them (a title with "</script>" stays inside its string).

// jsonLD is one schema.org object.
type jsonLD = map[string]any

// w3c is the W3C/ISO 8601 time in the paper's zone: "2026-11-29T08:30:00+07:00".
func w3c(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

// publisher is the paper as a schema.org organization. Its logo is the
// PNG drawn from the paper's name (brand.go): Google takes no SVG, and
// the size it states is the picture's own.
func (l Layout) publisher() jsonLD {
	return jsonLD{"@type": "NewsMediaOrganization", "name": l.Site.Name, "url": l.absolute("/"), "logo": l.publisherLogo()}
}

// siteGraph is the home and section pages' data: the site with its
// search box, and the organization.
func (l Layout) siteGraph() []jsonLD {
	return []jsonLD{
		{"@context": "https://schema.org", "@type": "WebSite", "name": l.Site.Name, "url": l.absolute("/"), "inLanguage": "vi",
			"potentialAction": jsonLD{"@type": "SearchAction",
				"target":      jsonLD{"@type": "EntryPoint", "urlTemplate": l.absolute("/tim-kiem?q={search_term_string}")},
				"query-input": "required name=search_term_string"},
			"image": l.paperImage().imageObject()},
		withContext(l.publisher()),
	}
}

func withContext(o jsonLD) jsonLD {
	o["@context"] = "https://schema.org"
	return o
}

// articleGraph is the article page's NewsArticle and BreadcrumbList;
// image is the story's picture (imageOf).
func (l Layout) articleGraph(a news.Article, parent *news.Section, image sharedImage) []jsonLD {
	loc := l.Site.Location
	modified := a.PublishedAt
	if !a.ModifiedAt.IsZero() {
		modified = a.ModifiedAt
	}
	art := jsonLD{"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": a.Title, "description": a.Lead, "inLanguage": "vi",
		"datePublished": w3c(a.PublishedAt, loc), "dateModified": w3c(modified, loc),
		"articleSection": a.Section.Name, "publisher": l.publisher(),
		"mainEntityOfPage": jsonLD{"@type": "WebPage", "@id": l.absolute(a.Path())}, "url": l.absolute(a.Path()),
		"image": []jsonLD{image.imageObject()}}
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
// Every public page has a picture, the paper's share picture at least.
type openGraph struct {
	Type, Title, Description, URL string
	Image                         sharedImage
	Published, Modified, Section  string
	Tags                          []string
	Audio                         string   // a story's audio version, og:audio
	Video                         *ogVideo // a video story's (video.go)
}

func (l Layout) articlePreview(a news.Article, image sharedImage) openGraph {
	og := openGraph{Type: "article", Title: a.Title, Description: a.Lead, URL: l.absolute(a.Path()),
		Published: w3c(a.PublishedAt, l.Site.Location), Section: a.Section.Name, Image: image}
	if !a.ModifiedAt.IsZero() {
		og.Modified = w3c(a.ModifiedAt, l.Site.Location)
	}
	for _, t := range a.Tags {
		og.Tags = append(og.Tags, t.Name)
	}
	return og
}

// breadcrumb is the trail of a page one step below the home page.
func (l Layout) breadcrumb(name, url string) jsonLD {
	return jsonLD{"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": []jsonLD{
		{"@type": "ListItem", "position": 1, "name": "Trang chủ", "item": l.absolute("/")},
		{"@type": "ListItem", "position": 2, "name": name, "item": url},
	}}
}

// graph is a tag's CollectionPage, listing the stories the page shows,
// or an author's ProfilePage about them as a Person; and the breadcrumb.
func (p listPage) graph(kind listKind) []jsonLD {
	page := jsonLD{"@context": "https://schema.org", "@type": kind.schemaType, "name": p.Title, "url": p.Canonical,
		"description": p.Description, "inLanguage": "vi", "image": p.Preview.Image.imageObject(),
		"isPartOf": jsonLD{"@type": "WebSite", "name": p.Site.Name, "url": p.absolute("/")}}
	if kind.person {
		person := jsonLD{"@type": "Person", "name": p.Heading, "url": p.Canonical}
		if bio := strings.Join(strings.Fields(p.Intro), " "); bio != "" {
			person["description"] = bio
		}
		if p.Photo != nil {
			person["image"] = p.Preview.Image.imageObject()
		}
		page["mainEntity"] = person
	} else {
		items := make([]jsonLD, len(p.Articles))
		for i, a := range p.Articles {
			items[i] = jsonLD{"@type": "ListItem", "position": p.Pager.Offset() + i + 1, "url": p.absolute(a.Path()), "name": a.Title}
		}
		page["about"] = jsonLD{"@type": "Thing", "name": p.Heading}
		page["mainEntity"] = jsonLD{"@type": "ItemList", "itemListElement": items}
	}
	return []jsonLD{page, p.breadcrumb(p.Kind+": "+p.Heading, p.Canonical)}
}
