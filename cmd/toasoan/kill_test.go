package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// kill -9 in the middle of a burst of reader comments and article saves
// loses no write that was acknowledged: every comment answered 202 and
// every save answered 200 is in the database when the server comes back,
// on SQLite and on PostgreSQL.
func TestKillDuringWritesLosesNothingAcknowledged(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			data := t.TempDir()
			args := []string{"--data", data, "--trusted-proxies", "127.0.0.1"}
			storeArgs := []string{"--data", data}
			source := data + "/toasoan.db"
			if src.Name == "postgres" {
				args = append(args, "--database", src.Source)
				storeArgs = []string{"--database", src.Source}
				source = src.Source
			}
			p := startProcess(t, args...)
			api := adminAPI(t, p.base, storeArgs...)
			list := api.call("GET", "/api/v1/articles?status=published", "")["articles"].([]any)
			var articles []int64
			for _, a := range list[:4] {
				articles = append(articles, int64(a.(map[string]any)["id"].(float64)))
			}

			var (
				mu       sync.Mutex
				comments []int64           // acknowledged comment ids
				saved    = map[int64]int{} // article → last acknowledged revision
				titles   = map[[2]int64]string{}
				acks     atomic.Int64
				stop     = make(chan struct{})
				wg       sync.WaitGroup
			)
			client := &http.Client{Timeout: 5 * time.Second}
			for w := range 4 {
				wg.Go(func() { // readers commenting, each from an address of their own
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						body := fmt.Sprintf(`{"name":"Bạn đọc %d","body":"Bài viết rất hữu ích, cảm ơn báo lần %d-%d."}`, w, w, i)
						req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/articles/"+strconv.FormatInt(articles[0], 10)+"/comments", strings.NewReader(body))
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", w, i/250, i%250))
						req.Header.Set("X-Browser-Id", fmt.Sprintf("trinh-duyet-%d-%d-abcdefghijklmnop", w, i))
						var out struct{ ID int64 }
						if resp, err := client.Do(req); err == nil {
							if resp.StatusCode == http.StatusAccepted && json.NewDecoder(resp.Body).Decode(&out) == nil && out.ID > 0 {
								mu.Lock()
								comments = append(comments, out.ID)
								mu.Unlock()
								acks.Add(1)
							}
							_ = resp.Body.Close()
						}
					}
				})
			}
			for _, id := range articles[1:] {
				wg.Go(func() { // an editor-in-chief correcting a story, save after save
					a := api.call("GET", "/api/v1/articles/"+strconv.FormatInt(id, 10), "")
					rev := int(a["revision"].(float64))
					for i := 0; ; i++ {
						select {
						case <-stop:
							return
						default:
						}
						title := fmt.Sprintf("Đính chính lần %d", i)
						body := fmt.Sprintf(`{"title":%q,"revision":%d}`, title, rev)
						req, _ := http.NewRequest(http.MethodPut, p.base+"/api/v1/articles/"+strconv.FormatInt(id, 10), strings.NewReader(body))
						req.Header.Set("Content-Type", "application/json")
						req.Header.Set("Authorization", "Bearer "+api.token)
						resp, err := client.Do(req)
						if err != nil {
							continue
						}
						var out struct{ Revision int }
						if resp.StatusCode == http.StatusOK && json.NewDecoder(resp.Body).Decode(&out) == nil && out.Revision > rev {
							rev = out.Revision
							mu.Lock()
							saved[id] = rev
							titles[[2]int64{id, int64(rev)}] = title
							mu.Unlock()
							acks.Add(1)
						}
						_ = resp.Body.Close()
					}
				})
			}
			waitFor(t, "the burst to be acknowledged a few hundred times", func() bool { return acks.Load() >= 200 })
			if err := p.cmd.Process.Kill(); err != nil { // SIGKILL: no shutdown, no flush
				t.Fatal(err)
			}
			_ = p.cmd.Wait()
			close(stop)
			wg.Wait()

			again := startProcess(t, args...)
			if status, _, _ := page(t, again.base+"/healthz"); status != http.StatusOK {
				t.Fatalf("the server after kill -9: /healthz %d", status)
			}
			s, err := store.Open(context.Background(), source)
			if err != nil {
				t.Fatal(err)
			}
			defer func() { _ = s.Close() }() // read only
			ctx := context.Background()
			mu.Lock()
			defer mu.Unlock()
			for _, id := range comments {
				if c, err := s.Comment(ctx, id); err != nil || c.ArticleID != articles[0] {
					t.Errorf("acknowledged comment %d: %v", id, err)
				}
			}
			for id, rev := range saved {
				revs, err := s.Revisions(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				found := false
				for _, r := range revs {
					if r.Number == rev && r.Title == titles[[2]int64{id, int64(rev)}] {
						found = true
					}
				}
				if a, err := s.Article(ctx, id); err != nil || a.Revision < rev || !found {
					t.Errorf("acknowledged save of article %d at revision %d: now %d, revision kept %v (%v)", id, rev, a.Revision, found, err)
				}
			}
			t.Logf("%d comments and %d saves acknowledged before kill -9; all there after", len(comments), len(titles))
		})
	}
}
