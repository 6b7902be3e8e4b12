package importer_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// BenchmarkImportStories imports an archive without photos on SQLite in
// batches of 200: the issue asks for at least 500 stories a second. Each
// story has a 3 KB body, two tags, a byline, a section and two comments.
func BenchmarkImportStories(b *testing.B) {
	st := storetest.Open(b, storetest.Sources(b)[0].Source)
	body := strings.Repeat("<p>Người dân xã Thạch Hà phấn khởi đón cây cầu mới, nối liền hai bờ sông sau nhiều năm chờ đợi.</p>", 30)
	const stories = 2000
	var list []importer.Item
	list = append(list, importer.Item{Section: &importer.Section{Key: "xa-hoi", Name: "Xã hội"}},
		importer.Item{Author: &importer.Author{Key: "thuha", Name: "Thu Hà"}})
	at := time.Date(2012, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range stories {
		list = append(list, importer.Item{Story: &importer.Story{Key: fmt.Sprint(i), Title: fmt.Sprintf("Tin số %d về cầu mới", i),
			Lead: "Sáng nay cầu mới thông xe.", Body: body, State: news.Published, PublishedAt: at.Add(time.Duration(i) * time.Hour),
			SectionKey: "xa-hoi", AuthorKeys: []string{"thuha"}, Tags: []string{"giao thông", "cầu"},
			OldURLs: []string{fmt.Sprintf("/xa-hoi/tin-%d/%d.htm", i, i), fmt.Sprintf("/?p=%d", i)},
			Comments: []importer.Comment{{Key: fmt.Sprintf("c%d", i), Name: "Lan", Body: "Hay quá", At: at, Status: news.CommentPublished},
				{Key: fmt.Sprintf("d%d", i), ParentKey: fmt.Sprintf("c%d", i), Name: "Minh", Body: "Đúng vậy", At: at, Status: news.CommentPublished}}}})
	}
	b.ResetTimer()
	for n := 0; n < b.N; n++ {
		src := items{name: fmt.Sprintf("thu:%d", n), list: list}
		sum, err := newImporter(b, st, importer.Options{}).Run(context.Background(), news.Shell(), src)
		if err != nil || sum.Stories.Created != stories {
			b.Fatalf("%+v %v", sum.Stories, err)
		}
	}
	b.ReportMetric(float64(stories*b.N)/b.Elapsed().Seconds(), "stories/s")
}
