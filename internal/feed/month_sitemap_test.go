package feed_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// TestMonthSitemapListsTheWholeMonth: a month of more stories than the
// store hands out in one page lists every published story of the month
// once, newest first, dated by its correction when it has one, and none
// of the months beside it nor any draft.
func TestMonthSitemapListsTheWholeMonth(t *testing.T) {
	eachPaper(t, func(t *testing.T, p *paper) {
		ctx := context.Background()
		const inMonth = 450 // more than two of the old pages of 200
		var stories []news.Article
		for i := range inMonth {
			stories = append(stories, news.Article{Slug: fmt.Sprintf("thang-11-%d", i), Title: fmt.Sprintf("Tin tháng 11 số %d", i),
				SectionID: p.top.ID, Status: news.Published, PublishedAt: hanoi(2026, 11, 1, 0, 5).Add(time.Duration(i) * 90 * time.Minute)})
		}
		stories[7].ModifiedAt = hanoi(2026, 12, 3, 9, 0) // corrected after the month ended
		beside := []news.Article{
			{Slug: "thang-10", Title: "Tin cuối tháng 10", SectionID: p.top.ID, Status: news.Published, PublishedAt: hanoi(2026, 10, 31, 23, 55)},
			{Slug: "thang-12", Title: "Tin đầu tháng 12", SectionID: p.top.ID, Status: news.Published, PublishedAt: hanoi(2026, 12, 1, 0, 0)},
			{Slug: "ban-nhap", Title: "Bản nháp tháng 11", SectionID: p.top.ID, Status: news.Draft, PublishedAt: hanoi(2026, 11, 15, 8, 0)},
		}
		all := append(stories, beside...)
		if err := p.store.CreateArticles(ctx, news.System(), all); err != nil {
			t.Fatal(err)
		}
		stories = all[:inMonth] // with the ids the store gave them
		doc, err := p.feeds.MonthSitemap(ctx, p.site, feed.Month{Year: 2026, Month: time.November})
		if err != nil {
			t.Fatal(err)
		}
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		decode(t, doc, &set)
		if len(set.URLs) != inMonth {
			t.Fatalf("November's sitemap lists %d stories, want %d", len(set.URLs), inMonth)
		}
		for i, u := range set.URLs {
			want := stories[inMonth-1-i] // newest first
			if u.Loc != p.site.BaseURL+want.Path() {
				t.Fatalf("entry %d is %s, want %s", i, u.Loc, p.site.BaseURL+want.Path())
			}
			date := want.PublishedAt
			if !want.ModifiedAt.IsZero() {
				date = want.ModifiedAt
			}
			if wantMod := date.In(p.site.Location).Format(time.RFC3339); u.LastMod != wantMod {
				t.Errorf("entry %d (%s) is dated %s, want %s", i, u.Loc, u.LastMod, wantMod)
			}
		}
	})
}
