package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Syllables for generated Vietnamese text: common words of news copy, so
// that search and rendering see realistic text (with marks, đ, tones).
var vocabulary = strings.Fields(`tỉnh huyện xã phường người dân đường giao thông nông thôn mới kinh tế
	xã hội văn hóa giáo dục y tế bệnh viện trường học học sinh giáo viên bão lũ mưa lớn sạt lở đê biển
	cảng Vũng Áng Thành Sen Hà Tĩnh Hồng Lĩnh Kỳ Anh Hương Khê Can Lộc Đức Thọ Nghi Xuân Cẩm Xuyên Thạch Hà
	dự án đầu tư công giải ngân kế hoạch triển khai thực hiện quyết tâm hoàn thành chỉ tiêu năm nay tháng
	sản xuất lúa bưởi cam kẹo cu đơ sản phẩm OCOP doanh nghiệp hợp tác xã lao động việc làm thu nhập
	chính quyền cơ sở cán bộ đảng viên nhân dân đoàn kết phát triển bền vững an ninh trật tự`)

// seedBatch is how many stories go into one transaction (one call of
// store.CreateArticles, which writes them the way every import does).
const seedBatch = 1000

// seed fills a paper with generated published stories through
// store.CreateArticles, the store's own bulk door, so the rows are the
// ones the app writes: bylines, tags, the search index with its word
// pairs, the newsroom's folded titles. Stories are generated in one
// goroutine while others write: on PostgreSQL several transactions run
// at once (the server's text search and GIN index are most of the cost,
// and it has a process per connection); SQLite has one writer, so there
// the second worker only overlaps generating with writing.
func seed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	source := fs.String("database", "", "SQLite file or postgres:// URL")
	count := fs.Int("articles", 100000, "how many articles")
	workers := fs.Int("workers", 0, "transactions at once (0: 2 on SQLite, 3 on PostgreSQL)")
	text := fs.String("text", "uniform", "how words are drawn: uniform (each in nearly every story, the suite's worst case for search) or natural (Zipf's law: common, middling and rare words)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := store.Open(ctx, *source)
	if err != nil {
		return err
	}
	defer func() { _ = s.Close() }() // written data is committed before; nothing to lose
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	have, err := s.CountArticles(ctx)
	if err != nil {
		return err
	}
	secs, err := s.Sections(ctx)
	if err != nil || len(secs) == 0 {
		return fmt.Errorf("seed needs a paper with sections (start toasoan once with --demo): %v", err)
	}
	authors, err := s.Authors(ctx)
	if err != nil {
		return err
	}
	if *workers <= 0 {
		*workers = map[string]int{"sqlite": 2}[s.Dialect()]
		if *workers == 0 {
			*workers = 3
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	g := generator{sections: secs, authors: authors, end: time.Now().Add(-24 * time.Hour)}
	switch *text {
	case "uniform":
		g.source = uniformWords{rng}
	case "natural":
		g.source = newNaturalWords(rng)
	default:
		return fmt.Errorf("--text: uniform or natural, not %q", *text)
	}
	start := time.Now()
	// The first batch is written alone: it creates the tags, which later
	// batches only read, so concurrent transactions never wait on a new
	// tag's row.
	first := min(*count-have, seedBatch)
	if first > 0 {
		if err := s.CreateArticles(ctx, news.System(), g.batch(have, first)); err != nil {
			return err
		}
	}
	batches := make(chan []news.Article, *workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
		done = have + first
	)
	for range *workers {
		wg.Go(func() {
			for b := range batches {
				if err := s.CreateArticles(ctx, news.System(), b); err != nil {
					mu.Lock()
					errs = append(errs, err)
					mu.Unlock()
					cancel()
					continue
				}
				mu.Lock()
				done += len(b)
				if (done-have)%10000 < len(b) {
					fmt.Printf("%d bài (%.0f bài/giây)\n", done, float64(done-have)/time.Since(start).Seconds())
				}
				mu.Unlock()
			}
		})
	}
	for n := have + first; n < *count && ctx.Err() == nil; n += seedBatch {
		b := g.batch(n, min(seedBatch, *count-n))
		select {
		case batches <- b:
		case <-ctx.Done():
		}
	}
	close(batches)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	elapsed := time.Since(start).Seconds()
	fmt.Printf("xong: %d bài (%d mới trong %.0f giây, %.0f bài/giây)\n", *count, *count-have, elapsed, float64(*count-have)/elapsed)
	return nil
}

// generator makes the stories: the nth is the same whatever the batch,
// except for its words, which come from one random stream in order.
type generator struct {
	source   wordSource
	sections []news.Section
	authors  []news.Author
	end      time.Time
}

func (g *generator) words(n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = g.source.next()
	}
	return strings.Join(out, " ")
}

// batch is stories from, from+1, ... (size of them), each published 7
// minutes before the one before it.
func (g *generator) batch(from, size int) []news.Article {
	out := make([]news.Article, 0, size)
	for n := from; n < from+size; n++ {
		title := g.words(15)
		var body strings.Builder
		for p := range 8 {
			if p == 3 {
				fmt.Fprintf(&body, "<h2>%s</h2>", g.words(6))
			}
			fmt.Fprintf(&body, "<p>%s.</p>", g.words(60))
		}
		out = append(out, news.Article{Slug: vietnamese.Slug(title), Title: title, Lead: g.words(35) + ".", Body: body.String(),
			SectionID: g.sections[n%len(g.sections)].ID, Status: news.Published, PublishedAt: g.end.Add(-time.Duration(n) * 7 * time.Minute),
			Authors: []news.Author{g.authors[n%len(g.authors)]}, Tags: []news.Tag{{Slug: "tu-khoa-" + fmt.Sprint(n%300), Name: "Từ khóa " + fmt.Sprint(n%300)}}})
	}
	return out
}
