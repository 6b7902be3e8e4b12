package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

type sectionOut struct {
	ID       int64  `json:"id"`
	Slug     string `json:"slug"`
	Name     string `json:"name"`
	ParentID *int64 `json:"parent_id"`
}

type authorOut struct {
	ID           int64  `json:"id"`
	Slug         string `json:"slug"`
	Name         string `json:"name"`
	Bio          string `json:"bio"`
	PhotoImageID *int64 `json:"photo_image_id"`
	URL          string `json:"url"`
}

// A paper started without the demo has no sections; administrators make
// them through the API, under the same rules as the newsroom's page.
func TestCreateSection(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		var sec sectionOut
		n.do("POST", "/api/v1/sections", "admin", map[string]any{"name": norm.NFD.String("Kinh tế  Hà Tĩnh")}).into(t, http.StatusCreated, &sec)
		if sec.Name != "Kinh tế Hà Tĩnh" || sec.Slug != "kinh-te-ha-tinh" || sec.ParentID != nil {
			t.Fatalf("section: %+v", sec)
		}
		var child sectionOut
		n.do("POST", "/api/v1/sections", "admin", map[string]any{"name": "Doanh nghiệp", "slug": "doanh-nghiep", "parent_id": sec.ID}).
			into(t, http.StatusCreated, &child)
		if child.ParentID == nil || *child.ParentID != sec.ID {
			t.Fatalf("child section: %+v", child)
		}
		var list struct{ Sections []sectionOut }
		n.do("GET", "/api/v1/sections", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Sections) != 4 {
			t.Fatalf("sections: %+v", list.Sections)
		}

		refused := []struct {
			who, body string
			status    int
			code      string
		}{
			{"chief", `{"name": "Thể thao"}`, http.StatusForbidden, "forbidden"},
			{"reporter", `{"name": "Thể thao"}`, http.StatusForbidden, "forbidden"},
			{"admin", `{"name": ""}`, http.StatusBadRequest, "invalid"},
			{"admin", `{"name": "Thể thao", "slug": "toasoan"}`, http.StatusBadRequest, "invalid"},
			{"admin", `{"name": "Trùng", "slug": "kinh-te-ha-tinh"}`, http.StatusConflict, "conflict"},
			{"admin", `{"name": "Mồ côi", "parent_id": 99999}`, http.StatusBadRequest, "invalid"},
			{"admin", `{"name": "` + strings.Repeat("dài ", 40) + `"}`, http.StatusBadRequest, "invalid"},
			{"admin", `{"name": "Thể thao", "colour": "đỏ"}`, http.StatusBadRequest, "invalid"},
			{"admin", `{"name": "<script>alert(1)</script>", "slug": "'; DROP TABLE sections; --"}`, http.StatusCreated, ""},
		}
		for _, r := range refused {
			res := n.do("POST", "/api/v1/sections", r.who, r.body)
			if r.status == http.StatusCreated {
				// Markup in a name is text: stored as typed, escaped where shown; the slug is letters.
				var odd sectionOut
				res.into(t, http.StatusCreated, &odd)
				if odd.Name != "<script>alert(1)</script>" || odd.Slug != "drop-table-sections" {
					t.Fatalf("hostile section: %+v", odd)
				}
				continue
			}
			res.failure(t, r.status, r.code)
		}
		n.do("GET", "/api/v1/sections", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Sections) != 5 {
			t.Fatalf("refused sections were written: %d sections", len(list.Sections))
		}
	})
}

