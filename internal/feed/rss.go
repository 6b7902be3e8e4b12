package feed

import (
	"context"
	"encoding/xml"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// feedItems is how many stories a feed carries: a day of a provincial
// paper, so a reader polling a few times a day misses none.
const feedItems = 50

// feedTTL tells feed readers how many minutes they may keep the feed.
const feedTTL = 15

// The namespaces a feed uses beside RSS 2.0's own elements.
const (
	atomNS  = "http://www.w3.org/2005/Atom"
	dcNS    = "http://purl.org/dc/elements/1.1/"
	mediaNS = "http://search.yahoo.com/mrss/"
)

// rss is an RSS 2.0 document. encoding/xml cannot choose prefixes, so the
// namespaced elements carry theirs in their names and the root declares
// them: the output reads like every other paper's feed, which matters to
// readers that match "dc:creator" literally.
type rss struct {
	XMLName xml.Name   `xml:"rss"`
	Version string     `xml:"version,attr"`
	Atom    string     `xml:"xmlns:atom,attr"`
	DC      string     `xml:"xmlns:dc,attr"`
	Media   string     `xml:"xmlns:media,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Self          atomLink  `xml:"atom:link"`
	TTL           int       `xml:"ttl"`
	Image         *rssImage `xml:"image"`
	Items         []rssItem `xml:"item"`
}

// atomLink is the feed's own address, which RSS 2.0 lacks and validators
// ask for.
type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type rssImage struct {
	URL   string `xml:"url"`
	Title string `xml:"title"`
	Link  string `xml:"link"`
}

// rssItem is one story. The bylines go in dc:creator, not author: RSS
// 2.0's author is an e-mail address, and the paper publishes names.
type rssItem struct {
	Title       string        `xml:"title"`
	Link        string        `xml:"link"`
	Description string        `xml:"description,omitempty"`
	Creators    []string      `xml:"dc:creator"`
	Category    string        `xml:"category,omitempty"`
	GUID        rssGUID       `xml:"guid"`
	PubDate     string        `xml:"pubDate"`
	Enclosure   *rssEnclosure `xml:"enclosure"`
	Media       *mediaContent `xml:"media:content"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

// mediaContent is the cover photo in Media RSS, which unlike an enclosure
// carries its size, caption and credit for readers that show pictures.
type mediaContent struct {
	URL         string     `xml:"url,attr"`
	Type        string     `xml:"type,attr"`
	Medium      string     `xml:"medium,attr"`
	Width       int        `xml:"width,attr,omitempty"`
	Height      int        `xml:"height,attr,omitempty"`
	FileSize    int64      `xml:"fileSize,attr,omitempty"`
	Description *mediaText `xml:"media:description"`
	Credit      string     `xml:"media:credit,omitempty"`
}

type mediaText struct {
	Type  string `xml:"type,attr"`
	Value string `xml:",chardata"`
}

// RSS is the feed of the whole paper when slug is "", otherwise of the
// section with that slug and the sections under it: the newest published
// stories, newest first. An unknown section is a NotFound error.
func (b *Builder) RSS(ctx context.Context, site news.Site, slug string) ([]byte, error) {
	ch := rssChannel{
		Title: site.Name, Link: site.BaseURL + "/", Description: site.Description, Language: "vi",
		Self: atomLink{Href: site.BaseURL + HomeFeedPath, Rel: "self", Type: "application/rss+xml"}, TTL: feedTTL,
	}
	f := store.ArticleFilter{Limit: feedItems}
	if slug != "" {
		sec, err := b.store.SectionBySlug(ctx, slug)
		if err != nil {
			return nil, err
		}
		sections, err := b.store.Sections(ctx)
		if err != nil {
			return nil, err
		}
		f.SectionIDs = subtree(sec.ID, sections)
		ch.Title, ch.Link = SectionTitle(site, sec), site.BaseURL+sec.Path()
		ch.Self.Href = site.BaseURL + SectionFeedPath(sec.Slug)
		if sec.Description != "" {
			ch.Description = sec.Description
		}
	}
	if ch.Description == "" {
		ch.Description = ch.Title // RSS 2.0 requires one
	}
	if site.LogoURL != "" {
		ch.Image = &rssImage{URL: absolute(site, site.LogoURL), Title: ch.Title, Link: ch.Link}
	}
	articles, err := b.store.PublishedArticles(ctx, f)
	if err != nil {
		return nil, err
	}
	ch.Items, err = b.items(ctx, site, articles)
	if err != nil {
		return nil, err
	}
	built := b.now()
	if len(articles) > 0 {
		built = time.Time{}
		for _, a := range articles {
			built = later(built, changed(a))
		}
	}
	ch.LastBuildDate = rfc822(built, site.Location)
	return encode(rss{Version: "2.0", Atom: atomNS, DC: dcNS, Media: mediaNS, Channel: ch})
}

// items turns articles into feed items, reading their bylines and cover
// photos in two queries.
func (b *Builder) items(ctx context.Context, site news.Site, articles []news.Article) ([]rssItem, error) {
	ids := make([]int64, 0, len(articles))
	var covers []int64
	for _, a := range articles {
		ids = append(ids, a.ID)
		if a.CoverImageID != 0 {
			covers = append(covers, a.CoverImageID)
		}
	}
	bylines, err := b.store.Bylines(ctx, ids)
	if err != nil {
		return nil, err
	}
	images, err := b.store.ImagesByID(ctx, covers)
	if err != nil {
		return nil, err
	}
	items := make([]rssItem, 0, len(articles))
	for _, a := range articles {
		url := site.BaseURL + a.Path()
		it := rssItem{Title: a.Title, Link: url, Description: a.Lead, Category: a.Section.Name,
			GUID: rssGUID{IsPermaLink: true, Value: url}, PubDate: rfc822(a.PublishedAt, site.Location)}
		for _, au := range bylines[a.ID] {
			it.Creators = append(it.Creators, au.Name)
		}
		if im, ok := images[a.CoverImageID]; ok && a.CoverImageID != 0 {
			src := site.BaseURL + media.URL(im.Key)
			it.Enclosure = &rssEnclosure{URL: src, Length: im.Bytes, Type: im.MIME}
			it.Media = &mediaContent{URL: src, Type: im.MIME, Medium: "image", Width: im.Width, Height: im.Height,
				FileSize: im.Bytes, Credit: im.Credit}
			if im.Caption != "" {
				it.Media.Description = &mediaText{Type: "plain", Value: im.Caption}
			}
		}
		items = append(items, it)
	}
	return items, nil
}

// absolute makes a path on the paper's site into a URL; full URLs (a logo
// on a CDN) pass unchanged.
func absolute(site news.Site, ref string) string {
	if strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "//") {
		return site.BaseURL + ref
	}
	return ref
}
