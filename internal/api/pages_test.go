package api_test

import (
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

type pageOut struct {
	ID           int64  `json:"id"`
	Slug         string `json:"slug"`
	Title        string `json:"title"`
	Body         string `json:"body"`
	ShowInFooter bool   `json:"show_in_footer"`
	Position     int    `json:"position"`
	URL          string `json:"url"`
}

// The paper's own pages through the API: made, listed, replaced and
// deleted by those who manage pages, under the newsroom's rules (the
// body sanitized, the title NFC, the slug checked); read by any member.
func TestPagesAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		var about pageOut
		res := n.do("POST", "/api/v1/pages", "managing", map[string]any{"title": norm.NFD.String("Giới thiệu"), "show_in_footer": true,
			"body": `<p onmouseover="alert(1)">Báo của tỉnh.</p><script>alert(2)</script><a href="javascript:alert(3)">x</a>`})
		res.into(t, http.StatusCreated, &about)
		if about.Title != "Giới thiệu" || about.Slug != "gioi-thieu" || about.URL != "/gioi-thieu.html" || !about.ShowInFooter ||
			about.Body != "<p>Báo của tỉnh.</p>x" || res.header.Get("Location") != path("/api/v1/pages/%d", about.ID) {
			t.Fatalf("created: %+v %q", about, res.header.Get("Location"))
		}
		var contact pageOut
		n.do("POST", "/api/v1/pages", "chief", map[string]any{"title": "Liên hệ", "slug": "lien-he", "position": 0}).into(t, http.StatusCreated, &contact)
		if about.Position != 0 || contact.Position != 0 {
			t.Errorf("positions %d and %d", about.Position, contact.Position)
		}
		var list struct{ Pages []pageOut }
		n.do("GET", "/api/v1/pages", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Pages) != 2 || list.Pages[0].Slug != "gioi-thieu" || list.Pages[1].Slug != "lien-he" {
			t.Fatalf("list: %+v", list.Pages)
		}
		var replaced pageOut
		n.do("PUT", path("/api/v1/pages/%d", about.ID), "admin", map[string]any{"title": "Về chúng tôi", "slug": "ve-chung-toi",
			"body": "<p>Mới.</p>", "show_in_footer": true}).into(t, http.StatusOK, &replaced)
		if replaced.ID != about.ID || replaced.Slug != "ve-chung-toi" || replaced.Body != "<p>Mới.</p>" {
			t.Fatalf("replaced: %+v", replaced)
		}
		var one pageOut
		n.do("GET", path("/api/v1/pages/%d", about.ID), "moderator", nil).into(t, http.StatusOK, &one)
		if one.Title != "Về chúng tôi" {
			t.Errorf("read back: %+v", one)
		}

		for _, c := range []struct {
			method, path, who, body string
			status                  int
			code                    string
		}{
			{"POST", "/api/v1/pages", "reporter", `{"title": "Trang"}`, http.StatusForbidden, "forbidden"},
			{"POST", "/api/v1/pages", "editor", `{"title": "Trang"}`, http.StatusForbidden, "forbidden"},
			{"PUT", path("/api/v1/pages/%d", contact.ID), "moderator", `{"title": "Trang"}`, http.StatusForbidden, "forbidden"},
			{"DELETE", path("/api/v1/pages/%d", contact.ID), "reporter", ``, http.StatusForbidden, "forbidden"},
			{"POST", "/api/v1/pages", "", `{"title": "Trang"}`, http.StatusUnauthorized, "unauthorized"},
			{"POST", "/api/v1/pages", "managing", `{"title": ""}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "<script>alert(1)</script>"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "slug": "api"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "slug": "trang-post9"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trùng", "slug": "lien-he"}`, http.StatusConflict, "conflict"},
			{"PUT", path("/api/v1/pages/%d", contact.ID), "managing", `{"title": "Trùng", "slug": "ve-chung-toi"}`, http.StatusConflict, "conflict"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "position": -1}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "position": "đầu"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "colour": "đỏ"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "body": "` + strings.Repeat("a", 1<<20+1) + `"}`, http.StatusRequestEntityTooLarge, "too_large"},
			{"POST", "/api/v1/pages", "managing", `{"title": "Trang", "body": "` + strings.Repeat("a", 3<<20) + `"}`, http.StatusRequestEntityTooLarge, "too_large"},
			{"PUT", "/api/v1/pages/999999", "managing", `{"title": "Trang"}`, http.StatusNotFound, "not_found"},
			{"GET", "/api/v1/pages/999999", "managing", ``, http.StatusNotFound, "not_found"},
			{"DELETE", "/api/v1/pages/999999", "managing", ``, http.StatusNotFound, "not_found"},
			{"DELETE", "/api/v1/pages/abc", "managing", ``, http.StatusBadRequest, "invalid"},
		} {
			var body any
			if c.body != "" {
				body = c.body
			}
			res := n.do(c.method, c.path, c.who, body)
			if c.status == http.StatusRequestEntityTooLarge && res.status != c.status {
				t.Errorf("%s %s: %d, want %d: %.200s", c.method, c.path, res.status, c.status, res.body)
				continue
			}
			res.failure(t, c.status, c.code)
		}
		n.do("GET", "/api/v1/pages", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Pages) != 2 || list.Pages[1].Title != "Liên hệ" {
			t.Fatalf("the refusals changed the pages: %d pages", len(list.Pages))
		}

		if res := n.do("DELETE", path("/api/v1/pages/%d", contact.ID), "chief", nil); res.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		n.do("GET", path("/api/v1/pages/%d", contact.ID), "chief", nil).failure(t, http.StatusNotFound, "not_found")
	})
}
