package feed

import (
	"context"
	"encoding/xml"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// VideoSitemapPath is Google's video sitemap of the paper's video stories.
const VideoSitemapPath = "/sitemap/video.xml"

// videoNS is Google's video extension's namespace.
const videoNS = "http://www.google.com/schemas/sitemap-video/1.1"

type videoURLSet struct {
	XMLName xml.Name   `xml:"urlset"`
	Xmlns   string     `xml:"xmlns,attr"`
	Video   string     `xml:"xmlns:video,attr"`
	URLs    []videoURL `xml:"url"`
}

type videoURL struct {
	Loc    string     `xml:"loc"`
	Videos videoEntry `xml:"video:video"`
}

// videoEntry is Google's video:video, its children in the schema's order.
type videoEntry struct {
	Thumbnail       string `xml:"video:thumbnail_loc"`
	Title           string `xml:"video:title"`
	Description     string `xml:"video:description"`
	Content         string `xml:"video:content_loc"`
	Duration        int    `xml:"video:duration,omitempty"` // seconds, 1 to 28,800
	PublicationDate string `xml:"video:publication_date"`
}

// HasVideoStories reports whether the paper has a video story, which the
// sitemap index then names the video sitemap for.
func (b *Builder) HasVideoStories(ctx context.Context) (bool, error) {
	return b.store.HasVideoStories(ctx)
}

// VideoSitemap lists the published stories whose main video is ready,
// newest first, at most 50,000, each with its video: its poster, the MP4
// (or the stream, for an item without one) as content, its duration.
// url is the readers' address of an output path of a media item.
func (b *Builder) VideoSitemap(ctx context.Context, site news.Site, url func(path string) string) ([]byte, error) {
	articles, err := b.published(ctx, store.ArticleFilter{MainVideo: true}, maxURLs)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.MainMediaID
	}
	items, err := b.store.MediaItemsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	set := videoURLSet{Xmlns: sitemapNS, Video: videoNS}
	for _, a := range articles {
		m, ok := items[a.MainMediaID]
		if !ok || m.Status != news.MediaReady || m.Poster == "" { // Google wants a thumbnail
			continue
		}
		content := m.Fallback
		if content == "" {
			content = m.Master
		}
		description := a.Lead
		if description == "" {
			description = a.Title
		}
		seconds := int(m.Duration.Seconds() + 0.5)
		set.URLs = append(set.URLs, videoURL{Loc: site.BaseURL + a.Path(), Videos: videoEntry{
			Thumbnail: site.BaseURL + url(m.Poster), Title: a.Title, Description: news.Clip(description, 2048),
			Content: site.BaseURL + url(content), Duration: min(max(seconds, 1), 28800),
			PublicationDate: w3c(a.PublishedAt, site.Location),
		}})
	}
	return encode(set)
}

// videoSitemapEntry names the video sitemap in the index.
func videoSitemapEntry(site news.Site) indexEntry {
	return indexEntry{Loc: site.BaseURL + VideoSitemapPath}
}
