package main

import (
	"context"
	"flag"
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/store"
)

// comments submits comments through the same service the form and the
// API use (every rule applied, each stored durably before it returns), from
// many simulated readers at once, and reports how many per second were
// accepted and stored.
func comments(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("comments", flag.ContinueOnError)
	source := fs.String("database", "", "SQLite file or postgres:// URL")
	seconds := fs.Int("seconds", 10, "how long to submit")
	workers := fs.Int("workers", 16, "concurrent readers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := store.Open(ctx, *source)
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }() // written data is committed before; nothing to lose
	svc, err := comment.New(ctx, s, time.Now)
	if err != nil {
		return err
	}
	latest, err := s.PublishedArticles(ctx, store.ArticleFilter{Limit: 1})
	if err != nil || len(latest) == 0 {
		return fmt.Errorf("no published article to comment on: %v", err)
	}
	var ok, refused atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	deadline := time.Now().Add(time.Duration(*seconds) * time.Second)
	var wg sync.WaitGroup
	for w := range *workers {
		wg.Go(func() {
			for i := 0; time.Now().Before(deadline); i++ {
				start := time.Now()
				_, err := svc.Submit(ctx, comment.Submission{ArticleID: latest[0].ID, Name: "Bạn đọc",
					Body: fmt.Sprintf("Ý kiến số %d của bạn đọc %d: bài viết rất hữu ích cho bà con.", i, w),
					IP:   fmt.Sprintf("10.%d.%d.%d", w, i/250%250, i%250), Browser: fmt.Sprintf("b-%d-%d", w, i)})
				if err != nil {
					refused.Add(1)
					continue
				}
				ok.Add(1)
				mu.Lock()
				lat = append(lat, time.Since(start))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	p50, p95 := time.Duration(0), time.Duration(0)
	if len(lat) > 0 {
		p50, p95 = lat[len(lat)/2], lat[len(lat)*95/100]
	}
	fmt.Printf("comments accepted=%d refused=%d per_second=%.0f p50=%v p95=%v\n", ok.Load(), refused.Load(),
		float64(ok.Load())/float64(*seconds), p50.Round(time.Microsecond), p95.Round(time.Microsecond))
	return nil
}
