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
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
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
		for page, path := range map[string]string{"article": mid[0].Path(), "home": "/"} {
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

// BenchmarkSearch runs a mix of Vietnamese queries against the corpus and
// reports the latency percentiles and the slowest.
func BenchmarkSearch(b *testing.B) {
	queries := []string{"duong giao thong", "Hà Tĩnh", "bão lũ", `"nông thôn mới"`, "cang vung ang", "học sinh giáo viên", "kẹo cu đơ", "dau tu cong"}
	for name, source := range sources(b) {
		s, err := store.Open(context.Background(), source)
		if err != nil {
			b.Fatal(err)
		}
		// No deadline that could cut the slowest query: this measures
		// what a search costs, not what readers are allowed to spend.
		svc := search.New(s, search.Limits{Timeout: time.Hour})
		b.Run(name, func(b *testing.B) {
			var lat []time.Duration
			i := 0
			for b.Loop() {
				start := time.Now()
				if _, err := svc.Search(context.Background(), search.Parse(queries[i%len(queries)]), search.Filters{}, 1, 15); err != nil {
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
