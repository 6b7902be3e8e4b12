package api_test

import (
	"context"
	"net/http"
	"slices"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

type topicOut struct {
	ID           int64   `json:"id"`
	Slug         string  `json:"slug"`
	Title        string  `json:"title"`
	Intro        string  `json:"intro"`
	CoverImageID int64   `json:"cover_image_id"`
	TagID        int64   `json:"tag_id"`
	PinnedIDs    []int64 `json:"pinned_ids"`
	InMenu       bool    `json:"in_menu"`
	Active       bool    `json:"active"`
	URL          string  `json:"url"`
}

// Topic pages through the API: made, listed, replaced and deleted by
// those who manage topics, under the newsroom's rules; read by any
// member; every refusal a 4xx that writes nothing.
func TestTopicsAPI(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		n := start(t, s)
		story := func(slug string, status news.Status) int64 {
			a, err := s.CreateArticle(ctx, news.System(), news.Article{Slug: slug, Title: "Bài " + slug, SectionID: n.section.ID,
				Status: status, PublishedAt: time.Now(), Tags: []news.Tag{{Slug: "bao-so-3", Name: "Bão số 3"}}})
			must(t, err)
			return a.ID
		}
		first, second, draft := story("mot", news.Published), story("hai", news.Published), story("nhap", news.Draft)
		tags, err := s.Tags(ctx)
		must(t, err)
		cover, err := s.CreateImage(ctx, news.System(), news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg", Width: 1200, Height: 675, Bytes: 100})
		must(t, err)

		var storm topicOut
		res := n.do("POST", "/api/v1/topics", "managing", map[string]any{"title": norm.NFD.String("Bão số 3"), "intro": "<script>alert(1)</script> Diễn biến.",
			"cover_image_id": cover.ID, "tag_id": tags[0].ID, "pinned_ids": []int64{second, first}, "in_menu": true})
		res.into(t, http.StatusCreated, &storm)
		if storm.Title != "Bão số 3" || storm.Slug != "bao-so-3" || storm.URL != "/dong-su-kien/bao-so-3" || !storm.Active || !storm.InMenu ||
			!slices.Equal(storm.PinnedIDs, []int64{second, first}) || storm.Intro != "<script>alert(1)</script> Diễn biến." ||
			res.header.Get("Location") != path("/api/v1/topics/%d", storm.ID) {
			t.Fatalf("created: %+v %q", storm, res.header.Get("Location"))
		}
		var replaced topicOut
		n.do("PUT", path("/api/v1/topics/%d", storm.ID), "admin", map[string]any{"title": "Bão Yagi", "slug": "bao-so-3", "active": false,
			"pinned_ids": []int64{first}}).into(t, http.StatusOK, &replaced)
		if replaced.Title != "Bão Yagi" || replaced.Active || replaced.TagID != 0 || !slices.Equal(replaced.PinnedIDs, []int64{first}) {
			t.Fatalf("replaced: %+v", replaced)
		}
		var list struct{ Topics []topicOut }
		n.do("GET", "/api/v1/topics", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Topics) != 1 || list.Topics[0].Slug != "bao-so-3" {
			t.Fatalf("list: %+v", list.Topics)
		}

		for _, c := range []struct {
			method, path, who, body string
			status                  int
			code                    string
		}{
			{"POST", "/api/v1/topics", "reporter", `{"title": "Bầu cử"}`, http.StatusForbidden, "forbidden"},
			{"POST", "/api/v1/topics", "editor", `{"title": "Bầu cử"}`, http.StatusForbidden, "forbidden"},
			{"DELETE", path("/api/v1/topics/%d", storm.ID), "moderator", ``, http.StatusForbidden, "forbidden"},
			{"POST", "/api/v1/topics", "", `{"title": "Bầu cử"}`, http.StatusUnauthorized, "unauthorized"},
			{"POST", "/api/v1/topics", "managing", `{"title": " "}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "slug": "rss"}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bão khác", "slug": "bao-so-3"}`, http.StatusConflict, "conflict"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "pinned_ids": [` + path("%d", draft) + `]}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "pinned_ids": [999999]}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "pinned_ids": [1,2,3,4,5,6,7,8,9,10,11]}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "cover_image_id": 999999}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "tag_id": 999999}`, http.StatusBadRequest, "invalid"},
			{"POST", "/api/v1/topics", "managing", `{"title": "Bầu cử", "position": "đầu"}`, http.StatusBadRequest, "invalid"},
			{"PUT", "/api/v1/topics/999999", "managing", `{"title": "Bầu cử"}`, http.StatusNotFound, "not_found"},
			{"GET", "/api/v1/topics/999999", "managing", ``, http.StatusNotFound, "not_found"},
			{"DELETE", "/api/v1/topics/abc", "managing", ``, http.StatusBadRequest, "invalid"},
		} {
			var body any
			if c.body != "" {
				body = c.body
			}
			n.do(c.method, c.path, c.who, body).failure(t, c.status, c.code)
		}
		n.do("GET", "/api/v1/topics", "reporter", nil).into(t, http.StatusOK, &list)
		if len(list.Topics) != 1 || list.Topics[0].Title != "Bão Yagi" {
			t.Fatalf("the refusals changed the topics: %+v", list.Topics)
		}
		if res := n.do("DELETE", path("/api/v1/topics/%d", storm.ID), "chief", nil); res.status != http.StatusNoContent {
			t.Fatalf("delete: %d %s", res.status, res.body)
		}
		n.do("GET", path("/api/v1/topics/%d", storm.ID), "chief", nil).failure(t, http.StatusNotFound, "not_found")
	})
}
