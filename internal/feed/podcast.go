package feed

import (
	"cmp"
	"context"
	"encoding/xml"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// itunesNS is the namespace of the tags podcast apps read (Apple's, which
// the others follow).
const itunesNS = "http://www.itunes.com/dtds/podcast-1.0.dtd"

// podcastEpisodes is how many episodes a programme's feed carries: more
// than a news feed, for listeners who subscribe late and start from the
// beginning of a series.
const podcastEpisodes = 100

// ProgrammeFeedPath is a programme's podcast feed,
// "/rss/phat-thanh/{slug}.rss".
func ProgrammeFeedPath(p news.Programme) string { return "/rss/phat-thanh/" + p.Slug + ".rss" }

// AudioFile is an episode's audio as the feed gives it: its URL, a path
// on the paper's site, and its length in bytes as served.
type AudioFile struct {
	URL    string
	Length int64
}

// podcast is an RSS 2.0 document with the iTunes tags.
type podcast struct {
	XMLName xml.Name       `xml:"rss"`
	Version string         `xml:"version,attr"`
	Atom    string         `xml:"xmlns:atom,attr"`
	ITunes  string         `xml:"xmlns:itunes,attr"`
	Channel podcastChannel `xml:"channel"`
}

type podcastChannel struct {
	Title         string         `xml:"title"`
	Link          string         `xml:"link"`
	Description   string         `xml:"description"`
	Language      string         `xml:"language"`
	LastBuildDate string         `xml:"lastBuildDate"`
	Self          atomLink       `xml:"atom:link"`
	TTL           int            `xml:"ttl"`
	Image         *rssImage      `xml:"image"`
	Author        string         `xml:"itunes:author"`
	Summary       string         `xml:"itunes:summary"`
	ITunesImage   *itunesImage   `xml:"itunes:image"`
	Category      itunesCategory `xml:"itunes:category"`
	Explicit      string         `xml:"itunes:explicit"`
	Owner         *itunesOwner   `xml:"itunes:owner"`
	Type          string         `xml:"itunes:type"`
	Items         []podcastItem  `xml:"item"`
}

type itunesImage struct {
	Href string `xml:"href,attr"`
}

type itunesCategory struct {
	Text string `xml:"text,attr"`
}

type itunesOwner struct {
	Name  string `xml:"itunes:name"`
	Email string `xml:"itunes:email,omitempty"`
}

type podcastItem struct {
	Title       string       `xml:"title"`
	Link        string       `xml:"link"`
	Description string       `xml:"description"`
	GUID        rssGUID      `xml:"guid"`
	PubDate     string       `xml:"pubDate"`
	Enclosure   rssEnclosure `xml:"enclosure"`
	Duration    string       `xml:"itunes:duration"`
	EpisodeType string       `xml:"itunes:episodeType"`
	Explicit    string       `xml:"itunes:explicit"`
}

// ProgrammeRSS is a programme's podcast feed: its newest episodes, newest
// first, each with its audio as an enclosure. file tells an episode's
// audio URL and served length; cover is the programme's cover photo (nil
// for none: the paper's logo stands in). Its Modified is when the newest
// episode last changed, or the programme itself.
func (b *Builder) ProgrammeRSS(ctx context.Context, site news.Site, p news.Programme, cover *news.Image,
	file func(news.MediaItem) (AudioFile, error)) (Document, error) {
	episodes, _, err := b.store.Episodes(ctx, p.ID, podcastEpisodes, 0)
	if err != nil {
		return Document{}, err
	}
	description := strings.TrimSpace(p.Description)
	if description == "" {
		description = p.Title
	}
	author := p.Author
	if author == "" {
		author = site.Name
	}
	link := site.BaseURL + p.Path()
	ch := podcastChannel{Title: p.Title, Link: link, Description: description, Language: "vi",
		Self: atomLink{Href: site.BaseURL + ProgrammeFeedPath(p), Rel: "self", Type: "application/rss+xml"}, TTL: feedTTL,
		Author: author, Summary: description, Category: itunesCategory{Text: p.Category}, Explicit: strconv.FormatBool(p.Explicit),
		Owner: &itunesOwner{Name: site.Name, Email: site.Email}, Type: "episodic"}
	var image string
	switch {
	case cover != nil:
		image = site.BaseURL + media.URL(cover.Key)
	case site.LogoURL != "":
		image = absolute(site, site.LogoURL)
	}
	if image != "" {
		ch.Image = &rssImage{URL: image, Title: p.Title, Link: link}
		ch.ITunesImage = &itunesImage{Href: image}
	}
	modified := p.UpdatedAt
	for _, e := range episodes {
		a := e.Article
		f, err := file(e.Audio)
		if err != nil {
			return Document{}, err
		}
		ch.Items = append(ch.Items, podcastItem{Title: a.Title, Link: site.BaseURL + a.Path(), Description: cmp.Or(strings.TrimSpace(a.Lead), a.Title),
			// The story's id is the episode: the guid stays when its
			// title, address or audio change, so apps do not list it twice.
			GUID:    rssGUID{IsPermaLink: false, Value: episodeGUID(site, a.ID)},
			PubDate: rfc822(a.PublishedAt, site.Location), Enclosure: rssEnclosure{URL: absolute(site, f.URL), Length: f.Length, Type: "audio/mp4"},
			Duration: news.ClockDuration(e.Audio.Duration), EpisodeType: "full", Explicit: strconv.FormatBool(p.Explicit)})
		modified = later(modified, changed(a))
	}
	ch.LastBuildDate = rfc822(modified, site.Location)
	body, err := encode(podcast{Version: "2.0", Atom: atomNS, ITunes: itunesNS, Channel: ch})
	return Document{Body: body, Modified: modified.Truncate(time.Second)}, err
}

// episodeGUID names story id as an episode, "toasoan:baohatinh.vn:episode:123":
// not an address, so isPermaLink is false.
func episodeGUID(site news.Site, id int64) string {
	host := site.BaseURL
	if u, err := url.Parse(site.BaseURL); err == nil && u.Host != "" {
		host = u.Host
	}
	return "toasoan:" + host + ":episode:" + strconv.FormatInt(id, 10)
}
