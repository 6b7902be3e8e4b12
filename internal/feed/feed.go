// Package feed builds what brings readers and search engines to the paper
// besides its pages: RSS 2.0 feeds, sitemaps in the sitemaps.org protocol
// with Google's news extension, and robots.txt.
//
// Every document is built from encoding/xml structs, so a title with & or <
// comes out escaped, and returned whole as bytes: the web layer writes it
// in one piece and can hash it for an ETag. Times are printed in the
// paper's zone (+0700 for Vietnam), which is also the zone that decides
// which month an article belongs to.
package feed

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// The documents' paths, the ones Báo Hà Tĩnh uses for its feed, so that
// readers' subscriptions survive a move to toasoan.
const (
	HomeFeedPath        = "/rss/home.rss"
	IndexPath           = "/sitemap.xml"
	SectionsSitemapPath = "/sitemap/sections.xml"
	NewsSitemapPath     = "/sitemap/news.xml"
)

// SectionFeedPath is the feed of the section with this slug.
func SectionFeedPath(slug string) string { return "/rss/" + slug + ".rss" }

// SectionTitle names a section's feed, "Báo Hà Tĩnh - Thời sự", both in
// the feed and in the pages' links to it.
func SectionTitle(site news.Site, sec news.Section) string { return site.Name + " - " + sec.Name }

// Builder reads the paper from the store and builds its feeds and
// sitemaps. It holds no state of its own, so making one per request costs
// nothing.
type Builder struct {
	store *store.Store
	now   func() time.Time
}

// New returns a Builder reading st; now is the clock that decides what
// "the last 48 hours" means for the news sitemap.
func New(st *store.Store, now func() time.Time) *Builder {
	if now == nil {
		now = time.Now
	}
	return &Builder{store: st, now: now}
}

// pageSize is the most the store hands out per query.
const pageSize = 200

// published pages through the articles f selects, newest first, up to
// limit. An article published while paging could shift an article from
// one page to the next and list it twice; seen drops the repeat.
func (b *Builder) published(ctx context.Context, f store.ArticleFilter, limit int) ([]news.Article, error) {
	seen := map[int64]bool{}
	var out []news.Article
	f.Limit = pageSize
	for f.Offset = 0; len(out) < limit; f.Offset += pageSize {
		page, err := b.store.PublishedArticles(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, a := range page {
			if !seen[a.ID] && len(out) < limit {
				seen[a.ID] = true
				out = append(out, a)
			}
		}
		if len(page) < pageSize {
			break
		}
	}
	return out, nil
}

// subtree is id with every section below it, at any depth, so that a
// section's feed and sitemap entry count its sub-sections' stories too.
func subtree(id int64, sections []news.Section) []int64 {
	ids := []int64{id}
	for i := 0; i < len(ids); i++ {
		for _, sec := range sections {
			if sec.ParentID == ids[i] && !slices.Contains(ids, sec.ID) {
				ids = append(ids, sec.ID)
			}
		}
	}
	return ids
}

// changed is when an article last changed for a reader: its correction
// if it had one, its publication otherwise.
func changed(a news.Article) time.Time { return later(a.PublishedAt, a.ModifiedAt) }

// later is the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// w3c prints t as the W3C Datetime sitemaps ask for, in the paper's zone:
// "2026-11-29T10:00:00+07:00".
func w3c(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC3339) }

// rfc822 prints t as RSS 2.0 asks (RFC 822 with a four-digit year), in
// the paper's zone: "Sun, 29 Nov 2026 10:00:00 +0700".
func rfc822(t time.Time, loc *time.Location) string { return t.In(loc).Format(time.RFC1123Z) }

// encode writes v as an XML document with its declaration.
func encode(v any) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode %T: %w", v, err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}
