package search_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

type paper struct {
	svc             *search.Service
	store           *store.Store
	thoiSu, theThao news.Section
	ids             map[string]int64
}

func newPaper(t *testing.T, s *store.Store) paper {
	t.Helper()
	ctx := context.Background()
	p := paper{svc: search.New(s, search.Limits{}), store: s, ids: map[string]int64{}}
	p.thoiSu, _ = s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	p.theThao, _ = s.CreateSection(ctx, news.System(), news.Section{Slug: "the-thao", Name: "Thể thao"})
	now := time.Date(2026, 11, 20, 3, 0, 0, 0, time.UTC)
	add := func(key, title, lead, body string, sec news.Section, status news.Status, day int) {
		a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: key, Title: title, Lead: lead, Body: body, SectionID: sec.ID,
			Status: status, PublishedAt: now.AddDate(0, 0, day)})
		if err != nil {
			t.Fatal(err)
		}
		p.ids[key] = a.ID
	}
	add("duong", "Nâng cấp đường tỉnh 8 qua xã Sơn Kim", "Con đường mới giúp người dân đi lại thuận tiện.", "<p>Công trình dài 12 km.</p>", p.thoiSu, news.Published, 0)
	add("hoa-binh-new", "Khách từ Hòa Bình thăm Hà Tĩnh", "Đoàn khách tìm hiểu mô hình du lịch.", "<p>Chuyến thăm ba ngày.</p>", p.thoiSu, news.Published, 1)
	add("hoa-binh-old", "Hoà Bình và Hà Tĩnh ký kết hợp tác", "Hai tỉnh cam kết hỗ trợ nhau.", "<p>Lễ ký kết diễn ra tại phường Thành Sen.</p>", p.thoiSu, news.Published, 2)
	add("hoa-binh-folded", "Hoa binh tren san co", "Giải cờ vua thiếu nhi khai mạc.", "<p>Các kỳ thủ nhí tranh tài.</p>", p.theThao, news.Published, 3)
	add("quyet-tam", "Quyết tâm hoàn thành nông thôn mới", "Xã Thạch Lạc đặt mục tiêu về đích.", "<p>Người dân hiến đất làm đường.</p>", p.thoiSu, news.Published, 4)
	add("phrase", "Bóng đá học đường sôi nổi", "Giải bóng đá học sinh khai mạc.", "<p>Đội bóng trường làng giành chiến thắng.</p>", p.theThao, news.Published, 5)
	add("draft", "Bản nháp về đường sắt", "Chưa đăng.", "<p>Đường sắt tốc độ cao.</p>", p.thoiSu, news.Draft, 6)
	return p
}

func (p paper) find(t *testing.T, q string, f search.Filters) []int64 {
	t.Helper()
	res, err := p.svc.Search(context.Background(), search.Parse(q), f, 1, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []int64
	for _, h := range res.Hits {
		out = append(out, h.Article.ID)
	}
	return out
}

func has(ids []int64, id int64) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

func TestVietnameseSearch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newPaper(t, s)
		tests := []struct {
			name, q  string
			want     []string // must be found
			unwanted []string // must not be found
		}{
			{"without diacritics", "duong", []string{"duong", "quyet-tam"}, []string{"draft"}},
			{"with diacritics", "đường", []string{"duong", "quyet-tam"}, []string{"draft"}},
			{"upper case", "ĐƯỜNG TỈNH", []string{"duong"}, nil},
			{"decomposed", norm.NFD.String("đường tỉnh"), []string{"duong"}, nil},
			{"both tone placements", "hoa binh", []string{"hoa-binh-new", "hoa-binh-old", "hoa-binh-folded"}, nil},
			{"phrase", `"bong da hoc duong"`, []string{"phrase"}, []string{"duong"}},
			{"quyet tam", "quyet tam", []string{"quyet-tam"}, nil},
			{"every word must match", "duong bong", []string{"phrase"}, []string{"duong"}},
			{"draft never found", "duong sat", nil, []string{"draft"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got := p.find(t, tt.q, search.Filters{})
				for _, k := range tt.want {
					if !has(got, p.ids[k]) {
						t.Errorf("%q did not find %s (got %v)", tt.q, k, got)
					}
				}
				for _, k := range tt.unwanted {
					if has(got, p.ids[k]) {
						t.Errorf("%q found %s", tt.q, k)
					}
				}
			})
		}
		got := p.find(t, "Hòa Bình", search.Filters{})
		if len(got) < 3 || got[2] != p.ids["hoa-binh-folded"] {
			t.Errorf("exact-diacritics matches do not rank above the folded-only one: %v", got)
		}
		if got := p.find(t, "hoa binh", search.Filters{SectionIDs: []int64{p.theThao.ID}}); len(got) != 1 || got[0] != p.ids["hoa-binh-folded"] {
			t.Errorf("section filter: %v", got)
		}
		from := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
		if got := p.find(t, "hoa binh", search.Filters{From: from}); len(got) != 2 || has(got, p.ids["hoa-binh-new"]) {
			t.Errorf("date filter: %v", got)
		}
	})
}

func TestSearchSeesChangesAtOnce(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := newPaper(t, s)
		if got := p.find(t, "cau treo", search.Filters{}); len(got) != 0 {
			t.Fatalf("found %v before any such article", got)
		}
		a, _ := s.Article(ctx, p.ids["duong"])
		a.Title = "Cầu treo mới nối hai bờ sông Ngàn Phố"
		if _, err := s.UpdateArticle(ctx, news.System(), a, a.Revision, news.RevisionSave); err != nil {
			t.Fatal(err)
		}
		if got := p.find(t, "cau treo", search.Filters{}); len(got) != 1 {
			t.Fatalf("edited title not found: %v", got)
		}
		if _, err := s.Move(ctx, news.System(), a, news.Unpublished, time.Time{}, ""); err != nil {
			t.Fatal(err)
		}
		if got := p.find(t, "cau treo", search.Filters{}); len(got) != 0 {
			t.Fatalf("unpublished article found: %v", got)
		}
	})
}

// TestHostileQueries: whatever a reader types, the answer is results or
// nothing, never an error.
func TestHostileQueries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newPaper(t, s)
		for _, q := range []string{"", "   ", strings.Repeat("đường ", 2000), "!!! ??? ...", `"`, `"đường`, `đường"`, `""`,
			"*", "duong*", "NEAR(duong bong)", "duong OR bong", "-duong", "duong -bong", "title:duong", "^duong",
			"'; DROP TABLE articles; --", `1' OR '1'='1`, "\x00\x01", norm.NFD.String("Hòa Bình"), "AND", "NOT", "đ", "💥"} {
			if _, err := p.svc.Search(context.Background(), search.Parse(q), search.Filters{}, 1, 20); err != nil {
				t.Errorf("query %.40q: %v", q, err)
			}
		}
		if got := p.find(t, "'; DROP TABLE articles; --", search.Filters{}); len(got) != 0 {
			t.Errorf("SQL-like query found %v", got)
		}
		if n, _ := s.CountArticles(context.Background()); n != 7 {
			t.Fatalf("articles after hostile queries: %d", n)
		}
	})
}

func TestMarks(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := newPaper(t, s)
		res, err := p.svc.Search(context.Background(), search.Parse("duong"), search.Filters{}, 1, 10)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, h := range res.Hits {
			titles = append(titles, string(h.Title))
		}
		if !strings.Contains(strings.Join(titles, "|"), "<mark>đường</mark>") {
			t.Errorf("titles not marked: %v", titles)
		}
	})
}
