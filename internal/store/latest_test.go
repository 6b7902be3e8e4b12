package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// The newest stories are kept in memory, and a publication or a
// corrected title shows in them at once.
func TestLatestFollowsChanges(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		at := time.Now().Add(-time.Hour)
		story := func(slug string, status news.Status, minutes int) news.Article {
			t.Helper()
			a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: slug, Title: "Tin " + slug, Lead: "Sapô.", SectionID: sec.ID,
				Status: status, PublishedAt: at.Add(time.Duration(minutes) * time.Minute), Body: "<p>Nội dung.</p>"})
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		first, second := story("mot", news.Published, 1), story("hai", news.Published, 2)
		titles := func(exclude int64) []string {
			t.Helper()
			got, err := s.Latest(ctx, 6, exclude)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, a := range got {
				out = append(out, a.Title)
			}
			return out
		}
		if got := titles(0); len(got) != 2 || got[0] != "Tin hai" {
			t.Fatalf("latest %v", got)
		}
		if got := titles(second.ID); len(got) != 1 || got[0] != "Tin mot" {
			t.Fatalf("latest without the page's own story: %v", got)
		}
		third := story("ba", news.Draft, 3)
		if got := titles(0); len(got) != 2 {
			t.Fatalf("a draft is among the latest: %v", got)
		}
		if _, err := s.Move(ctx, news.System(), third, news.Published, time.Time{}, ""); err != nil {
			t.Fatal(err)
		}
		if got := titles(0); len(got) != 3 {
			t.Fatalf("a publication did not reach the latest: %v", got)
		}
		first.Title = "Tin một đã sửa"
		if _, err := s.UpdateArticle(ctx, news.System(), first, first.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if got := titles(0); got[len(got)-1] != "Tin một đã sửa" {
			t.Fatalf("a corrected title did not reach the latest: %v", got)
		}
	})
}
