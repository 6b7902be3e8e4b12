package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// thoiSu makes the section the articles of these tests go in.
func thoiSu(t testing.TB, s *store.Store) news.Section {
	t.Helper()
	sec, err := s.CreateSection(context.Background(), news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	return sec
}

// titles lists the titles of the articles f finds, in any state, sorted.
func titles(t *testing.T, s *store.Store, f store.ArticleFilter) []string {
	t.Helper()
	f.AllStatuses, f.Limit = true, 200
	as, err := s.PublishedArticles(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	n, err := s.CountPublished(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(as) {
		t.Errorf("%+v: counted %d, listed %d", f, n, len(as))
	}
	var out []string
	for _, a := range as {
		out = append(out, a.Title)
	}
	slices.Sort(out)
	return out
}

// The newsroom's title search finds words by their start, whatever marks,
// đ, case, tone placement or Unicode form either side uses; what has no
// letter or digit finds nothing; a title that changes is found by its new
// words only; and titles written before the folded column existed are
// found once ReindexMissing has run.
func TestTitleSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec := thoiSu(t, s)
		ids := map[string]int64{}
		for _, title := range []string{"Đường về Hà Tĩnh mùa lũ", "Thủy lợi Hoà Bình đón mùa mưa", "Giá điện tăng 50% từ tháng 5",
			"Cầu Thạch Đồng_mới thông xe", norm.NFD.String("Người Hà Tĩnh ở Thủ đô")} {
			a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: title, Lead: "Sapô.", Body: "<p>Thân.</p>",
				SectionID: sec.ID, Status: news.Draft})
			if err != nil {
				t.Fatal(err)
			}
			ids[a.Title] = a.ID
		}
		people := norm.NFC.String("Người Hà Tĩnh ở Thủ đô")
		all := []string{"Cầu Thạch Đồng_mới thông xe", "Giá điện tăng 50% từ tháng 5", people, "Thủy lợi Hoà Bình đón mùa mưa", "Đường về Hà Tĩnh mùa lũ"}
		slices.Sort(all)
		cases := []struct {
			search string
			want   []string
		}{
			{"duong", []string{"Đường về Hà Tĩnh mùa lũ"}},
			{"ĐƯỜNG", []string{"Đường về Hà Tĩnh mùa lũ"}},
			{norm.NFD.String("đường"), []string{"Đường về Hà Tĩnh mùa lũ"}},
			{"ha tinh", []string{people, "Đường về Hà Tĩnh mùa lũ"}},
			{"tĩnh hà", []string{people, "Đường về Hà Tĩnh mùa lũ"}},
			{"  Hà   Tĩnh!  ", []string{people, "Đường về Hà Tĩnh mùa lũ"}},
			{"hòa bình", []string{"Thủy lợi Hoà Bình đón mùa mưa"}},
			{"thuỷ", []string{"Thủy lợi Hoà Bình đón mùa mưa"}},
			{"mua", []string{"Thủy lợi Hoà Bình đón mùa mưa", "Đường về Hà Tĩnh mùa lũ"}},
			{"ngu", []string{people}},
			{"50", []string{"Giá điện tăng 50% từ tháng 5"}},
			{"moi", []string{"Cầu Thạch Đồng_mới thông xe"}},
			{"uong", nil},     // the middle of a word is not a word
			{"ha tinhx", nil}, // every word must be there
			{"%", nil},        // no word: nothing, not everything
			{"_", nil},
			{"!!!", nil},
			{"' OR '1'='1", nil},
			{"<script>alert(1)</script>", nil},
			{strings.Repeat("đ", 5000), nil},
			{strings.Repeat("ha ", 100), []string{people, "Đường về Hà Tĩnh mùa lũ"}},
			{"", all},
		}
		for _, c := range cases {
			if got := titles(t, s, store.ArticleFilter{Title: c.search}); !slices.Equal(got, c.want) {
				t.Errorf("title search %.40q found %q, want %q", c.search, got, c.want)
			}
		}

		a, err := s.Article(ctx, ids["Đường về Hà Tĩnh mùa lũ"])
		if err != nil {
			t.Fatal(err)
		}
		a.Title = "Lũ về Kỳ Anh"
		if _, err := s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if got := titles(t, s, store.ArticleFilter{Title: "duong"}); len(got) != 0 {
			t.Errorf("the old title is still found: %q", got)
		}
		if got := titles(t, s, store.ArticleFilter{Title: "ky anh"}); !slices.Equal(got, []string{"Lũ về Kỳ Anh"}) {
			t.Errorf("the new title is not found: %q", got)
		}

		if err := s.ExecForTest(ctx, `DELETE FROM article_titles`); err != nil {
			t.Fatal(err)
		}
		if got := titles(t, s, store.ArticleFilter{Title: "ha tinh"}); len(got) != 0 {
			t.Fatalf("found %q with no folded titles", got)
		}
		n, err := s.ReindexMissing(ctx)
		if err != nil || n != len(ids) {
			t.Fatalf("ReindexMissing: %d, %v; want %d", n, err, len(ids))
		}
		if got := titles(t, s, store.ArticleFilter{Title: "ha tinh"}); !slices.Equal(got, []string{people}) {
			t.Errorf("after filling in: %q", got)
		}
		if n, err := s.ReindexMissing(ctx); err != nil || n != 0 {
			t.Errorf("ReindexMissing again: %d, %v", n, err)
		}
	})
}

