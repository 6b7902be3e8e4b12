package server_test

import (
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestHomePage(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		resp, doc := get(t, w.url, "/")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		lead := w.articles[5]
		if got := text(doc, ".lead-title a"); got != lead.Title {
			t.Errorf("lead story %q, want the featured %q", got, lead.Title)
		}
		if doc.Find(".latest li").Length() != 5 {
			t.Errorf("latest has %d items, want the 5 others", doc.Find(".latest li").Length())
		}
		// Each story appears once: the lead and "Tin mới" already show
		// all six, so Thời sự has none left for a block of its own.
		if n := doc.Find(".block").Length(); n != 0 {
			t.Errorf("%d section blocks repeat stories shown above", n)
		}
		doc.Find("img").Each(func(_ int, s *goquery.Selection) {
			if s.AttrOr("width", "") == "" || s.AttrOr("height", "") == "" {
				t.Errorf("image %s lacks width or height", s.AttrOr("src", ""))
			}
		})
		if got := text(doc, `nav.menu a[href="/thoi-su/"]`); got != "Thời sự" {
			t.Errorf("menu lacks the section: %q", got)
		}
	})
}

func TestSectionPage(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		_, doc := get(t, w.url, "/thoi-su/")
		if got := text(doc, "h1"); got != "Thời sự" {
			t.Errorf("heading %q", got)
		}
		if n := doc.Find(".rows .row").Length(); n != 6 {
			t.Errorf("%d rows, want 6 (with the sub-section's story)", n)
		}
		if got := text(doc, ".row-meta time"); got != "29/11/2026" {
			t.Errorf("first row date %q", got)
		}
		if got := text(doc, ".side-column h2"); got != "Các tin đã đưa" {
			t.Errorf("side heading %q", got)
		}
		form := doc.Find("form.day-picker")
		if form.AttrOr("action", "") != "/thoi-su/" || form.Find(`input[name="ngay"][type="date"]`).Length() != 1 {
			t.Error("no day picker form")
		}
		_, child := get(t, w.url, "/nong-nghiep/")
		if got := text(child, ".breadcrumb li:nth-child(2)"); got != "Thời sự" {
			t.Errorf("child section breadcrumb %q", got)
		}
		if n := child.Find(".rows .row").Length(); n != 1 {
			t.Errorf("child section has %d rows, want 1", n)
		}
	})
}

func TestSectionDay(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		_, doc := get(t, w.url, "/thoi-su/?ngay=2026-11-26")
		if got := text(doc, "h1"); got != "Các tin đã đưa ngày 26/11/2026" {
			t.Errorf("heading %q", got)
		}
		var titles []string
		doc.Find(".row-title").Each(func(_ int, s *goquery.Selection) { titles = append(titles, strings.TrimSpace(s.Text())) })
		if strings.Join(titles, "|") != "Đường về xã mới số 2" {
			t.Errorf("stories of 26/11: %q", titles)
		}
		if got := doc.Find(`link[rel="canonical"]`).AttrOr("href", ""); got != w.url+"/thoi-su/?ngay=2026-11-26" {
			t.Errorf("canonical %q", got)
		}
		if got := doc.Find(`.days a[href="/thoi-su/?ngay=2026-11-26"]`).Text(); got != "Thứ Năm, 26/11/2026" {
			t.Errorf("recent day link %q", got)
		}
		_, empty := get(t, w.url, "/thoi-su/?ngay=2020-01-01")
		if got := text(empty, ".empty"); got != "Không có bài viết nào trong ngày này." {
			t.Errorf("empty day says %q", got)
		}
		resp, _ := get(t, w.url, "/thoi-su/?ngay=26-11-2026")
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != "/thoi-su/?ngay=2026-11-26" {
			t.Errorf("day in d-m-y form answered %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
	})
}

func TestTagAndAuthorPages(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		tag := w.articles[0].Tags[0]
		_, doc := get(t, w.url, tag.Path())
		if got := text(doc, "h1"); got != "Chủ đề: Giao thông" {
			t.Errorf("tag heading %q", got)
		}
		if n := doc.Find(".row").Length(); n != 6 {
			t.Errorf("tag page lists %d, want 6", n)
		}
		resp, _ := get(t, w.url, "/ten-cu-tag"+itoa(tag.ID)+".html")
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tag.Path() {
			t.Errorf("old tag slug answered %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		_, doc = get(t, w.url, "/tac-gia/thu-ha")
		if got := text(doc, "h1"); got != "Tác giả: Thu Hà" || text(doc, ".intro") != "Phóng viên mảng thời sự." {
			t.Errorf("author page %q / %q", got, text(doc, ".intro"))
		}
	})
}

