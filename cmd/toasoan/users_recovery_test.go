package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// newsroomClient is one browser on the newsroom of a running toasoan: its
// cookies, the CSRF token of its last page, redirects not followed.
type newsroomClient struct {
	t      *testing.T
	base   string
	client *http.Client
	csrf   string
}

func newNewsroomClient(t *testing.T, base string) *newsroomClient {
	jar, _ := cookiejar.New(nil)
	return &newsroomClient{t: t, base: base, client: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (c *newsroomClient) do(method, path string, form url.Values) (int, string, *goquery.Document) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		if c.csrf != "" && form.Get("csrf") == "" {
			form.Set("csrf", c.csrf)
		}
		body = strings.NewReader(form.Encode())
	}
	req, _ := http.NewRequest(method, c.base+path, body)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		c.t.Fatal(err)
	}
	if token, ok := doc.Find(`meta[name="csrf-token"]`).Attr("content"); ok {
		c.csrf = token
	}
	return resp.StatusCode, resp.Header.Get("Location"), doc
}

// signIn posts the sign-in form; it answers the status and where it sends
// the browser.
func (c *newsroomClient) signIn(email, password string) (int, string) {
	status, location, _ := c.do(http.MethodPost, "/toasoan/dang-nhap", url.Values{"email": {email}, "password": {password}})
	return status, location
}

// atDesk reports whether the browser's session opens the dashboard.
func (c *newsroomClient) atDesk() bool {
	status, _, _ := c.do(http.MethodGet, "/toasoan/", nil)
	return status == http.StatusOK
}

// toasoan runs the built binary with args, stdin on its standard input,
// and returns what it printed and its exit code.
func toasoan(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Stdin = strings.NewReader(stdin)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return out.String(), errOut.String(), code
}

