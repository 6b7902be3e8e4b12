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

// A reader's list's count (its pager's "Trang 1/N") is kept: a story
// another server publishes is not counted here until this one hears of
// it (it does not listen in this test); a publication and a taking down
// through this store are counted at once. The newsroom's counts are
// never kept.
func TestListCountsFollowChanges(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			here, there := storetest.Open(t, src.Source), storetest.Open(t, src.Source)
			ctx := context.Background()
			thoiSu, _ := here.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
			kinhTe, _ := here.CreateSection(ctx, news.System(), news.Section{Slug: "kinh-te", Name: "Kinh tế"})
			at := time.Now().Add(-time.Hour)
			story := func(s *store.Store, slug string) news.Article {
				t.Helper()
				a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: slug, Title: "Tin " + slug, Lead: "Sapô.", SectionID: thoiSu.ID,
					Status: news.Published, PublishedAt: at, Body: "<p>Nội dung.</p>"})
				if err != nil {
					t.Fatal(err)
				}
				return a
			}
			count := func(f store.ArticleFilter) int {
				t.Helper()
				n, err := here.CountPublished(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				return n
			}
			section := store.ArticleFilter{SectionIDs: []int64{thoiSu.ID}}
			newsroom := store.ArticleFilter{SectionIDs: section.SectionIDs, Reader: &news.User{ID: 1, Roles: []news.Role{news.EditorInChief}}}
			first := story(here, "mot")
			if n, m := count(section), count(newsroom); n != 1 || m != 1 {
				t.Fatalf("counts %d and %d, want 1", n, m)
			}
			story(there, "hai") // unheard here
			if n := count(section); n != 1 {
				t.Errorf("a reader's count was read again without a change heard: %d", n)
			}
			if n := count(newsroom); n != 2 {
				t.Errorf("the newsroom's count was kept: %d, want 2", n)
			}
			story(here, "ba")
			if n := count(section); n != 3 {
				t.Errorf("count after a publication %d, want 3", n)
			}
			if _, err := here.Move(ctx, news.System(), first, news.Draft, time.Time{}, ""); err != nil {
				t.Fatal(err)
			}
			if n := count(section); n != 2 {
				t.Errorf("count after taking a story down %d, want 2", n)
			}
			if n := count(store.ArticleFilter{SectionIDs: []int64{kinhTe.ID}}); n != 0 {
				t.Errorf("another section's count %d", n)
			}
		})
	}
}
