package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A story's page lists the stories sharing its tags under "Tin liên
// quan", those sharing more tags first, never itself, a draft or a story
// without a shared tag; a story published later with the tag joins the
// cached page.
func TestRelatedStoriesByTag(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			pages := pagecache.New(8<<20, time.Hour, time.Now)
			d := startDeskBehind(t, src.Source, "127.0.0.1, ::1", func(deps *server.Deps) {
				deps.Cache = pages
				deps.Store.Subscribe(pages.Changed)
			})
			ctx := context.Background()
			chief := news.Actor{User: d.users["editor-in-chief"]}
			story := func(title string, publish bool, tags ...string) int64 {
				t.Helper()
				a, err := d.service.Create(ctx, chief, editorial.ArticleInput{Title: title, Lead: "Sapô.", Body: "<p>Nội dung.</p>", SectionID: d.section.ID, Tags: tags})
				if err != nil {
					t.Fatal(err)
				}
				if publish {
					for _, to := range []string{"submitted", "edited", "published"} {
						if _, err := d.service.Transition(ctx, chief, a.ID, statusOf(t, to), "", time.Time{}); err != nil {
							t.Fatal(err)
						}
					}
				}
				return a.ID
			}
			storm := story("Bão số 5 đổ bộ vào Hà Tĩnh", true, "Bão số 5", "Thạch Hà")
			story("Di dời dân trước bão số 5", true, "Bão số 5")
			story("Thạch Hà khắc phục hậu quả bão", true, "Bão số 5", "Thạch Hà")
			story("Bản nháp về bão số 5", false, "Bão số 5")
			story("Lễ hội cầu ngư", true, "Lễ hội")

			related := func() []string {
				t.Helper()
				_, doc := get(t, d.url, d.articlePath(t, storm))
				return doc.Find(".related .titles a").Map(func(_ int, a *goquery.Selection) string { return a.Text() })
			}
			got := related()
			if len(got) != 2 || got[0] != "Thạch Hà khắc phục hậu quả bão" || got[1] != "Di dời dân trước bão số 5" {
				t.Fatalf("Tin liên quan: %q", got)
			}
			story("Sửa đê sau bão số 5", true, "Bão số 5")
			if got := related(); len(got) != 3 || got[1] != "Sửa đê sau bão số 5" {
				t.Errorf("Tin liên quan after a new story with the tag: %q", got)
			}
			lone := story("Lễ hội đua thuyền", true, "Đua thuyền")
			if _, doc := get(t, d.url, d.articlePath(t, lone)); doc.Find(".related").Length() != 0 {
				t.Error("a story sharing no tag shows an empty Tin liên quan")
			}
		})
	}
}
