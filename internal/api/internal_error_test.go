package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestInternalError checks that a failure of the server's own is a 500
// with a generic message, logged once with its detail, which never
// reaches the client.
func TestInternalError(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		if got := n.logs.String(); got != "" {
			t.Fatalf("logged before any failure: %s", got)
		}
		if err := s.Close(); err != nil { // the database goes away
			t.Fatal(err)
		}
		res := n.do("GET", "/api/v1/sections", "editor", nil)
		e := res.failure(t, http.StatusInternalServerError, "internal")
		if strings.Contains(e.Message, "sql") || strings.Contains(string(res.body), "closed") {
			t.Fatalf("the answer leaks the cause: %s", res.body)
		}
		logs := n.logs.String()
		if strings.Count(logs, "\n") != 1 || !strings.Contains(logs, "level=ERROR") || !strings.Contains(logs, "/api/v1/sections") {
			t.Fatalf("want one error line with the path, got:\n%s", logs)
		}
	})
}
