package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

type programmeOut struct {
	ID          int64  `json:"id"`
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Author      string `json:"author"`
	Category    string `json:"category"`
	Explicit    bool   `json:"explicit"`
	Language    string `json:"language"`
	Position    int    `json:"position"`
	URL         string `json:"url"`
	Feed        string `json:"feed"`
}

// Radio programmes through the API: made, listed, replaced and deleted by
// those who manage programmes, under the newsroom's rules (paper's
// SaveProgramme); read by any member; every refusal a 4xx in Vietnamese
// that writes nothing.
func TestProgrammesAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		n := start(t, s)

		var evening programmeOut
		res := n.do("POST", "/api/v1/programmes", "managing", map[string]any{"title": norm.NFD.String("Thời sự  tối"),
			"description": norm.NFD.String("Bản tin lúc 18 giờ.\r\nMỗi ngày."), "author": norm.NFD.String("Đài Hà Tĩnh"), "position": 2})
		res.into(t, http.StatusCreated, &evening)
		if evening.Title != "Thời sự tối" || evening.Slug != "thoi-su-toi" || evening.Description != "Bản tin lúc 18 giờ.\nMỗi ngày." ||
			evening.Author != "Đài Hà Tĩnh" || evening.Category != "News" || evening.Language != "vi" || evening.Position != 2 ||
			evening.URL != "/phat-thanh/thoi-su-toi" || evening.Feed != "/rss/phat-thanh/thoi-su-toi.rss" ||
			res.header.Get("Location") != path("/api/v1/programmes/%d", evening.ID) {
			t.Fatalf("created: %+v %q", evening, res.header.Get("Location"))
		}
		if !norm.NFC.IsNormalString(evening.Title) || !norm.NFC.IsNormalString(evening.Author) {
			t.Fatalf("not NFC: %q %q", evening.Title, evening.Author)
		}
		stored, err := s.Programme(ctx, evening.ID)
		must(t, err)
		if stored.Title != "Thời sự tối" || stored.Author != "Đài Hà Tĩnh" {
			t.Fatalf("stored: %+v", stored)
		}

		var replaced programmeOut
		n.do("PUT", path("/api/v1/programmes/%d", evening.ID), "admin", map[string]any{"title": "Thời sự sáng", "slug": "thoi-su-toi",
			"category": "Government", "explicit": true}).into(t, http.StatusOK, &replaced)
		if replaced.Title != "Thời sự sáng" || replaced.Slug != "thoi-su-toi" || replaced.Category != "Government" || !replaced.Explicit ||
			replaced.Position != 2 || replaced.Description != "" {
			t.Fatalf("replaced (a missing position stays, the rest is replaced): %+v", replaced)
		}
		var list struct{ Programmes []programmeOut }
		n.do("GET", "/api/v1/programmes", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Programmes) != 1 || list.Programmes[0].Slug != "thoi-su-toi" {
			t.Fatalf("list: %+v", list.Programmes)
		}
		var one programmeOut
		n.do("GET", path("/api/v1/programmes/%d", evening.ID), "moderator", nil).into(t, http.StatusOK, &one)
		if one != replaced {
			t.Fatalf("shown %+v, saved %+v", one, replaced)
		}

		for _, c := range []struct {
			name, method, path, who, body string
			status                        int
			code                          string
		}{
			{"reporter", "POST", "/api/v1/programmes", "reporter", `{"title": "Nông nghiệp"}`, http.StatusForbidden, "forbidden"},
			{"editor", "PUT", path("/api/v1/programmes/%d", evening.ID), "editor", `{"title": "Nông nghiệp"}`, http.StatusForbidden, "forbidden"},
			{"moderator deletes", "DELETE", path("/api/v1/programmes/%d", evening.ID), "moderator", ``, http.StatusForbidden, "forbidden"},
			{"no token", "POST", "/api/v1/programmes", "", `{"title": "Nông nghiệp"}`, http.StatusUnauthorized, "unauthorized"},
			{"malformed JSON", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp"`, http.StatusBadRequest, "invalid"},
			{"not an object", "POST", "/api/v1/programmes", "managing", `["Nông nghiệp"]`, http.StatusBadRequest, "invalid"},
			{"unknown field", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "language": "en"}`, http.StatusBadRequest, "invalid"},
			{"wrong type", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "position": "đầu"}`, http.StatusBadRequest, "invalid"},
			{"missing title", "POST", "/api/v1/programmes", "managing", `{"description": "Bản tin."}`, http.StatusBadRequest, "invalid"},
			{"blank title", "POST", "/api/v1/programmes", "managing", `{"title": "  "}`, http.StatusBadRequest, "invalid"},
			{"script in title", "POST", "/api/v1/programmes", "managing", `{"title": "<script>alert(1)</script>"}`, http.StatusBadRequest, "invalid"},
			{"script in description", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "description": "<script>alert(1)</script>"}`, http.StatusBadRequest, "invalid"},
			{"markup in author", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "author": "<b>Lan</b>"}`, http.StatusBadRequest, "invalid"},
			{"title too long", "POST", "/api/v1/programmes", "managing", `{"title": "` + strings.Repeat("ạ", 201) + `"}`, http.StatusBadRequest, "invalid"},
			{"oversized body", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "description": "` + strings.Repeat("a", 3<<20) + `"}`, http.StatusRequestEntityTooLarge, "too_large"},
			{"unknown category", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "category": "Tin"}`, http.StatusBadRequest, "invalid"},
			{"negative position", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "position": -1}`, http.StatusBadRequest, "invalid"},
			{"unknown cover", "POST", "/api/v1/programmes", "managing", `{"title": "Nông nghiệp", "cover_image_id": 999999}`, http.StatusBadRequest, "invalid"},
			{"taken slug", "POST", "/api/v1/programmes", "managing", `{"title": "Thời sự tối"}`, http.StatusConflict, "conflict"},
			{"unknown id put", "PUT", "/api/v1/programmes/999999", "managing", `{"title": "Nông nghiệp"}`, http.StatusNotFound, "not_found"},
			{"unknown id get", "GET", "/api/v1/programmes/999999", "reporter", ``, http.StatusNotFound, "not_found"},
			{"unknown id delete", "DELETE", "/api/v1/programmes/999999", "chief", ``, http.StatusNotFound, "not_found"},
			{"id not a number", "DELETE", "/api/v1/programmes/abc", "managing", ``, http.StatusBadRequest, "invalid"},
		} {
			t.Run(c.name, func(t *testing.T) {
				var body any
				if c.body != "" {
					body = c.body
				}
				n.do(c.method, c.path, c.who, body).failure(t, c.status, c.code)
			})
		}
		n.do("GET", "/api/v1/programmes", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Programmes) != 1 || list.Programmes[0] != replaced {
			t.Fatalf("the refusals changed the programmes: %+v", list.Programmes)
		}
		if res := n.do("DELETE", path("/api/v1/programmes/%d", evening.ID), "chief", nil); res.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		n.do("GET", path("/api/v1/programmes/%d", evening.ID), "chief", nil).failure(t, http.StatusNotFound, "not_found")
	})
}
