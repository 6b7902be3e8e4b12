package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A quoted phrase is found by its word pairs; a story indexed before the
// index held pairs is not found by it until the background job indexes
// it again, and then nothing is left to do. Syllables in another order
// never match the phrase.
func TestReindexPendingAddsWordPairs(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		story := func(slug, title string) int64 {
			t.Helper()
			a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: slug, Title: title, Lead: "Sapô.", SectionID: sec.ID,
				Status: news.Published, PublishedAt: time.Now().Add(-time.Hour), Body: "<p>Nội dung.</p>"})
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		id := story("ntm", "Xây dựng nông thôn mới ở Cẩm Xuyên")
		story("dao", "Mới về thôn nông trại")
		phrase := store.SearchQuery{Phrases: [][]string{{"nong", "thon", "moi"}}, Limit: 10}
		found := func() []int64 {
			t.Helper()
			hits, _, err := s.Search(ctx, phrase)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, h := range hits {
				ids = append(ids, h.ID)
			}
			return ids
		}
		if got := found(); len(got) != 1 || got[0] != id {
			t.Fatalf("the phrase found %v, want [%d]", got, id)
		}
		if err := s.IndexAsBeforePairsForTest(ctx, id, "xay dung nong thon moi o cam xuyen"); err != nil {
			t.Fatal(err)
		}
		if got := found(); len(got) != 0 {
			t.Fatalf("a row without pairs answered the phrase: %v", got)
		}
		if n, err := s.ReindexPending(ctx, 50); err != nil || n != 1 {
			t.Fatalf("indexed again %d, %v", n, err)
		}
		if got := found(); len(got) != 1 || got[0] != id {
			t.Fatalf("after indexing again: %v", got)
		}
		if n, err := s.ReindexPending(ctx, 50); err != nil || n != 0 {
			t.Fatalf("left: %d, %v", n, err)
		}
	})
}
