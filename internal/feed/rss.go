package feed

import (
	"cmp"
	"context"
	"encoding/xml"
	"slices"
	"strconv"
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

// Document is a built feed with the time its newest item last changed,
// which the web layer sends as Last-Modified; zero for a feed without
// items.
type Document struct {
	Body     []byte
	Modified time.Time
}

// RSS is the feed of the whole paper when slug is "", otherwise of the
// section with that slug and the sections under it: the newest published
// stories, newest first. An unknown section is a NotFound error.
func (b *Builder) RSS(ctx context.Context, site news.Site, slug string) (Document, error) {
	ch := channel(site, site.Name, "/", HomeFeedPath, site.Description)
	f := store.ArticleFilter{Limit: feedItems}
	if slug != "" {
		sec, err := b.store.SectionBySlug(ctx, slug)
		if err != nil {
			return Document{}, err
		}
		sections, err := b.store.Sections(ctx)
		if err != nil {
			return Document{}, err
		}
		f.SectionIDs = subtree(sec.ID, sections)
		ch = channel(site, SectionTitle(site, sec), sec.Path(), SectionFeedPath(sec.Slug), cmp.Or(sec.Description, site.Description))
	}
	return b.build(ctx, site, ch, f)
}

// TagFeedPath is the feed of a tag, "/rss/chu-de/{slug}-{id}.rss": the
// id finds the tag, as in its page's address, and the slug reads well.
func TagFeedPath(t news.Tag) string {
	return "/rss/chu-de/" + t.Slug + "-" + strconv.FormatInt(t.ID, 10) + ".rss"
}

// AuthorFeedPath is the feed of an author, "/rss/tac-gia/{slug}.rss".
func AuthorFeedPath(a news.Author) string { return "/rss/tac-gia/" + a.Slug + ".rss" }

// TagRSS is the feed of a tag's newest published stories.
func (b *Builder) TagRSS(ctx context.Context, site news.Site, t news.Tag) (Document, error) {
	ch := channel(site, site.Name+" - Chủ đề: "+t.Name, t.Path(), TagFeedPath(t), "")
	return b.build(ctx, site, ch, store.ArticleFilter{TagID: t.ID, Limit: feedItems})
}

// AuthorRSS is the feed of an author's newest published stories.
func (b *Builder) AuthorRSS(ctx context.Context, site news.Site, a news.Author) (Document, error) {
	ch := channel(site, site.Name+" - Tác giả: "+a.Name, a.Path(), AuthorFeedPath(a), strings.Join(strings.Fields(a.Bio), " "))
	return b.build(ctx, site, ch, store.ArticleFilter{AuthorID: a.ID, Limit: feedItems})
}

// TopicFeedPath is the feed of a topic page, "/rss/dong-su-kien/{slug}.rss".
func TopicFeedPath(t news.Topic) string { return "/rss/dong-su-kien/" + t.Slug + ".rss" }

// TopicRSS is the feed of a topic page ("Dòng sự kiện"): its pinned
// stories and its tag's, newest first, as a feed reader wants them.
func (b *Builder) TopicRSS(ctx context.Context, site news.Site, t news.Topic) (Document, error) {
	ch := channel(site, site.Name+" - Dòng sự kiện: "+t.Title, t.Path(), TopicFeedPath(t), strings.Join(strings.Fields(t.Intro), " "))
	pinned, rest, _, err := b.store.TopicStories(ctx, t, feedItems, 0)
	if err != nil {
		return Document{}, err
	}
	articles := append(pinned, rest...)
	slices.SortStableFunc(articles, func(x, y news.Article) int { return y.PublishedAt.Compare(x.PublishedAt) })
	return b.buildFrom(ctx, site, ch, articles[:min(len(articles), feedItems)])
}

// channel is a feed's head: its title, the page it stands for and its
// own address (paths on the paper's site), and its description, the
// title when there is none (RSS 2.0 requires one).
func channel(site news.Site, title, page, self, description string) rssChannel {
	if description == "" {
		description = title
	}
	ch := rssChannel{Title: title, Link: site.BaseURL + page, Description: description, Language: "vi",
		Self: atomLink{Href: site.BaseURL + self, Rel: "self", Type: "application/rss+xml"}, TTL: feedTTL}
	if site.LogoURL != "" {
		ch.Image = &rssImage{URL: absolute(site, site.LogoURL), Title: ch.Title, Link: ch.Link}
	}
	return ch
}

// build fills ch with the stories f selects and encodes the feed. Its
// lastBuildDate is when the newest of them last changed, so that an
// unchanged feed is the same bytes; now for an empty feed.
func (b *Builder) build(ctx context.Context, site news.Site, ch rssChannel, f store.ArticleFilter) (Document, error) {
	articles, err := b.store.PublishedArticles(ctx, f)
	if err != nil {
		return Document{}, err
	}
	return b.buildFrom(ctx, site, ch, articles)
}

// buildFrom fills ch with articles, in their order, and encodes the feed.
func (b *Builder) buildFrom(ctx context.Context, site news.Site, ch rssChannel, articles []news.Article) (Document, error) {
	var err error
	ch.Items, err = b.items(ctx, site, articles)
	if err != nil {
		return Document{}, err
	}
	var modified time.Time
	for _, a := range articles {
		modified = later(modified, changed(a))
	}
	built := modified
	if built.IsZero() {
		built = b.now()
	}
	ch.LastBuildDate = rfc822(built, site.Location)
	body, err := encode(rss{Version: "2.0", Atom: atomNS, DC: dcNS, Media: mediaNS, Channel: ch})
	return Document{Body: body, Modified: modified}, err
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