// Bylines through the API: listed, made by those who manage them, named
// on a story by id or by exact name; a credit line rides along.
func TestAuthorsAndBylines(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		var made authorOut
		n.do("POST", "/api/v1/authors", "managing", map[string]any{"name": "Nhóm phóng viên Kinh tế", "bio": "Ban Kinh tế của báo."}).
			into(t, http.StatusCreated, &made)
		if made.Slug != "nhom-phong-vien-kinh-te" || made.URL != "/tac-gia/nhom-phong-vien-kinh-te" {
			t.Fatalf("author: %+v", made)
		}
		var list struct{ Authors []authorOut }
		n.do("GET", "/api/v1/authors", "reporter", nil).into(t, http.StatusOK, &list)
		names := map[string]bool{}
		for _, a := range list.Authors {
			names[a.Name] = true
		}
		if !names["Thu Hà"] || !names["Nhóm phóng viên Kinh tế"] || !names["Thành viên editor"] {
			t.Fatalf("authors listed: %v (every member has a pen name)", names)
		}

		var a article
		n.do("POST", "/api/v1/articles", "reporter", map[string]any{"title": "Giá lúa tăng", "lead": "Nông dân phấn khởi.",
			"section_id": n.section.ID, "authors": []map[string]any{{"name": norm.NFD.String("Thu Hà")}, {"id": made.ID}},
			"credit": "Theo TTXVN"}).into(t, http.StatusCreated, &a)
		if len(a.Authors) != 2 || a.Authors[0].Name != "Thu Hà" || a.Authors[1].ID != made.ID || a.Credit != "Theo TTXVN" {
			t.Fatalf("bylines: %+v, credit %q", a.Authors, a.Credit)
		}
		var saved article
		n.do("PUT", fmt.Sprintf("/api/v1/articles/%d", a.ID), "reporter", map[string]any{"revision": a.Revision,
			"authors": []map[string]any{{"id": made.ID}}}).into(t, http.StatusOK, &saved)
		if len(saved.Authors) != 1 || saved.Authors[0].ID != made.ID || saved.Credit != "Theo TTXVN" {
			t.Fatalf("after changing bylines: %+v, credit %q", saved.Authors, saved.Credit)
		}

		refusals := []struct {
			who    string
			path   string
			body   string
			status int
			code   string
		}{
			{"reporter", "/api/v1/authors", `{"name": "Tự phong"}`, http.StatusForbidden, "forbidden"},
			{"moderator", "/api/v1/authors", `{"name": "Tự phong"}`, http.StatusForbidden, "forbidden"},
			{"managing", "/api/v1/authors", `{"name": "<b>Đậm</b>"}`, http.StatusBadRequest, "invalid"},
			{"managing", "/api/v1/authors", `{"name": "Tiểu sử", "bio": "Xem <a href=x>đây</a>"}`, http.StatusBadRequest, "invalid"},
			{"managing", "/api/v1/authors", `{"name": ""}`, http.StatusBadRequest, "invalid"},
			{"managing", "/api/v1/authors", `{"name": "Có ảnh", "photo_image_id": 424242}`, http.StatusBadRequest, "invalid"},
			{"managing", "/api/v1/authors", `{"name": "Của ai", "user_id": 424242}`, http.StatusBadRequest, "invalid"},
			{"reporter", "/api/v1/articles", fmt.Sprintf(`{"title": "Bài", "section_id": %d, "authors": [{"name": "Không Có Ai"}]}`, n.section.ID), http.StatusBadRequest, "invalid"},
			{"reporter", "/api/v1/articles", fmt.Sprintf(`{"title": "Bài", "section_id": %d, "authors": [{}]}`, n.section.ID), http.StatusBadRequest, "invalid"},
			{"reporter", "/api/v1/articles", fmt.Sprintf(`{"title": "Bài", "section_id": %d, "authors": [{"id": 1}], "author_ids": [1]}`, n.section.ID), http.StatusBadRequest, "invalid"},
			{"reporter", "/api/v1/articles", fmt.Sprintf(`{"title": "Bài", "section_id": %d, "credit": "<i>Theo</i> TTXVN"}`, n.section.ID), http.StatusBadRequest, "invalid"},
			{"reporter", "/api/v1/articles", fmt.Sprintf(`{"title": "Bài", "section_id": %d, "credit": "%s"}`, n.section.ID, strings.Repeat("x", 201)), http.StatusBadRequest, "invalid"},
		}
		for _, r := range refusals {
			msg := n.do("POST", r.path, r.who, r.body).failure(t, r.status, r.code)
			t.Logf("%s %s: %s", r.who, r.body, msg.Message)
		}
		n.do("GET", "/api/v1/authors", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Authors) != len(names) {
			t.Fatalf("refused authors were written: %d, want %d", len(list.Authors), len(names))
		}
	})
}

// A correction is for published stories: the paper's correctors (by
// default the managing editor) send it with "correction"; it is dated,
// and refused on a story readers do not see.
func TestCorrectionThroughTheAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		var draft article
		n.do("POST", "/api/v1/articles", "reporter", map[string]any{"title": "Đường mới", "lead": "Con đường dài 3 km.",
			"body": "<p>Thân bài.</p>", "section_id": n.section.ID}).into(t, http.StatusCreated, &draft)
		n.do("PUT", fmt.Sprintf("/api/v1/articles/%d", draft.ID), "reporter", map[string]any{"revision": draft.Revision,
			"correction": "Sửa số liệu."}).failure(t, http.StatusBadRequest, "invalid")

		live := n.published("Đường mới đã thông xe")
		path := fmt.Sprintf("/api/v1/articles/%d", live.ID)
		n.do("PUT", path, "editor", map[string]any{"revision": live.Revision, "correction": "Sửa."}).failure(t, http.StatusForbidden, "forbidden")
		note := norm.NFD.String("Bản đăng lúc đầu ghi nhầm chiều dài con đường là 30 km.")
		var fixed article
		n.do("PUT", path, "managing", map[string]any{"revision": live.Revision, "correction": note}).into(t, http.StatusOK, &fixed)
		if fixed.Correction != norm.NFC.String(note) || fixed.CorrectedAt == nil || fixed.CorrectedAt.Sub(n.clock.now()).Abs() > time.Millisecond {
			t.Fatalf("correction: %q at %v", fixed.Correction, fixed.CorrectedAt)
		}
		n.do("PUT", path, "managing", map[string]any{"revision": fixed.Revision, "correction": strings.Repeat("dài ", 600)}).
			failure(t, http.StatusBadRequest, "invalid")
		var again article
		n.do("GET", path, "reporter", nil).into(t, http.StatusOK, &again)
		if again.Correction != fixed.Correction || again.Revision != fixed.Revision {
			t.Fatalf("a refused correction changed the story: %+v", again)
		}
	})
}

// published makes a story and moves it to publication, as the newsroom
// would: the reporter submits, the editor edits, the managing editor
// publishes.
func (n *newsroomTest) published(title string) article {
	n.t.Helper()
	a := n.create("reporter", map[string]any{"title": title})
	for _, step := range []struct{ who, to string }{{"reporter", "submitted"}, {"editor", "edited"}, {"managing", "published"}} {
		n.do("POST", path("/api/v1/articles/%d/transitions", a.ID), step.who, map[string]any{"to": step.to}).into(n.t, http.StatusOK, &a)
	}
	return a
}
