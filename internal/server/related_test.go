package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
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
			d := startCachedDesk(t, src.Source)
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
			evacuation := story("Di dời dân trước bão số 5", true, "Bão số 5")
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
			// A story with one tag lists the newest stories sharing it,
			// published ones only.
			_, doc := get(t, d.url, d.articlePath(t, evacuation))
			got = doc.Find(".related .titles a").Map(func(_ int, a *goquery.Selection) string { return a.Text() })
			if want := []string{"Sửa đê sau bão số 5", "Thạch Hà khắc phục hậu quả bão", "Bão số 5 đổ bộ vào Hà Tĩnh"}; !slices.Equal(got, want) {
				t.Errorf("Tin liên quan of a story with one tag: %q, want %q", got, want)
			}
			// Sharing no tag, a story still finds those whose words are
			// like its title's, through the search index.
			boats := story("Lễ hội đua thuyền trên sông La", true, "Đua thuyền")
			_, doc = get(t, d.url, d.articlePath(t, boats))
			if got := doc.Find(".related .titles a").Map(func(_ int, a *goquery.Selection) string { return a.Text() }); len(got) != 1 || got[0] != "Lễ hội cầu ngư" {
				t.Errorf("Tin liên quan of a story sharing no tag: %q, want the other lễ hội", got)
			}
			lone := story("Tuyển sinh lớp mười", true, "Giáo dục")
			if _, doc := get(t, d.url, d.articlePath(t, lone)); doc.Find(".related").Length() != 0 {
				t.Error("a story like no other shows an empty Tin liên quan")
			}
		})
	}
}

// Stories editors picked come first in "Tin liên quan", in their order,
// then those sharing tags, five in all and each once; a pick taken down
// later leaves the cached page, and the API reads and sets the picks,
// refusing bad ones with nothing written.
func TestRelatedPicksFirst(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startCachedDesk(t, src.Source)
			ctx := context.Background()
			chief := news.Actor{User: d.users["editor-in-chief"]}
			story := func(title string, tags ...string) int64 {
				t.Helper()
				return d.storyWithTags(t, title, tags...)
			}
			main := story("Bão số 5 đổ bộ", "Bão số 5")
			for _, title := range []string{"Tin bão 1", "Tin bão 2", "Tin bão 3", "Tin bão 4"} {
				story(title, "Bão số 5")
			}
			pickA := story("Giá xăng giảm")
			pickB := story("Tin bão 0 cũng được chọn", "Bão số 5") // picked and sharing the tag: listed once
			a, err := d.store.Article(ctx, main)
			if err != nil {
				t.Fatal(err)
			}
			in := editorial.InputOf(a)
			in.RelatedIDs = []int64{pickA, pickB}
			if _, err := d.service.Save(ctx, chief, main, a.Revision, in); err != nil {
				t.Fatal(err)
			}
			related := func() []string {
				t.Helper()
				_, doc := get(t, d.url, d.articlePath(t, main))
				return doc.Find(".related .titles a").Map(func(_ int, a *goquery.Selection) string { return a.Text() })
			}
			got := related()
			if len(got) != 5 || got[0] != "Giá xăng giảm" || got[1] != "Tin bão 0 cũng được chọn" || slices.Contains(got[2:], "Tin bão 0 cũng được chọn") {
				t.Fatalf("Tin liên quan with picks: %q", got)
			}
			if _, err := d.service.Transition(ctx, chief, pickA, news.Unpublished, "Gỡ bài", time.Time{}); err != nil {
				t.Fatal(err)
			}
			if got := related(); slices.Contains(got, "Giá xăng giảm") || len(got) != 5 || got[0] != "Tin bão 0 cũng được chọn" {
				t.Errorf("the cached page after a pick was taken down: %q", got)
			}
			// The story can still be saved with its taken-down pick.
			a, err = d.store.Article(ctx, main)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := d.service.Save(ctx, chief, main, a.Revision, editorial.InputOf(a)); err != nil {
				t.Errorf("save with a pick taken down since: %v", err)
			}

			// The API.
			token := apiToken(t, d.signIn(t, "editor-in-chief"))
			call := func(method, path, body string) (int, map[string]any) {
				t.Helper()
				req, _ := http.NewRequest(method, d.url+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var out map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&out)
				return resp.StatusCode, out
			}
			status, got2 := call(http.MethodGet, "/api/v1/articles/"+itoa(main), "")
			if ids, _ := got2["related_ids"].([]any); status != http.StatusOK || len(ids) != 2 || ids[0] != float64(pickA) {
				t.Errorf("API related_ids: %d %v", status, got2["related_ids"])
			}
			draft, err := d.service.Create(ctx, chief, editorial.ArticleInput{Title: "Nháp", SectionID: d.section.ID})
			if err != nil {
				t.Fatal(err)
			}
			revision := int(got2["revision"].(float64))
			for _, c := range []struct{ name, body string }{
				{"unknown", `"related_ids": [999999]`},
				{"draft", `"related_ids": [` + itoa(draft.ID) + `]`},
				{"itself", `"related_ids": [` + itoa(main) + `]`},
				{"seven", `"related_ids": [1,2,3,4,5,6,7]`},
				{"not a number", `"related_ids": ["5"]`},
				{"SQL", `"related_ids": "1; DROP TABLE article_related"`},
			} {
				status, out := call(http.MethodPut, "/api/v1/articles/"+itoa(main), `{"revision": `+strconv.Itoa(revision)+`, `+c.body+`}`)
				e, _ := out["error"].(map[string]any)
				if status != http.StatusBadRequest && status != http.StatusUnprocessableEntity || e["message"] == "" || e["message"] == nil {
					t.Errorf("API %s: %d %v", c.name, status, out)
				}
			}
			if after, _ := d.store.Article(ctx, main); after.Revision != revision || len(after.RelatedIDs) != 2 {
				t.Errorf("refused API saves wrote: revision %d, picks %v", after.Revision, after.RelatedIDs)
			}
			status, created := call(http.MethodPost, "/api/v1/articles", `{"title": "Bài mới", "section_id": `+itoa(d.section.ID)+`, "related_ids": [`+itoa(pickB)+`]}`)
			if ids, _ := created["related_ids"].([]any); status != http.StatusCreated || len(ids) != 1 || ids[0] != float64(pickB) {
				t.Errorf("API create with related_ids: %d %v", status, created)
			}
		})
	}
}

// storyWithTags is a published story of the desk's section with tags.
func (d *desk) storyWithTags(t *testing.T, title string, tags ...string) int64 {
	t.Helper()
	ctx := context.Background()
	chief := news.Actor{User: d.users["editor-in-chief"]}
	a, err := d.service.Create(ctx, chief, editorial.ArticleInput{Title: title, Lead: "Sapô.", Body: "<p>Nội dung.</p>", SectionID: d.section.ID, Tags: tags})
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"submitted", "edited", "published"} {
		if _, err := d.service.Transition(ctx, chief, a.ID, statusOf(t, to), "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}
