package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
)

// localTime is a datetime-local value in the paper's zone.
func localTime(t time.Time) string {
	return t.In(time.FixedZone("GMT+7", 7*3600)).Format("2006-01-02T15:04")
}

// popupForm is a valid announcement running from an hour ago to tomorrow.
func (d *desk) popupForm(title, pages, frequency string) url.Values {
	now := d.clock.now()
	return url.Values{"title": {title}, "body": {"Người dân không ra khơi.\n<script>alert('x')</script>"},
		"link": {"/thoi-tiet"}, "starts_at": {localTime(now.Add(-time.Hour))}, "ends_at": {localTime(now.Add(24 * time.Hour))},
		"pages": {pages}, "frequency": {frequency}}
}

func (d *desk) articlePath(t *testing.T, id int64) string {
	t.Helper()
	a, err := d.store.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a.Path()
}

func TestPopupFromTheNewsroomToReaders(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		path := d.articlePath(t, d.publishedArticle(t, "Bão số 5 vào Hà Tĩnh"))
		chief := d.signIn(t, "editor-in-chief")
		if _, doc := chief.get("/toasoan/"); doc.Find(`.nr-menu a[href="/toasoan/thong-bao"]`).Length() != 1 {
			t.Error("no menu item for announcements")
		}
		chief.get("/toasoan/thong-bao")
		resp, _ := chief.post("/toasoan/thong-bao", d.popupForm("Bão số 5 đổ bộ", "articles", "once"))
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/thong-bao?ok=thong-bao" {
			t.Fatalf("saving: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := chief.get("/toasoan/thong-bao?ok=thong-bao"); text(doc, ".nr-table tbody td a") != "Bão số 5 đổ bộ" || text(doc, ".nr-notice") != "Đã lưu thông báo." {
			t.Fatalf("list: %q %q", text(doc, ".nr-table tbody"), text(doc, ".nr-notice"))
		}

		reader := d.browser(t)
		_, doc := reader.get(path)
		dialog := doc.Find(`.slot-popup [role="dialog"][aria-modal="false"]`)
		if dialog.Length() != 1 {
			t.Fatal("no announcement on the article page")
		}
		title := doc.Find("#" + dialog.AttrOr("aria-labelledby", "-"))
		if strings.TrimSpace(title.Text()) != "Bão số 5 đổ bộ" {
			t.Fatalf("aria-labelledby names %q", title.Text())
		}
		if got := strings.Join(strings.Fields(dialog.Find("p").Text()), " "); !strings.Contains(got, "<script>alert('x')</script>") {
			t.Errorf("the text is not shown as typed: %q", got)
		}
		if dialog.Find("script").Length() != 0 || doc.Find(`script:not([src]):not([type="application/ld+json"])`).Length() != 0 || doc.Find("[style]").Length() != 0 {
			t.Fatal("script or inline style in the page")
		}
		if dialog.Find(`a[href="/thoi-tiet"]`).Length() != 1 {
			t.Error("no link")
		}
		button := dialog.Find("form.popup-close button")
		form := dialog.Find("form.popup-close")
		if button.Text() != "Tắt [X]" || form.AttrOr("method", "") != "post" || form.Find(`input[name="tiep"]`).AttrOr("value", "") != path {
			t.Fatalf("close control: %s", must(goquery.OuterHtml(form)))
		}
		if !strings.HasPrefix(doc.Find(`script[src*="popup."]`).AttrOr("src", ""), "/static/popup.") {
			t.Error("popup.js is not on the page")
		}
		if _, home := reader.get("/"); home.Find(".popup").Length() != 0 {
			t.Error("an announcement for article pages shows on the home page")
		}

		// Without JavaScript: the close button posts the form.
		resp, _ = reader.post(form.AttrOr("action", ""), url.Values{"tiep": {path}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path {
			t.Fatalf("closing: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		c := findCookie(resp, "toasoan_popup")
		if c == nil || c.Expires.Before(d.clock.now().AddDate(0, 11, 0)) || c.Path != "/" || c.SameSite != http.SameSiteLaxMode {
			t.Fatalf("cookie after closing a once-only announcement: %+v", c)
		}
		if _, doc := reader.get(path); doc.Find(".popup").Length() != 0 {
			t.Fatal("the closed announcement shows again")
		}
		if _, doc := d.browser(t).get(path); doc.Find(".popup").Length() != 1 {
			t.Fatal("closing hid it from other readers too")
		}
	})
}

func TestPopupPagesAndTimes(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		path := d.articlePath(t, d.publishedArticle(t, "Giá lúa tăng"))
		admin := d.signIn(t, "admin")
		admin.get("/toasoan/thong-bao")
		if resp, _ := admin.post("/toasoan/thong-bao", d.popupForm("Tuyển cộng tác viên", "home", "visit")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving: %d", resp.StatusCode)
		}
		reader := d.browser(t)
		if _, doc := reader.get("/"); text(doc, ".popup-title") != "Tuyển cộng tác viên" {
			t.Fatal("no announcement on the home page")
		}
		if _, doc := reader.get(path); doc.Find(".popup").Length() != 0 {
			t.Fatal("an announcement for the home page shows on articles")
		}
		resp, _ := reader.post("/thong-bao/"+popupID(t, d)+"/tat", url.Values{"tiep": {"/"}})
		if c := findCookie(resp, "toasoan_popup"); c == nil || c.Expires.After(d.clock.now().Add(3*time.Hour)) {
			t.Fatalf("an every-visit closing lasts past the visit: %+v", c)
		}
		if _, doc := reader.get("/"); doc.Find(".popup").Length() != 0 {
			t.Fatal("closed, yet shown")
		}
		d.clock.advance(2*time.Hour + time.Minute)
		if _, doc := reader.get("/"); doc.Find(".popup").Length() != 1 {
			t.Fatal("not shown again on the next visit")
		}
		d.clock.advance(23 * time.Hour)
		if _, doc := d.browser(t).get("/"); doc.Find(".popup").Length() != 0 {
			t.Fatal("shown after its end")
		}
	})
}

