package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// BenchmarkNotFound is what a 404 costs with the redirect table: empty
// (the store remembers it and reads nothing), holding 100,000 old
// addresses (one indexed read more than without redirects), and a hit of
// one of them (301). A flood of unknown addresses must not weigh on the
// database more than that one read each.
func BenchmarkNotFound(b *testing.B) {
	for _, src := range storetest.Sources(b) {
		b.Run(src.Name, func(b *testing.B) {
			ctx := context.Background()
			s := storetest.Open(b, src.Source)
			lib, _ := media.New(b.TempDir())
			handler, err := server.New(server.Deps{Store: s, Media: lib})
			if err != nil {
				b.Fatal(err)
			}
			serve := func(b *testing.B, path string, want int) {
				b.ReportAllocs()
				for b.Loop() {
					rec := httptest.NewRecorder()
					handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
					if rec.Code != want {
						b.Fatalf("%s: %d, want %d", path, rec.Code, want)
					}
				}
			}
			b.Run("404-empty-table", func(b *testing.B) { serve(b, "/xa-hoi/khong-co/1.htm", http.StatusNotFound) })
			rows := make([]news.Redirect, 100_000)
			for i := range rows {
				rows[i] = news.Redirect{From: fmt.Sprintf("/xa-hoi/bai-so-%d/%d.htm", i, 200000+i), To: fmt.Sprintf("/bai-so-%d-post%d.html", i, i+1),
					Status: news.Moved, Origin: news.FromCSV}
			}
			if _, err := s.ImportRedirects(ctx, news.Shell(), rows); err != nil {
				b.Fatal(err)
			}
			b.Run("404-100k-redirects", func(b *testing.B) { serve(b, "/xa-hoi/khong-co/1.htm", http.StatusNotFound) })
			b.Run("404-article-100k-redirects", func(b *testing.B) { serve(b, "/khong-co-post999999.html", http.StatusNotFound) })
			b.Run("301-100k-redirects", func(b *testing.B) { serve(b, "/xa-hoi/bai-so-50000/250000.htm", http.StatusMovedPermanently) })
			b.Run("301-wordpress-query", func(b *testing.B) { serve(b, "/xa-hoi/bai-so-7/200007.htm?fbclid=abc", http.StatusMovedPermanently) })
		})
	}
}
