package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// signedInAs reports whether b's session opens the dashboard.
func signedInAs(b *browser) bool {
	resp, _ := b.get("/toasoan/")
	return resp.StatusCode == http.StatusOK
}

// signInWith posts the sign-in form and returns the browser and where it
// was sent.
func (d *desk) signInWith(t *testing.T, email, password string) (*browser, *http.Response) {
	t.Helper()
	b := d.browser(t)
	resp, _ := b.post("/toasoan/dang-nhap", url.Values{"email": {email}, "password": {password}})
	return b, resp
}

// An administrator resets a reporter's password on the users page: the
// one-time password shows once, the reporter's sessions and tokens end,
// the old password stops working, and the reporter, signed in with the
// new one, can do nothing but change it. Nobody else may reset, nor may
// the administrator reset their own here; a forged form changes nothing.
func TestAdminResetsPassword(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		reporter := d.users["reporter"]
		resetPath := "/toasoan/nguoi-dung/" + itoa(reporter.ID) + "/mat-khau"
		laptop := d.signIn(t, "reporter")
		token := apiToken(t, laptop)
		admin := d.signIn(t, "admin")

		_, page := admin.get("/toasoan/nguoi-dung")
		if page.Find(`form[action="`+resetPath+`"] button`).Length() != 1 {
			t.Fatal("no reset button for the reporter")
		}
		if page.Find(`form[action="/toasoan/nguoi-dung/`+itoa(d.users["admin"].ID)+`/mat-khau"]`).Length() != 0 {
			t.Error("the administrator is offered a reset of their own password")
		}

		if resp, _ := admin.post(resetPath, url.Values{"csrf": {"gia-mao"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged CSRF: %d", resp.StatusCode)
		}
		editor := d.signIn(t, "editor")
		if resp, _ := editor.post(resetPath, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an editor resetting a reporter: %d", resp.StatusCode)
		}
		for _, c := range []struct {
			path   string
			status int
			want   string
		}{
			{"/toasoan/nguoi-dung/999999/mat-khau", http.StatusNotFound, "Không tìm thấy người dùng"},
			{"/toasoan/nguoi-dung/abc/mat-khau", http.StatusNotFound, "Không tìm thấy người dùng"},
			{"/toasoan/nguoi-dung/" + itoa(d.users["admin"].ID) + "/mat-khau", http.StatusBadRequest, "trang Tài khoản"},
		} {
			if resp, doc := admin.post(c.path, nil); resp.StatusCode != c.status || !strings.Contains(text(doc, "main"), c.want) {
				t.Errorf("POST %s: %d %q", c.path, resp.StatusCode, text(doc, "main"))
			}
		}
		if !signedInAs(laptop) || apiStatus(t, d, token) != http.StatusOK {
			t.Fatal("a refused reset ended the reporter's session or token")
		}

		resp, doc := admin.post(resetPath, nil)
		password := doc.Find(".nr-warning code.nr-secret").Text()
		if resp.StatusCode != http.StatusOK || auth.CheckPassword(password) != nil || resp.Header.Get("Cache-Control") != "no-store" {
			t.Fatalf("reset: %d %q %q", resp.StatusCode, password, errorText(doc))
		}
		if notice := text(doc, ".nr-notice"); !strings.Contains(notice, reporter.Email) || !strings.Contains(notice, "đã đăng xuất 1 phiên, thu hồi 1 khóa API") {
			t.Errorf("the notice: %q", notice)
		}
		if _, again := admin.get("/toasoan/nguoi-dung"); again.Find("code.nr-secret").Length() != 0 || strings.Contains(again.Text(), password) {
			t.Error("the one-time password shows again")
		} else if !strings.Contains(again.Text(), "chờ đổi mật khẩu") {
			t.Error("the users page does not say the reporter must change the password")
		}
		if signedInAs(laptop) || apiStatus(t, d, token) != http.StatusUnauthorized {
			t.Fatal("the reporter's session or token outlived the reset")
		}
		entries, err := d.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "user", ObjectID: reporter.ID, Limit: 1})
		if err != nil || len(entries) != 1 || entries[0].Action != "user.password_reset" || entries[0].UserID != d.users["admin"].ID {
			t.Fatalf("audit: %+v %v", entries, err)
		}

		if _, resp := d.signInWith(t, reporter.Email, d.password); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("the old password still signs in: %d", resp.StatusCode)
		}
		b, resp := d.signInWith(t, reporter.Email, password)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the one-time password: %d", resp.StatusCode)
		}
		mustChangeFirst(t, b, password)
	})
}

