package views_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/views"
)

// BenchmarkCountView is the views endpoint's own work for a new reader:
// the hashes, the window, the published check (one indexed read) and the
// pending count; no write.
func BenchmarkCountView(b *testing.B) {
	for i := range storetest.Sources(b) {
		b.Run(storetest.Sources(b)[i].Name, func(b *testing.B) {
			s := freshStore(b, i)
			p := newPaper(b, s)
			c := views.New(s, nil)
			ctx := context.Background()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				i++
				r := view(fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255), phone)
				if _, err := c.Count(ctx, r, p.first.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkMostRead is what a refresh of the "Đọc nhiều" lists costs with
// 2,000 stories read over the last week (hourly rows), which pages never
// pay: they read the refreshed list from memory.
func BenchmarkMostRead(b *testing.B) {
	for i := range storetest.Sources(b) {
		b.Run(storetest.Sources(b)[i].Name, func(b *testing.B) {
			s := freshStore(b, i)
			ctx := context.Background()
			sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
			if err != nil {
				b.Fatal(err)
			}
			stories := make([]news.Article, 2000)
			for i := range stories {
				stories[i] = news.Article{Slug: fmt.Sprintf("bai-%d", i), Title: fmt.Sprintf("Bài số %d", i), SectionID: sec.ID,
					Status: news.Published, PublishedAt: time.Now().Add(-time.Duration(i) * time.Hour)}
			}
			if err := s.CreateArticles(ctx, news.System(), stories); err != nil {
				b.Fatal(err)
			}
			ids, err := s.PublishedArticles(ctx, store.ArticleFilter{Limit: 200})
			if err != nil {
				b.Fatal(err)
			}
			var counts []store.ViewCount
			now := time.Now()
			for h := range 7 * 24 {
				for j, a := range ids {
					counts = append(counts, store.ViewCount{ArticleID: a.ID, Hour: now.Add(-time.Duration(h) * time.Hour), N: int64(1 + (j*h)%17)})
				}
			}
			if err := s.AddViews(ctx, counts); err != nil {
				b.Fatal(err)
			}
			c := views.New(s, nil)
			for b.Loop() {
				if err := c.Refresh(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// freshStore is an empty store of the i-th kind under test, new at each
// call: a sub-benchmark's function runs more than once.
func freshStore(b *testing.B, i int) *store.Store {
	b.Helper()
	return storetest.Open(b, storetest.Sources(b)[i].Source)
}
