package editorial_test

import (
	"context"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestSchedulersOnSharedDatabase runs two servers' schedulers on one
// database: every due article is published exactly once, by the
// background jobs alone.
func TestSchedulersOnSharedDatabase(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			first, second := storetest.Open(t, src.Source), storetest.Open(t, src.Source)
			sec, err := first.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
			if err != nil {
				t.Fatal(err)
			}
			chief, err := first.CreateUser(ctx, news.System(), news.User{Email: "tbt@bao.vn", Name: "Tổng biên tập", PasswordHash: "x", Roles: []news.Role{news.EditorInChief}})
			if err != nil {
				t.Fatal(err)
			}
			var mu sync.Mutex
			now := time.Now().UTC()
			clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
			desk := editorial.New(first, richtext.NewPolicy(), clock)
			actor := news.Actor{User: chief}
			var ids []int64
			for i := range 6 {
				a, err := desk.Create(ctx, actor, editorial.ArticleInput{Title: "Bài hẹn giờ " + string(rune('A'+i)), Lead: "Sapô.", Body: "<p>Nội dung.</p>", SectionID: sec.ID})
				if err != nil {
					t.Fatal(err)
				}
				for _, to := range []news.Status{news.Submitted, news.Edited} {
					if _, err := desk.Transition(ctx, actor, a.ID, to, "", time.Time{}); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := desk.Transition(ctx, actor, a.ID, news.Scheduled, "", now.Add(time.Duration(i+1)*time.Minute)); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, a.ID)
			}
			jobs, stop := context.WithCancel(ctx)
			defer stop()
			for _, s := range []*store.Store{first, second} {
				go editorial.New(s, richtext.NewPolicy(), clock).RunScheduler(jobs, 20*time.Millisecond, slog.New(slog.DiscardHandler))
			}
			mu.Lock()
			now = now.Add(10 * time.Minute)
			mu.Unlock()
			deadline := time.Now().Add(10 * time.Second)
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for {
				// The list, not its count: a count is kept until this
				// server hears of a change, and it does not listen here.
				list, _ := first.PublishedArticles(ctx, store.ArticleFilter{Limit: len(ids) + 1})
				published := len(list)
				if published == len(ids) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("%d of %d published", published, len(ids))
				}
				<-tick.C
			}
			for _, id := range ids {
				log, err := first.AuditLog(ctx, store.AuditFilter{ObjectType: "article", ObjectID: id})
				if err != nil {
					t.Fatal(err)
				}
				publications := 0
				for _, e := range log {
					if e.Action == "article.transition" && e.UserID == 0 {
						publications++
					}
				}
				if publications != 1 {
					t.Errorf("article %d published %d times", id, publications)
				}
			}
		})
	}
}
