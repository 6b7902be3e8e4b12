package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestWorkflow follows one article from the reporter's draft to the
// reader and back off the site, each step with its member's token.
func TestWorkflow(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		ctx := context.Background()

		// The reporter writes and submits; the byline defaults to theirs.
		a := n.create("reporter", map[string]any{"tags": []string{"Giao thông", "Nông thôn mới"}})
		if a.Status != "draft" || a.Revision != 1 || a.PublishedAt != nil {
			t.Fatalf("new article: %+v", a)
		}
		if len(a.Authors) != 1 || a.Authors[0].ID != n.author.ID || a.Authors[0].Name != "Thu Hà" {
			t.Fatalf("byline: %+v", a.Authors)
		}
		if a.URL != path("/duong-ve-xa-moi-post%d.html", a.ID) {
			t.Fatalf("url %q", a.URL)
		}
		wantRevisions := 1
		step := func(who, to string, extra map[string]any) article {
			t.Helper()
			body := map[string]any{"to": to}
			for k, v := range extra {
				body[k] = v
			}
			var moved article
			n.do("POST", path("/api/v1/articles/%d/transitions", a.ID), who, body).into(t, http.StatusOK, &moved)
			if moved.Status != to {
				t.Fatalf("%s moved to %q, want %q", who, moved.Status, to)
			}
			wantRevisions++
			if got := len(n.revisions(a.ID)); got != wantRevisions {
				t.Fatalf("after %s: %d revisions, want %d", to, got, wantRevisions)
			}
			return moved
		}
		a = step("reporter", "submitted", nil)

		// The editor edits on top of the revision they read, then passes it on.
		var edited article
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "editor", map[string]any{
			"revision": a.Revision, "lead": "Người dân xã Thạch Lạc vui mừng đón con đường mới.",
		}).into(t, http.StatusOK, &edited)
		wantRevisions++
		if edited.Revision != a.Revision+1 || edited.Lead != "Người dân xã Thạch Lạc vui mừng đón con đường mới." {
			t.Fatalf("after the edit: %+v", edited)
		}
		if edited.Title != a.Title || edited.Body != a.Body || len(edited.Tags) != 2 || len(edited.Authors) != 1 {
			t.Fatalf("fields left out of the save changed: %+v", edited)
		}
		a = step("editor", "edited", nil)

		// Only the managing editor and above publish or schedule.
		at := n.clock.now().Add(time.Hour).Truncate(time.Second)
		for _, to := range []string{"published", "scheduled"} {
			n.do("POST", path("/api/v1/articles/%d/transitions", a.ID), "reporter",
				map[string]any{"to": to, "at": at.Format(time.RFC3339)}).failure(t, http.StatusForbidden, "forbidden")
		}
		a = step("managing", "scheduled", map[string]any{"at": at.Format(time.RFC3339)})
		if a.ScheduledAt == nil || !a.ScheduledAt.Equal(at) {
			t.Fatalf("scheduled at %v, want %v", a.ScheduledAt, at)
		}
		var list struct {
			Articles []article
			Page     int
			Total    int
		}
		n.do("GET", "/api/v1/articles?status=scheduled", "editor", nil).into(t, http.StatusOK, &list)
		if list.Total != 1 || len(list.Articles) != 1 || list.Articles[0].ID != a.ID || list.Page != 1 {
			t.Fatalf("scheduled list: %+v", list)
		}

		// The scheduler's hour comes.
		n.clock.advance(2 * time.Hour)
		ids, err := n.service.PublishDue(ctx)
		must(t, err)
		if len(ids) != 1 || ids[0] != a.ID {
			t.Fatalf("published on schedule: %v", ids)
		}
		wantRevisions++
		n.do("GET", path("/api/v1/articles/%d", a.ID), "reporter", nil).into(t, http.StatusOK, &a)
		if a.Status != "published" || a.PublishedAt == nil || !a.PublishedAt.Equal(at) {
			t.Fatalf("after the schedule: status %q, published_at %v, want %v", a.Status, a.PublishedAt, at)
		}

		// The paper's correctors take it down; an editor is not one.
		n.do("POST", path("/api/v1/articles/%d/transitions", a.ID), "editor",
			map[string]any{"to": "unpublished"}).failure(t, http.StatusForbidden, "forbidden")
		a = step("chief", "unpublished", map[string]any{"note": "Gỡ để kiểm tra lại số liệu"})

		revs := n.revisions(a.ID)
		if revs[0].Kind != "transition" || revs[0].Status != "unpublished" || revs[0].Note != "Gỡ để kiểm tra lại số liệu" ||
			revs[0].UserName != "Thành viên chief" || revs[0].Number != a.Revision {
			t.Fatalf("newest revision: %+v", revs[0])
		}
		if auto := revs[1]; auto.UserID != nil || auto.Status != "published" {
			t.Fatalf("the scheduler's revision: %+v", auto)
		}
	})
}

// TestSaveConflict saves on top of a stale revision: the save is refused
// with 409, and the refused text is kept as a "conflict" revision.
func TestSaveConflict(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		a := n.create("editor", nil)
		var first article
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "editor",
			map[string]any{"revision": a.Revision, "title": "Bản của biên tập viên"}).into(t, http.StatusOK, &first)

		res := n.do("PUT", path("/api/v1/articles/%d", a.ID), "managing",
			map[string]any{"revision": a.Revision, "title": "Bản của thư ký", "body": "<p>Đoạn mới của thư ký.</p>"})
		e := res.failure(t, http.StatusConflict, "conflict")
		if e.CurrentRevision != first.Revision || e.RevisionID == 0 {
			t.Fatalf("conflict: %+v", e)
		}

		var current article
		n.do("GET", path("/api/v1/articles/%d", a.ID), "editor", nil).into(t, http.StatusOK, &current)
		if current.Title != "Bản của biên tập viên" || current.Revision != first.Revision {
			t.Fatalf("the refused save changed the article: %+v", current)
		}
		found := false
		for _, r := range n.revisions(a.ID) {
			if r.ID == e.RevisionID {
				found = r.Kind == "conflict" && r.Number == 0 && r.Title == "Bản của thư ký" && r.Body == ""
			}
		}
		if !found {
			t.Fatalf("revision %d of kind conflict missing from %+v (the list has no bodies)", e.RevisionID, n.revisions(a.ID))
		}
		var kept revision
		n.do("GET", path("/api/v1/articles/%d/revisions/%d", a.ID, e.RevisionID), "managing", nil).into(t, http.StatusOK, &kept)
		if kept.Kind != "conflict" || kept.Title != "Bản của thư ký" || kept.Body != "<p>Đoạn mới của thư ký.</p>" {
			t.Fatalf("kept text: %+v", kept)
		}

		// Starting again from the current revision works.
		n.do("PUT", path("/api/v1/articles/%d", a.ID), "managing",
			map[string]any{"revision": e.CurrentRevision, "title": "Bản của thư ký"}).into(t, http.StatusOK, &current)
		if current.Title != "Bản của thư ký" {
			t.Fatalf("retry: %+v", current)
		}
	})
}