// mustChangeFirst walks a member signed in with a one-time password: every
// page sends them to the account page, every form but the password's is
// refused, a bad new password is refused in Vietnamese, and a good one
// opens the newsroom.
func mustChangeFirst(t *testing.T, b *browser, oneTime string) {
	t.Helper()
	for _, path := range []string{"/toasoan/", "/toasoan/bai-viet/moi", "/toasoan/nguoi-dung"} {
		if resp, _ := b.get(path); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/tai-khoan?ok=phai-doi" {
			t.Errorf("GET %s: %d → %q", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	_, doc := b.get("/toasoan/tai-khoan?ok=phai-doi")
	if !strings.Contains(text(doc, ".nr-notice"), "đặt mật khẩu mới") || doc.Find(".nr-menu a").Length() != 0 ||
		doc.Find(`form[action="/toasoan/tai-khoan/khoa-api"], form[action="/toasoan/tai-khoan/email"], input[name="secret"]`).Length() != 0 {
		t.Errorf("the account page of a member who must change the password: notice %q, %d menu links", text(doc, ".nr-notice"), doc.Find(".nr-menu a").Length())
	}
	for _, path := range []string{"/toasoan/tai-khoan/khoa-api", "/toasoan/tai-khoan/email", "/toasoan/bai-viet"} {
		if resp, doc := b.post(path, url.Values{"name": {"Kịch bản"}}); resp.StatusCode != http.StatusForbidden || !strings.Contains(text(doc, "main"), "mật khẩu mới") {
			t.Errorf("POST %s before the change: %d %q", path, resp.StatusCode, text(doc, "main"))
		}
	}
	for _, c := range []struct{ current, next, confirm, want string }{
		{"sai mật khẩu", "mật khẩu riêng của tôi", "mật khẩu riêng của tôi", "không đúng"},
		{oneTime, "ngắn", "ngắn", "10 ký tự"},
		{oneTime, norm.NFD.String("mật khẩu"), norm.NFD.String("mật khẩu"), "10 ký tự"},
		{oneTime, strings.Repeat("đ", 101), strings.Repeat("đ", 101), "quá dài"},
		{oneTime, "mật khẩu riêng của tôi", "mật khẩu riêng khác", "không khớp"},
		{oneTime, oneTime, oneTime, "phải khác"},
	} {
		resp, doc := b.post("/toasoan/tai-khoan/mat-khau", url.Values{"current": {c.current}, "new": {c.next}, "confirm": {c.confirm}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), c.want) {
			t.Errorf("new password %q: %d %q", news.Clip(c.next, 20), resp.StatusCode, errorText(doc))
		}
	}
	if signedInAs(b) {
		t.Fatal("a refused change opened the newsroom")
	}
	mine := norm.NFD.String("mật khẩu riêng của tôi")
	if resp, doc := b.post("/toasoan/tai-khoan/mat-khau", url.Values{"current": {oneTime}, "new": {mine}, "confirm": {mine}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the change: %d %q", resp.StatusCode, errorText(doc))
	}
	if !signedInAs(b) {
		t.Fatal("after the change the newsroom stays closed")
	}
	if _, doc := b.get("/toasoan/tai-khoan"); doc.Find(".nr-menu a").Length() == 0 || doc.Find(`input[name="secret"]`).Length() != 1 {
		t.Error("after the change the account page is still the short one")
	}
}

// An administrator can reset a disabled account; it stays disabled, and
// the page says so.
func TestAdminResetsDisabledAccount(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		u := d.users["moderator"]
		admin := d.signIn(t, "admin")
		if resp, _ := admin.post("/toasoan/nguoi-dung", url.Values{"id": {itoa(u.ID)}, "name": {u.Name}, "roles": {"moderator"}, "disabled": {"1"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("disabling: %d", resp.StatusCode)
		}
		resp, doc := admin.post("/toasoan/nguoi-dung/"+itoa(u.ID)+"/mat-khau", nil)
		password := doc.Find(".nr-warning code.nr-secret").Text()
		if resp.StatusCode != http.StatusOK || password == "" || !strings.Contains(text(doc, ".nr-notice"), "vẫn đang bị khóa") {
			t.Fatalf("reset of a disabled account: %d %q", resp.StatusCode, text(doc, ".nr-notice"))
		}
		if _, resp := d.signInWith(t, u.Email, password); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("a disabled account signed in: %d", resp.StatusCode)
		}
	})
}

// A member who lost their phone: the administrator turns two-factor off;
// the member's sessions (one waiting for a code) end, and the password
// alone signs in.
func TestAdminResetsSecondFactor(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		u := d.users["editor"]
		path := "/toasoan/nguoi-dung/" + itoa(u.ID) + "/hai-buoc"
		admin := d.signIn(t, "admin")
		if resp, doc := admin.post(path, nil); resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), "chưa bật") {
			t.Errorf("reset of two-factor that is off: %d %q", resp.StatusCode, errorText(doc))
		}
		if _, err := d.store.SetTOTP(context.Background(), news.System(), u.ID, auth.NewTOTPSecret(), ""); err != nil {
			t.Fatal(err)
		}
		waiting, resp := d.signInWith(t, u.Email, d.password)
		if !strings.HasPrefix(resp.Header.Get("Location"), "/toasoan/xac-thuc") {
			t.Fatalf("password alone led to %q", resp.Header.Get("Location"))
		}
		_, page := admin.get("/toasoan/nguoi-dung")
		if page.Find(`form[action="`+path+`"] button`).Length() != 1 {
			t.Fatal("no two-factor reset button for a member who has it on")
		}
		if resp, _ := admin.post(path, url.Values{"csrf": {""}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("no CSRF token: %d", resp.StatusCode)
		}
		if resp, _ := d.signIn(t, "moderator").post(path, nil); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a moderator resetting two-factor: %d", resp.StatusCode)
		}
		resp, _ = admin.post(path, nil)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/nguoi-dung?ok=hai-buoc" {
			t.Fatalf("reset: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if _, doc := admin.get(resp.Header.Get("Location")); !strings.Contains(text(doc, ".nr-notice"), "Đã tắt xác thực hai bước") {
			t.Errorf("notice: %q", text(doc, ".nr-notice"))
		}
		if resp, _ := waiting.get("/toasoan/xac-thuc"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/dang-nhap" {
			t.Errorf("the session waiting for a code outlived the reset: %d", resp.StatusCode)
		}
		if _, resp := d.signInWith(t, u.Email, d.password); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/" {
			t.Errorf("password alone after the reset: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		entries, err := d.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "user", ObjectID: u.ID, Limit: 5})
		if err != nil || !hasEntry(entries, "user.2fa_reset", d.users["admin"].ID) {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

func hasEntry(entries []news.AuditEntry, action string, by int64) bool {
	for _, e := range entries {
		if e.Action == action && e.UserID == by {
			return true
		}
	}
	return false
}

// Members change their own sign-in address with their password; an
// administrator changes anyone else's. Addresses are lower-cased, must be
// valid and free; a refusal says why and changes nothing.
func TestChangeEmail(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		u := d.users["reporter"]
		b := d.signIn(t, "reporter")
		for _, c := range []struct {
			email, password string
			status          int
			want            string
		}{
			{"moi@bao.vn", "sai mật khẩu", http.StatusBadRequest, "Mật khẩu không đúng"},
			{d.users["editor"].Email, d.password, http.StatusConflict, "đã có tài khoản"},
			{"EDITOR@bao.vn", d.password, http.StatusConflict, "đã có tài khoản"},
			{"hà@bao.vn", d.password, http.StatusBadRequest, "không dấu"},
			{norm.NFD.String("hà@bao.vn"), d.password, http.StatusBadRequest, "không dấu"},
			{"<script>alert(1)</script>@bao.vn", d.password, http.StatusBadRequest, "không hợp lệ"},
			{"khong-phai-email", d.password, http.StatusBadRequest, "không hợp lệ"},
			{strings.Repeat("a", 300) + "@bao.vn", d.password, http.StatusBadRequest, "không hợp lệ"},
			{u.Email, d.password, http.StatusBadRequest, "đã là email"},
		} {
			resp, doc := b.post("/toasoan/tai-khoan/email", url.Values{"email": {c.email}, "password": {c.password}})
			if resp.StatusCode != c.status || !strings.Contains(errorText(doc), c.want) {
				t.Errorf("address %q: %d %q", news.Clip(c.email, 30), resp.StatusCode, errorText(doc))
			}
			if doc.Find("script").Length() != 0 {
				t.Errorf("address %q: a script on the page", c.email)
			}
		}
		if resp, _ := b.post("/toasoan/tai-khoan/email", url.Values{"email": {"moi@bao.vn"}, "password": {d.password}, "csrf": {"gia-mao"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged CSRF: %d", resp.StatusCode)
		}
		if got, _ := d.store.UserByID(context.Background(), u.ID); got.Email != u.Email {
			t.Fatalf("a refused change wrote %q", got.Email)
		}
		if resp, _ := b.post("/toasoan/tai-khoan/email", url.Values{"email": {" Thu.Ha@BaoHaTinh.VN "}, "password": {norm.NFD.String(d.password)}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("own address: %d", resp.StatusCode)
		}
		if _, doc := b.get("/toasoan/tai-khoan?ok=email"); !strings.Contains(doc.Find("main").Text(), "thu.ha@baohatinh.vn") {
			t.Error("the account page does not show the new address")
		}
		if _, resp := d.signInWith(t, "thu.ha@baohatinh.vn", d.password); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("signing in with the new address: %d", resp.StatusCode)
		}
		if _, resp := d.signInWith(t, u.Email, d.password); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("signing in with the old address: %d", resp.StatusCode)
		}

		// The administrator changes the moderator's.
		m := d.users["moderator"]
		path := "/toasoan/nguoi-dung/" + itoa(m.ID) + "/email"
		admin := d.signIn(t, "admin")
		if _, page := admin.get("/toasoan/nguoi-dung"); page.Find(`form[action="`+path+`"] input[name="email"]`).AttrOr("value", "") != m.Email {
			t.Fatal("no address form for the moderator on the users page")
		}
		if resp, doc := admin.post(path, url.Values{"email": {"thu.ha@baohatinh.vn"}}); resp.StatusCode != http.StatusConflict || !strings.Contains(errorText(doc), "đã có tài khoản") {
			t.Errorf("a taken address: %d %q", resp.StatusCode, errorText(doc))
		}
		if resp, doc := admin.post("/toasoan/nguoi-dung/"+itoa(d.users["admin"].ID)+"/email", url.Values{"email": {"qt@bao.vn"}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), "trang Tài khoản") {
			t.Errorf("the administrator's own address on the users page: %d %q", resp.StatusCode, errorText(doc))
		}
		if resp, _ := b.post(path, url.Values{"email": {"cuop@bao.vn"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter changing a colleague's address: %d", resp.StatusCode)
		}
		if resp, _ := admin.post("/toasoan/nguoi-dung/999999/email", url.Values{"email": {"ai@bao.vn"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("nobody's address: %d", resp.StatusCode)
		}
		if resp, _ := admin.post(path, url.Values{"email": {"KiemDuyet@Bao.vn"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the moderator's address: %d", resp.StatusCode)
		}
		if _, resp := d.signInWith(t, "kiemduyet@bao.vn", d.password); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("the moderator with the new address: %d", resp.StatusCode)
		}
		entries, err := d.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "user", ObjectID: m.ID, Limit: 5})
		if err != nil || !hasEntry(entries, "user.email", d.users["admin"].ID) {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

// The two-factor setup shows its secret as a QR code: an inline SVG (no
// image file, nothing fetched, no script) whose size is that of the
// smallest QR version at level M holding the otpauth link.
func TestTwoFactorSetupShowsQRCode(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "editor")
		_, doc := b.get("/toasoan/tai-khoan")
		uri := doc.Find(`a[href^="otpauth://"]`).AttrOr("href", "")
		secret := doc.Find(`input[name="secret"]`).AttrOr("value", "")
		svg := doc.Find("figure.nr-qr-code svg")
		if uri == "" || secret == "" || !strings.Contains(uri, "secret="+secret) || svg.Length() != 1 {
			t.Fatalf("setup: uri %q, secret %q, %d svg", uri, secret, svg.Length())
		}
		if svg.Find("script, foreignObject, image").Length() != 0 || svg.Find("path").Length() != 1 {
			t.Error("the QR code holds more than a path")
		}
		for _, attr := range []string{"onload", "href", "xlink:href", "style"} {
			if _, ok := svg.Attr(attr); ok {
				t.Errorf("the QR code has %s", attr)
			}
		}
		if svg.AttrOr("aria-label", "") == "" || svg.AttrOr("role", "") != "img" {
			t.Error("the QR code says nothing to a screen reader")
		}
		// Byte-mode capacity at level M of versions 1-15 (ISO/IEC 18004
		// table 7); the code is the version's 17+4v modules and a 4-module
		// margin on each side.
		capacity := []int{14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412}
		version := 0
		for v, c := range capacity {
			if len(uri) <= c {
				version = v + 1
				break
			}
		}
		size := 17 + 4*version + 8
		if version == 0 || svg.AttrOr("viewBox", "") != "0 0 "+itoa(int64(size))+" "+itoa(int64(size)) {
			t.Errorf("a %d-byte link in a QR code of viewBox %q, want version %d (%d modules with the margin)", len(uri), svg.AttrOr("viewBox", ""), version, size)
		}
	})
}

// A name that is markup (an account from before names were checked, or
// the demo's) stays text on the users page and in its new forms; a
// script in an address typed into them is refused and shown as text.
func TestUsersPageKeepsMarkupAsText(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		name := `"><script>alert(1)</script><b title="`
		u, err := d.store.CreateUser(context.Background(), news.System(), news.User{Email: "xss@bao.vn", Name: name, PasswordHash: "h", Roles: []news.Role{news.Reporter}})
		if err != nil {
			t.Fatal(err)
		}
		admin := d.signIn(t, "admin")
		resp, doc := admin.post("/toasoan/nguoi-dung/"+itoa(u.ID)+"/mat-khau", nil)
		if resp.StatusCode != http.StatusOK || doc.Find("main script, main b[title]").Length() != 0 {
			t.Fatalf("reset of a user named with markup: %d, %d elements from the name", resp.StatusCode, doc.Find("main script, main b[title]").Length())
		}
		label := doc.Find(`form[action="/toasoan/nguoi-dung/`+itoa(u.ID)+`/email"] input[name="email"]`).AttrOr("aria-label", "")
		if label != "Email đăng nhập của "+name {
			t.Errorf("the address field's label: %q", label)
		}
		resp, doc = admin.post("/toasoan/nguoi-dung/"+itoa(u.ID)+"/email", url.Values{"email": {"<script>alert(2)</script>@bao.vn"}})
		if resp.StatusCode != http.StatusBadRequest || doc.Find("main script").Length() != 0 || !strings.Contains(errorText(doc), "<script>alert(2)</script>") {
			t.Errorf("a script for an address: %d %q", resp.StatusCode, errorText(doc))
		}
	})
}

// TestAccountRecoveryInTheBrowser clicks through a reset in Chromium: the
// administrator opens "Đặt lại…" on the reporter's row and resets the
// password; the reporter signs in with the one-time password, lands on
// the account page, sets their own, and then sees the newsroom, and the
// two-factor setup's QR code drawn on the page.
func TestAccountRecoveryInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	reporter := d.users["reporter"]
	form := `form[action="/toasoan/nguoi-dung/` + itoa(reporter.ID) + `/mat-khau"]`

	signInAs(t, ctx, d, "admin")
	run(t, ctx, "reset the reporter's password",
		chromedp.Navigate(d.url+"/toasoan/nguoi-dung"),
		chromedp.Click(chromedp.CSS(`details:has(`+form+`) > summary`)),
		chromedp.WaitVisible(chromedp.CSS(form+" button")),
		chromedp.Click(chromedp.CSS(form+" button")),
		chromedp.WaitVisible(chromedp.CSS(".nr-warning code.nr-secret")),
	)
	password := read(t, ctx, "read the one-time password", chromedp.Text(chromedp.CSS(".nr-warning code.nr-secret")))
	signOut(t, ctx)

	run(t, ctx, "sign in with the one-time password",
		chromedp.Navigate(d.url+"/toasoan/dang-nhap"),
		chromedp.SendKeys(chromedp.CSS("#email"), reporter.Email),
		chromedp.SendKeys(chromedp.CSS("#password"), password),
		chromedp.Click(chromedp.CSS(".nr-login button")),
		chromedp.WaitVisible(chromedp.CSS("#confirm")),
	)
	notice(t, ctx, "the first page", "Bạn cần đặt mật khẩu mới trước khi làm việc tiếp.")
	if n := read(t, ctx, "count the menu", chromedp.Evaluate[string](`String(document.querySelectorAll(".nr-menu a").length)`)); n != "0" {
		t.Errorf("%s menu links before the change", n)
	}
	mine := "mật khẩu riêng của phóng viên"
	run(t, ctx, "set my own password",
		chromedp.SendKeys(chromedp.CSS("#current"), password),
		chromedp.SendKeys(chromedp.CSS("#new"), mine),
		chromedp.SendKeys(chromedp.CSS("#confirm"), mine),
		chromedp.Click(chromedp.CSS(`form[action="/toasoan/tai-khoan/mat-khau"] button`)),
		chromedp.WaitVisible(chromedp.CSS("figure.nr-qr-code svg")),
	)
	notice(t, ctx, "after the change", "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc và mọi khóa API của bạn đã bị thu hồi.")
	// Drawn square and large enough to scan from a screen.
	if got := read(t, ctx, "measure the QR code", chromedp.Evaluate[string](`(() => {
		const r = document.querySelector("figure.nr-qr-code svg").getBoundingClientRect();
		return r.width >= 200 && r.width === r.height ? "ok" : r.width + "x" + r.height })()`)); got != "ok" {
		t.Errorf("the QR code is drawn %s", got)
	}
	run(t, ctx, "open the desk", chromedp.Navigate(d.url+"/toasoan/"), chromedp.WaitVisible(chromedp.CSS(".nr-menu a")))
}
