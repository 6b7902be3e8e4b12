package site

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// staticPage is one of the paper's own pages as readers see it.
type staticPage struct {
	Layout
	Page news.Page
	Body template.HTML
}

// showPage draws the page whose address is "/{slug}.html"; showFile hands
// over the names that are not a story's or a tag's.
func (s *Server) showPage(w http.ResponseWriter, r *http.Request, slug string) error {
	p, err := s.store.PageBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	depend(r, news.PageKey(p.ID))
	l := s.layout(r, p.Title)
	l.Description = pageDescription(p, l.Site)
	l.Canonical = l.absolute(p.Path())
	l.Preview = l.websitePreview(p.Title, l.Description, l.Canonical)
	l.Preview.Image = s.imageOf(r.Context(), l, nil, p.Body, p.Title)
	l.JSONLD = []jsonLD{
		{"@context": "https://schema.org", "@type": "WebPage", "name": p.Title, "url": l.Canonical, "description": l.Description,
			"inLanguage": "vi", "image": l.Preview.Image.imageObject()},
		l.breadcrumb(p.Title, l.Canonical),
	}
	// The body was sanitized on its way in (paper.Service, an import).
	return s.render(w, http.StatusOK, "page", staticPage{Layout: l, Page: p, Body: template.HTML(p.Body)})
}

// maxDescription is about what search engines show of a description.
const maxDescription = 160

// pageDescription is the start of the page's text, for search engines and
// share previews; the paper's description when the page has no text.
func pageDescription(p news.Page, site news.Site) string {
	text := strings.Join(strings.Fields(store.PlainText(p.Body)), " ")
	if text == "" {
		return site.Description
	}
	return news.Clip(text, maxDescription)
}
