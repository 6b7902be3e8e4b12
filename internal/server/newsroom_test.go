package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// createArticle posts the new-article form and returns the article's id.
func createArticle(t *testing.T, b *browser, form url.Values) int64 {
	t.Helper()
	resp, doc := b.post("/toasoan/bai-viet", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("create answered %d: %s", resp.StatusCode, errorText(doc))
	}
	loc := strings.TrimPrefix(resp.Header.Get("Location"), "/toasoan/bai-viet/")
	id, err := strconv.ParseInt(strings.TrimSuffix(loc, "?ok=luu"), 10, 64)
	if err != nil {
		t.Fatalf("create redirected to %q", resp.Header.Get("Location"))
	}
	return id
}

// openForm opens the editor page and returns its form's revision.
func openForm(t *testing.T, b *browser, id int64) string {
	t.Helper()
	resp, doc := b.get("/toasoan/bai-viet/" + itoa(id))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("editor page answered %d", resp.StatusCode)
	}
	rev, ok := doc.Find(`input[name="revision"]`).Attr("value")
	if !ok {
		t.Fatal("editor page has no revision field")
	}
	return rev
}

func move(t *testing.T, b *browser, id int64, to string, extra url.Values) (int, string) {
	t.Helper()
	form := url.Values{"to": {to}}
	for k, v := range extra {
		form[k] = v
	}
	resp, doc := b.post("/toasoan/bai-viet/"+itoa(id)+"/chuyen", form)
	return resp.StatusCode, errorText(doc) + text(doc, ".error-page h1 + p")
}

func TestSignIn(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.browser(t)
		resp, _ := b.get("/toasoan/")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/toasoan/dang-nhap") {
			t.Fatalf("newsroom without a session answered %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		email := d.users["editor"].Email
		resp, doc := b.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {"sai mật khẩu rồi"}})
		if resp.StatusCode != http.StatusUnauthorized || errorText(doc) != "Email hoặc mật khẩu không đúng." {
			t.Fatalf("wrong password: %d %q", resp.StatusCode, errorText(doc))
		}
		resp, doc = b.post("/toasoan/dang-nhap", url.Values{"email": {"khong-co@bao.vn"}, "password": {"x"}})
		if resp.StatusCode != http.StatusUnauthorized || errorText(doc) != "Email hoặc mật khẩu không đúng." {
			t.Fatalf("unknown account told apart: %d %q", resp.StatusCode, errorText(doc))
		}
		// A decomposed (NFD) password from a Mac keyboard is the same password.
		resp, _ = b.post("/toasoan/dang-nhap", url.Values{"email": {strings.ToUpper(email)}, "password": {norm.NFD.String(d.password)}, "tiep": {"/toasoan/anh"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/anh" {
			t.Fatalf("right password answered %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, doc = b.get("/toasoan/")
		if resp.StatusCode != 200 || text(doc, ".nr-who") != d.users["editor"].Name {
			t.Fatalf("dashboard after sign-in: %d %q", resp.StatusCode, text(doc, ".nr-who"))
		}
		evil := d.browser(t)
		resp, _ = evil.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {d.password}, "tiep": {"https://lua-dao.example/"}})
		if resp.Header.Get("Location") != "/toasoan/" {
			t.Fatalf("sign-in redirected off the site: %q", resp.Header.Get("Location"))
		}
	})
}

