package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// paper is a small paper for store tests: two sections (one a child), two
// authors, and one article a day for five days alternating sections.
type paper struct {
	thoiSu, nongNghiep news.Section
	an, binh           news.Author
	articles           []news.Article // oldest first
	day0               time.Time
}

func seedPaper(t *testing.T, s *store.Store) paper {
	t.Helper()
	ctx := context.Background()
	var p paper
	var err error
	if p.thoiSu, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự", Position: 1}); err != nil {
		t.Fatal(err)
	}
	if p.nongNghiep, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "nong-nghiep", Name: "Nông nghiệp", ParentID: p.thoiSu.ID}); err != nil {
		t.Fatal(err)
	}
	if p.an, err = s.CreateAuthor(ctx, news.System(), news.Author{Slug: "nguyen-an", Name: "Nguyễn An"}); err != nil {
		t.Fatal(err)
	}
	if p.binh, err = s.CreateAuthor(ctx, news.System(), news.Author{Slug: "tran-binh", Name: "Trần Bình"}); err != nil {
		t.Fatal(err)
	}
	cover, err := s.CreateImage(ctx, news.System(), news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg", Width: 1200, Height: 675, Bytes: 1000, Alt: "Cánh đồng lúa"})
	if err != nil {
		t.Fatal(err)
	}
	p.day0 = time.Date(2026, 11, 20, 1, 0, 0, 0, time.UTC) // 08:00 in Hà Tĩnh
	for i := range 5 {
		sec := p.thoiSu
		if i%2 == 1 {
			sec = p.nongNghiep
		}
		a, err := s.CreateArticle(ctx, news.System(), news.Article{
			Slug: fmt.Sprintf("bai-%d", i), Title: fmt.Sprintf("Bài số %d về đường làng", i),
			Lead: "Sapô của bài.", Body: "<p>Nội dung.</p>", SectionID: sec.ID, Status: news.Published,
			Featured: i == 4, CoverImageID: cover.ID, PublishedAt: p.day0.AddDate(0, 0, i),
			Authors: []news.Author{p.binh, p.an}[:1+i%2],
			Tags:    []news.Tag{{Slug: "duong-lang", Name: "Đường làng"}, {Slug: fmt.Sprintf("chu-de-%d", i%2), Name: "Chủ đề"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		p.articles = append(p.articles, a)
	}
	draft := news.Article{Slug: "ban-nhap", Title: "Bản nháp", SectionID: p.thoiSu.ID, Status: news.Draft}
	if _, err := s.CreateArticle(ctx, news.System(), draft); err != nil {
		t.Fatal(err)
	}
	return p
}

func ids(as []news.Article) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func TestPublishedArticles(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		a := p.articles
		tag := a[0].Tags[0].ID
		tests := []struct {
			name   string
			filter store.ArticleFilter
			want   []int64
		}{
			{"all, newest first, no drafts", store.ArticleFilter{}, []int64{a[4].ID, a[3].ID, a[2].ID, a[1].ID, a[0].ID}},
			{"one section", store.ArticleFilter{SectionIDs: []int64{p.nongNghiep.ID}}, []int64{a[3].ID, a[1].ID}},
			{"section and child", store.ArticleFilter{SectionIDs: []int64{p.thoiSu.ID, p.nongNghiep.ID}, Limit: 2}, []int64{a[4].ID, a[3].ID}},
			{"second page", store.ArticleFilter{Limit: 2, Offset: 2}, []int64{a[2].ID, a[1].ID}},
			{"by tag", store.ArticleFilter{TagID: tag, Limit: 1}, []int64{a[4].ID}},
			{"by author", store.ArticleFilter{AuthorID: p.an.ID}, []int64{a[3].ID, a[1].ID}},
			{"one day", store.ArticleFilter{PublishedFrom: p.day0.AddDate(0, 0, 2).Add(-time.Hour), PublishedBefore: p.day0.AddDate(0, 0, 3).Add(-time.Hour)}, []int64{a[2].ID}},
			{"earlier than an article", store.ArticleFilter{PublishedBefore: a[2].PublishedAt}, []int64{a[1].ID, a[0].ID}},
			{"featured", store.ArticleFilter{FeaturedOnly: true}, []int64{a[4].ID}},
			{"excluding", store.ArticleFilter{ExcludeIDs: []int64{a[4].ID, a[3].ID}, Limit: 1}, []int64{a[2].ID}},
			{"past the end", store.ArticleFilter{Offset: 100}, []int64{}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.PublishedArticles(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if fmt.Sprint(ids(got)) != fmt.Sprint(tt.want) {
					t.Fatalf("got %v, want %v", ids(got), tt.want)
				}
				n, err := s.CountPublished(ctx, tt.filter)
				if err != nil {
					t.Fatal(err)
				}
				if tt.filter.Limit == 0 && tt.filter.Offset == 0 && n != len(tt.want) {
					t.Fatalf("count %d, want %d", n, len(tt.want))
				}
			})
		}
		got, _ := s.PublishedArticles(ctx, store.ArticleFilter{Limit: 1})
		if got[0].Cover == nil || got[0].Cover.Alt != "Cánh đồng lúa" || got[0].Section.Name != "Thời sự" {
			t.Fatalf("summary lacks cover or section: %+v", got[0])
		}
		if !got[0].PublishedAt.Equal(a[4].PublishedAt) || got[0].PublishedAt.Location() != time.UTC {
			t.Fatalf("published_at %v, want %v in UTC", got[0].PublishedAt, a[4].PublishedAt)
		}
		// A list of titles reads the same stories, with what it shows.
		for _, f := range []store.ArticleFilter{{SectionIDs: []int64{p.thoiSu.ID}, PublishedBefore: a[4].PublishedAt, ExcludeIDs: []int64{a[4].ID}},
			{IDs: []int64{a[1].ID, a[3].ID}}} {
			whole, err := s.PublishedArticles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			f.TitlesOnly = true
			titles, err := s.PublishedArticles(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(titles) != len(whole) || len(titles) == 0 {
				t.Fatalf("titles only: %d stories, whole: %d", len(titles), len(whole))
			}
			for i, w := range whole {
				got := titles[i]
				if got.ID != w.ID || got.Path() != w.Path() || got.Title != w.Title || !got.PublishedAt.Equal(w.PublishedAt) ||
					got.PublishedAt.Location() != time.UTC || got.SectionID != w.SectionID || got.Status != news.Published {
					t.Fatalf("titles only %+v, whole %+v", got, w)
				}
			}
		}
	})
}

func TestArticleWhole(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		got, err := s.Article(ctx, p.articles[3].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Body != "<p>Nội dung.</p>" || got.Title != "Bài số 3 về đường làng" {
			t.Fatalf("article = %+v", got)
		}
		if len(got.Authors) != 2 || got.Authors[0].Name != "Trần Bình" || got.Authors[1].Name != "Nguyễn An" {
			t.Fatalf("bylines out of order: %+v", got.Authors)
		}
		if len(got.Tags) != 2 || got.Tags[1].Name != "Đường làng" {
			t.Fatalf("tags: %+v", got.Tags)
		}
		if _, err := s.Article(ctx, 999999); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("unknown id: %v, want not found", err)
		}
	})
}

func TestCreateArticleIsAllOrNothing(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := seedPaper(t, s)
		before, _ := s.CountArticles(ctx)
		_, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "x", Title: "Bài lỗi", SectionID: p.thoiSu.ID,
			Authors: []news.Author{{ID: 424242}}})
		if err == nil {
			t.Fatal("an article with an unknown byline was stored")
		}
		if after, _ := s.CountArticles(ctx); after != before {
			t.Fatalf("articles %d after a failed create, want %d", after, before)
		}
		if _, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Trùng"}); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("duplicate section slug: %v, want conflict", err)
		}
		if _, err := s.SectionBySlug(ctx, "khong-co"); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("unknown section: %v, want not found", err)
		}
	})
}

func TestTextIsStoredInNFC(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nfd := func(x string) string { return norm.NFD.String(x) }
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "doi-song", Name: nfd("Đời sống")})
		if err != nil {
			t.Fatal(err)
		}
		a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: "x", Title: nfd("Người dân Hà Tĩnh"), Lead: nfd("Mùa lũ"),
			Body: nfd("<p>Nước lên nhanh.</p>"), SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now(),
			Tags: []news.Tag{{Slug: "mua-lu", Name: nfd("Mùa lũ")}}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{got.Title, got.Lead, got.Body, got.Section.Name, got.Tags[0].Name} {
			if !norm.NFC.IsNormalString(f) {
				t.Errorf("%q stored decomposed", f)
			}
		}
		if got.Title != "Người dân Hà Tĩnh" {
			t.Errorf("title %q", got.Title)
		}
	})
}
