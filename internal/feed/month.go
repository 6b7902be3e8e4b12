package feed

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Month is a calendar month in the paper's zone, the unit of the article
// sitemaps: a month's sitemap never changes once the month is over, so
// crawlers stop fetching it, and a busy paper's month stays far below the
// protocol's 50,000 URLs.
type Month struct {
	Year  int
	Month time.Month
}

// The years a month in a URL may name. Before 1900 no paper was online;
// the upper bound keeps the month after it at four-digit years, which
// SQLite, comparing times as text, needs to order correctly.
const (
	firstYear = 1900
	lastYear  = 9998
)

// ParseMonth reads "2026-11". Anything else, "2026-13", "2026-1",
// "abc", is a NotFound error: no such sitemap exists.
func ParseMonth(s string) (Month, error) {
	notFound := news.Errorf(news.NotFound, "Không tìm thấy sơ đồ trang của tháng này.")
	t, err := time.Parse("2006-01", s)
	if err != nil || t.Format("2006-01") != s || t.Year() < firstYear || t.Year() > lastYear {
		return Month{}, notFound
	}
	return Month{Year: t.Year(), Month: t.Month()}, nil
}

// MonthOf is the month t falls in, in the paper's zone: a story published
// at 00:30 on 1 December in Hà Tĩnh is December's though it is still
// November in UTC.
func MonthOf(t time.Time, loc *time.Location) Month {
	t = t.In(loc)
	return Month{Year: t.Year(), Month: t.Month()}
}

// String is "2026-11".
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month)) }

// Path is the month's sitemap, "/sitemap/articles-2026-11.xml".
func (m Month) Path() string { return "/sitemap/articles-" + m.String() + ".xml" }

// Bounds are the month's first instant and the next month's, in loc.
func (m Month) Bounds(loc *time.Location) (from, before time.Time) {
	return time.Date(m.Year, m.Month, 1, 0, 0, 0, 0, loc), time.Date(m.Year, m.Month+1, 1, 0, 0, 0, 0, loc)
}

// MonthSitemap lists every story published in m, dated by its latest
// change, written as the store reads them (store.EachPublished): the
// document is the only thing it holds. A month without published
// stories has no sitemap: NotFound.
func (b *Builder) MonthSitemap(ctx context.Context, site news.Site, m Month) ([]byte, error) {
	from, before := m.Bounds(site.Location)
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	set := xml.StartElement{Name: xml.Name{Local: "urlset"}, Attr: []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: sitemapNS}}}
	if err := enc.EncodeToken(set); err != nil {
		return nil, fmt.Errorf("encode sitemap: %w", err)
	}
	n := 0
	err := b.store.EachPublished(ctx, store.ArticleFilter{PublishedFrom: from, PublishedBefore: before}, maxURLs, func(a news.Article) error {
		n++
		u := sitemapURL{Loc: site.BaseURL + a.Path(), LastMod: w3c(changed(a), site.Location)}
		return enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}})
	})
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, news.Errorf(news.NotFound, "Không có bài viết nào trong tháng %02d/%04d.", int(m.Month), m.Year)
	}
	if err := enc.EncodeToken(set.End()); err != nil {
		return nil, fmt.Errorf("encode sitemap: %w", err)
	}
	if err := enc.Flush(); err != nil {
		return nil, fmt.Errorf("encode sitemap: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// monthEntry is a month with published stories and their latest change.
type monthEntry struct {
	Month   Month
	Changed time.Time
}

// publishedMonths lists, newest first and at most limit, the months in
// which stories were published. It steps from the newest story to the
// newest one before that story's month began, so it costs one indexed
// query per month with stories instead of reading every story's date;
// that story is the month's latest publication, and the corrected
// stories, read once from their own index, give each month's latest
// correction.
func (b *Builder) publishedMonths(ctx context.Context, loc *time.Location, limit int) ([]monthEntry, error) {
	corrected, err := b.store.Corrected(ctx)
	if err != nil {
		return nil, err
	}
	latestCorrection := map[Month]time.Time{}
	for _, a := range corrected {
		m := MonthOf(a.PublishedAt, loc)
		latestCorrection[m] = later(latestCorrection[m], a.ModifiedAt)
	}
	var out []monthEntry
	// A bound from the start keeps out rows whose published_at is NULL,
	// which PostgreSQL would otherwise sort first when descending.
	before := time.Date(lastYear+1, 12, 31, 0, 0, 0, 0, time.UTC)
	for len(out) < limit {
		newest, err := b.store.PublishedArticles(ctx, store.ArticleFilter{PublishedBefore: before, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(newest) == 0 {
			break
		}
		m := MonthOf(newest[0].PublishedAt, loc)
		out = append(out, monthEntry{Month: m, Changed: later(newest[0].PublishedAt, latestCorrection[m])})
		before, _ = m.Bounds(loc)
	}
	return out, nil
}