// The sign-in policy (README): guessing from one address stops after five
// wrong passwords for an account, without locking the account's owner
// out; guessing spread over many addresses is slowed by growing delays.
func TestSignInRateLimit(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		guesser := d.browser(t)
		guesser.from = "203.0.113.66"
		email := d.users["reporter"].Email
		statuses := map[int]int{}
		for range 30 {
			resp, _ := guesser.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {"đoán mò mật khẩu"}})
			statuses[resp.StatusCode]++
		}
		if statuses[http.StatusUnauthorized] != 5 || statuses[http.StatusTooManyRequests] != 25 {
			t.Fatalf("30 guesses from one address answered %v, want 5 × 401 then 429", statuses)
		}
		resp, doc := guesser.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {d.password}})
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(errorText(doc), "quá nhiều lần") {
			t.Fatalf("the right password from the guessing address answered %d %q", resp.StatusCode, errorText(doc))
		}
		owner := d.browser(t)
		owner.from = "198.51.100.20"
		resp, _ = owner.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {d.password}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the owner from another address answered %d, want signed in", resp.StatusCode)
		}
		log, _ := d.store.AuditLog(context.Background(), store.AuditFilter{})
		counts := map[string]int{}
		for _, e := range log {
			if e.Detail == email && strings.HasPrefix(e.Action, "session.login_") {
				counts[e.Action]++
				if e.IP != "203.0.113.66" {
					t.Errorf("%s recorded from %q, want the forwarded address", e.Action, e.IP)
				}
			}
		}
		if counts["session.login_failed"] != 5 || counts["session.login_blocked"] != 26 {
			t.Errorf("audit log counts %v, want 5 failed and 26 blocked", counts)
		}

		// Guesses spread over many addresses: after ten failures each next
		// try waits a little longer; the owner waits, but gets in.
		editor := d.users["editor"].Email
		for i := range 10 {
			b := d.browser(t)
			b.from = "192.0.2." + strconv.Itoa(10+i)
			if resp, _ := b.post("/toasoan/dang-nhap", url.Values{"email": {editor}, "password": {"sai"}}); resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("guess %d from its own address: %d", i+1, resp.StatusCode)
			}
		}
		owner = d.browser(t)
		owner.from = "198.51.100.30"
		resp, doc = owner.post("/toasoan/dang-nhap", url.Values{"email": {editor}, "password": {d.password}})
		if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(errorText(doc), "chờ 2 giây") {
			t.Fatalf("right after ten spread guesses: %d %q, want a wait of a second or two", resp.StatusCode, errorText(doc))
		}
		d.clock.advance(2 * time.Second)
		if resp, _ := owner.post("/toasoan/dang-nhap", url.Values{"email": {editor}, "password": {d.password}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the owner after the wait: %d", resp.StatusCode)
		}
	})
}

func TestForgedRequests(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "reporter")
		id := createArticle(t, b, articleForm(d.section.ID, "Bài gốc"))
		rev := openForm(t, b, id)
		form := articleForm(d.section.ID, "Bài bị sửa trộm")
		form.Set("revision", rev)
		for name, token := range map[string]string{"no token": "", "wrong token": "gia-mao"} {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set("csrf", token)
			resp, doc := b.post("/toasoan/bai-viet/"+itoa(id), f)
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(text(doc, ".error-page h1 + p"), "chống giả mạo") {
				t.Errorf("%s: %d %q", name, resp.StatusCode, text(doc, ".error-page h1 + p"))
			}
		}
		req, _ := http.NewRequest(http.MethodPost, d.url+"/toasoan/bai-viet/"+itoa(id), strings.NewReader(url.Values{"csrf": {b.csrf}, "title": {"x"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		req.Header.Set("Origin", "https://lua-dao.example")
		if resp, _ := b.do(req); resp.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site post answered %d", resp.StatusCode)
		}
		a, _ := d.store.Article(context.Background(), id)
		if a.Title != "Bài gốc" || a.Revision != 1 {
			t.Fatalf("a forged request changed the article: %q rev %d", a.Title, a.Revision)
		}
		anon := d.browser(t)
		if resp, _ := anon.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("post without a session answered %d", resp.StatusCode)
		}
	})
}

