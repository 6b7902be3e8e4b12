package feed

import (
	"context"
	"encoding/xml"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// The sitemap protocol's namespace and Google's news extension's.
const (
	sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"
	newsNS    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// The protocols' limits: a sitemap or an index lists at most 50,000
// URLs; a news sitemap at most 1,000 stories of the last two days.
const (
	maxURLs    = 50000
	maxNews    = 1000
	newsWindow = 48 * time.Hour
)

type sitemapIndex struct {
	XMLName  xml.Name     `xml:"sitemapindex"`
	Xmlns    string       `xml:"xmlns,attr"`
	Sitemaps []indexEntry `xml:"sitemap"`
}

type indexEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// urlset is a sitemap. News is the news extension's namespace, declared
// only in the news sitemap.
type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	Xmlns   string       `xml:"xmlns,attr"`
	News    string       `xml:"xmlns:news,attr,omitempty"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string     `xml:"loc"`
	LastMod string     `xml:"lastmod,omitempty"`
	News    *newsEntry `xml:"news:news"`
}

// newsEntry is Google's news:news, its children in the schema's order.
type newsEntry struct {
	Publication     newsPublication `xml:"news:publication"`
	PublicationDate string          `xml:"news:publication_date"`
	Title           string          `xml:"news:title"`
}

type newsPublication struct {
	Name     string `xml:"news:name"`
	Language string `xml:"news:language"`
}

// lastmod prints a lastmod, nothing for the zero time (a paper without
// articles has no date to give).
func lastmod(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return w3c(t, loc)
}

// Index is the sitemap index: the sections sitemap, the news sitemap and
// one sitemap per month with published articles, newest month first.
func (b *Builder) Index(ctx context.Context, site news.Site) ([]byte, error) {
	latest, err := b.store.LastChange(ctx, store.ArticleFilter{})
	if err != nil {
		return nil, err
	}
	idx := sitemapIndex{Xmlns: sitemapNS, Sitemaps: []indexEntry{
		{Loc: site.BaseURL + SectionsSitemapPath, LastMod: lastmod(latest, site.Location)},
		{Loc: site.BaseURL + NewsSitemapPath, LastMod: lastmod(latest, site.Location)},
	}}
	if videos, err := b.HasVideoStories(ctx); err != nil {
		return nil, err
	} else if videos {
		idx.Sitemaps = append(idx.Sitemaps, videoSitemapEntry(site))
	}
	months, err := b.publishedMonths(ctx, site.Location, maxURLs-len(idx.Sitemaps))
	if err != nil {
		return nil, err
	}
	for _, m := range months {
		idx.Sitemaps = append(idx.Sitemaps, indexEntry{Loc: site.BaseURL + m.Month.Path(), LastMod: lastmod(m.Changed, site.Location)})
	}
	return encode(idx)
}

// SectionsSitemap lists the home page and every section's page, each
// dated by the latest change among its stories, then the paper's own
// pages (Giới thiệu, Liên hệ) by their last change.
func (b *Builder) SectionsSitemap(ctx context.Context, site news.Site) ([]byte, error) {
	sections, err := b.store.Sections(ctx)
	if err != nil {
		return nil, err
	}
	latest, err := b.store.LastChange(ctx, store.ArticleFilter{})
	if err != nil {
		return nil, err
	}
	set := urlset{Xmlns: sitemapNS, URLs: []sitemapURL{{Loc: site.BaseURL + "/", LastMod: lastmod(latest, site.Location)}}}
	for _, sec := range sections {
		t, err := b.store.LastChange(ctx, store.ArticleFilter{SectionIDs: subtree(sec.ID, sections)})
		if err != nil {
			return nil, err
		}
		set.URLs = append(set.URLs, sitemapURL{Loc: site.BaseURL + sec.Path(), LastMod: lastmod(t, site.Location)})
	}
	pages, err := b.store.Pages(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range pages {
		set.URLs = append(set.URLs, sitemapURL{Loc: site.BaseURL + p.Path(), LastMod: lastmod(p.UpdatedAt, site.Location)})
	}
	// Topic pages, ended ones too: their stories stay worth finding.
	topics, err := b.store.Topics(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range topics {
		set.URLs = append(set.URLs, sitemapURL{Loc: site.BaseURL + t.Path(), LastMod: lastmod(t.UpdatedAt, site.Location)})
	}
	// Radio programmes, dated by their own last change (their episodes are
	// in the stories' sitemaps).
	programmes, err := b.store.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	for _, p := range programmes {
		set.URLs = append(set.URLs, sitemapURL{Loc: site.BaseURL + p.Path(), LastMod: lastmod(p.UpdatedAt, site.Location)})
	}
	return encode(set)
}

// NewsSitemap is Google's news sitemap: the stories published in the last
// 48 hours, newest first, at most 1,000. With none it is an empty urlset:
// crawlers accept it, while a 404 for a sitemap robots.txt names would be
// reported as an error, though the schema asks for at least one url.
func (b *Builder) NewsSitemap(ctx context.Context, site news.Site) ([]byte, error) {
	articles, err := b.published(ctx, store.ArticleFilter{PublishedFrom: b.now().Add(-newsWindow)}, maxNews)
	if err != nil {
		return nil, err
	}
	set := urlset{Xmlns: sitemapNS, News: newsNS}
	for _, a := range articles {
		set.URLs = append(set.URLs, sitemapURL{
			Loc: site.BaseURL + a.Path(), LastMod: w3c(changed(a), site.Location),
			News: &newsEntry{
				Publication:     newsPublication{Name: site.Name, Language: "vi"},
				PublicationDate: w3c(a.PublishedAt, site.Location),
				Title:           a.Title,
			},
		})
	}
	return encode(set)
}