func popupID(t *testing.T, d *desk) string {
	t.Helper()
	list, err := d.store.Popups(context.Background())
	if err != nil || len(list) == 0 {
		t.Fatalf("no popup: %v", err)
	}
	return itoa(list[0].ID)
}

func TestPopupRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		chief := d.signIn(t, "editor-in-chief")
		chief.get("/toasoan/thong-bao")
		tests := []struct {
			name   string
			change func(f url.Values)
			status int
			want   string
		}{
			{"end before start", func(f url.Values) { f.Set("ends_at", localTime(d.clock.now().Add(-2*time.Hour))) }, 400, "kết thúc phải sau"},
			{"no title", func(f url.Values) { f.Set("title", "") }, 400, "tiêu đề"},
			{"script link", func(f url.Values) { f.Set("link", "javascript:alert(1)") }, 400, "Liên kết"},
			{"image not a number", func(f url.Values) { f.Set("image_id", "năm") }, 400, "Số ảnh"},
			{"image not in the library", func(f url.Values) { f.Set("image_id", "999999") }, 400, "không có trong thư viện"},
			{"no such pages", func(f url.Values) { f.Set("pages", "sidebar") }, 400, "trang"},
			{"id not a number", func(f url.Values) { f.Set("id", "abc") }, 400, "không hợp lệ"},
			{"missing announcement", func(f url.Values) { f.Set("id", "999999") }, 404, "Không tìm thấy"},
		}
		for _, tt := range tests {
			f := d.popupForm("<b>Tiêu đề</b>", "all", "daily")
			tt.change(f)
			resp, doc := chief.post("/toasoan/thong-bao", f)
			msg := errorText(doc)
			if msg == "" {
				msg = text(doc, "main")
			}
			if resp.StatusCode != tt.status || !strings.Contains(msg, tt.want) {
				t.Errorf("%s: %d %q", tt.name, resp.StatusCode, msg)
			}
			if tt.status == 400 && doc.Find(`#tb-title`).AttrOr("value", "") != f.Get("title") {
				t.Errorf("%s: the form lost what was typed", tt.name)
			}
		}
		if list, _ := d.store.Popups(context.Background()); len(list) != 0 {
			t.Fatalf("refused forms wrote %d announcements", len(list))
		}
		for _, path := range []string{"/toasoan/thong-bao/abc", "/toasoan/thong-bao/-1"} {
			if resp, _ := chief.get(path); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("GET %s: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := chief.post("/toasoan/thong-bao/abc/xoa", nil); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("deleting id abc: %d", resp.StatusCode)
		}
		if resp, _ := chief.post("/toasoan/thong-bao/999999/xoa", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("deleting a missing one: %d", resp.StatusCode)
		}
		reader := d.browser(t)
		for path, want := range map[string]int{"/thong-bao/abc/tat": 400, "/thong-bao/999999/tat": 404} {
			if resp, _ := reader.post(path, nil); resp.StatusCode != want || findCookie(resp, "toasoan_popup") != nil {
				t.Errorf("POST %s: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := chief.post("/toasoan/thong-bao", url.Values{"csrf": {"sai"}, "title": {"X"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("without the CSRF token: %d", resp.StatusCode)
		}
	})
}

