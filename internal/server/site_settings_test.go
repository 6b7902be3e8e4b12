package server_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// settingsForm is the settings page's form filled in as an administrator
// would: the paper's identity, its correctors and its legal footer.
func settingsForm() url.Values {
	return url.Values{
		"name": {"Báo Hà Tĩnh điện tử"}, "dateline": {"(Baohatinh.vn) - "}, "description": {"Tin tức của tỉnh Hà Tĩnh"},
		"base_url": {""}, "logo_url": {"https://baohatinh.vn/logo.png"}, "time_zone": {"Asia/Ho_Chi_Minh"}, "purge_url": {""},
		"correctors":     {"editor", "managing-editor", "editor-in-chief"},
		"governing_body": {"Tỉnh ủy Hà Tĩnh"}, "licence": {"123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp"},
		"licence_date": {"2020-01-31"}, "editor_in_chief": {"Nguyễn Văn Đức"},
		"address": {"Số 1 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh"}, "phone": {"(0239) 3 855 446"},
		"email": {"toasoan@baohatinh.vn"},
	}
}

// footerLines is the reader's footer, line by line.
func footerLines(doc *goquery.Document) []string {
	var lines []string
	doc.Find(".site-footer .footer-legal p").Each(func(_ int, p *goquery.Selection) {
		lines = append(lines, strings.Join(strings.Fields(p.Text()), " "))
	})
	return lines
}

// An administrator sets the paper's identity, who corrects published
// stories and the legal footer in the newsroom; readers see the footer on
// every page, without lines for what is not set; the change is audited.
func TestSiteSettingsFromTheNewsroom(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		path := d.articlePath(t, d.publishedArticle(t, "Khánh thành cầu Hộ Độ"))
		reader := d.browser(t)
		if _, doc := reader.get("/"); doc.Find(".footer-legal").Length() != 0 || doc.Find(".site-footer p:empty").Length() != 0 {
			t.Fatal("a new paper's footer shows legal lines it has not set")
		}

		admin := d.signIn(t, "admin")
		_, desk := admin.get("/toasoan/")
		if desk.Find(`.nr-menu a[href="/toasoan/cai-dat"]`).Text() != "Cài đặt báo" {
			t.Error("no menu entry Cài đặt báo for the administrator")
		}
		resp, page := admin.get("/toasoan/cai-dat")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("settings page: %d", resp.StatusCode)
		}
		for _, setting := range news.SiteSettings() {
			if setting.Kind == news.RolesSetting {
				continue
			}
			if page.Find(`form input[name="`+setting.Key+`"]`).Length() != 1 || page.Find(`label[for="setting-`+setting.Key+`"]`).Length() != 1 {
				t.Errorf("no labelled input for %s", setting.Key)
			}
		}
		if v := page.Find(`input[name="name"]`).AttrOr("value", ""); v != "Báo Hà Tĩnh" {
			t.Errorf("the name shown is %q", v)
		}
		var boxes, checked []string
		page.Find(`input[type="checkbox"][name="correctors"]`).Each(func(_ int, s *goquery.Selection) {
			boxes = append(boxes, s.AttrOr("value", ""))
			if _, ok := s.Attr("checked"); ok {
				checked = append(checked, s.AttrOr("value", ""))
			}
		})
		if !reflect.DeepEqual(boxes, []string{"reporter", "editor", "managing-editor", "editor-in-chief"}) ||
			!reflect.DeepEqual(checked, []string{"managing-editor", "editor-in-chief"}) {
			t.Errorf("corrector boxes %v, checked %v", boxes, checked)
		}

		form := settingsForm()
		form.Set("governing_body", norm.NFD.String("Tỉnh ủy Hà Tĩnh"))
		resp, _ = admin.post("/toasoan/cai-dat", form)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/cai-dat?ok=bao" {
			t.Fatalf("saving: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := admin.get("/toasoan/cai-dat?ok=bao"); !strings.HasPrefix(text(doc, ".nr-notice"), "Đã lưu cài đặt báo.") ||
			doc.Find(`input[name="correctors"][value="editor"][checked]`).Length() != 1 {
			t.Errorf("after saving: notice %q", text(doc, ".nr-notice"))
		}
		site, err := d.store.Site(ctx)
		if err != nil || site.GoverningBody != "Tỉnh ủy Hà Tĩnh" || site.Name != "Báo Hà Tĩnh điện tử" || site.Correctors != "editor,managing-editor,editor-in-chief" {
			t.Fatalf("stored: %+v %v", site, err)
		}
		log, err := d.store.AuditLog(ctx, store.AuditFilter{ObjectType: "site"})
		if err != nil || len(log) != 1 || log[0].UserID != d.users["admin"].ID || !strings.Contains(log[0].Detail, "governing_body") ||
			!strings.Contains(log[0].Detail, "correctors") || strings.Contains(log[0].Detail, "time_zone") {
			t.Errorf("audit: %+v %v", log, err)
		}

		want := []string{
			"Cơ quan chủ quản: Tỉnh ủy Hà Tĩnh",
			"Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 31/01/2020",
			"Tổng biên tập: Nguyễn Văn Đức",
			"Địa chỉ: Số 1 Phan Đình Phùng, phường Thành Sen, tỉnh Hà Tĩnh",
			"Điện thoại: (0239) 3 855 446",
			"Thư điện tử: toasoan@baohatinh.vn",
		}
		for _, p := range []string{"/", path} {
			_, doc := reader.get(p)
			if got := footerLines(doc); !reflect.DeepEqual(got, want) {
				t.Errorf("footer of %s:\n%q\nwant\n%q", p, got, want)
			}
			if doc.Find(`.footer-legal address a[href="mailto:toasoan@baohatinh.vn"]`).Length() != 1 || text(doc, ".footer-name") != "Báo Hà Tĩnh điện tử" {
				t.Errorf("footer of %s lacks the e-mail link or the new name", p)
			}
		}

		// What is left empty is not shown: no line, no label, no date
		// without its licence.
		form.Set("licence", "")
		form.Set("phone", "")
		form.Set("email", "")
		form.Set("description", "")
		if resp, _ := admin.post("/toasoan/cai-dat", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving with empty lines: %d", resp.StatusCode)
		}
		_, doc := reader.get("/")
		if got := footerLines(doc); !reflect.DeepEqual(got, []string{want[0], want[2], want[3]}) || doc.Find(".site-footer p:empty").Length() != 0 ||
			strings.Contains(doc.Find(".site-footer").Text(), "Giấy phép") || strings.Contains(doc.Find(".site-footer").Text(), "Điện thoại") {
			t.Errorf("footer with empty settings: %q", footerLines(doc))
		}
		for _, key := range []string{"governing_body", "editor_in_chief", "address"} {
			form.Set(key, "")
		}
		if resp, _ := admin.post("/toasoan/cai-dat", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving without a legal footer: %d", resp.StatusCode)
		}
		if _, doc := reader.get("/"); doc.Find(".footer-legal, .site-footer address").Length() != 0 {
			t.Error("an empty legal footer is still drawn")
		}
	})
}

