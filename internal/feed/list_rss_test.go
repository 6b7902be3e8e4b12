package feed_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// TestTagAndAuthorRSS: a tag's and an author's feeds list their stories
// alone, newest first, under their own title and address, and say when
// the newest of them last changed.
func TestTagAndAuthorRSS(t *testing.T) {
	t.Parallel()
	eachPaper(t, func(t *testing.T, p *paper) {
		ctx := context.Background()
		rice := news.Tag{Slug: "lua-gao", Name: "Lúa gạo"}
		older := p.add(t, news.Article{PublishedAt: now.Add(-3 * time.Hour), Tags: []news.Tag{rice}, Authors: p.authors[:1],
			ModifiedAt: now.Add(-time.Hour)})
		newer := p.add(t, news.Article{PublishedAt: now.Add(-2 * time.Hour), Tags: []news.Tag{rice}})
		p.add(t, news.Article{PublishedAt: now.Add(-30 * time.Minute), Authors: p.authors[1:]})
		p.add(t, news.Article{Slug: "ban-nhap", Status: news.Draft, Tags: []news.Tag{rice}, Authors: p.authors[:1]})
		tag := older.Tags[0]

		tagFeed, err := p.feeds.TagRSS(ctx, p.site, tag)
		if err != nil {
			t.Fatal(err)
		}
		var doc rssDoc
		decode(t, tagFeed.Body, &doc)
		ch := doc.Channel
		self := "https://baohatinh.vn/rss/chu-de/lua-gao-" + itoa(tag.ID) + ".rss"
		if doc.Version != "2.0" || ch.Title != "Báo Hà Tĩnh - Chủ đề: Lúa gạo" || ch.Link != "https://baohatinh.vn"+tag.Path() ||
			ch.Self.Href != self || feed.TagFeedPath(tag) != self[len("https://baohatinh.vn"):] || ch.Description == "" {
			t.Errorf("tag channel %q %q %q %q", ch.Title, ch.Link, ch.Self.Href, ch.Description)
		}
		if got := links(doc); !slices.Equal(got, []string{newer.Path(), older.Path()}) {
			t.Errorf("tag items %q", got)
		}
		if !tagFeed.Modified.Equal(now.Add(-time.Hour)) {
			t.Errorf("tag feed modified %v, want the older story's correction", tagFeed.Modified)
		}

		author := p.authors[0]
		authorFeed, err := p.feeds.AuthorRSS(ctx, p.site, author)
		if err != nil {
			t.Fatal(err)
		}
		doc = rssDoc{}
		decode(t, authorFeed.Body, &doc)
		ch = doc.Channel
		if ch.Title != "Báo Hà Tĩnh - Tác giả: Thu Hà" || ch.Link != "https://baohatinh.vn/tac-gia/tac-gia-0" ||
			ch.Self.Href != "https://baohatinh.vn/rss/tac-gia/tac-gia-0.rss" {
			t.Errorf("author channel %q %q %q", ch.Title, ch.Link, ch.Self.Href)
		}
		if got := links(doc); !slices.Equal(got, []string{older.Path()}) {
			t.Errorf("author items %q", got)
		}

		empty, err := p.feeds.TagRSS(ctx, p.site, news.Tag{ID: tag.ID + 1000, Slug: "khong-co", Name: "Không có"})
		if err != nil {
			t.Fatal(err)
		}
		doc = rssDoc{}
		decode(t, empty.Body, &doc)
		if len(doc.Channel.Items) != 0 || !empty.Modified.IsZero() || doc.Channel.LastBuildDate == "" {
			t.Errorf("empty feed: %d items, modified %v, lastBuildDate %q", len(doc.Channel.Items), empty.Modified, doc.Channel.LastBuildDate)
		}
	})
}

// links are the paths of a feed's items.
func links(doc rssDoc) []string {
	var out []string
	for _, it := range doc.Channel.Items {
		out = append(out, it.Link[len("https://baohatinh.vn"):])
	}
	return out
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