func TestPopupEditAndDelete(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		chief := d.signIn(t, "editor-in-chief")
		chief.get("/toasoan/thong-bao")
		chief.post("/toasoan/thong-bao", d.popupForm("Bản nháp", "all", "once"))
		id := popupID(t, d)
		_, doc := chief.get("/toasoan/thong-bao/" + id)
		if doc.Find(`input[name="id"]`).AttrOr("value", "") != id || doc.Find("#tb-title").AttrOr("value", "") != "Bản nháp" ||
			doc.Find(`#tb-freq option[selected]`).AttrOr("value", "") != "once" {
			t.Fatalf("edit form: %q", text(doc, "form.nr-form"))
		}
		f := d.popupForm("Bản chính thức", "all", "daily")
		f.Set("id", id)
		if resp, _ := chief.post("/toasoan/thong-bao", f); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving the edit: %d", resp.StatusCode)
		}
		if p, _ := d.store.Popup(context.Background(), mustInt(t, id)); p.Title != "Bản chính thức" || p.Frequency != "daily" {
			t.Fatalf("after the edit: %+v", p)
		}
		if resp, _ := chief.post("/toasoan/thong-bao/"+id+"/xoa", nil); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("deleting: %d", resp.StatusCode)
		}
		if _, err := d.store.Popup(context.Background(), mustInt(t, id)); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("deleted, yet %v", err)
		}
	})
}

// Only the editor-in-chief and admins speak for the paper on every page.
func TestSiteBoxesNeedTheRole(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		for _, role := range []string{"reporter", "editor", "managing-editor", "moderator"} {
			b := d.signIn(t, role)
			if _, doc := b.get("/toasoan/"); doc.Find(`.nr-menu a[href="/toasoan/thoi-tiet"], .nr-menu a[href="/toasoan/thong-bao"]`).Length() != 0 {
				t.Errorf("%s: menu offers weather or announcements", role)
			}
			for _, path := range []string{"/toasoan/thong-bao", "/toasoan/thoi-tiet", "/toasoan/thong-bao/1"} {
				if resp, _ := b.get(path); resp.StatusCode != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", role, path, resp.StatusCode)
				}
			}
			posts := map[string]url.Values{
				"/toasoan/thong-bao":            d.popupForm("Không được", "all", "once"),
				"/toasoan/thong-bao/1/xoa":      nil,
				"/toasoan/thoi-tiet":            {"name": {"Nơi mới"}, "latitude": {"18"}, "longitude": {"105"}},
				"/toasoan/thoi-tiet/1/xoa":      nil,
				"/toasoan/thoi-tiet/1/mac-dinh": nil,
				"/toasoan/thoi-tiet/1/thu-tu":   {"huong": {"xuong"}},
			}
			for path, form := range posts {
				resp, doc := b.post(path, form)
				if resp.StatusCode != http.StatusForbidden || !strings.Contains(text(doc, "main"), "không có quyền") {
					t.Errorf("%s POST %s: %d %q", role, path, resp.StatusCode, text(doc, "main"))
				}
			}
		}
		if list, _ := d.store.Popups(context.Background()); len(list) != 0 {
			t.Error("a refused role wrote an announcement")
		}
		if locs, _ := d.store.Localities(context.Background()); len(locs) != 11 || !locs[0].Default || locs[0].Name != "Thành Sen" {
			t.Error("a refused role changed the localities")
		}
	})
}

func mustInt(t *testing.T, s string) int64 {
	t.Helper()
	u, err := url.Parse("/x/" + s)
	if err != nil {
		t.Fatal(err)
	}
	return mustID(t, u.Path)
}