// Every bad value is answered 4xx with the Vietnamese reason above the
// form as it was typed, and nothing is stored or audited; a forged form
// and every role but the administrator are refused.
func TestSiteSettingsRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		before, err := d.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		admin := d.signIn(t, "admin")
		admin.get("/toasoan/cai-dat")
		for _, c := range []struct {
			name, key string
			value     []string
			text      string
		}{
			{"a URL that is not http", "logo_url", []string{"javascript:alert(1)"}, "http"},
			{"a purge hook on ftp", "purge_url", []string{"ftp://proxy/purge"}, "http"},
			{"an unknown time zone", "time_zone", []string{"Asia/Ha_Tinh"}, "Múi giờ"},
			{"no name", "name", []string{"   "}, "không được trống"},
			{"a line break", "address", []string{"Số 1\nPhan Đình Phùng"}, "xuống dòng"},
			{"a control character", "editor_in_chief", []string{"Nguyễn\x1bVăn Đức"}, "ký tự điều khiển"},
			{"a script tag", "name", []string{"<script>alert(1)</script>"}, "< hoặc >"},
			{"a tag with SQL", "governing_body", []string{"'); DROP TABLE site_settings; --<b>"}, "< hoặc >"},
			{"an oversized name", "name", []string{strings.Repeat("Báo ", 40)}, "quá dài"},
			{"an oversized address", "address", []string{strings.Repeat("đường ", 20000)}, "quá dài"},
			{"a bad e-mail", "email", []string{"toasoan@"}, "thư điện tử"},
			{"words for a phone", "phone", []string{"không có"}, "chữ số"},
			{"a day that does not exist", "licence_date", []string{"2020-02-30"}, "ngày"},
			{"no corrector", "correctors", nil, "ít nhất một"},
			{"an unknown role", "correctors", []string{"tong-bien-tap"}, "không tồn tại"},
			{"a role that does not work on copy", "correctors", []string{"moderator", "editor"}, "không làm việc với bài"},
		} {
			t.Run(c.name, func(t *testing.T) {
				form := settingsForm()
				form["description"] = []string{"Mô tả vừa gõ"}
				form[c.key] = c.value
				resp, doc := admin.post("/toasoan/cai-dat", form)
				if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), c.text) {
					t.Fatalf("%d %q, want 400 with %q", resp.StatusCode, errorText(doc), c.text)
				}
				if got := doc.Find(`input[name="description"]`).AttrOr("value", ""); got != "Mô tả vừa gõ" {
					t.Errorf("the form lost what was typed: description %q", got)
				}
				if c.key != "correctors" && len(c.value) == 1 && len(c.value[0]) < 1000 {
					if got := doc.Find(`input[name="`+c.key+`"]`).AttrOr("value", ""); got != c.value[0] {
						t.Errorf("the refused value is shown as %q, want %q", got, c.value[0])
					}
				}
				if doc.Find("form script, .nr-error script").Length() != 0 {
					t.Error("the refused markup became markup")
				}
			})
		}
		// A form not sent from the page (no CSRF token) changes nothing.
		forged := settingsForm()
		forged.Set("csrf", "gia-mao")
		if resp, _ := admin.post("/toasoan/cai-dat", forged); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a forged form: %d", resp.StatusCode)
		}
		for _, role := range []string{"reporter", "editor", "managing-editor", "editor-in-chief", "moderator"} {
			b := d.signIn(t, role)
			if resp, _ := b.get("/toasoan/cai-dat"); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s opens the settings: %d", role, resp.StatusCode)
			}
			resp, doc := b.post("/toasoan/cai-dat", settingsForm())
			if resp.StatusCode != http.StatusForbidden || !strings.Contains(doc.Text(), "không có quyền sửa cài đặt của báo") {
				t.Errorf("%s saves the settings: %d", role, resp.StatusCode)
			}
		}
		after, err := d.store.Site(ctx)
		if err != nil || !reflect.DeepEqual(before, after) {
			t.Errorf("refused forms changed the settings:\n%+v\n%+v", before, after)
		}
		if log, _ := d.store.AuditLog(ctx, store.AuditFilter{ObjectType: "site"}); len(log) != 0 {
			t.Errorf("refused forms were audited: %+v", log)
		}
	})
}
