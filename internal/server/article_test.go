package server_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestArticlePage(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		a := w.articles[4]
		resp, doc := get(t, w.url, a.Path())
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if got := doc.Find("html").AttrOr("lang", ""); got != "vi" {
			t.Errorf("lang = %q", got)
		}
		if got := text(doc, "h1.story-title"); got != a.Title {
			t.Errorf("title %q, want %q", got, a.Title)
		}
		if got := text(doc, ".story-lead"); got != "(Baohatinh.vn) - "+a.Lead {
			t.Errorf("lead %q does not start with the dateline", got)
		}
		if got := text(doc, ".story-date"); got != "Thứ Bảy, 28/11/2026 10:00 (GMT+7)" {
			t.Errorf("date line %q", got)
		}
		if got := text(doc, ".breadcrumb li:last-child"); got != "Thời sự" {
			t.Errorf("breadcrumb ends with %q", got)
		}
		if got := text(doc, ".story-body h2"); got != "Đường về xã mới" {
			t.Errorf("sub-heading %q", got)
		}
		fig := doc.Find(".story-body figure").First()
		if got := strings.Join(strings.Fields(fig.Find("figcaption").Text()), " "); got != "Con đường mới về xã Thạch Lạc. Ảnh: Thu Hà" {
			t.Errorf("caption %q", got)
		}
		img := fig.Find("img")
		if img.AttrOr("width", "") == "" || img.AttrOr("height", "") == "" || img.AttrOr("loading", "") != "lazy" {
			t.Errorf("inline photo lacks size or lazy loading")
		}
		if doc.Find(".story-body script").Length() != 0 || strings.Contains(doc.Find(".story-body").Text(), "alert(1)") {
			t.Error("a script from the body reached the page")
		}
		if got := text(doc, ".byline a"); got != "Thu Hà" {
			t.Errorf("byline %q", got)
		}
		if href := doc.Find(".byline a").AttrOr("href", ""); href != "/tac-gia/thu-ha" {
			t.Errorf("byline links to %q", href)
		}
		if got := text(doc, ".tags a"); got != "Giao thông" {
			t.Errorf("tag %q", got)
		}
		if got := text(doc, ".share h2"); got != "Hãy chia sẻ với bạn bè!" {
			t.Errorf("share heading %q", got)
		}
		canonical := doc.Find(`link[rel="canonical"]`).AttrOr("href", "")
		if canonical != w.url+a.Path() {
			t.Errorf("canonical %q", canonical)
		}
		shares := map[string]bool{}
		doc.Find(".share a").Each(func(_ int, s *goquery.Selection) {
			href := s.AttrOr("href", "")
			if !strings.Contains(href, url.QueryEscape(canonical)) && !strings.Contains(href, url.PathEscape(canonical)) && href != canonical {
				t.Errorf("share link %q lacks the canonical URL", href)
			}
			// The accessible name is the visible text (WCAG 2.5.3).
			if label, ok := s.Attr("aria-label"); ok && !strings.HasPrefix(label, strings.TrimSpace(s.Text())) {
				t.Errorf("share link %q is named %q but reads %q", href, label, s.Text())
			}
			shares[strings.TrimSpace(s.Text())] = true
		})
		for _, name := range []string{"Facebook", "Zalo", "X", "Email", "Sao chép liên kết"} {
			if !shares[name] {
				t.Errorf("no %s share link", name)
			}
		}
		if doc.Find(`script[src^="http"]`).Length() != 0 {
			t.Error("a third-party script is on the page")
		}
		if got := text(doc, ".earlier h2"); got != "Các tin đã đưa" {
			t.Errorf("earlier heading %q", got)
		}
		// The section's stories before this one: articles 3, 1, 0 (2 is in the child section).
		var earlier []string
		doc.Find(".earlier li a").Each(func(_ int, s *goquery.Selection) { earlier = append(earlier, s.Text()) })
		if strings.Join(earlier, "|") != "Đường về xã mới số 3|Đường về xã mới số 1|Đường về xã mới số 0" {
			t.Errorf("earlier stories %q", earlier)
		}
		if doc.Find(".earlier li time").Length() != 3 {
			t.Error("earlier stories lack their dates")
		}
		if got := text(doc, ".comments h2"); got != "0 bình luận" {
			t.Errorf("comment count %q", got)
		}
		if got := text(doc, ".comment-notice"); got != "Ý kiến của bạn sẽ được biên tập trước khi đăng. Vui lòng gõ tiếng Việt có dấu" {
			t.Errorf("comment notice %q", got)
		}
	})
}

func TestArticleURLs(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		a := w.articles[1]
		tests := []struct {
			name     string
			path     string
			status   int
			location string
		}{
			{"canonical", a.Path(), 200, ""},
			{"old slug", "/ten-cu-cua-bai-post" + itoa(a.ID) + ".html", 301, a.Path()},
			{"no slug", "/-post" + itoa(a.ID) + ".html", 301, a.Path()},
			{"draft", w.draft.Path(), 404, ""},
			{"unknown id", "/bai-viet-post987654.html", 404, ""},
			{"id too long", "/bai-post1234567890123456789.html", 404, ""},
			{"id zero", "/bai-post0.html", 404, ""},
			{"id not a number", "/bai-postabc.html", 404, ""},
			{"negative id", "/bai-post-5.html", 404, ""},
			{"wrong suffix", "/bai-post" + itoa(a.ID) + ".htm", 404, ""},
			{"sql in path", "/x'%20OR%201=1--post987654.html", 404, ""},
			{"sql as id", "/x-post1%20OR%201=1.html", 404, ""},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				resp, doc := get(t, w.url, tt.path)
				if resp.StatusCode != tt.status {
					t.Fatalf("status %d, want %d", resp.StatusCode, tt.status)
				}
				if got := resp.Header.Get("Location"); got != tt.location {
					t.Errorf("Location %q, want %q", got, tt.location)
				}
				if tt.status == 404 && text(doc, "h1") != "Không tìm thấy trang" {
					t.Errorf("404 page heading %q", text(doc, "h1"))
				}
			})
		}
	})
}
