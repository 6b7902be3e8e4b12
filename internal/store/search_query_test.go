package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// searchPaper writes stories for the search tests and finds them.
type searchPaper struct {
	t  *testing.T
	s  *store.Store
	at time.Time
}

func (p searchPaper) story(slug, title, lead, body string, section int64, days int) int64 {
	p.t.Helper()
	a, err := p.s.CreateArticle(context.Background(), news.System(), news.Article{Slug: slug, Title: title, Lead: lead,
		Body: body, SectionID: section, Status: news.Published, PublishedAt: p.at.AddDate(0, 0, days)})
	if err != nil {
		p.t.Fatal(err)
	}
	return a.ID
}

func (p searchPaper) find(q store.SearchQuery) []int64 {
	p.t.Helper()
	hits, total, err := p.s.Search(context.Background(), q)
	if err != nil {
		p.t.Fatal(err)
	}
	if total != len(hits) {
		p.t.Errorf("total %d for %d hits", total, len(hits))
	}
	var ids []int64
	for _, h := range hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// Relevance puts a word in the title above one in the lead, above one in
// the body only, whatever their age; "newest" orders by publication.
func TestSearchRanksByWhereTheWordsAre(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		p := searchPaper{t, s, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)}
		title := p.story("tieu-de", "Cầu Cửa Hội thông xe", "Người dân vui mừng.", "<p>Nội dung.</p>", sec.ID, 0)
		lead := p.story("sapo", "Thông xe trước Tết", "Cầu Cửa Hội nối hai tỉnh.", "<p>Nội dung.</p>", sec.ID, 1)
		body := p.story("than-bai", "Giao thông dịp lễ", "Đường thông thoáng.", "<p>Xe qua cầu Cửa Hội đông.</p>", sec.ID, 2)
		q := store.SearchQuery{Words: []string{"cau", "cua", "hoi"}, Limit: 10}
		if got, want := p.find(q), []int64{title, lead, body}; !slices.Equal(got, want) {
			t.Errorf("ranked %v, want title, lead, body %v", got, want)
		}
		q.Newest = true
		if got, want := p.find(q), []int64{body, lead, title}; !slices.Equal(got, want) {
			t.Errorf("newest first %v, want %v", got, want)
		}
	})
}

// A section filter finds the section's stories only, through the
// section's token in the index and, for stories indexed before the
// tokens (waiting in search_pending), through the join alone.
func TestSearchSectionFilter(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		b, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "the-thao", Name: "Thể thao"})
		p := searchPaper{t, s, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)}
		inA := p.story("a", "Đua thuyền trên sông La", "Sapô.", "<p>Nội dung.</p>", a.ID, 0)
		inB := p.story("b", "Đua thuyền ở Thạch Hà", "Sapô.", "<p>Nội dung.</p>", b.ID, 1)
		q := store.SearchQuery{Words: []string{"dua", "thuyen"}, SectionIDs: []int64{a.ID}, Limit: 10}
		if got := p.find(q); !slices.Equal(got, []int64{inA}) {
			t.Fatalf("section %d found %v, want [%d]", a.ID, got, inA)
		}
		if got := p.find(store.SearchQuery{Words: []string{"dua"}, SectionIDs: []int64{a.ID, b.ID}, Limit: 10}); len(got) != 2 {
			t.Errorf("two sections found %v", got)
		}
		if err := s.IndexAsBeforePairsForTest(ctx, inA, "dua thuyen tren song la"); err != nil {
			t.Fatal(err)
		}
		if got := p.find(q); !slices.Equal(got, []int64{inA}) {
			t.Errorf("before indexing again, section %d found %v, want [%d]", a.ID, got, inA)
		}
		if _, err := s.ReindexPending(ctx, 50); err != nil {
			t.Fatal(err)
		}
		if got := p.find(q); !slices.Equal(got, []int64{inA}) {
			t.Errorf("after indexing again, section %d found %v, want [%d] (not %d)", a.ID, got, inA, inB)
		}
	})
}

