package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/api"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/newsroom"
)

// Every newsroom route and every API route, called by nobody and by each
// role, answers as news.Permissions' table says: no session or token is
// sent to sign in (303) or refused (401); a member without the route's
// permission is refused (403); a member with it gets past the guard
// (whatever the handler then makes of an empty form).
func TestEveryRouteEveryRole(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		article := d.publishedArticle(t, "Bài để kiểm tra quyền")
		c, err := d.store.CreateComment(ctx, news.Comment{ArticleID: article, Name: "Lan", Body: "Bài viết rất hay.", Status: news.CommentPending})
		if err != nil {
			t.Fatal(err)
		}
		popup, err := d.store.SavePopup(ctx, news.System(), news.Popup{Title: "Thông báo", StartsAt: d.clock.now(), EndsAt: d.clock.now().Add(time.Hour),
			Pages: news.PopupAllPages, Frequency: news.PopupOnce})
		if err != nil {
			t.Fatal(err)
		}
		page, err := d.store.SavePage(ctx, news.System(), news.Page{Slug: "gioi-thieu", Title: "Giới thiệu", ShowInFooter: true})
		if err != nil {
			t.Fatal(err)
		}
		topic, err := d.store.SaveTopic(ctx, news.System(), news.Topic{Slug: "bao-so-3", Title: "Bão số 3", PinnedIDs: []int64{article}})
		if err != nil {
			t.Fatal(err)
		}
		moved, _, err := d.store.SaveRedirect(ctx, news.System(), news.Redirect{From: "/cu.htm", Status: news.Gone, Origin: news.FromNewsroom})
		if err != nil {
			t.Fatal(err)
		}
		ids := map[string]string{"/toasoan/bai-viet/": itoa(article), "/toasoan/binh-luan/": itoa(c.ID), "/toasoan/thong-bao/": itoa(popup),
			"/toasoan/thoi-tiet/": "1", "/toasoan/anh/": "1", "/toasoan/tai-khoan/khoa-api/": "999999", "/api/v1/articles/": itoa(article),
			"/api/v1/comments/": itoa(c.ID), "/toasoan/tac-gia/": itoa(d.users["reporter"].AuthorID), "/toasoan/nguoi-dung/": "999999",
			"/toasoan/trang/": itoa(page.ID), "/api/v1/pages/": itoa(page.ID)}
		ids["/toasoan/chuyen-huong/"] = itoa(moved.ID)
		ids["/toasoan/dong-su-kien/"], ids["/api/v1/topics/"] = itoa(topic.ID), itoa(topic.ID)
		programme, err := d.store.SaveProgramme(ctx, news.System(), news.Programme{Slug: "thoi-su", Title: "Thời sự", Category: "News", Language: "vi"})
		if err != nil {
			t.Fatal(err)
		}
		ids["/toasoan/phat-thanh/"], ids["/api/v1/programmes/"] = itoa(programme.ID), itoa(programme.ID)
		if _, err := d.service.SetLive(ctx, news.System(), article, true); err != nil {
			t.Fatal(err)
		}
		entry, err := d.service.AddLiveEntry(ctx, news.System(), article, "<p>Diễn biến để kiểm tra quyền.</p>")
		if err != nil {
			t.Fatal(err)
		}
		concrete := func(pattern string) (method, path string) {
			method, path, _ = strings.Cut(pattern, " ")
			path = strings.ReplaceAll(path, "{$}", "")
			path = strings.ReplaceAll(path, "{revision}", "1")
			path = strings.ReplaceAll(path, "{entry}", itoa(entry.ID))
			for prefix, id := range ids {
				if strings.HasPrefix(path, prefix+"{id}") {
					path = strings.Replace(path, "{id}", id, 1)
				}
			}
			return method, path
		}
		nobody := d.browser(t)
		browsers := map[news.Role]*browser{}
		tokens := map[news.Role]string{}
		for _, r := range news.Roles() {
			browsers[r] = d.signIn(t, string(r))
			tokens[r] = apiToken(t, browsers[r])
		}
		checked := 0
		for _, rt := range newsroom.Routes() {
			method, path := concrete(rt.Pattern)
			if strings.HasPrefix(path, "/toasoan/dang-xuat") {
				continue // signing out is checked by TestSignOutEverywhere; here it would end the sessions
			}
			send := func(b *browser) int {
				switch method {
				case http.MethodGet:
					resp, _ := b.get(path)
					return resp.StatusCode
				case http.MethodPost:
					resp, _ := b.post(path, nil)
					return resp.StatusCode
				}
				req, _ := http.NewRequest(method, b.base+path, nil) // the resumable uploads' HEAD, PATCH, DELETE
				req.Header.Set("X-CSRF-Token", b.csrf)
				resp, _ := b.do(req)
				return resp.StatusCode
			}
			want := http.StatusUnauthorized
			if method == http.MethodGet {
				want = http.StatusSeeOther
			}
			if got := send(nobody); got != want {
				t.Errorf("nobody %s %s: %d, want %d", method, path, got, want)
			}
			for _, r := range news.Roles() {
				got := send(browsers[r])
				holds := rt.Permission == "" || news.Can(d.users[string(r)], rt.Permission)
				checked++
				if !holds && got != http.StatusForbidden || holds && (got == http.StatusForbidden && rt.Permission != "" || got == http.StatusUnauthorized) {
					t.Errorf("%s %s %s: %d (permission %q held: %v)", r, method, path, got, rt.Permission, holds)
				}
			}
		}
		for _, rt := range api.Routes() {
			method, path := concrete(rt.Method + " " + rt.Path)
			call := func(token string) int {
				req, _ := http.NewRequest(method, d.url+path, strings.NewReader("{}"))
				req.Header.Set("Content-Type", "application/json")
				if token != "" {
					req.Header.Set("Authorization", "Bearer "+token)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				_ = resp.Body.Close()
				return resp.StatusCode
			}
			if got := call(""); (rt.Who == api.Public) == (got == http.StatusUnauthorized) {
				t.Errorf("nobody %s %s: %d", method, path, got)
			}
			for _, r := range news.Roles() {
				got := call(tokens[r])
				holds := rt.Who == api.Public || rt.Who == api.Member || news.Can(d.users[string(r)], rt.Who)
				checked++
				if !holds && got != http.StatusForbidden || holds && (got == http.StatusUnauthorized || got == http.StatusForbidden && rt.Who != api.Member) {
					t.Errorf("%s %s %s: %d (%q held: %v)", r, method, path, got, rt.Who, holds)
				}
			}
		}
		t.Logf("%d route × role checks", checked)
	})
}