// TestWorkflowThroughForms walks one article from the reporter to the
// reader, through the newsroom's forms, with the scheduler publishing it.
func TestWorkflowThroughForms(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		reporter := d.signIn(t, "reporter")
		id := createArticle(t, reporter, articleForm(d.section.ID, "Cầu mới qua sông Ngàn Phố"))
		if code, msg := move(t, reporter, id, "published", nil); code != http.StatusForbidden {
			t.Fatalf("reporter publishing: %d %q", code, msg)
		}
		if code, msg := move(t, reporter, id, "submitted", nil); code != http.StatusSeeOther {
			t.Fatalf("reporter submitting: %d %q", code, msg)
		}
		editor := d.signIn(t, "editor")
		rev := openForm(t, editor, id)
		form := articleForm(d.section.ID, "Cầu mới qua sông Ngàn Phố đón xe từ tháng Một")
		form.Set("revision", rev)
		if resp, doc := editor.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("editor saving: %d %q", resp.StatusCode, errorText(doc))
		}
		if code, msg := move(t, editor, id, "edited", nil); code != http.StatusSeeOther {
			t.Fatalf("editor passing on: %d %q", code, msg)
		}
		if code, _ := move(t, editor, id, "approved", nil); code != http.StatusForbidden {
			t.Fatalf("editor approving: %d", code)
		}
		managing := d.signIn(t, "managing-editor")
		site, _ := d.store.Site(ctx)
		at := d.clock.now().Add(2 * time.Hour).In(site.Location).Format("2006-01-02T15:04")
		if code, msg := move(t, managing, id, "approved", nil); code != http.StatusSeeOther {
			t.Fatalf("approving: %d %q", code, msg)
		}
		if code, msg := move(t, managing, id, "scheduled", url.Values{"at": {"2020-01-01T08:00"}}); code != http.StatusBadRequest || !strings.Contains(msg, "tương lai") {
			t.Fatalf("scheduling in the past: %d %q", code, msg)
		}
		if code, msg := move(t, managing, id, "scheduled", url.Values{"at": {at}}); code != http.StatusSeeOther {
			t.Fatalf("scheduling: %d %q", code, msg)
		}
		a, _ := d.store.Article(ctx, id)
		if resp, _ := d.browser(t).get(a.Path()); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("scheduled article already public: %d", resp.StatusCode)
		}
		d.clock.advance(2*time.Hour + time.Minute)
		if ids, err := d.service.PublishDue(ctx); err != nil || len(ids) != 1 {
			t.Fatalf("PublishDue = %v, %v", ids, err)
		}
		resp, doc := d.browser(t).get(a.Path())
		if resp.StatusCode != http.StatusOK || text(doc, "h1") != "Cầu mới qua sông Ngàn Phố đón xe từ tháng Một" {
			t.Fatalf("published article: %d %q", resp.StatusCode, text(doc, "h1"))
		}
		_, doc = managing.get("/toasoan/bai-viet/" + itoa(id) + "/phien-ban")
		if n := doc.Find("tbody tr").Length(); n != 7 {
			t.Errorf("%d revisions, want 7 (create, submit, save, edited, approved, scheduled, published)", n)
		}
		chief := d.signIn(t, "editor-in-chief")
		_, doc = chief.get("/toasoan/nhat-ky?loai=article&id=" + itoa(id))
		if n := doc.Find("tbody tr").Length(); n != 7 {
			t.Errorf("%d audit entries for the article, want 7", n)
		}
		if !strings.Contains(doc.Find("tbody tr").First().Text(), "Hệ thống") {
			t.Errorf("the scheduler's publication is not in the log as the system")
		}
	})
}

// TestSaveConflict: two editors save the same article; the second is told
// and their text is kept.
func TestSaveConflict(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		reporter := d.signIn(t, "reporter")
		id := createArticle(t, reporter, articleForm(d.section.ID, "Bài chung"))
		move(t, reporter, id, "submitted", nil)
		first, second := d.signIn(t, "editor"), d.signIn(t, "managing-editor")
		rev1, rev2 := openForm(t, first, id), openForm(t, second, id)
		_, doc := second.get("/toasoan/bai-viet/" + itoa(id))
		if !strings.Contains(text(doc, ".nr-warning"), d.users["editor"].Name) {
			t.Errorf("second editor not told who is editing: %q", text(doc, ".nr-warning"))
		}
		form := articleForm(d.section.ID, "Bản của biên tập viên")
		form.Set("revision", rev1)
		if resp, _ := first.post("/toasoan/bai-viet/"+itoa(id), form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("first save: %d", resp.StatusCode)
		}
		form = articleForm(d.section.ID, "Bản của thư ký tòa soạn")
		form.Set("body", "<p>Đoạn văn thư ký viết lại, không được mất.</p>")
		form.Set("revision", rev2)
		resp, doc := second.post("/toasoan/bai-viet/"+itoa(id), form)
		if resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(doc), "không bị mất") {
			t.Fatalf("second save: %d %q", resp.StatusCode, errorText(doc))
		}
		if got := doc.Find("#title").AttrOr("value", ""); got != "Bản của thư ký tòa soạn" {
			t.Errorf("the form lost the second editor's title: %q", got)
		}
		if !strings.Contains(doc.Find("#body").Text(), "không được mất") {
			t.Error("the form lost the second editor's body")
		}
		a, _ := d.store.Article(context.Background(), id)
		if a.Title != "Bản của biên tập viên" {
			t.Fatalf("the stale save overwrote: %q", a.Title)
		}
		revs, _ := d.store.Revisions(context.Background(), id)
		if revs[0].Kind != news.RevisionConflict || !strings.Contains(revs[0].Body, "không được mất") {
			t.Fatalf("refused text not kept: %+v", revs[0])
		}
		compare := doc.Find(`a[href*="so-sanh"]`).AttrOr("href", "")
		if resp, doc := second.get(compare); resp.StatusCode != 200 || doc.Find("ins, del").Length() == 0 {
			t.Errorf("comparing the kept text: %d, %d marks", resp.StatusCode, doc.Find("ins, del").Length())
		}
	})
}

func TestNewsroomRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		reporter := d.signIn(t, "reporter")
		for _, path := range []string{"/toasoan/nguoi-dung", "/toasoan/chuyen-muc", "/toasoan/nhat-ky", "/toasoan/trang-chu"} {
			if resp, _ := reporter.get(path); resp.StatusCode != http.StatusForbidden {
				t.Errorf("reporter GET %s: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := reporter.post("/toasoan/nguoi-dung", url.Values{"name": {"Kẻ gian"}, "email": {"x@y.vn"}, "roles": {"admin"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reporter creating an admin: %d", resp.StatusCode)
		}
		moderator := d.signIn(t, "moderator")
		if resp, _ := moderator.get("/toasoan/bai-viet/moi"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("moderator opening the editor: %d", resp.StatusCode)
		}
		// An editor restricted to Thời sự cannot take copy of Thể thao.
		id := createArticle(t, reporter, articleForm(d.other.ID, "Tin thể thao"))
		move(t, reporter, id, "submitted", nil)
		editor := d.signIn(t, "editor")
		if code, msg := move(t, editor, id, "edited", nil); code != http.StatusForbidden || !strings.Contains(msg, "không có quyền") {
			t.Errorf("editor outside their section: %d %q", code, msg)
		}
		// Returning copy needs a note for the author.
		managing := d.signIn(t, "managing-editor")
		if code, msg := move(t, managing, id, "draft", nil); code != http.StatusBadRequest || !strings.Contains(msg, "lý do") {
			t.Errorf("returning without a note: %d %q", code, msg)
		}
		if code, _ := move(t, managing, id, "draft", url.Values{"note": {"Cần thêm ý kiến người dân."}}); code != http.StatusSeeOther {
			t.Errorf("returning with a note: %d", code)
		}
		if code, _ := move(t, managing, id, "khong-co", nil); code != http.StatusBadRequest {
			t.Errorf("unknown state: %d", code)
		}
		if resp, _ := managing.get("/toasoan/bai-viet/999999"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown article: %d", resp.StatusCode)
		}
	})
}

func TestArticleFormInput(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "reporter")
		form := articleForm(d.section.ID, "")
		form.Set("body", "<p>Bài chưa có tiêu đề nhưng không được mất nội dung.</p>")
		resp, doc := b.post("/toasoan/bai-viet", form)
		if resp.StatusCode != http.StatusBadRequest || errorText(doc) != "Vui lòng nhập tiêu đề bài viết" {
			t.Fatalf("empty title: %d %q", resp.StatusCode, errorText(doc))
		}
		if !strings.Contains(doc.Find("#body").Text(), "không được mất nội dung") {
			t.Error("the refused form lost the body")
		}
		form = articleForm(9999, "Chuyên mục giả")
		if resp, doc := b.post("/toasoan/bai-viet", form); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("unknown section: %d %q", resp.StatusCode, errorText(doc))
		}
		form = articleForm(d.section.ID, "x")
		form.Set("body", strings.Repeat("a", 3<<20))
		if resp, _ := b.post("/toasoan/bai-viet", form); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("3 MB form: %d", resp.StatusCode)
		}
		form = articleForm(d.section.ID, norm.NFD.String("Đường tỉnh 8 được nâng cấp"))
		form.Set("body", `<p>Đoạn <a href="javascript:alert(1)">độc</a><script>alert(2)</script><img src=x onerror="alert(3)"></p>`)
		form.Set("tags", "<b>Giao thông</b>, "+norm.NFD.String("Hà Tĩnh"))
		id := createArticle(t, b, form)
		a, err := d.store.Article(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if a.Title != "Đường tỉnh 8 được nâng cấp" || a.Slug != "duong-tinh-8-duoc-nang-cap" {
			t.Errorf("NFD title stored as %q, slug %q", a.Title, a.Slug)
		}
		for _, bad := range []string{"javascript", "script", "onerror"} {
			if strings.Contains(a.Body, bad) {
				t.Errorf("body kept %q: %s", bad, a.Body)
			}
		}
		if count := len(d.mustArticles(t)); count != 1 {
			t.Errorf("%d articles after one valid and three refused forms", count)
		}
	})
}

func (d *desk) mustArticles(t *testing.T) []news.Article {
	t.Helper()
	as, err := d.store.PublishedArticles(context.Background(), store.ArticleFilter{AllStatuses: true})
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestSignOutEverywhere(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		laptop, phone := d.signIn(t, "editor"), d.signIn(t, "editor")
		if resp, _ := laptop.post("/toasoan/dang-xuat-tat-ca", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("sign out everywhere: %d", resp.StatusCode)
		}
		for name, b := range map[string]*browser{"laptop": laptop, "phone": phone} {
			if resp, _ := b.get("/toasoan/"); resp.StatusCode != http.StatusSeeOther {
				t.Errorf("%s still signed in: %d", name, resp.StatusCode)
			}
		}
	})
}
