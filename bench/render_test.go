// Package bench holds the benchmark suite's Go benchmarks. They need a
// seeded database (bench/run.sh makes one) named by TOASOAN_BENCH_SQLITE
// or TOASOAN_BENCH_POSTGRES, and run only with -bench: the normal test
// run compiles them and runs nothing here.
package bench

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

func sources(b *testing.B) map[string]string {
	out := map[string]string{}
	if v := os.Getenv("TOASOAN_BENCH_SQLITE"); v != "" {
		out["sqlite"] = v
	}
	if v := os.Getenv("TOASOAN_BENCH_POSTGRES"); v != "" {
		out["postgres"] = v
	}
	if len(out) == 0 {
		b.Skip("set TOASOAN_BENCH_SQLITE or TOASOAN_BENCH_POSTGRES to a seeded database (bench/run.sh)")
	}
	return out
}

// uncachedSite is the reader's site with the page cache off: every
// request renders from the database.
func uncachedSite(b *testing.B, source string) (*store.Store, http.Handler) {
	ctx := context.Background()
	s, err := store.Open(ctx, source)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if err := s.Close(); err != nil {
			b.Error(err)
		}
	})
	lib, _ := media.New(b.TempDir())
	comments, err := comment.New(ctx, s, time.Now)
	if err != nil {
		b.Fatal(err)
	}
	handler, err := server.New(server.Deps{Store: s, Media: lib, Comments: comments})
	if err != nil {
		b.Fatal(err)
	}
	return s, handler
}

func BenchmarkRenderUncached(b *testing.B) {
	for name, source := range sources(b) {
		s, h := uncachedSite(b, source)
		n, _ := s.CountArticles(context.Background())
		mid, err := s.PublishedArticles(context.Background(), store.ArticleFilter{Limit: 1, Offset: n / 2})
		if err != nil || len(mid) == 0 {
			b.Fatalf("no article in the middle of %d: %v", n, err)
		}
		// An archive page crawlers reach: the last page of the middle
		// story's section.
		inSection, _ := s.CountPublished(context.Background(), store.ArticleFilter{SectionIDs: []int64{mid[0].SectionID}})
		archive := mid[0].Section.Path() + "?trang=" + strconv.Itoa(max(1, inSection/web.PerPage))
		for page, path := range map[string]string{"article": mid[0].Path(), "home": "/", "archive-page": archive} {
			b.Run(name+"/"+page, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					rec := httptest.NewRecorder()
					h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
					if rec.Code != http.StatusOK {
						b.Fatalf("%s: %d", path, rec.Code)
					}
				}
			})
		}
	}
}

// searchCase is one reader's search in BenchmarkSearch's mix.
type searchCase struct {
	query   string
	filters search.Filters
	page    int
}

// searchMix is a newsroom archive's searches: common and rare words,
// place names with and without marks, quoted phrases, words found
// nowhere, a section, last month, a month a year ago, later pages and
// the newest-first order. Dates count back from the newest story.
func searchMix(b *testing.B, s *store.Store) []searchCase {
	ctx := context.Background()
	newest, err := s.PublishedArticles(ctx, store.ArticleFilter{Limit: 1})
	if err != nil || len(newest) == 0 {
		b.Fatalf("no published story: %v", err)
	}
	sections, err := s.Sections(ctx)
	if err != nil || len(sections) == 0 {
		b.Fatalf("no section: %v", err)
	}
	now := newest[0].PublishedAt
	lastMonth := search.Filters{From: now.AddDate(0, -1, 0)}
	yearAgo := search.Filters{From: now.AddDate(-1, -1, 0), Before: now.AddDate(-1, 0, 0)}
	section := search.Filters{SectionIDs: []int64{sections[len(sections)-1].ID}}
	return []searchCase{
		{query: "Hà Tĩnh"}, {query: "ha tinh"}, {query: "duong giao thong"}, {query: "học sinh giáo viên"},
		{query: `"nông thôn mới"`}, {query: "kẹo cu đơ"}, {query: "cang vung ang"}, {query: "dau tu cong"},
		{query: "bạch tuộc xanh"}, {query: "bão lũ", filters: section}, {query: "giáo dục", filters: lastMonth},
		{query: "bệnh viện", filters: yearAgo}, {query: "Hà Tĩnh", page: 5}, {query: "nông dân", filters: search.Filters{Newest: true}, page: 3},
		{query: `"giao thông" Kỳ Anh`, filters: section}, {query: "xyzzy"},
	}
}

// BenchmarkSearch runs searchMix against the corpus and reports the
// latency percentiles and the slowest search.
func BenchmarkSearch(b *testing.B) {
	for name, source := range sources(b) {
		s, err := store.Open(context.Background(), source)
		if err != nil {
			b.Fatal(err)
		}
		mix := searchMix(b, s)
		// No deadline that could cut the slowest query: this measures
		// what a search costs, not what readers are allowed to spend.
		svc := search.New(s, search.Limits{Timeout: time.Hour})
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				c := mix[i%len(mix)]
				start := time.Now()
				if _, err := svc.Search(context.Background(), search.Parse(c.query), c.filters, max(c.page, 1), 15); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
				i++
			}
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		})
		if err := s.Close(); err != nil {
			b.Error(err)
		}
	}
}

// BenchmarkSearchSimilar is the text half of "Tin liên quan" for a story
// in the middle of the archive: its title's word pairs matched against
// the search index (the article page gives it 100 ms, then leaves it out).
func BenchmarkSearchSimilar(b *testing.B) {
	for name, source := range sources(b) {
		s, _ := uncachedSite(b, source)
		ctx := context.Background()
		n, _ := s.CountArticles(ctx)
		mid, err := s.PublishedArticles(ctx, store.ArticleFilter{Limit: 1, Offset: n / 2})
		if err != nil || len(mid) == 0 {
			b.Fatalf("no article in the middle of %d: %v", n, err)
		}
		pairs := search.WordPairs(mid[0].Title)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.SimilarStories(ctx, pairs, []int64{mid[0].ID}, 5); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
