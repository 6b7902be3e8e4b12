package server_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// redirectCount is how many redirects the table holds.
func redirectCount(t *testing.T, d *desk) int {
	t.Helper()
	n, err := d.store.CountRedirects(context.Background(), store.RedirectFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// The managing editor's page: add a redirect, test an address, see the
// site answer it, replace it, remove it, and search the list; addresses
// typed in any spelling, decomposed Vietnamese included.
func TestRedirectsPageFlow(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "managing-editor")
		resp, doc := b.get("/toasoan/chuyen-huong")
		if resp.StatusCode != http.StatusOK || text(doc, "h1") != "Chuyển hướng địa chỉ cũ" || text(doc, ".nr-empty") != "Chưa có chuyển hướng nào." {
			t.Fatalf("the empty page: %d %q %q", resp.StatusCode, text(doc, "h1"), text(doc, ".nr-empty"))
		}
		resp, _ = b.post("/toasoan/chuyen-huong", url.Values{"old": {"https://baohatinh.vn/Xa-Hoi/Cau-Moi/220459.htm"}, "target": {"/cau-moi-post1.html"}, "status": {"301"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/chuyen-huong?ok=chuyen-huong" {
			t.Fatalf("adding: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc = b.get("/toasoan/chuyen-huong?ok=chuyen-huong")
		if text(doc, ".nr-notice") != "Đã lưu chuyển hướng." || text(doc, ".nr-redirects tbody code") != "/xa-hoi/cau-moi/220459.htm" {
			t.Errorf("the list after adding: %q %q", text(doc, ".nr-notice"), text(doc, ".nr-redirects tbody code"))
		}
		_, doc = b.get("/toasoan/chuyen-huong?thu=" + url.QueryEscape("https://www.baohatinh.vn/xa-hoi/cau-moi/220459.htm/?utm_source=facebook"))
		if got := text(doc, ".nr-test-answer"); got != "301: chuyển đến /cau-moi-post1.html (quy tắc /xa-hoi/cau-moi/220459.htm)." {
			t.Errorf("the test says %q", got)
		}
		if resp, _ := visit(t, d, "GET", "/xa-hoi/cau-moi/220459.htm"); resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/cau-moi-post1.html" {
			t.Errorf("the site: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, _ = b.post("/toasoan/chuyen-huong", url.Values{"old": {"/xa-hoi/cau-moi/220459.htm/"}, "target": {""}, "status": {"410"}})
		if resp.Header.Get("Location") != "/toasoan/chuyen-huong?ok=thay-chuyen-huong" || redirectCount(t, d) != 1 {
			t.Errorf("replacing: %d %q, %d rows", resp.StatusCode, resp.Header.Get("Location"), redirectCount(t, d))
		}
		if resp, _ := visit(t, d, "GET", "/xa-hoi/cau-moi/220459.htm"); resp.StatusCode != http.StatusGone {
			t.Errorf("after replacing with 410: %d", resp.StatusCode)
		}
		// Decomposed Vietnamese is stored composed and found either way.
		if resp, _ := b.post("/toasoan/chuyen-huong", url.Values{"old": {"/tag/ha\u0300-ti\u0303nh/"}, "target": {"/the-thao/"}, "status": {"301"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("an NFD address: %d", resp.StatusCode)
		}
		_, doc = b.get("/toasoan/chuyen-huong?q=" + url.QueryEscape("HÀ-TĨNH"))
		if text(doc, ".nr-found") != "Tìm thấy 1 chuyển hướng" || text(doc, ".nr-redirects tbody code") != "/tag/hà-tĩnh" {
			t.Errorf("search: %q %q", text(doc, ".nr-found"), text(doc, ".nr-redirects tbody code"))
		}
		if resp, _ := visit(t, d, "GET", "/tag/h%C3%A0-t%C4%A9nh"); resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("the NFD redirect on the site: %d", resp.StatusCode)
		}
		// An editor may send readers to another site, if they write its
		// whole address.
		if resp, _ := b.post("/toasoan/chuyen-huong", url.Values{"old": {"/video/clip.htm"}, "target": {"https://vtv.vn/video/clip"}, "status": {"301"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("a whole address: %d", resp.StatusCode)
		}
		if resp, _ := visit(t, d, "GET", "/video/clip.htm"); resp.Header.Get("Location") != "https://vtv.vn/video/clip" {
			t.Errorf("to another site: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		list, err := d.store.Redirects(context.Background(), store.RedirectFilter{Query: "/video/clip.htm", Limit: 1})
		if err != nil || len(list) != 1 {
			t.Fatal(list, err)
		}
		resp, _ = b.post("/toasoan/chuyen-huong/"+itoa(list[0].ID)+"/xoa", nil)
		if resp.Header.Get("Location") != "/toasoan/chuyen-huong?ok=xoa-chuyen-huong" {
			t.Fatalf("removing: %d %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		if resp, _ := visit(t, d, "GET", "/video/clip.htm"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("after removing: %d", resp.StatusCode)
		}
		if resp, _ := b.post("/toasoan/chuyen-huong/"+itoa(list[0].ID)+"/xoa", nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("removing twice: %d", resp.StatusCode)
		}
		entries, err := d.store.AuditLog(context.Background(), store.AuditFilter{ObjectType: "redirect", Limit: 10})
		if err != nil || len(entries) != 5 || entries[0].Action != "redirect.delete" || entries[0].UserID != d.users["managing-editor"].ID {
			t.Errorf("audit: %+v %v", entries, err)
		}
	})
}

// What the page refuses, in Vietnamese and without writing anything:
// scripts, SQL, javascript: and other hosts written as paths, loops,
// the home page, a status that is not 301 or 410, unreadable addresses,
// a forged form and members without the permission.
func TestRedirectsPageRefusals(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "editor-in-chief")
		b.get("/toasoan/chuyen-huong")
		if resp, _ := b.post("/toasoan/chuyen-huong", url.Values{"old": {"/a"}, "target": {"/b"}, "status": {"301"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatal(resp.StatusCode)
		}
		for _, c := range []struct {
			old, target, status, want string
		}{
			{"/b", "/a", "301", "vòng lặp"},
			{"/c", "/C/?utm_source=x", "301", "trùng với địa chỉ cũ"},
			{"/d", "javascript:alert(document.cookie)", "301", "Địa chỉ mới"},
			{"/d", "JaVaScRiPt:alert(1)", "301", "Địa chỉ mới"},
			{"/d", "//evil.example/", "301", "Địa chỉ mới"},
			{"/d", "/\\evil.example/", "301", "Địa chỉ mới"},
			{"/d", "https://baohatinh.vn@evil.example/", "301", "tên đăng nhập"},
			{"/d", "<script>alert(1)</script>", "301", "Địa chỉ mới"},
			{"<script>alert(1)</script>", "/x", "301", "Địa chỉ cũ"},
			{"'; DROP TABLE redirects; --", "/x", "301", "Địa chỉ cũ"},
			{"/", "/x", "301", "trang chủ"},
			{"/toasoan/dang-nhap", "https://evil.example/", "301", "phần hệ thống"},
			{"/e", "/x", "302", "301 (đã chuyển) hoặc 410"},
			{"/e", "", "301", "Vui lòng nhập địa chỉ mới"},
			{"/e", "/x", "410", "410"},
			{"/e%zz", "/x", "301", "mã %"},
			{"", "/x", "301", "Vui lòng nhập địa chỉ cũ"},
			{"/" + strings.Repeat("a", 2100), "/x", "301", "dài quá"},
		} {
			resp, doc := b.post("/toasoan/chuyen-huong", url.Values{"old": {c.old}, "target": {c.target}, "status": {c.status}})
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), c.want) || doc.Find("#ch-old").AttrOr("value", "") != c.old {
				t.Errorf("%q → %q (%s): %d %q", c.old, c.target, c.status, resp.StatusCode, errorText(doc))
			}
		}
		// Addresses that are odd but valid are shown as text.
		if resp, _ := b.post("/toasoan/chuyen-huong", url.Values{"old": {"/<script>alert(1)</script>' OR 1=1 --"}, "target": {"/x"}, "status": {"301"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("an odd old address: %d", resp.StatusCode)
		}
		_, doc := b.get("/toasoan/chuyen-huong?q=" + url.QueryEscape("' OR 1=1 --"))
		if doc.Find("main script, .nr-redirects script").Length() != 0 || !strings.Contains(text(doc, ".nr-redirects tbody"), "<script>alert(1)</script>") {
			t.Errorf("the odd address in the list: %q", text(doc, ".nr-redirects tbody"))
		}
		resp, doc := b.get("/toasoan/chuyen-huong?thu=" + url.QueryEscape("/a%zz"))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(errorText(doc), "mã %") {
			t.Errorf("testing an unreadable address: %d %q", resp.StatusCode, errorText(doc))
		}
		if n := redirectCount(t, d); n != 2 {
			t.Errorf("%d redirects after the refusals, want 2", n)
		}
		// A forged form, and members without the permission.
		if resp, _ := b.post("/toasoan/chuyen-huong", url.Values{"csrf": {"gia-mao"}, "old": {"/f"}, "target": {"/x"}, "status": {"301"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a forged form: %d", resp.StatusCode)
		}
		for _, role := range []string{"reporter", "editor", "moderator"} {
			other := d.signIn(t, role)
			if resp, _ := other.get("/toasoan/chuyen-huong"); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s opened the page: %d", role, resp.StatusCode)
			}
			if resp, _ := other.post("/toasoan/chuyen-huong", url.Values{"old": {"/g"}, "target": {"/x"}, "status": {"301"}}); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s added: %d", role, resp.StatusCode)
			}
			if resp, _ := other.upload("/toasoan/chuyen-huong/nhap", "a.csv", []byte("/h,/x\n"), nil, false); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s uploaded: %d", role, resp.StatusCode)
			}
		}
		if n := redirectCount(t, d); n != 2 {
			t.Errorf("%d redirects after forged and unauthorized forms, want 2", n)
		}
	})
}

// A CSV file uploaded from the page: its summary; a bad one refused whole
// with its problems line by line; no file, a forged form and a file past
// the upload limit refused.
func TestRedirectsUpload(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		b := d.signIn(t, "admin")
		b.get("/toasoan/chuyen-huong")
		file := "\ufeffđịa chỉ cũ;địa chỉ mới;mã\r\nhttps://baohatinh.vn/tag/ha\u0300-ti\u0303nh/;/thoi-su/;301\r\n/video/cu.htm;;410\r\n"
		resp, body := b.upload("/toasoan/chuyen-huong/nhap", "chuyen-huong.csv", []byte(file), nil, false)
		doc, _ := goquery.NewDocumentFromReader(bytes.NewReader(body))
		if resp.StatusCode != http.StatusOK || text(doc, ".nr-notice") != "Đã nhập 2 chuyển hướng: 2 mới, 0 cập nhật, 0 không đổi." || doc.Find(".nr-redirects tbody tr").Length() != 2 {
			t.Fatalf("upload: %d %q", resp.StatusCode, text(doc, ".nr-notice"))
		}
		if resp, _ := visit(t, d, "GET", "/tag/hà-tĩnh"); resp.StatusCode != http.StatusMovedPermanently {
			t.Errorf("the uploaded redirect: %d", resp.StatusCode)
		}
		bad := "/a,/b\n=HYPERLINK(\"http://evil.example\"),/c\n/d,javascript:alert(1)\n/a,/e\n"
		resp, body = b.upload("/toasoan/chuyen-huong/nhap", "xau.csv", []byte(bad), nil, false)
		doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(body))
		if resp.StatusCode != http.StatusBadRequest || text(doc, ".nr-error p") != "Tệp CSV có 3 lỗi nên chưa nhập dòng nào." || doc.Find(".nr-error li").Length() != 3 ||
			!strings.HasPrefix(text(doc, ".nr-error li"), "Dòng 2: ") {
			t.Errorf("a bad file: %d %q %q", resp.StatusCode, text(doc, ".nr-error p"), text(doc, ".nr-error li"))
		}
		resp, body = b.upload("/toasoan/chuyen-huong/nhap", "windows.csv", []byte("/a,/b\n/c\xe0,/d\n"), nil, false)
		doc, _ = goquery.NewDocumentFromReader(bytes.NewReader(body))
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(text(doc, ".nr-error"), "CSV UTF-8") {
			t.Errorf("a file not in UTF-8: %d %q", resp.StatusCode, text(doc, ".nr-error"))
		}
		if n := redirectCount(t, d); n != 2 {
			t.Errorf("%d redirects after refused files, want 2", n)
		}
		req, _ := http.NewRequest(http.MethodPost, d.url+"/toasoan/chuyen-huong/nhap", strings.NewReader("csrf="+url.QueryEscape(b.csrf)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if resp, doc := b.do(req); resp.StatusCode != http.StatusBadRequest || !strings.Contains(text(doc, ".nr-error"), "Vui lòng chọn một tệp CSV") {
			t.Errorf("no file: %d %q", resp.StatusCode, text(doc, ".nr-error"))
		}
		csrf := b.csrf
		b.csrf = "gia-mao"
		if resp, _ := b.upload("/toasoan/chuyen-huong/nhap", "a.csv", []byte("/h,/x\n"), nil, false); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a forged upload: %d", resp.StatusCode)
		}
		b.csrf = csrf
		huge := bytes.Repeat([]byte("/cu/0123456789.htm,/moi-post0123456789.html\n"), 26<<20/44)
		if resp, _ := b.upload("/toasoan/chuyen-huong/nhap", "lon.csv", huge, nil, false); resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("a 26 MB file: %d", resp.StatusCode)
		}
		if n := redirectCount(t, d); n != 2 {
			t.Errorf("%d redirects after refused uploads, want 2", n)
		}
		if _, err := d.store.Redirects(context.Background(), store.RedirectFilter{}); err != nil {
			t.Fatal(err)
		}
		if u := d.users["admin"]; !news.Can(u, news.ManageRedirects) {
			t.Error("the administrator lacks the permission")
		}
	})
}
