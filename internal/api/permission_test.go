package api_test

import (
	"net/http"
	"testing"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestPermissions checks that tokens act with their member's roles, and
// no more: the workflow table and news.CanEdit decide, through the API as
// through the newsroom pages.
func TestPermissions(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		draft := n.create("reporter", nil)
		tests := []struct {
			name, method, path, who string
			body                    any
			status                  int
		}{
			{"reporter edits another's draft", "PUT", path("/api/v1/articles/%d", draft.ID), "reporter2",
				map[string]any{"revision": draft.Revision, "title": "Của tôi"}, http.StatusForbidden},
			{"reporter submits another's draft", "POST", path("/api/v1/articles/%d/transitions", draft.ID), "reporter2",
				map[string]any{"to": "submitted"}, http.StatusForbidden},
			{"reporter publishes own draft", "POST", path("/api/v1/articles/%d/transitions", draft.ID), "reporter",
				map[string]any{"to": "published"}, http.StatusForbidden}, // whatever the state: reporters never publish
			{"managing editor approves a draft", "POST", path("/api/v1/articles/%d/transitions", draft.ID), "managing",
				map[string]any{"to": "approved"}, http.StatusBadRequest}, // not an edge of the workflow
			{"moderator writes", "POST", "/api/v1/articles", "moderator",
				map[string]any{"title": "Bình luận", "section_id": n.section.ID}, http.StatusForbidden},
			{"moderator reads the newsroom list", "GET", "/api/v1/articles", "moderator", nil, http.StatusForbidden},
			{"moderator reads a draft", "GET", path("/api/v1/articles/%d", draft.ID), "moderator", nil, http.StatusForbidden},
			{"moderator reads revisions", "GET", path("/api/v1/articles/%d/revisions", draft.ID), "moderator", nil, http.StatusForbidden},
			{"an editor cannot read a reporter's draft", "GET", path("/api/v1/articles/%d", draft.ID), "editor", nil, http.StatusForbidden},
			{"nor submit it", "POST", path("/api/v1/articles/%d/transitions", draft.ID), "editor",
				map[string]any{"to": "submitted"}, http.StatusForbidden},
			{"another reporter cannot read it", "GET", path("/api/v1/articles/%d/revisions", draft.ID), "reporter2", nil, http.StatusForbidden},
			{"its reporter submits it", "POST", path("/api/v1/articles/%d/transitions", draft.ID), "reporter",
				map[string]any{"to": "submitted"}, http.StatusOK},
			{"then the editor reads it", "GET", path("/api/v1/articles/%d", draft.ID), "editor", nil, http.StatusOK},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				res := n.do(tt.method, tt.path, tt.who, tt.body)
				switch tt.status {
				case http.StatusForbidden:
					res.failure(t, tt.status, "forbidden")
				case http.StatusBadRequest:
					res.failure(t, tt.status, "invalid")
				default:
					if res.status != tt.status {
						t.Fatalf("status %d, want %d: %s", res.status, tt.status, res.body)
					}
				}
			})
		}
		var a article
		n.do("GET", path("/api/v1/articles/%d", draft.ID), "reporter", nil).into(t, http.StatusOK, &a)
		if a.Title != draft.Title {
			t.Fatalf("a refused save changed the title to %q", a.Title)
		}
		if len(n.revisions(draft.ID)) != 2 {
			t.Fatalf("refused actions left revisions: %+v", n.revisions(draft.ID))
		}
	})
}