// TestBadInput: every malformed request gets a Vietnamese 4xx page.
func TestBadInput(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		long := strings.Repeat("a", 5000)
		tests := []struct {
			name, path string
			status     int
			heading    string
		}{
			{"unknown section", "/khong-co-muc/", 404, "Không tìm thấy trang"},
			{"unknown author", "/tac-gia/khong-co", 404, "Không tìm thấy trang"},
			{"unknown tag", "/x-tag999999.html", 404, "Không tìm thấy trang"},
			{"deep unknown path", "/a/b/c/d", 404, "Không tìm thấy trang"},
			{"page past the end", "/thoi-su/?trang=99", 404, "Không tìm thấy trang"},
			{"page zero", "/thoi-su/?trang=0", 400, "Yêu cầu không hợp lệ"},
			{"page not a number", "/thoi-su/?trang=hai", 400, "Yêu cầu không hợp lệ"},
			{"page huge", "/thoi-su/?trang=99999999999999999999", 400, "Yêu cầu không hợp lệ"},
			{"tag page past the end", w.articles[0].Tags[0].Path() + "?trang=5", 404, "Không tìm thấy trang"},
			{"absurd query", "/?q=" + strings.Repeat(long, 8), 400, "Yêu cầu không hợp lệ"},
			{"absurd path", "/" + long, 400, "Yêu cầu không hợp lệ"},
			{"impossible date", "/thoi-su/?ngay=2026-02-30", 400, "Yêu cầu không hợp lệ"},
			{"date not a date", "/thoi-su/?ngay=hom-qua", 400, "Yêu cầu không hợp lệ"},
			{"date far future", "/thoi-su/?ngay=9999-01-01", 400, "Yêu cầu không hợp lệ"},
			{"empty date", "/thoi-su/?ngay=", 400, "Yêu cầu không hợp lệ"},
			{"script as date", "/thoi-su/?ngay=%3Cscript%3E", 400, "Yêu cầu không hợp lệ"},
			{"sql as date", "/thoi-su/?ngay=2026-11-26'%20OR%201=1", 400, "Yêu cầu không hợp lệ"},
			{"day of unknown section", "/khong-co/?ngay=2026-11-26", 404, "Không tìm thấy trang"},
			{"unknown static file", "/static/khong-co.css", 404, "Không tìm thấy trang"},
			{"media outside the folder", "/media/..%2f..%2fetc/passwd", 404, "Không tìm thấy trang"},
			{"media unknown", "/media/ab/0123456789abcdef0123456789abcdef.jpg", 404, "Không tìm thấy trang"},
			{"post to a page", "", 405, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				if tt.status == 405 {
					resp, err := http.Post(w.url+"/thoi-su/", "text/plain", strings.NewReader("x"))
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
						t.Errorf("POST answered %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
					}
					return
				}
				resp, doc := get(t, w.url, tt.path)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
				}
				if got := text(doc, "h1"); got != tt.heading {
					t.Errorf("heading %q, want %q", got, tt.heading)
				}
				if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					t.Errorf("content type %q", resp.Header.Get("Content-Type"))
				}
				if strings.Contains(doc.Text(), "<script>") {
					t.Error("input echoed unescaped")
				}
			})
		}
	})
}

func TestAssetsAndMedia(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		_, doc := get(t, w.url, "/")
		css := doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
		resp, err := http.Get(w.url + css)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/css") {
			t.Errorf("stylesheet %s: %d %q %q", css, resp.StatusCode, resp.Header.Get("Cache-Control"), resp.Header.Get("Content-Type"))
		}
		photo := doc.Find(".lead-photo img").AttrOr("src", "")
		resp, err = http.Get(w.url + photo)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/png" || !strings.Contains(resp.Header.Get("Cache-Control"), "max-age=31536000") {
			t.Errorf("photo %s: %d %q %q", photo, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
		resp, err = http.Get(w.url + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("healthz %d", resp.StatusCode)
		}
	})
}

// TestDatabaseDown: when the database stops answering, readers get the
// Vietnamese 500 page and /healthz says so; nothing leaks the error.
func TestDatabaseDown(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		if err := w.store.Close(); err != nil {
			t.Fatal(err)
		}
		resp, doc := get(t, w.url, "/")
		if resp.StatusCode != http.StatusInternalServerError {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if got := text(doc, "h1"); got != "Lỗi máy chủ" {
			t.Errorf("heading %q", got)
		}
		if strings.Contains(doc.Text(), "sql") || strings.Contains(doc.Text(), "closed") {
			t.Errorf("the error page shows the internal error: %q", text(doc, ".error-page"))
		}
		resp, _ = get(t, w.url, "/healthz")
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("healthz answered %d with the database down", resp.StatusCode)
		}
	})
}
