package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestBadRequests sends what clients get wrong: each answer is a 4xx JSON
// error with a Vietnamese message, never a 500, and nothing is written.
func TestBadRequests(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		a := n.create("editor", nil)
		item := path("/api/v1/articles/%d", a.ID)
		move := item + "/transitions"
		save := func(extra string) string { return `{"revision":` + itoa(a.Revision) + extra + `}` }
		huge := `{"title":"` + strings.Repeat("a", 3<<20) + `"}`
		tests := []struct {
			name, method, path, contentType, body string
			status                                int
			code                                  string
			message                               string // part of the message
		}{
			{"malformed JSON", "POST", "/api/v1/articles", "application/json", `{"title": "Đường`, 400, "invalid", "JSON không hợp lệ"},
			{"unknown field", "POST", "/api/v1/articles", "application/json", `{"title":"Đường","headline":"x"}`, 400, "invalid", `"headline"`},
			{"array body", "POST", "/api/v1/articles", "application/json", `[{"title":"Đường"}]`, 400, "invalid", "đối tượng"},
			{"string body", "POST", "/api/v1/articles", "application/json", `"Đường"`, 400, "invalid", "đối tượng"},
			{"null body", "POST", "/api/v1/articles", "application/json", `null`, 400, "invalid", "đối tượng"},
			{"empty body", "POST", "/api/v1/articles", "application/json", ``, 400, "invalid", "đối tượng"},
			{"trailing data", "POST", "/api/v1/articles", "application/json", `{"title":"Đường"} {"title":"Hai"}`, 400, "invalid", "dữ liệu thừa"},
			{"trailing garbage", "POST", "/api/v1/articles", "application/json", `{"title":"Đường"}x`, 400, "invalid", "dữ liệu thừa"},
			{"wrong type", "POST", "/api/v1/articles", "application/json", `{"title":5}`, 400, "invalid", `“title” sai kiểu`},
			{"id too big for int64", "POST", "/api/v1/articles", "application/json", `{"title":"a","section_id":99999999999999999999}`, 400, "invalid", "section_id"},
			{"oversized body", "POST", "/api/v1/articles", "application/json", huge, 413, "too_large", "2 MB"},
			{"form instead of JSON", "POST", "/api/v1/articles", "application/x-www-form-urlencoded", `title=x`, 400, "invalid", "application/json"},
			{"no content type", "POST", "/api/v1/articles", "", `{"title":"Đường"}`, 400, "invalid", "application/json"},
			{"JSON with charset", "PUT", item, "application/json; charset=utf-8", `{"title":"x"}`, 400, "invalid", "revision"},
			{"save without revision", "PUT", item, "application/json", `{"title":"Tiêu đề khác"}`, 400, "invalid", "revision"},
			{"revision of the wrong type", "PUT", item, "application/json", `{"revision":"1"}`, 400, "invalid", "revision"},
			{"bad embargo time", "PUT", item, "application/json", save(`,"embargo_until":"29/11/2026 08:00"`), 400, "invalid", "RFC 3339"},
			{"empty title", "PUT", item, "application/json", save(`,"title":"  "`), 400, "invalid", "tiêu đề"},
			{"unknown section", "PUT", item, "application/json", save(`,"section_id":999`), 400, "invalid", "chuyên mục"},
			{"unknown author", "PUT", item, "application/json", save(`,"author_ids":[999]`), 400, "invalid", "Tác giả"},
			{"unknown cover", "PUT", item, "application/json", save(`,"cover_image_id":999`), 400, "invalid", "Ảnh"},
			{"id not a number", "GET", "/api/v1/articles/abc", "", ``, 400, "invalid", "Mã bài viết"},
			{"id zero", "GET", "/api/v1/articles/0", "", ``, 400, "invalid", "Mã bài viết"},
			{"id negative", "PUT", "/api/v1/articles/-1", "application/json", save(``), 400, "invalid", "Mã bài viết"},
			{"id past int64", "GET", "/api/v1/articles/99999999999999999999/revisions", "", ``, 400, "invalid", "Mã bài viết"},
			{"revision id not a number", "GET", item + "/revisions/x", "", ``, 400, "invalid", "Mã phiên bản"},
			{"no such article", "GET", "/api/v1/articles/999", "", ``, 404, "not_found", "Không tìm thấy"},
			{"no such article's revisions", "GET", "/api/v1/articles/999/revisions", "", ``, 404, "not_found", "Không tìm thấy"},
			{"save of no such article", "PUT", "/api/v1/articles/999", "application/json", save(``), 404, "not_found", "Không tìm thấy"},
			{"unknown state", "POST", move, "application/json", `{"to":"archived"}`, 400, "invalid", "archived"},
			{"no state", "POST", move, "application/json", `{"note":"x"}`, 400, "invalid", "trạng thái"},
			{"bad schedule time", "POST", move, "application/json", `{"to":"scheduled","at":"tomorrow"}`, 400, "invalid", "RFC 3339"},
			{"move outside the workflow", "POST", move, "application/json", `{"to":"approved"}`, 400, "invalid", "Không thể chuyển"},
			{"unknown status filter", "GET", "/api/v1/articles?status=archived", "", ``, 400, "invalid", "archived"},
			{"page zero", "GET", "/api/v1/articles?page=0", "", ``, 400, "invalid", "Số trang"},
			{"page past the last", "GET", "/api/v1/articles?page=10001", "", ``, 400, "invalid", "Số trang"},
			{"page not a number", "GET", "/api/v1/articles?page=hai", "", ``, 400, "invalid", "Số trang"},
			{"section filter not a number", "GET", "/api/v1/articles?section_id=thoi-su", "", ``, 400, "invalid", "section_id"},
			{"unknown path", "GET", "/api/v1/khong-co", "", ``, 404, "not_found", "địa chỉ API"},
			{"trailing slash", "GET", "/api/v1/articles/", "", ``, 404, "not_found", "địa chỉ API"},
			{"method not allowed", "DELETE", item, "", ``, 405, "method_not_allowed", "DELETE"},
			{"method not allowed on a list", "PATCH", "/api/v1/sections", "", ``, 405, "method_not_allowed", "PATCH"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				req, err := http.NewRequest(tt.method, n.url+tt.path, strings.NewReader(tt.body))
				must(t, err)
				if tt.contentType != "" {
					req.Header.Set("Content-Type", tt.contentType)
				}
				req.Header.Set("Authorization", "Bearer "+n.tokens["managing"])
				e := n.send(req).failure(t, tt.status, tt.code)
				if !strings.Contains(e.Message, tt.message) {
					t.Fatalf("message %q lacks %q", e.Message, tt.message)
				}
			})
		}

		res := n.do("DELETE", item, "editor", nil)
		if allow := res.header.Get("Allow"); allow != "GET, HEAD, PUT" {
			t.Fatalf("Allow: %q", allow)
		}
		var after article
		n.do("GET", item, "editor", nil).into(t, http.StatusOK, &after)
		if after.Revision != a.Revision || after.Title != a.Title || after.Status != "draft" {
			t.Fatalf("a refused request changed the article: %+v", after)
		}
	})
}

func itoa(n int) string { return path("%d", n) }