// Title search keeps to the other filters and to the read rule: a
// reporter's search never reaches another reporter's draft.
func TestTitleSearchKeepsTheReadRule(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec := thoiSu(t, s)
		var reporters []news.User
		for i := range 2 {
			u, err := s.CreateUser(ctx, news.System(), news.User{Email: fmt.Sprintf("pv%d@bao.vn", i), Name: "Phóng viên", PasswordHash: "h", Roles: []news.Role{news.Reporter}})
			if err != nil {
				t.Fatal(err)
			}
			reporters = append(reporters, u)
			if _, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: fmt.Sprintf("Đường lên xã %d", i), Lead: "Sapô.",
				Body: "<p>Thân.</p>", SectionID: sec.ID, Status: news.Draft, CreatedBy: u.ID}); err != nil {
				t.Fatal(err)
			}
		}
		for i, u := range reporters {
			want := []string{fmt.Sprintf("Đường lên xã %d", i)}
			if got := titles(t, s, store.ArticleFilter{Title: "duong", Reader: &u}); !slices.Equal(got, want) {
				t.Errorf("reporter %d finds %q, want %q", i, got, want)
			}
		}
	})
}

// Filling in folded titles goes past its batches of a thousand and stops.
func TestFoldMissingTitlesInBatches(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		const n = 2345
		err := s.LoadArticlesForBench(ctx, thoiSu(t, s).ID, n, func(i int) store.BenchArticle {
			return store.BenchArticle{Title: fmt.Sprintf("Bản tin Hà Tĩnh số %d", i), Status: string(news.Draft), UpdatedAt: time.Now()}
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.ExecForTest(ctx, `DELETE FROM article_titles WHERE article_id % 3 <> 0`); err != nil {
			t.Fatal(err)
		}
		// The loader writes no full-text rows: ReindexMissing writes those
		// for all n, and folds the titles of the two thirds it lacks.
		got, err := s.ReindexMissing(ctx)
		if want := n + n - n/3; err != nil || got != want {
			t.Fatalf("ReindexMissing: %d, %v; want %d", got, err, want)
		}
		for search, want := range map[string]int{"ban tin ha tinh": n, "so 1234": 1, "so 2344": 1} {
			if found, err := s.CountPublished(ctx, store.ArticleFilter{AllStatuses: true, Title: search}); err != nil || found != want {
				t.Errorf("%q: %d, %v; want %d", search, found, err, want)
			}
		}
	})
}
