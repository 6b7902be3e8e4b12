package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestArticleText checks what the API stores of the text it is sent:
// bodies pass the sanitizer, text is NFC, and the answer shows the stored
// article, not the request echoed.
func TestArticleText(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		ctx := context.Background()
		nfd := norm.NFD.String("Người dân Hà Tĩnh đón đường mới")
		if nfd == norm.NFC.String(nfd) {
			t.Fatal("the test title is not decomposed")
		}
		embargo := time.Date(2026, 12, 1, 8, 0, 0, 0, time.FixedZone("GMT+7", 7*3600))
		a := n.create("reporter", map[string]any{
			"title": nfd,
			"body": `<p>Đoạn một.<script>alert(1)</script></p>` +
				`<p><a href="javascript:alert(2)">bấm vào</a> và <a href="https://baohatinh.vn/">báo</a></p>` +
				`<p onclick="alert(3)">Đoạn ba.</p>`,
			"tags":          []string{norm.NFD.String("Nông thôn mới"), "  Giao   thông ", "giao thông"},
			"embargo_until": embargo.Format(time.RFC3339),
			"seo_title":     "Đường mới",
		})
		stored, err := s.Article(ctx, a.ID)
		must(t, err)
		for _, bad := range []string{"<script", "alert(1)", "javascript:", "onclick"} {
			if strings.Contains(stored.Body, bad) {
				t.Errorf("stored body keeps %q: %s", bad, stored.Body)
			}
		}
		if !strings.Contains(stored.Body, `href="https://baohatinh.vn/"`) || !strings.Contains(stored.Body, "Đoạn ba.") {
			t.Errorf("the sanitizer took too much: %s", stored.Body)
		}
		if a.Body != stored.Body {
			t.Errorf("answer body %q, stored %q", a.Body, stored.Body)
		}
		if stored.Title != "Người dân Hà Tĩnh đón đường mới" || !norm.NFC.IsNormalString(stored.Title) || a.Title != stored.Title {
			t.Errorf("title stored as %q (NFC: %v), answered %q", stored.Title, norm.NFC.IsNormalString(stored.Title), a.Title)
		}
		if a.Slug != "nguoi-dan-ha-tinh-don-duong-moi" {
			t.Errorf("slug %q", a.Slug)
		}
		if strings.Join(a.Tags, "|") != "Giao thông|Nông thôn mới" {
			t.Errorf("tags %q", a.Tags)
		}
		if a.EmbargoUntil == nil || !a.EmbargoUntil.Equal(embargo) || a.EmbargoUntil.Location() != time.UTC {
			t.Errorf("embargo_until %v, want %v in UTC", a.EmbargoUntil, embargo)
		}

		// A save clears what it is told to, and keeps what it is not sent.
		var saved article
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "reporter", map[string]any{
			"revision": a.Revision, "embargo_until": "", "tags": []string{}, "body": `<p>Mới <img src=x onerror="alert(4)"></p>`,
		}).into(t, http.StatusOK, &saved)
		if saved.EmbargoUntil != nil || len(saved.Tags) != 0 || saved.Title != a.Title || saved.Lead != a.Lead {
			t.Errorf("after the save: %+v", saved)
		}
		if strings.Contains(saved.Body, "onerror") {
			t.Errorf("saved body keeps an event handler: %s", saved.Body)
		}
	})
}

// TestListAndTaxonomy checks the newsroom list's filters and paging, and
// the section and tag lists clients fill their forms from.
func TestListAndTaxonomy(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		var ids []int64
		for i := range 23 {
			sec := n.section.ID
			if i%4 == 0 {
				sec = n.other.ID
			}
			ids = append(ids, n.create("reporter", map[string]any{"title": path("Bài số %d", i), "section_id": sec,
				"tags": []string{"Thời sự"}}).ID)
		}
		n.do("POST", path("/api/v1/articles/%d/transitions", ids[3]), "reporter", map[string]any{"to": "submitted"}).into(t, http.StatusOK, &article{})

		type list struct {
			Articles []article
			Page     int
			PerPage  int `json:"per_page"`
			Total    int
		}
		tests := []struct {
			query       string
			total, page int
			count       int     // articles on the page
			ids         []int64 // the first ones expected, newest change first
		}{
			{"", 23, 1, 20, []int64{ids[3], ids[22], ids[21]}},
			{"?page=2", 23, 2, 3, []int64{ids[2], ids[1], ids[0]}},
			{"?page=3", 23, 3, 0, nil},
			{"?status=submitted", 1, 1, 1, []int64{ids[3]}},
			{"?status=draft&section_id=" + itoa(int(n.other.ID)), 6, 1, 6, []int64{ids[20], ids[16], ids[12], ids[8], ids[4], ids[0]}},
			{"?status=published", 0, 1, 0, nil},
			{"?section_id=999", 0, 1, 0, nil},
		}
		for _, tt := range tests {
			t.Run("query "+tt.query, func(t *testing.T) {
				var got list
				n.do("GET", "/api/v1/articles"+tt.query, "managing", nil).into(t, http.StatusOK, &got)
				if got.Total != tt.total || got.Page != tt.page || got.PerPage != 20 || got.Articles == nil {
					t.Fatalf("total %d page %d per_page %d articles %v, want total %d page %d", got.Total, got.Page, got.PerPage, got.Articles, tt.total, tt.page)
				}
				for i, id := range tt.ids {
					if i >= len(got.Articles) || got.Articles[i].ID != id {
						t.Fatalf("article %d: want id %d in %+v", i, id, got.Articles)
					}
				}
				if len(got.Articles) != tt.count {
					t.Fatalf("%d articles, want %d", len(got.Articles), tt.count)
				}
			})
		}

		// Each member lists what they may open (news.CanRead): the
		// reporter their own stories, an editor the submitted one, another
		// reporter none of these drafts.
		for who, want := range map[string]int{"reporter": 23, "editor": 1, "reporter2": 0} {
			var got list
			n.do("GET", "/api/v1/articles", who, nil).into(t, http.StatusOK, &got)
			if got.Total != want {
				t.Errorf("%s lists %d articles, want %d", who, got.Total, want)
			}
		}

		var sections struct {
			Sections []struct {
				ID       int64
				Slug     string
				Name     string
				ParentID *int64 `json:"parent_id"`
			}
		}
		n.do("GET", "/api/v1/sections", "reporter", nil).into(t, http.StatusOK, &sections)
		if len(sections.Sections) != 2 || sections.Sections[0].Name != "Thời sự" || sections.Sections[0].ParentID != nil ||
			sections.Sections[1].ParentID == nil || *sections.Sections[1].ParentID != n.section.ID {
			t.Fatalf("sections: %+v", sections)
		}
		var tags struct {
			Tags []struct {
				ID         int64
				Slug, Name string
			}
		}
		n.do("GET", "/api/v1/tags", "reporter", nil).into(t, http.StatusOK, &tags)
		if len(tags.Tags) != 1 || tags.Tags[0].Slug != "thoi-su" || tags.Tags[0].Name != "Thời sự" {
			t.Fatalf("tags: %+v", tags)
		}
	})
}
