package backup

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A backup taken while a writer publishes stories and readers comment
// on them is one moment of the paper: a writer commits between every
// two tables the backup reads, yet the archive restores with every
// foreign key satisfied, and holds exactly as many stories as audit
// entries that created them (the audit log is read after the articles;
// without one snapshot it would hold the entries of stories written
// in between, and the comments table stories the archive lacks).
func TestABackupDuringWritesIsOneMoment(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		b := paperOn(t, s)
		sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
		if err != nil {
			t.Fatal(err)
		}
		wrote := make(chan struct{}) // a write committed after someone waited
		stop, exited := make(chan struct{}), make(chan struct{})
		var werr error
		go func() {
			defer close(exited)
			for written := 1; ; written++ {
				select {
				case <-stop:
					return
				default:
				}
				a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: fmt.Sprintf("tin-%d", written),
					Title: fmt.Sprintf("Tin số %d trong ngày", written), SectionID: sec.ID, Status: news.Published,
					PublishedAt: time.Now().UTC()})
				if err == nil {
					_, err = s.CreateComment(ctx, news.Comment{ArticleID: a.ID, Name: "Bạn đọc", Body: "Cảm ơn tòa soạn.",
						Status: news.CommentPublished, PublishedAt: time.Now().UTC()})
				}
				if err != nil {
					werr = err
					return
				}
				select {
				case wrote <- struct{}{}:
				default: // nobody waiting: write on
				}
			}
		}()
		select { // the backup starts on a paper with stories and comments
		case <-wrote:
		case <-exited:
		}
		tables := 0
		b.afterTable = func(string) {
			tables++
			select {
			case <-wrote:
			case <-exited:
			}
		}
		var archived bytes.Buffer
		m, err := b.Write(ctx, &archived)
		close(stop)
		<-exited
		if werr != nil {
			t.Fatalf("writer: %v", werr)
		}
		if err != nil {
			t.Fatalf("backup: %v", err)
		}
		if tables < 20 {
			t.Fatalf("writes landed between only %d tables", tables)
		}
		rows := map[string]int64{}
		for _, tb := range m.Tables {
			rows[tb.Name] = tb.Rows
		}
		now, err := s.CountArticles(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if int64(now) <= rows["articles"] {
			t.Fatalf("the paper has %d stories, the archive %d: no write landed during the backup", now, rows["articles"])
		}

		for _, kind := range kinds() {
			to := paperOn(t, openEmpty(t, source(t, kind)))
			if _, err := to.Restore(ctx, bytes.NewReader(archived.Bytes())); err != nil {
				t.Fatalf("restore into %s: %v", kind, err)
			}
			_, restored, _ := contents(t, archive(t, to))
			created := 0
			for _, row := range restored["audit_log"] {
				if strings.Contains(row, `"action":"article.create"`) {
					created++
				}
			}
			if int64(created) != rows["articles"] || int64(len(restored["articles"])) != rows["articles"] {
				t.Errorf("on %s: %d stories restored, %d audit entries creating them, %d in the manifest", kind, len(restored["articles"]), created, rows["articles"])
			}
			if int64(len(restored["comments"])) != rows["comments"] || rows["comments"] == 0 {
				t.Errorf("on %s: %d comments restored, %d in the manifest", kind, len(restored["comments"]), rows["comments"])
			}
		}
	})
}
