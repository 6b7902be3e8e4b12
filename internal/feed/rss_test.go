package feed_test

import (
	"context"
	"encoding/xml"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// rssDoc reads a feed back with the namespaces spelled out, so a feed
// whose prefixes were bound to the wrong namespace would lose the fields.
// Self comes before Link: an unqualified "link" matches atom:link too.
type rssDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Self struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
			Type string `xml:"type,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string    `xml:"title"`
		Link          string    `xml:"link"`
		Description   string    `xml:"description"`
		Language      string    `xml:"language"`
		LastBuildDate string    `xml:"lastBuildDate"`
		TTL           int       `xml:"ttl"`
		Items         []rssItem `xml:"item"`
	} `xml:"channel"`
}

type rssItem struct {
	Title       string   `xml:"title"`
	Link        string   `xml:"link"`
	Description string   `xml:"description"`
	Creators    []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Category    string   `xml:"category"`
	GUID        struct {
		IsPermaLink string `xml:"isPermaLink,attr"`
		Value       string `xml:",chardata"`
	} `xml:"guid"`
	PubDate   string `xml:"pubDate"`
	Enclosure *struct {
		URL    string `xml:"url,attr"`
		Length int64  `xml:"length,attr"`
		Type   string `xml:"type,attr"`
	} `xml:"enclosure"`
	Media *struct {
		URL         string `xml:"url,attr"`
		Medium      string `xml:"medium,attr"`
		Width       int    `xml:"width,attr"`
		Height      int    `xml:"height,attr"`
		Description string `xml:"http://search.yahoo.com/mrss/ description"`
	} `xml:"http://search.yahoo.com/mrss/ content"`
}

func TestRSS(t *testing.T) {
	t.Parallel()
	eachPaper(t, func(t *testing.T, p *paper) {
		ctx := context.Background()
		sections := []int64{p.top.ID, p.child.ID, p.grand.ID, p.other.ID}
		for i := range 55 {
			a := news.Article{SectionID: sections[i%4], PublishedAt: now.Add(-time.Duration(i+1) * time.Hour),
				Lead: "(lead) Người dân vui mừng."}
			if i%2 == 0 {
				a.Authors, a.CoverImageID = p.authors, p.photo.ID
			}
			if i == 30 {
				a.ModifiedAt = now.Add(-10 * time.Minute) // a correction, the feed's latest change
			}
			p.add(t, a)
		}
		draft := p.add(t, news.Article{Slug: "ban-nhap", Status: news.Draft, PublishedAt: now.Add(-time.Minute)})

		home, err := p.feeds.RSS(ctx, p.site, "")
		if err != nil {
			t.Fatal(err)
		}
		body := home.Body
		if !home.Modified.Equal(now.Add(-10 * time.Minute)) {
			t.Errorf("modified %v, want the correction's time", home.Modified)
		}
		var doc rssDoc
		decode(t, body, &doc)
		ch := doc.Channel
		if doc.Version != "2.0" || ch.Title != "Báo Hà Tĩnh" || ch.Link != "https://baohatinh.vn/" || ch.Language != "vi" ||
			ch.TTL != 15 || ch.Description == "" {
			t.Errorf("channel: version %q, title %q, link %q, language %q, ttl %d, description %q",
				doc.Version, ch.Title, ch.Link, ch.Language, ch.TTL, ch.Description)
		}
		if ch.Self.Href != "https://baohatinh.vn/rss/home.rss" || ch.Self.Rel != "self" || ch.Self.Type != "application/rss+xml" {
			t.Errorf("atom:link %+v", ch.Self)
		}
		if ch.LastBuildDate != "Sun, 29 Nov 2026 09:50:00 +0700" {
			t.Errorf("lastBuildDate %q, want the correction's time", ch.LastBuildDate)
		}
		if len(ch.Items) != 50 {
			t.Fatalf("%d items, want the 50 newest", len(ch.Items))
		}
		for i, it := range ch.Items {
			want := p.articles[i] // seeded newest first
			url := "https://baohatinh.vn" + want.Path()
			if it.Title != want.Title || it.Link != url || it.GUID.Value != url || it.GUID.IsPermaLink != "true" {
				t.Errorf("item %d: %q %q guid %+v; want %q %q", i, it.Title, it.Link, it.GUID, want.Title, url)
			}
			at, err := time.Parse(time.RFC1123Z, it.PubDate)
			if err != nil || !at.Equal(want.PublishedAt) || !strings.HasSuffix(it.PubDate, " +0700") {
				t.Errorf("item %d pubDate %q (%v), want %v in +0700", i, it.PubDate, err, want.PublishedAt)
			}
			if it.Description != want.Lead {
				t.Errorf("item %d description %q", i, it.Description)
			}
		}
		if strings.Contains(string(body), draft.Path()) {
			t.Error("the draft is in the feed")
		}
		first := ch.Items[0] // seeded with two bylines and the photo
		if !slices.Equal(first.Creators, []string{"Thu Hà", "Minh Đức"}) || first.Category != "Thời sự" {
			t.Errorf("bylines %q, category %q", first.Creators, first.Category)
		}
		e := first.Enclosure
		if e == nil || e.URL != "https://baohatinh.vn/media/"+p.photo.Key || e.Length != 183456 || e.Type != "image/jpeg" {
			t.Errorf("enclosure %+v", e)
		}
		m := first.Media
		if m == nil || m.URL != e.URL || m.Medium != "image" || m.Width != 1280 || m.Height != 720 || m.Description != p.photo.Caption {
			t.Errorf("media:content %+v", m)
		}
		if second := ch.Items[1]; second.Enclosure != nil || second.Media != nil || len(second.Creators) != 0 {
			t.Errorf("an article without photo or byline got %+v / %+v / %q", second.Enclosure, second.Media, second.Creators)
		}

		section, err := p.feeds.RSS(ctx, p.site, "thoi-su")
		if err != nil {
			t.Fatal(err)
		}
		doc = rssDoc{}
		decode(t, section.Body, &doc)
		if doc.Channel.Title != "Báo Hà Tĩnh - Thời sự" || doc.Channel.Link != "https://baohatinh.vn/thoi-su/" ||
			doc.Channel.Self.Href != "https://baohatinh.vn/rss/thoi-su.rss" || doc.Channel.Description != "Tin Thời sự" {
			t.Errorf("section channel %q %q %q %q", doc.Channel.Title, doc.Channel.Link, doc.Channel.Self.Href, doc.Channel.Description)
		}
		seen := map[string]int{}
		for _, it := range doc.Channel.Items {
			seen[it.Category]++
		}
		// 55 stories over 4 sections: the three under Thời sự hold 42, the
		// feed shows the newest 42 of them, none of Thể thao.
		if len(doc.Channel.Items) != 42 || seen["OCOP"] == 0 || seen["Nông nghiệp"] == 0 || seen["Thể thao"] != 0 {
			t.Errorf("section feed: %d items by category %v", len(doc.Channel.Items), seen)
		}

		if _, err := p.feeds.RSS(ctx, p.site, "khong-co"); news.ErrorCode(err) != news.NotFound {
			t.Errorf("unknown section: %v, want NotFound", err)
		}
	})
}