// A date range finds the stories published in it, including one written
// long before and published late (its id is older than its neighbours').
func TestSearchDateFilter(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		base := time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)
		p := searchPaper{t, s, base}
		late := p.story("muon", "Lễ hội cầu ngư ở Cẩm Nhượng", "Sapô.", "<p>Nội dung.</p>", sec.ID, 10)
		early := p.story("som", "Lễ hội cầu ngư Kỳ Xuân", "Sapô.", "<p>Nội dung.</p>", sec.ID, -5)
		middle := p.story("giua", "Lễ hội đền Chiêu Trưng", "Sapô.", "<p>Nội dung.</p>", sec.ID, 3)
		words := []string{"le", "hoi"}
		tests := []struct {
			name         string
			from, before time.Time
			want         []int64
		}{
			{"from", base.AddDate(0, 0, 9), time.Time{}, []int64{late}},
			{"before", time.Time{}, base, []int64{early}},
			{"between", base.AddDate(0, 0, 1), base.AddDate(0, 0, 5), []int64{middle}},
			{"all", base.AddDate(0, 0, -6), base.AddDate(0, 0, 11), []int64{late, middle, early}},
			{"ids around one out of range", base.AddDate(0, 0, 2), base.AddDate(0, 0, 11), []int64{late, middle}},
			{"nothing published then", base.AddDate(0, 0, 20), base.AddDate(0, 0, 30), nil},
		}
		for _, tt := range tests {
			got := p.find(store.SearchQuery{Words: words, From: tt.from, Before: tt.before, Limit: 10, Newest: true})
			if !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

// A date range's ids can hold many stories published outside it (drafts
// published late, an archive imported out of order): the search walks
// on past them until it has counted what is in the range.
func TestSearchDateFilterWalksPastStoriesOutOfRange(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		const n = 1100 // past CountLimit, every other one in the range
		stories := make([]news.Article, n)
		for i := range stories {
			published := day.Add(time.Duration(i) * time.Minute)
			if i%2 == 1 {
				published = day.AddDate(0, 1, 0) // a month later, ids between
			}
			stories[i] = news.Article{Slug: fmt.Sprintf("tin-%d", i), Title: fmt.Sprintf("Tin đồng lúa số %d", i), Lead: "Sapô.",
				Body: "<p>Nội dung.</p>", SectionID: sec.ID, Status: news.Published, PublishedAt: published}
		}
		if err := s.CreateArticles(ctx, news.System(), stories); err != nil {
			t.Fatal(err)
		}
		hits, total, err := s.Search(ctx, store.SearchQuery{Words: []string{"dong", "lua"}, From: day, Before: day.AddDate(0, 0, 1), Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if total != n/2 {
			t.Errorf("counted %d in the range, want %d", total, n/2)
		}
		for _, h := range hits {
			if !h.PublishedAt.Before(day.AddDate(0, 0, 1)) {
				t.Errorf("story %d published %v, out of the range", h.ID, h.PublishedAt)
			}
		}
	})
}

// A date range's common words are walked down the range; its rarer ones,
// on PostgreSQL, are found by the index alone (search_in_range) once the
// range's newest ids show them rare. Either way the search finds exactly
// the range's matches, newest first, past stories published out of their
// ids' order.
func TestSearchDateRangeCommonAndRareWords(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		const n = 1400
		stories := make([]news.Article, n)
		for i := range stories {
			published := day.Add(time.Duration(i) * time.Minute)
			if i%7 == 3 {
				published = day.AddDate(0, 1, 0) // published late: ids in the range, date out of it
			}
			body := "<p>Đồng lúa chín vàng.</p>"
			switch i % 10 {
			case 0:
				body += "<p>Lũ quét ở huyện miền núi.</p>"
			case 5:
				body += "<p>Quét dọn sau lũ ở huyện.</p>" // the words, not the phrase
			}
			stories[i] = news.Article{Slug: fmt.Sprintf("tin-%d", i), Title: fmt.Sprintf("Tin số %d", i), Lead: "Sapô.",
				Body: body, SectionID: sec.ID, Status: news.Published, PublishedAt: published}
		}
		if err := s.CreateArticles(ctx, news.System(), stories); err != nil {
			t.Fatal(err)
		}
		inRange := func(match func(i int) bool) []int64 { // newest first
			var want []int64
			for i := n - 1; i >= 0; i-- {
				if i%7 != 3 && match(i) {
					want = append(want, stories[i].ID)
				}
			}
			return want
		}
		flood := func(i int) bool { return i%10 == 0 }
		for _, tt := range []struct {
			name    string
			words   []string
			phrases [][]string
			match   func(i int) bool
		}{
			{"common", []string{"dong", "lua"}, nil, func(int) bool { return true }},
			{"rare", []string{"lu", "quet"}, nil, func(i int) bool { return i%5 == 0 }},
			{"rare phrase", nil, [][]string{{"lu", "quet"}}, flood},
			{"word and phrase", []string{"huyen"}, [][]string{{"lu", "quet"}}, flood},
		} {
			hits, total, err := s.Search(ctx, store.SearchQuery{Words: tt.words, Phrases: tt.phrases, From: day, Before: day.AddDate(0, 0, 1),
				Limit: 10, Newest: true})
			if err != nil {
				t.Fatal(err)
			}
			want := inRange(tt.match)
			expectNewest(t, tt.name, hits, total, want)
		}
	})
}

