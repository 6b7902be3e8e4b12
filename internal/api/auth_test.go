package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestAuthentication checks that every route wants a live token of an
// enabled member, and that the answer to everything else is a JSON 401.
func TestAuthentication(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		ctx := context.Background()
		revoked := auth.NewToken()
		tok, err := s.CreateAPIToken(ctx, news.System(), n.users["editor"].ID, auth.HashToken(revoked), "cũ")
		must(t, err)
		must(t, s.RevokeAPIToken(ctx, news.System(), n.users["editor"].ID, tok.ID))

		tests := []struct {
			name, header string
		}{
			{"no header", ""},
			{"another scheme", "Basic " + n.tokens["editor"]},
			{"empty token", "Bearer "},
			{"wrong token", "Bearer " + auth.NewToken()},
			{"token's hash instead of the token", "Bearer " + auth.HashToken(n.tokens["editor"])},
			{"absurdly long token", "Bearer " + strings.Repeat("a", 5000)},
			{"revoked token", "Bearer " + revoked},
			{"disabled member", "Bearer " + n.tokens["disabled"]},
		}
		routes := []struct{ method, path string }{
			{"GET", "/api/v1/articles"},
			{"POST", "/api/v1/articles"},
			{"GET", "/api/v1/articles/1"},
			{"PUT", "/api/v1/articles/1"},
			{"POST", "/api/v1/articles/1/transitions"},
			{"GET", "/api/v1/articles/1/revisions"},
			{"GET", "/api/v1/articles/1/revisions/1"},
			{"POST", "/api/v1/media"},
			{"GET", "/api/v1/sections"},
			{"GET", "/api/v1/tags"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, rt := range routes {
					req, err := http.NewRequest(rt.method, n.url+rt.path, strings.NewReader(`{"title":"x"}`))
					must(t, err)
					req.Header.Set("Content-Type", "application/json")
					if tt.header != "" {
						req.Header.Set("Authorization", tt.header)
					}
					res := n.send(req)
					res.failure(t, http.StatusUnauthorized, "unauthorized")
					if !strings.HasPrefix(res.header.Get("WWW-Authenticate"), "Bearer") {
						t.Fatalf("%s %s: WWW-Authenticate %q", rt.method, rt.path, res.header.Get("WWW-Authenticate"))
					}
				}
			})
		}
		t.Run("live token, lowercase scheme", func(t *testing.T) {
			req, err := http.NewRequest("GET", n.url+"/api/v1/sections", nil)
			must(t, err)
			req.Header.Set("Authorization", "bearer "+n.tokens["moderator"])
			var out struct{ Sections []struct{ ID int64 } }
			n.send(req).into(t, http.StatusOK, &out)
			if len(out.Sections) != 2 {
				t.Fatalf("sections: %+v", out)
			}
		})
	})
}
