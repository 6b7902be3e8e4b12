package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
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

func seed(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	source := fs.String("database", "", "SQLite file or postgres:// URL")
	count := fs.Int("articles", 100000, "how many articles")
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
	rng := rand.New(rand.NewPCG(1, 2))
	words := func(n int) string {
		out := make([]string, n)
		for i := range out {
			out[i] = vocabulary[rng.IntN(len(vocabulary))]
		}
		return strings.Join(out, " ")
	}
	start := time.Now()
	end := time.Now().Add(-24 * time.Hour)
	for done := have; done < *count; {
		batch := make([]news.Article, 0, 1000)
		for len(batch) < cap(batch) && done+len(batch) < *count {
			title := words(15)
			var body strings.Builder
			for p := range 8 {
				if p == 3 {
					fmt.Fprintf(&body, "<h2>%s</h2>", words(6))
				}
				fmt.Fprintf(&body, "<p>%s.</p>", words(60))
			}
			n := done + len(batch)
			batch = append(batch, news.Article{Slug: vietnamese.Slug(title), Title: title, Lead: words(35) + ".", Body: body.String(),
				SectionID: secs[n%len(secs)].ID, Status: news.Published, PublishedAt: end.Add(-time.Duration(n) * 7 * time.Minute),
				Authors: []news.Author{authors[n%len(authors)]}, Tags: []news.Tag{{Slug: "tu-khoa-" + fmt.Sprint(n%300), Name: "Từ khóa " + fmt.Sprint(n%300)}}})
		}
		if err := s.CreateArticles(ctx, news.System(), batch); err != nil {
			return err
		}
		done += len(batch)
		if (done-have)%10000 < 1000 {
			fmt.Printf("%d bài (%.0f bài/giây)\n", done, float64(done-have)/time.Since(start).Seconds())
		}
	}
	fmt.Printf("xong: %d bài\n", *count)
	return nil
}