// A number written with separators ("2.000", "5,5") is found by its
// parts on both databases, as a reader's search splits it: PostgreSQL's
// own parser would have kept "2.000" one token.
func TestSearchNumbersWithSeparators(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "the-thao", Name: "Thể thao"})
		p := searchPaper{t, s, time.Date(2026, 11, 1, 2, 0, 0, 0, time.UTC)}
		id := p.story("giai-chay", "Hơn 2.000 người chạy quanh hồ Bộc Nguyên", "Giải thu 5,5 triệu đồng ủng hộ vùng lũ.", "<p>Nội dung.</p>", sec.ID, 0)
		for _, q := range []store.SearchQuery{
			{Words: []string{"2", "000", "nguoi"}},
			{Words: []string{"5", "5", "trieu"}},
			{Phrases: [][]string{{"2", "000", "nguoi"}}},
		} {
			q.Limit = 10
			if got := p.find(q); !slices.Equal(got, []int64{id}) {
				t.Errorf("%v %v found %v, want [%d]", q.Words, q.Phrases, got, id)
			}
		}
	})
}

// Without dates, PostgreSQL walks the newest stories' words (search_words,
// kept in the row) first: common words walk on to the count, others are
// asked of the GIN index. Either way the search finds exactly the
// matches, newest first.
func TestSearchCommonAndRareWordsWithoutDates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sec, _ := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		day := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		const n = 1400
		stories := make([]news.Article, n)
		for i := range stories {
			body := "<p>Đồng lúa chín vàng.</p>"
			if i%10 == 0 {
				body += "<p>Lũ quét ở huyện miền núi.</p>"
			}
			stories[i] = news.Article{Slug: fmt.Sprintf("tin-%d", i), Title: fmt.Sprintf("Tin số %d", i), Lead: "Sapô.",
				Body: body, SectionID: sec.ID, Status: news.Published, PublishedAt: day.Add(time.Duration(i) * time.Minute)}
		}
		if err := s.CreateArticles(ctx, news.System(), stories); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name  string
			words []string
			match func(i int) bool
		}{
			{"common", []string{"dong", "lua"}, func(int) bool { return true }},
			{"rare", []string{"lu", "quet"}, func(i int) bool { return i%10 == 0 }},
		} {
			var want []int64 // newest first
			for i := n - 1; i >= 0; i-- {
				if tt.match(i) {
					want = append(want, stories[i].ID)
				}
			}
			hits, total, err := s.Search(ctx, store.SearchQuery{Words: tt.words, Limit: 10, Newest: true})
			if err != nil {
				t.Fatal(err)
			}
			expectNewest(t, tt.name, hits, total, want)
		}
	})
}

// expectNewest checks a newest-first search's hits and count against
// want, every match newest first.
func expectNewest(t *testing.T, name string, hits []store.SearchHit, total int, want []int64) {
	t.Helper()
	if wantTotal := min(len(want), store.CountLimit+1); total != wantTotal {
		t.Errorf("%s: counted %d, want %d", name, total, wantTotal)
	}
	var got []int64
	for _, h := range hits {
		got = append(got, h.ID)
	}
	if want = want[:min(len(want), store.CountLimit)]; !slices.Equal(got, want) {
		t.Errorf("%s: %d hits, want %d (first %v, want %v)", name, len(got), len(want), got[:min(3, len(got))], want[:min(3, len(want))])
	}
}
