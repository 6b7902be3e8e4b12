package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// Behind a trusted proxy every reader has their own address, so the
// comment limit (10 per address in 10 minutes) is each reader's; without
// the proxy trusted, a forged X-Forwarded-For changes nothing and the
// readers share the proxy's address.
func TestReadersBehindAProxy(t *testing.T) {
	t.Parallel()
	for name, proxies := range map[string]string{"trusted": "127.0.0.1, ::1", "not trusted": ""} {
		for _, src := range storetest.Sources(t) {
			t.Run(name+"/"+src.Name, func(t *testing.T) {
				t.Parallel()
				d := startDeskBehind(t, src.Source, proxies)
				id := d.publishedArticle(t, "Đường về xã Thạch Lạc")
				accepted, limited := 0, 0
				for i := range 12 {
					reader := d.browser(t)
					reader.from = fmt.Sprintf("198.51.100.%d", 10+i)
					resp, _ := postComment(t, reader, id, url.Values{"name": {"Bạn đọc"},
						"body": {fmt.Sprintf("Con đường mới rất đẹp, cảm ơn báo lần thứ %d.", i+1)}})
					switch resp.StatusCode {
					case http.StatusAccepted:
						accepted++
					case http.StatusTooManyRequests:
						limited++
					default:
						t.Fatalf("comment %d: %d", i+1, resp.StatusCode)
					}
				}
				list, err := d.store.Comments(context.Background(), store.CommentFilter{Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				addresses := map[string]bool{}
				for _, c := range list {
					addresses[c.AddressHash] = true
				}
				want := map[string][3]int{"trusted": {12, 0, 12}, "not trusted": {10, 2, 1}}[name]
				if accepted != want[0] || limited != want[1] || len(addresses) != want[2] {
					t.Errorf("%d accepted, %d limited, %d addresses; want %v", accepted, limited, len(addresses), want)
				}
			})
		}
	}
}

// A moderator or an administrator opens no unpublished copy in the
// newsroom: not the editor, the revisions, the comparison or the
// preview; another reporter neither. The same rule as the API's.
func TestUnpublishedCopyIsForItsPeople(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		reporter := d.signIn(t, "reporter")
		id := createArticle(t, reporter, articleForm(d.section.ID, "Bản nháp chưa gửi"))
		paths := []string{"/toasoan/bai-viet/%d", "/toasoan/bai-viet/%d/phien-ban", "/toasoan/bai-viet/%d/so-sanh?tu=1&den=0", "/toasoan/bai-viet/%d/xem-truoc"}
		for _, role := range []string{"moderator", "admin", "editor"} {
			b := d.signIn(t, role)
			for _, p := range paths {
				if resp, doc := b.get(fmt.Sprintf(p, id)); resp.StatusCode != http.StatusForbidden || text(doc, "h1") == "Bản nháp chưa gửi" {
					t.Errorf("%s GET %s of a draft: %d", role, fmt.Sprintf(p, id), resp.StatusCode)
				}
			}
		}
		for _, p := range paths {
			if resp, _ := reporter.get(fmt.Sprintf(p, id)); resp.StatusCode != http.StatusOK {
				t.Errorf("its reporter GET %s: %d", fmt.Sprintf(p, id), resp.StatusCode)
			}
		}
		move(t, reporter, id, "submitted", nil)
		editor := d.signIn(t, "editor") // of the article's section
		if resp, _ := editor.get(fmt.Sprintf(paths[0], id)); resp.StatusCode != http.StatusOK {
			t.Errorf("the section's editor once submitted: %d", resp.StatusCode)
		}
		moderator := d.signIn(t, "moderator")
		if resp, _ := moderator.get(fmt.Sprintf(paths[3], id)); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a moderator previewing submitted copy: %d", resp.StatusCode)
		}
		if _, doc := moderator.get("/toasoan/"); doc.Find(`a[href="/toasoan/bai-viet/`+itoa(id)+`"]`).Length() != 0 {
			t.Error("the moderator's desk lists the unpublished story")
		}
	})
}

// apiToken makes an API token on b's account page and returns it.
func apiToken(t *testing.T, b *browser) string {
	t.Helper()
	resp, doc := b.post("/toasoan/tai-khoan/khoa-api", url.Values{"name": {"Kịch bản"}})
	token := doc.Find(".nr-warning code.nr-secret").Text()
	if resp.StatusCode != http.StatusOK || token == "" {
		t.Fatalf("new token: %d %q", resp.StatusCode, token)
	}
	return token
}

// apiStatus is the status of an API call with token.
func apiStatus(t *testing.T, d *desk, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, d.url+"/api/v1/sections", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	return resp.StatusCode
}

