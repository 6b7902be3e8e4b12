package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A script moving an archive creates stories already published under
// their original dates: only members who may import archives, and only
// with dates that make sense.
func TestScriptedMigrationKeepsOriginalDates(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		story := func(extra map[string]any) map[string]any {
			m := map[string]any{"title": "Khánh thành cầu Cửa Hội", "lead": "Cây cầu nối hai tỉnh.",
				"body": "<p>Cầu dài 1,5 km.</p>", "section_id": n.section.ID}
			for k, v := range extra {
				m[k] = v
			}
			return m
		}
		var a article
		n.do("POST", "/api/v1/articles", "chief", story(map[string]any{"status": "published", "published_at": "2012-09-02T08:30:00+07:00"})).
			into(t, http.StatusCreated, &a)
		want := time.Date(2012, 9, 2, 1, 30, 0, 0, time.UTC)
		if a.Status != "published" || a.PublishedAt == nil || !a.PublishedAt.Equal(want) {
			t.Fatalf("created %s at %v", a.Status, a.PublishedAt)
		}
		var read article
		n.do("GET", path("/api/v1/articles/%d", a.ID), "reporter", nil).into(t, http.StatusOK, &read)
		if read.Status != "published" || !read.PublishedAt.Equal(want) {
			t.Fatalf("read back %s at %v", read.Status, read.PublishedAt)
		}

		// Sent back whole, as read, it saves; its date cannot be moved.
		a.Title = "Khánh thành cầu Cửa Hội nối Nghệ An và Hà Tĩnh"
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "chief", map[string]any{"title": a.Title, "status": "published",
			"published_at": a.PublishedAt.Format(time.RFC3339), "revision": a.Revision}).into(t, http.StatusOK, &a)
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "chief", map[string]any{"published_at": "2013-01-01T00:00:00Z", "revision": a.Revision}).
			failure(t, http.StatusBadRequest, "invalid")
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "chief", map[string]any{"status": "draft", "revision": a.Revision}).
			failure(t, http.StatusBadRequest, "invalid")

		var later article
		n.do("POST", "/api/v1/articles", "chief", story(map[string]any{"status": "scheduled", "published_at": "2099-01-01T00:00:00Z"})).
			into(t, http.StatusCreated, &later)
		if later.Status != "scheduled" || later.ScheduledAt == nil || later.ScheduledAt.Year() != 2099 || later.PublishedAt != nil {
			t.Fatalf("scheduled %+v", later)
		}

		refused := []struct {
			who    string
			extra  map[string]any
			status int
			code   string
		}{
			{"reporter", map[string]any{"status": "published"}, http.StatusForbidden, "forbidden"},
			{"managing", map[string]any{"published_at": "2012-09-02T08:30:00+07:00"}, http.StatusForbidden, "forbidden"},
			{"editor", map[string]any{"status": "submitted"}, http.StatusForbidden, "forbidden"},
			{"chief", map[string]any{"status": "published", "published_at": "2099-01-01T00:00:00Z"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "scheduled", "published_at": "2001-01-01T00:00:00Z"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "scheduled"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "draft", "published_at": "2012-09-02T08:30:00Z"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "unpublished"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "<script>alert(1)</script>"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "published", "published_at": "02/09/2012 08:30"}, http.StatusBadRequest, "invalid"},
			{"chief", map[string]any{"status": "published", "published_at": 1346549400}, http.StatusBadRequest, "invalid"},
		}
		ctx := context.Background()
		before, _ := s.CountArticles(ctx)
		for _, r := range refused {
			n.do("POST", "/api/v1/articles", r.who, story(r.extra)).failure(t, r.status, r.code)
		}
		if after, _ := s.CountArticles(ctx); after != before {
			t.Errorf("%d articles before the refusals, %d after", before, after)
		}

		// A submitted story made by a script waits for its editor like any other.
		var waiting article
		n.do("POST", "/api/v1/articles", "chief", story(map[string]any{"status": "submitted"})).into(t, http.StatusCreated, &waiting)
		if waiting.Status != "submitted" || waiting.PublishedAt != nil {
			t.Fatalf("submitted %+v", waiting)
		}
	})
}