// A new paper started with --admin-email: its administrator signs in with
// that address and the one-time password printed once, and must change it
// first. Then an operator's way back in for a member, at the server's
// shell: "user passwd" (the password piped in) signs the member out and
// makes the new password the only one, "user reset-2fa" lets them in
// without a code; bad input is a Vietnamese refusal, a non-zero exit and
// nothing written. On SQLite and on PostgreSQL, the commands run by the
// built binary against the running server's database.
func TestAccountRecoveryAtTheShell(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			storeArgs := []string{"--data", dir}
			if src.Name == "postgres" {
				storeArgs = append(storeArgs, "--database", src.Source)
			}
			srv := startServer(t, append([]string{"--demo=false", "--admin-email", " IT@BaoHaTinh.vn "}, storeArgs...)...)
			if srv.adminPassword == "" {
				t.Fatal("no one-time password printed for the first administrator")
			}

			admin := newNewsroomClient(t, srv.base)
			if status, _ := admin.signIn("admin@localhost", srv.adminPassword); status != http.StatusUnauthorized {
				t.Errorf("admin@localhost exists on a paper started with --admin-email: %d", status)
			}
			if status, location := admin.signIn("it@baohatinh.vn", srv.adminPassword); status != http.StatusSeeOther || location != "/toasoan/" {
				t.Fatalf("the first administrator's sign-in: %d → %q", status, location)
			}
			if _, location, _ := admin.do(http.MethodGet, "/toasoan/nguoi-dung", nil); location != "/toasoan/tai-khoan?ok=phai-doi" {
				t.Fatalf("the first administrator reached the users page before changing the one-time password: → %q", location)
			}
			// The API does not look at the mark: the newsroom makes no token
			// before the change, a reset revokes them all, and one made at
			// the shell on purpose (the first administrator's, to set up a
			// new paper through the API) works.
			api := adminAPI(t, srv.base, append([]string{"--email", "it@baohatinh.vn"}, storeArgs...)...) // the later --email wins
			api.call(http.MethodGet, "/api/v1/sections", "")

			admin.do(http.MethodGet, "/toasoan/tai-khoan", nil)
			chosen := "mật khẩu của quản trị viên"
			if status, _, doc := admin.do(http.MethodPost, "/toasoan/tai-khoan/mat-khau", url.Values{"current": {srv.adminPassword}, "new": {chosen}, "confirm": {chosen}}); status != http.StatusSeeOther {
				t.Fatalf("changing the one-time password: %d %q", status, doc.Find(".nr-error").Text())
			}
			if !admin.atDesk() {
				t.Fatal("after the change the administrator is still kept out")
			}

			if out, errOut, code := toasoan(t, "mật khẩu ban đầu 2026\n", append([]string{"user", "add", "--email", "pv@bao.vn", "--name", "Nguyễn Thu Hà", "--role", "reporter"}, storeArgs...)...); code != 0 {
				t.Fatalf("user add: %d %q %q", code, out, errOut)
			}
			laptop := newNewsroomClient(t, srv.base)
			if status, _ := laptop.signIn("pv@bao.vn", "mật khẩu ban đầu 2026"); status != http.StatusSeeOther || !laptop.atDesk() {
				t.Fatalf("the reporter's sign-in: %d", status)
			}

			for _, c := range []struct {
				name, stdin string
				args        []string
				want        string
			}{
				{"an unknown address", "mật khẩu mới của Hà\n", []string{"--email", "khong-co@bao.vn"}, "Không có tài khoản nào đăng nhập bằng email \"khong-co@bao.vn\""},
				{"no address", "mật khẩu mới của Hà\n", nil, "cần --email"},
				{"no password", "", []string{"--email", "pv@bao.vn"}, "cần mật khẩu"},
				{"an empty line", "\n", []string{"--email", "pv@bao.vn"}, "cần mật khẩu"},
				{"a short password", "ngắn\n", []string{"--email", "pv@bao.vn"}, "10 ký tự"},
				{"a short password in NFD", norm.NFD.String("mật khẩu") + "\n", []string{"--email", "pv@bao.vn"}, "10 ký tự"},
				{"a long password", strings.Repeat("đ", 101) + "\n", []string{"--email", "pv@bao.vn"}, "quá dài"},
				{"spaces only", strings.Repeat(" ", 12) + "\n", []string{"--email", "pv@bao.vn"}, "khoảng trắng"},
			} {
				out, errOut, code := toasoan(t, c.stdin, append(append([]string{"user", "passwd"}, c.args...), storeArgs...)...)
				if code == 0 || !strings.Contains(errOut, c.want) || out != "" && !strings.HasPrefix(out, "Mật khẩu mới") {
					t.Errorf("passwd with %s: exit %d, %q %q", c.name, code, out, errOut)
				}
			}
			if !laptop.atDesk() {
				t.Fatal("a refused passwd signed the reporter out")
			}

			out, errOut, code := toasoan(t, norm.NFD.String("mật khẩu mới của Hà")+"\r\n", append([]string{"user", "passwd", "--email", "PV@bao.vn"}, storeArgs...)...)
			if code != 0 || !strings.Contains(out, "đã đặt mật khẩu mới cho pv@bao.vn; đã đăng xuất 1 phiên") {
				t.Fatalf("user passwd: %d %q %q", code, out, errOut)
			}
			if laptop.atDesk() {
				t.Error("the reporter's session outlived user passwd")
			}
			if status, _ := newNewsroomClient(t, srv.base).signIn("pv@bao.vn", "mật khẩu ban đầu 2026"); status != http.StatusUnauthorized {
				t.Errorf("the old password after user passwd: %d", status)
			}
			phone := newNewsroomClient(t, srv.base)
			if status, location := phone.signIn("pv@bao.vn", "mật khẩu mới của Hà"); status != http.StatusSeeOther || location != "/toasoan/" || !phone.atDesk() {
				t.Fatalf("the new password: %d → %q", status, location)
			}

			// The reporter turns two-factor on, then loses the phone.
			_, _, doc := phone.do(http.MethodGet, "/toasoan/tai-khoan", nil)
			secret := doc.Find(`input[name="secret"]`).AttrOr("value", "")
			totp, _ := auth.TOTPCode(secret, time.Now())
			if status, _, _ := phone.do(http.MethodPost, "/toasoan/tai-khoan/hai-buoc", url.Values{"secret": {secret}, "code": {totp}}); status != http.StatusSeeOther {
				t.Fatalf("turning two-factor on: %d", status)
			}
			waiting := newNewsroomClient(t, srv.base)
			if _, location := waiting.signIn("pv@bao.vn", "mật khẩu mới của Hà"); !strings.HasPrefix(location, "/toasoan/xac-thuc") {
				t.Fatalf("the password alone led to %q", location)
			}
			if _, errOut, code := toasoan(t, "", append([]string{"user", "reset-2fa", "--email", "ai-do@bao.vn"}, storeArgs...)...); code == 0 || !strings.Contains(errOut, "Không có tài khoản nào") {
				t.Errorf("reset-2fa of an unknown address: %d %q", code, errOut)
			}
			if _, errOut, code := toasoan(t, "", append([]string{"user", "reset-2fa", "--email", "it@baohatinh.vn"}, storeArgs...)...); code == 0 || !strings.Contains(errOut, "chưa bật") {
				t.Errorf("reset-2fa of an account without two-factor: %d %q", code, errOut)
			}
			out, errOut, code = toasoan(t, "", append([]string{"user", "reset-2fa", "--email", "pv@bao.vn"}, storeArgs...)...)
			if code != 0 || !strings.Contains(out, "đã tắt xác thực hai bước của pv@bao.vn") {
				t.Fatalf("user reset-2fa: %d %q %q", code, out, errOut)
			}
			if phone.atDesk() {
				t.Error("a session outlived reset-2fa")
			}
			if status, location := newNewsroomClient(t, srv.base).signIn("pv@bao.vn", "mật khẩu mới của Hà"); status != http.StatusSeeOther || location != "/toasoan/" {
				t.Errorf("the password alone after reset-2fa: %d → %q", status, location)
			}

			s, err := store.Open(context.Background(), map[bool]string{true: src.Source, false: filepath.Join(dir, "toasoan.db")}[src.Name == "postgres"])
			if err != nil {
				t.Fatal(err)
			}
			defer closeQuietly(s)
			entries, err := s.AuditLog(context.Background(), store.AuditFilter{ObjectType: "user", Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			shell := map[string]int{}
			for _, e := range entries {
				if e.IP == news.CommandLine {
					shell[e.Action]++
				}
			}
			if shell["user.password"] != 1 || shell["user.2fa_reset"] != 1 || shell["user.create"] != 1 {
				t.Errorf("what the shell did, as the audit log has it: %v", shell)
			}
		})
	}
}

// The first administrator's address comes from --admin-email or
// TOASOAN_ADMIN_EMAIL (the flag wins), admin@localhost by default; an
// address that is not one stops the server before it starts.
func TestAdminEmailSetting(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TOASOAN_ADMIN_EMAIL": "qt@bao.vn"}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{nil, nil, "admin@localhost"},
		{nil, env, "qt@bao.vn"},
		{[]string{"--admin-email", "it@bao.vn"}, env, "it@bao.vn"},
	} {
		cfg, err := parseConfig("serve", c.args, func(k string) string { return c.env[k] }, io.Discard)
		if err != nil || cfg.AdminEmail != c.want {
			t.Errorf("%v %v: %q %v, want %q", c.args, c.env, cfg.AdminEmail, err, c.want)
		}
	}
	for _, bad := range []string{"", "quan-tri", "Quản trị <qt@bao.vn>", "quản.trị@bao.vn", "<script>@bao.vn"} {
		err := Run(context.Background(), []string{"serve", "--data", t.TempDir(), "--admin-email", bad}, func(string) string { return "" }, strings.NewReader(""), io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "--admin-email") || !strings.Contains(err.Error(), "email") {
			t.Errorf("--admin-email %q: %v", bad, err)
		}
	}
}
