package server_test

import (
	"context"
	"encoding/xml"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

const rssType = "application/rss+xml; charset=utf-8"

// feedDoc reads a feed back with its namespaces spelled out. Self comes
// before Link: an unqualified "link" would match atom:link too.
type feedDoc struct {
	XMLName xml.Name `xml:"rss"`
	Version string   `xml:"version,attr"`
	Channel struct {
		Self struct {
			Href string `xml:"href,attr"`
			Rel  string `xml:"rel,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
		Title         string `xml:"title"`
		Link          string `xml:"link"`
		Description   string `xml:"description"`
		Language      string `xml:"language"`
		LastBuildDate string `xml:"lastBuildDate"`
		TTL           int    `xml:"ttl"`
		Items         []struct {
			Title       string   `xml:"title"`
			Link        string   `xml:"link"`
			Description string   `xml:"description"`
			Category    string   `xml:"category"`
			Creators    []string `xml:"http://purl.org/dc/elements/1.1/ creator"`
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
				URL    string `xml:"url,attr"`
				Width  int    `xml:"width,attr"`
				Height int    `xml:"height,attr"`
			} `xml:"http://search.yahoo.com/mrss/ content"`
		} `xml:"item"`
	} `xml:"channel"`
}

func (d feedDoc) links(base string) []string {
	var out []string
	for _, it := range d.Channel.Items {
		out = append(out, strings.TrimPrefix(it.Link, base))
	}
	return out
}

func TestFeeds(t *testing.T) {
	t.Parallel()
	eachDiscoveryPaper(t, func(t *testing.T, p discoveryPaper) {
		t.Run("home", func(t *testing.T) {
			var doc feedDoc
			raw := fetchXML(t, p.url, "/rss/home.rss", rssType, &doc)
			ch := doc.Channel
			if doc.Version != "2.0" || ch.Title != "Báo Hà Tĩnh" || ch.Link != p.url+"/" || ch.Language != "vi" ||
				ch.TTL <= 0 || ch.Description == "" || ch.Self.Href != p.url+"/rss/home.rss" || ch.Self.Rel != "self" {
				t.Errorf("channel %+v", ch)
			}
			if ch.LastBuildDate != "Sun, 29 Nov 2026 10:00:00 +0700" {
				t.Errorf("lastBuildDate %q, want the newest story's time", ch.LastBuildDate)
			}
			if got, want := doc.links(p.url), articlePaths(p.published); !slices.Equal(got, want) {
				t.Fatalf("items\n%q\nwant every published story, newest first\n%q", got, want)
			}
			for i, it := range ch.Items {
				a := p.published[i]
				at, err := time.Parse(time.RFC1123Z, it.PubDate)
				if err != nil || !at.Equal(a.PublishedAt) || !strings.HasSuffix(it.PubDate, " +0700") {
					t.Errorf("%s: pubDate %q (%v), want %v at +0700", a.Slug, it.PubDate, err, a.PublishedAt)
				}
				if it.GUID.Value != p.url+a.Path() || it.GUID.IsPermaLink != "true" {
					t.Errorf("%s: guid %+v", a.Slug, it.GUID)
				}
			}

			// The title arrived decomposed; the store made it NFC, and it
			// is escaped in the XML and whole once parsed.
			i := slices.Index(doc.links(p.url), p.escaped.Path())
			if i < 0 {
				t.Fatal("the escaped story is missing")
			}
			story := ch.Items[i]
			if story.Title != escapedTitle || !norm.NFC.IsNormalString(story.Title) || story.Category != "Thời sự" {
				t.Errorf("escaped story: title %q, category %q", story.Title, story.Category)
			}
			if story.Description != "Nông dân Hà Tĩnh phấn khởi & vui mừng." {
				t.Errorf("description %q, want the lead alone", story.Description)
			}
			if !strings.Contains(string(raw), "<title>Lúa &amp; ngô &lt;mới&gt; &#34;Hà Tĩnh&#34; &#39;OCOP&#39;</title>") {
				t.Error("title not escaped in the XML")
			}
			if story.Enclosure != nil || len(story.Creators) != 0 {
				t.Errorf("a story without photo or byline has enclosure %+v, creators %q", story.Enclosure, story.Creators)
			}
			resp, _ := fetchBody(t, story.Link, "", nil)
			if resp.StatusCode != http.StatusOK {
				t.Errorf("item link %s answers %d", story.Link, resp.StatusCode)
			}
		})

		t.Run("cover photo and byline", func(t *testing.T) {
			var doc feedDoc
			fetchXML(t, p.url, "/rss/home.rss", rssType, &doc)
			a := p.articles[5]
			i := slices.Index(doc.links(p.url), a.Path())
			if i < 0 {
				t.Fatalf("%s not in the feed", a.Path())
			}
			it := doc.Channel.Items[i]
			photo, err := p.store.Image(context.Background(), a.CoverImageID)
			if err != nil {
				t.Fatal(err)
			}
			e := it.Enclosure
			if e == nil || e.URL != p.url+"/media/"+photo.Key || e.Length != photo.Bytes || e.Type != "image/png" {
				t.Fatalf("enclosure %+v, want %s of %d bytes", e, photo.Key, photo.Bytes)
			}
			resp, body := fetchBody(t, e.URL, "", nil)
			if resp.StatusCode != http.StatusOK || int64(len(body)) != e.Length ||
				resp.Header.Get("Content-Length") != strconv.FormatInt(e.Length, 10) {
				t.Errorf("enclosure answers %d with %d bytes, feed says %d", resp.StatusCode, len(body), e.Length)
			}
			if it.Media == nil || it.Media.URL != e.URL || it.Media.Width != 64 || it.Media.Height != 36 {
				t.Errorf("media:content %+v", it.Media)
			}
			if !slices.Equal(it.Creators, []string{"Thu Hà"}) {
				t.Errorf("dc:creator %q", it.Creators)
			}
		})

		t.Run("section with its sub-section", func(t *testing.T) {
			var doc feedDoc
			fetchXML(t, p.url, "/rss/thoi-su.rss", rssType, &doc)
			ch := doc.Channel
			if ch.Title != "Báo Hà Tĩnh - Thời sự" || ch.Link != p.url+"/thoi-su/" || ch.Self.Href != p.url+"/rss/thoi-su.rss" ||
				ch.Description != "Tin thời sự trong tỉnh" {
				t.Errorf("channel %q %q %q %q", ch.Title, ch.Link, ch.Self.Href, ch.Description)
			}
			want := articlesWhere(p.published, func(a news.Article) bool { return a.SectionID != p.sport.ID })
			if got := doc.links(p.url); !slices.Equal(got, articlePaths(want)) {
				t.Errorf("items %q\nwant Thời sự's and Nông nghiệp's %q", got, articlePaths(want))
			}
			var child feedDoc
			fetchXML(t, p.url, "/rss/nong-nghiep.rss", rssType, &child)
			want = []news.Article{p.articles[2], p.firstOfNov}
			if got := child.links(p.url); !slices.Equal(got, articlePaths(want)) || child.Channel.Items[0].Category != "Nông nghiệp" {
				t.Errorf("sub-section items %q, want %q", got, articlePaths(want))
			}
		})

		t.Run("unchanged feed is a 304", func(t *testing.T) {
			resp, _ := fetchBody(t, p.url, "/rss/home.rss", nil)
			etag := resp.Header.Get("ETag")
			if etag == "" {
				t.Fatal("no ETag")
			}
			again, body := fetchBody(t, p.url, "/rss/home.rss", http.Header{"If-None-Match": {etag}})
			if again.StatusCode != http.StatusNotModified || len(body) != 0 {
				t.Errorf("If-None-Match answered %d with %d bytes", again.StatusCode, len(body))
			}
		})
	})
}

// TestFeedAutodiscovery: pages announce the paper's feed, and their
// section's on section pages and articles, a tag's and an author's on
// theirs, with links that work.
func TestFeedAutodiscovery(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		home := "Báo Hà Tĩnh " + w.url + "/rss/home.rss"
		tests := []struct {
			name, path string
			want       []string
		}{
			{"home", "/", []string{home}},
			{"section", "/thoi-su/", []string{home, "Báo Hà Tĩnh - Thời sự " + w.url + "/rss/thoi-su.rss"}},
			{"sub-section", "/nong-nghiep/", []string{home, "Báo Hà Tĩnh - Nông nghiệp " + w.url + "/rss/nong-nghiep.rss"}},
			{"article", w.articles[0].Path(), []string{home, "Báo Hà Tĩnh - Thời sự " + w.url + "/rss/thoi-su.rss"}},
			{"article in a sub-section", w.articles[2].Path(), []string{home, "Báo Hà Tĩnh - Nông nghiệp " + w.url + "/rss/nong-nghiep.rss"}},
			{"tag", w.articles[0].Tags[0].Path(), []string{home, "Báo Hà Tĩnh - Chủ đề: Giao thông " + w.url + feed.TagFeedPath(w.articles[0].Tags[0])}},
			{"author", w.author.Path(), []string{home, "Báo Hà Tĩnh - Tác giả: Thu Hà " + w.url + "/rss/tac-gia/thu-ha.rss"}},
			{"not found", "/khong-co-muc/", []string{home}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, doc := get(t, w.url, tt.path)
				var got []string
				for _, n := range doc.Find(`head link[rel="alternate"][type="application/rss+xml"]`).EachIter() {
					got = append(got, n.AttrOr("title", "")+" "+n.AttrOr("href", ""))
				}
				if !slices.Equal(got, tt.want) {
					t.Fatalf("feed links %q, want %q", got, tt.want)
				}
				for _, l := range got {
					href := l[strings.LastIndex(l, " ")+1:]
					resp, _ := fetchBody(t, href, "", nil)
					if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != rssType {
						t.Errorf("%s answers %d %q", href, resp.StatusCode, resp.Header.Get("Content-Type"))
					}
				}
			})
		}
	})
}
