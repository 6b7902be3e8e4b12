package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// endless counts for ever: only its context can end it.
const endless = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n`

// A read whose context ends is stopped by the database itself, not only
// abandoned by Go; searches rely on it for their deadline. SQLite runs the
// statement in the calling goroutine, so the endless read returning at all
// means modernc interrupted it (it then reports the context's error);
// PostgreSQL runs it in a server process, which must report the query
// cancelled (SQLSTATE 57014, pgx's cancel request), not merely have its
// connection dropped. The pool answers again afterwards.
func TestReadStopsAtItsDeadline(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
		defer cancel()
		err := s.ReadForTest(ctx, endless)
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			t.Fatalf("the endless read ended before its deadline: %v", err)
		}
		var pg *pgconn.PgError
		switch postgres := strings.HasSuffix(t.Name(), "/postgres"); {
		case postgres && !(errors.As(err, &pg) && pg.Code == "57014"):
			t.Errorf("err = %v, want PostgreSQL's query_canceled", err)
		case !postgres && !errors.Is(err, context.DeadlineExceeded):
			t.Errorf("err = %v, want the deadline", err)
		}
		if err := s.ReadForTest(context.Background(), `SELECT 1`); err != nil {
			t.Errorf("the pool after a cancelled read: %v", err)
		}
	})
}
