package wordpress

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/importer"
)

// BenchmarkRead reads a file of 1,000 classic posts of about 3 KB, each
// pass included: the reader's share of an import's time.
func BenchmarkRead(b *testing.B) {
	var f strings.Builder
	body := strings.Repeat("Đoạn văn của một bài báo tỉnh, đủ dài để đo.\n\n", 50)
	for i := 1; i <= 1000; i++ {
		f.WriteString(post(i, "Bài số "+strconv.Itoa(i), body))
	}
	path := writeFile(b, wxr(f.String()))
	b.SetBytes(int64(len(f.String())))
	for b.Loop() {
		r, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Each(context.Background(), func(importer.Item) error { return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N)/1000*1e6, "µs/post")
}