// A new password, a new second factor or a disabled account ends the
// member's other sessions and revokes their API tokens; the browser that
// made the change stays signed in.
func TestCredentialsFollowTheAccount(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		signedIn := func(b *browser) bool {
			resp, _ := b.get("/toasoan/")
			return resp.StatusCode == http.StatusOK
		}
		laptop, phone := d.signIn(t, "editor"), d.signIn(t, "editor")
		token := apiToken(t, laptop)
		if apiStatus(t, d, token) != http.StatusOK {
			t.Fatal("a new token does not work")
		}
		newPassword := "mật khẩu mới của biên tập viên"
		resp, doc := laptop.post("/toasoan/tai-khoan/mat-khau", url.Values{"current": {d.password}, "new": {newPassword}, "confirm": {newPassword}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("changing the password: %d %q", resp.StatusCode, errorText(doc))
		}
		if !signedIn(laptop) || signedIn(phone) || apiStatus(t, d, token) != http.StatusUnauthorized {
			t.Fatalf("after a new password: laptop %v, phone %v, token %d", signedIn(laptop), signedIn(phone), apiStatus(t, d, token))
		}
		if _, doc := laptop.get("/toasoan/tai-khoan?ok=mat-khau"); !strings.Contains(text(doc, ".nr-notice, [role=status]"), "khóa API") {
			t.Errorf("the account page does not say what ended: %q", text(doc, "main"))
		}

		token = apiToken(t, laptop)
		_, doc = laptop.get("/toasoan/tai-khoan")
		secret := doc.Find(`input[name="secret"]`).AttrOr("value", "")
		code, _ := auth.TOTPCode(secret, d.clock.now())
		if resp, _ := laptop.post("/toasoan/tai-khoan/hai-buoc", url.Values{"secret": {secret}, "code": {code}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("turning on two-factor: %d", resp.StatusCode)
		}
		if !signedIn(laptop) || apiStatus(t, d, token) != http.StatusUnauthorized {
			t.Fatalf("after two-factor: laptop %v, token %d", signedIn(laptop), apiStatus(t, d, token))
		}

		reporter := d.signIn(t, "reporter")
		reporterToken := apiToken(t, reporter)
		admin := d.signIn(t, "admin")
		u := d.users["reporter"]
		if resp, doc := admin.post("/toasoan/nguoi-dung", url.Values{"id": {itoa(u.ID)}, "name": {u.Name}, "roles": {"reporter"}, "disabled": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("disabling the reporter: %d %q", resp.StatusCode, errorText(doc))
		}
		if signedIn(reporter) || apiStatus(t, d, reporterToken) != http.StatusUnauthorized {
			t.Fatal("a disabled account kept its session or its token")
		}
		list, err := d.store.APITokens(context.Background(), u.ID)
		if err != nil || len(list) != 1 || list[0].Revoked.IsZero() {
			t.Fatalf("the disabled account's token is not revoked: %+v %v", list, err)
		}
	})
}

// Text that is not UTF-8 is refused with a Vietnamese 400 wherever it
// comes in (query, form, JSON, cookie), never stored with its bytes
// replaced.
func TestInvalidUTF8IsRefused(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		id := d.publishedArticle(t, "Đường về xã Thạch Lạc")
		reader := d.browser(t)
		resp, body := postComment(t, reader, id, url.Values{"name": {"Lan"}, "body": {"Bài viết rất hay \xff\xfe cảm ơn báo"}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "UTF-8") {
			t.Errorf("a comment with bad bytes: %d %q", resp.StatusCode, body)
		}
		if list, _ := d.store.Comments(context.Background(), store.CommentFilter{Limit: 10}); len(list) != 0 {
			t.Errorf("%d comments stored", len(list))
		}
		for _, path := range []string{"/tim-kiem?q=%FF%FE", "/thoi-tiet?x=%C3%28"} {
			if resp, doc := reader.get(path); resp.StatusCode != http.StatusBadRequest || !strings.Contains(text(doc, "main"), "UTF-8") {
				t.Errorf("GET %s: %d", path, resp.StatusCode)
			}
		}
		req, _ := http.NewRequest(http.MethodGet, d.url+"/", nil)
		req.Header.Set("Cookie", "toasoan_dia_phuong=\xff1")
		if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a cookie with bad bytes: %v %v", resp, err)
		} else {
			_ = resp.Body.Close()
		}
		editor := d.signIn(t, "editor")
		form := articleForm(d.section.ID, "Tiêu đề \xc3\x28 hỏng")
		if resp, _ := editor.post("/toasoan/bai-viet", form); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("an article form with bad bytes: %d", resp.StatusCode)
		}
		token := apiToken(t, editor)
		req, _ = http.NewRequest(http.MethodPost, d.url+"/api/v1/articles", strings.NewReader("{\"title\":\"Tin \xff\",\"section_id\":"+itoa(d.section.ID)+"}"))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		resp2, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp2.Body.Close()
		if resp2.StatusCode != http.StatusBadRequest {
			t.Errorf("JSON with bad bytes: %d", resp2.StatusCode)
		}
	})
}
