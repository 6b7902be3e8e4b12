package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// Stories like another are found by its word pairs through the search
// index, the closest first, published ones only, without those excluded.
func TestSimilarStories(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		story := func(slug, title, lead string, status news.Status) int64 {
			t.Helper()
			a := news.Article{Slug: slug, Title: title, Lead: lead, SectionID: sec.ID, Status: status, Body: "<p>" + lead + "</p>"}
			if status == news.Published {
				a.PublishedAt = time.Now().Add(-time.Hour)
			}
			a, err := s.CreateArticle(ctx, news.System(), a)
			if err != nil {
				t.Fatal(err)
			}
			return a.ID
		}
		self := story("bao-so-5", "Bão số 5 đổ bộ vào Hà Tĩnh", "Bão số 5 gây mưa lớn ở Hà Tĩnh.", news.Published)
		close := story("di-doi", "Hà Tĩnh di dời dân trước bão số 5", "Bão số 5 sắp đổ bộ, Hà Tĩnh di dời dân.", news.Published)
		far := story("mua-lon", "Mưa lớn ở Hà Tĩnh", "Mưa lớn kéo dài.", news.Published)
		story("nhap", "Bản nháp về bão số 5 đổ bộ", "Bão số 5 đổ bộ.", news.Draft)
		story("le-hoi", "Lễ hội cầu ngư", "Ngư dân mở hội.", news.Published)

		got, err := s.SimilarStories(ctx, search.WordPairs("Bão số 5 đổ bộ vào Hà Tĩnh"), []int64{self}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[0].ID != close || got[1].ID != far {
			var titles []string
			for _, a := range got {
				titles = append(titles, a.Title)
			}
			t.Errorf("similar stories %q; want the one about the storm, then the one about rain in Hà Tĩnh", titles)
		}
		if got, err := s.SimilarStories(ctx, nil, nil, 5); err != nil || got != nil {
			t.Errorf("no words: %v, %v", got, err)
		}
	})
}
