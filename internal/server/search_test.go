package server_test

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

func TestSearchPage(t *testing.T) {
	t.Parallel()
	eachSite(t, func(t *testing.T, w site) {
		resp, doc := get(t, w.url, "/tim-kiem?q=duong+ve+xa")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		if n := doc.Find(".search-results .row").Length(); n != 6 {
			t.Fatalf("%d results, want 6", n)
		}
		if got := doc.Find(".search-results .row-title mark").First().Text(); got != "Đường" {
			t.Errorf("first mark %q", got)
		}
		if doc.Find(`meta[name="robots"][content="noindex"]`).Length() != 1 {
			t.Error("search results are indexable")
		}
		_, doc = get(t, w.url, "/tim-kiem?q="+url.QueryEscape("khong co bai nao nhu the"))
		if text(doc, ".search-empty h2") != "Không tìm thấy" || doc.Find(".search-tips li").Length() == 0 {
			t.Errorf("no-result page: %q", text(doc, ".search-empty h2"))
		}
		_, doc = get(t, w.url, "/tim-kiem?q=giao+thong+moi")
		if text(doc, ".tags-list a") != "Giao thông" {
			t.Errorf("suggested topics: %q", text(doc, ".tags-list a"))
		}
		if doc.Find("header .site-search input[name=q]").Length() != 1 {
			t.Error("no search box in the header")
		}
		for _, q := range []string{"", `"`, `"duong`, "*", "NEAR(a b)", "a OR b", "-duong", "'; DROP TABLE articles; --", strings.Repeat("duong ", 1700), strings.Repeat("đ", 1000)} {
			resp, doc := get(t, w.url, "/tim-kiem?q="+url.QueryEscape(q))
			if resp.StatusCode != http.StatusOK {
				t.Errorf("q=%.30q: status %d %q", q, resp.StatusCode, text(doc, ".error-page h1 + p"))
			}
		}
		for _, bad := range []string{"/tim-kiem?q=duong&tu=2026-02-30", "/tim-kiem?q=duong&den=hom-qua", "/tim-kiem?q=duong&chuyen-muc=999", "/tim-kiem?q=duong&trang=0",
			"/tim-kiem?q=duong&sap-xep=cu-nhat", "/tim-kiem?q=duong&sap-xep=%3Cscript%3E"} {
			if resp, _ := get(t, w.url, bad); resp.StatusCode != http.StatusBadRequest {
				t.Errorf("%s: %d", bad, resp.StatusCode)
			}
		}
		_, doc = get(t, w.url, "/tim-kiem?q=duong&sap-xep=cu-nhat")
		if got := text(doc, ".error-page h1 + p"); got != "Cách sắp xếp không hợp lệ" {
			t.Errorf("bad order's message %q", got)
		}
		// "Mới nhất" lists the results by publication, newest first, and
		// the form keeps the order chosen.
		_, doc = get(t, w.url, "/tim-kiem?q=duong&sap-xep=moi-nhat")
		var times []string
		doc.Find(".search-results time").Each(func(_ int, s *goquery.Selection) { times = append(times, s.AttrOr("datetime", "")) })
		if len(times) < 2 || !slices.IsSortedFunc(times, func(a, b string) int { return strings.Compare(b, a) }) {
			t.Errorf("newest first: %v", times)
		}
		if doc.Find(`#sap-xep option[value="moi-nhat"][selected]`).Length() != 1 {
			t.Error("the form forgot the order")
		}
		if resp, _ := get(t, w.url, "/tim-kiem?q=duong&trang=50"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("page past the end: %d", resp.StatusCode)
		}
	})
}
