package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/web"
)

// A topic page made in the newsroom: the form refuses bad input with a
// Vietnamese reason and writes nothing; the reader's page shows the
// pinned stories first, then the tag's, paged, with its feed, JSON-LD and
// share picture; the menu links to it; and with the page cache on, a
// story newly published with the tag, an edit and a deletion show at
// once.
func TestTopicPages(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startCachedDesk(t, src.Source)
			ctx := context.Background()
			stormTag := news.Tag{Slug: "bao-so-3", Name: "Bão số 3"}
			base := time.Now().UTC().Add(-48 * time.Hour).Truncate(time.Second)
			story := func(i int, status news.Status, tags ...news.Tag) news.Article {
				t.Helper()
				a, err := d.store.CreateArticle(ctx, news.System(), news.Article{Slug: fmt.Sprintf("bao-%d", i), Title: fmt.Sprintf("Tin bão số %d", i),
					Lead: "Sapô.", Body: "<p>Nội dung.</p>", SectionID: d.section.ID, Status: status, PublishedAt: base.Add(time.Duration(i) * time.Minute), Tags: tags})
				if err != nil {
					t.Fatal(err)
				}
				return a
			}
			var tagged []news.Article // oldest first
			for i := range web.PerPage + 2 {
				tagged = append(tagged, story(i, news.Published, stormTag))
			}
			untagged := story(100, news.Published)
			draft := story(101, news.Draft, stormTag)
			cover, err := d.store.CreateImage(ctx, news.System(), news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg",
				Width: 1200, Height: 675, Bytes: 1000, Alt: "Mưa lớn ở Hà Tĩnh"})
			if err != nil {
				t.Fatal(err)
			}

			managing := d.signIn(t, "managing-editor")
			_, form := managing.get("/toasoan/dong-su-kien/moi")
			if form.Find(`form.nr-form input[name="csrf"]`).Length() != 1 || form.Find(`[data-image-picker] input[name="cover_image_id"]`).Length() != 1 {
				t.Fatal("the form lacks its CSRF field or the photo picker")
			}
			good := url.Values{"title": {norm.NFD.String("Bão số 3 đổ bộ")}, "intro": {"Diễn biến <script>alert(1)</script> cơn bão.\n\nCập nhật liên tục."},
				"cover_image_id": {itoa(cover.ID)}, "tag": {"Bão số 3"}, "active": {"1"}, "menu": {"1"},
				"pins": {itoa(untagged.ID) + "\n" + d.url + tagged[2].Path() + "\n"}}
			with := func(field, value string) url.Values {
				v := cloneForm(good)
				v.Set(field, value)
				return v
			}
			tooMany := make([]string, 11)
			for i := range tooMany {
				tooMany[i] = itoa(tagged[i].ID)
			}
			for _, c := range []struct {
				name   string
				form   url.Values
				status int
				says   string
			}{
				{"empty title", with("title", "  "), http.StatusBadRequest, "Vui lòng nhập tên"},
				{"route slug", with("slug", "rss"), http.StatusBadRequest, "trùng với một trang của hệ thống"},
				{"draft pin", with("pins", itoa(draft.ID)), http.StatusBadRequest, "chưa đăng"},
				{"unknown pin", with("pins", "999999"), http.StatusBadRequest, "Không có bài số 999999"},
				{"unreadable pin", with("pins", "bài hay"), http.StatusBadRequest, "Không hiểu dòng"},
				{"eleven pins", with("pins", strings.Join(tooMany, "\n")), http.StatusBadRequest, "tối đa 10"},
				{"unknown cover", with("cover_image_id", "999999"), http.StatusBadRequest, "không có trong thư viện"},
				{"unknown tag", with("tag", "Không có thẻ này"), http.StatusBadRequest, "Chưa có thẻ"},
				{"forged", with("csrf", "gia-mao"), http.StatusForbidden, ""},
			} {
				resp, doc := managing.post("/toasoan/dong-su-kien", c.form)
				if resp.StatusCode != c.status || !strings.Contains(doc.Text(), c.says) {
					t.Errorf("%s: %d %q, want %d saying %q", c.name, resp.StatusCode, strings.TrimSpace(doc.Find(".nr-error").Text()), c.status, c.says)
				}
				if c.status == http.StatusBadRequest && doc.Find(`input[name="title"]`).AttrOr("value", "") != c.form.Get("title") {
					t.Errorf("%s: the form was not shown again as typed", c.name)
				}
			}
			if resp, _ := d.signIn(t, "editor").post("/toasoan/dong-su-kien", good); resp.StatusCode != http.StatusForbidden {
				t.Errorf("an editor made a topic: %d", resp.StatusCode)
			}
			if topics, _ := d.store.Topics(ctx); len(topics) != 0 {
				t.Fatalf("a refused form wrote a topic: %+v", topics)
			}

			resp, _ := managing.post("/toasoan/dong-su-kien", good)
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/dong-su-kien?ok=luu" {
				t.Fatalf("create: %d %q", resp.StatusCode, resp.Header.Get("Location"))
			}
			topic, err := d.store.TopicBySlug(ctx, "bao-so-3-do-bo")
			if err != nil || topic.Title != "Bão số 3 đổ bộ" || !slices.Equal(topic.PinnedIDs, []int64{untagged.ID, tagged[2].ID}) || !topic.InMenu {
				t.Fatalf("stored: %+v %v", topic, err)
			}
			if resp, _ := managing.post("/toasoan/dong-su-kien", with("slug", "bao-so-3-do-bo")); resp.StatusCode != http.StatusConflict {
				t.Errorf("a taken slug: %d", resp.StatusCode)
			}
			_, list := managing.get("/toasoan/dong-su-kien")
			if list.Find(`a[href="/toasoan/dong-su-kien/`+itoa(topic.ID)+`"]`).Text() != "Bão số 3 đổ bộ" {
				t.Error("the newsroom's list does not link to the topic")
			}
			_, edit := managing.get("/toasoan/dong-su-kien/" + itoa(topic.ID))
			if edit.Find(`input[name="tag"]`).AttrOr("value", "") != "Bão số 3" || edit.Find(`textarea[name="pins"]`).Text() != itoa(untagged.ID)+"\n"+itoa(tagged[2].ID) {
				t.Errorf("the edit form: tag %q, pins %q", edit.Find(`input[name="tag"]`).AttrOr("value", ""), edit.Find(`textarea[name="pins"]`).Text())
			}

			// The reader's page, first through the cache.
			path := topic.Path()
			check := func() *goquery.Document {
				t.Helper()
				resp, doc := get(t, d.url, path)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("GET %s: %d", path, resp.StatusCode)
				}
				return doc
			}
			titles := func(doc *goquery.Document, sel string) []string {
				return doc.Find(sel).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
			}
			doc := check()
			if got := titles(doc, ".topic-pinned .card-title a"); !slices.Equal(got, []string{untagged.Title, tagged[2].Title}) {
				t.Errorf("pinned: %q", got)
			}
			rest := titles(doc, ".topic-rest .row-title a")
			if len(rest) != web.PerPage || rest[0] != tagged[len(tagged)-1].Title || slices.Contains(rest, tagged[2].Title) || slices.Contains(rest, draft.Title) {
				t.Errorf("the rest: %q", rest)
			}
			if !strings.Contains(doc.Find(".intro").First().Text(), "<script>alert(1)</script>") || doc.Find("main script").Length() != 0 {
				t.Error("the intro is not shown as escaped plain text")
			}
			if doc.Find(".topic-cover img").Length() != 1 || doc.Find(".topic-state").Text() != "Đang diễn ra" {
				t.Error("no cover or state")
			}
			if og := doc.Find(`meta[property="og:image"]`).AttrOr("content", ""); !strings.Contains(og, "/media/ab/0123456789abcdef0123456789abcdef") {
				t.Errorf("og:image %q is not the cover", og)
			}
			feedURL := d.url + "/rss/dong-su-kien/bao-so-3-do-bo.rss"
			if doc.Find(`link[rel="alternate"][href="`+feedURL+`"]`).Length() != 1 {
				t.Error("the page does not announce its feed")
			}
			g := graphs(t, doc)["CollectionPage"]
			if g == nil || g["name"] != "Bão số 3 đổ bộ" || len(g["mainEntity"].(map[string]any)["itemListElement"].([]any)) != 2+web.PerPage {
				t.Errorf("CollectionPage: %v", g)
			}
			if _, home := get(t, d.url, "/"); home.Find(`.menu a[href="`+path+`"]`).Text() != "Bão số 3 đổ bộ" {
				t.Error("the menu does not link to the topic")
			}
			_, page2 := get(t, d.url, path+"?trang=2")
			if got := titles(page2, ".topic-rest .row-title a"); len(got) != len(tagged)-1-web.PerPage || page2.Find(".topic-pinned").Length() != 0 {
				t.Errorf("page 2: %q, pinned shown %v", got, page2.Find(".topic-pinned").Length() != 0)
			}
			if resp, _ := get(t, d.url, path+"?trang=9"); resp.StatusCode != http.StatusNotFound {
				t.Errorf("page 9: %d", resp.StatusCode)
			}

			var rss feedDoc
			raw := fetchXML(t, d.url, "/rss/dong-su-kien/bao-so-3-do-bo.rss", rssType, &rss)
			xmllintWellFormed(t, raw)
			if rss.Channel.Title != "Báo Hà Tĩnh - Dòng sự kiện: Bão số 3 đổ bộ" && !strings.HasSuffix(rss.Channel.Title, "Dòng sự kiện: Bão số 3 đổ bộ") {
				t.Errorf("feed title %q", rss.Channel.Title)
			}
			if links := rss.links(d.url); len(links) != len(tagged)+1 || !slices.Contains(links, untagged.Path()) {
				t.Errorf("feed items %q", links)
			}
			_, index := get(t, d.url, "/dong-su-kien/")
			if index.Find(`.topic-list a[href="`+path+`"]`).Length() != 1 {
				t.Error("the list of topics does not link to it")
			}
			var sitemap struct {
				URLs []struct {
					Loc string `xml:"loc"`
				} `xml:"url"`
			}
			fetchXML(t, d.url, "/sitemap/sections.xml", "application/xml; charset=utf-8", &sitemap)
			if !slices.ContainsFunc(sitemap.URLs, func(u struct {
				Loc string `xml:"loc"`
			}) bool {
				return u.Loc == d.url+path
			}) {
				t.Error("the sitemap does not list the topic")
			}

			// A story published with the tag joins the cached page.
			fresh := story(200, news.Published, stormTag)
			if got := titles(check(), ".topic-rest .row-title a"); len(got) == 0 || got[0] != fresh.Title {
				t.Errorf("a new story with the tag is missing: %q", got)
			}
			// An edit in the newsroom: pins reordered, out of the menu, ended.
			edited := cloneForm(good)
			edited.Set("pins", itoa(tagged[2].ID))
			edited.Del("menu")
			edited.Del("active")
			if resp, _ := managing.post("/toasoan/dong-su-kien/"+itoa(topic.ID), edited); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit: %d", resp.StatusCode)
			}
			doc = check()
			if got := titles(doc, ".topic-pinned .card-title a"); !slices.Equal(got, []string{tagged[2].Title}) || doc.Find(".topic-state").Text() != "Đã kết thúc" {
				t.Errorf("after the edit: pinned %q, state %q", got, doc.Find(".topic-state").Text())
			}
			if _, home := get(t, d.url, "/"); home.Find(`.menu a[href="`+path+`"]`).Length() != 0 {
				t.Error("the menu still links to a topic taken out of it")
			}
			if _, index := get(t, d.url, "/dong-su-kien/"); index.Find(`a[href="`+path+`"]`).Length() != 0 {
				t.Error("an ended topic is still listed as going on")
			}
			// Deleted: the cached page goes.
			if resp, _ := managing.post("/toasoan/dong-su-kien/"+itoa(topic.ID)+"/xoa", nil); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: %d", resp.StatusCode)
			}
			if resp, _ := get(t, d.url, path); resp.StatusCode != http.StatusNotFound {
				t.Errorf("a deleted topic answers %d", resp.StatusCode)
			}
		})
	}
}
