package store

import (
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// The store is the one door every text passes on its way into the
// database, so it is where text becomes NFC: keyboards on macOS and some
// sites send decomposed Vietnamese, which would otherwise never compare or
// search equal to the same words typed elsewhere.

func normalizeArticle(a *news.Article) {
	for _, f := range []*string{&a.Slug, &a.Title, &a.Lead, &a.Body, &a.SEOTitle, &a.SEODescription, &a.Credit, &a.Correction} {
		*f = vietnamese.NFC(*f)
	}
	for i := range a.Tags {
		a.Tags[i].Name = vietnamese.NFC(a.Tags[i].Name)
	}
}

func normalizeSection(s *news.Section) {
	s.Name, s.Description = vietnamese.NFC(s.Name), vietnamese.NFC(s.Description)
}

func normalizeAuthor(a *news.Author) {
	a.Name, a.Bio = vietnamese.NFC(a.Name), vietnamese.NFC(a.Bio)
}

func normalizeImage(im *news.Image) {
	im.Caption, im.Credit, im.Alt = vietnamese.NFC(im.Caption), vietnamese.NFC(im.Credit), vietnamese.NFC(im.Alt)
}

func normalizeSite(s *news.Site) {
	for _, setting := range news.SiteSettings() {
		f := s.Field(setting.Key)
		*f = vietnamese.NFC(*f)
	}
}

func normalizePage(p *news.Page) {
	p.Slug, p.Title, p.Body = vietnamese.NFC(p.Slug), vietnamese.NFC(p.Title), vietnamese.NFC(p.Body)
}
