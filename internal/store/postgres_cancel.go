package store

import (
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
	"github.com/jackc/pgx/v5/stdlib"
)

// cancelGrace is how long after a cancel request a connection waits for
// PostgreSQL's answer before it is dropped: a server that does not answer
// cannot hold a reader longer than this past a search's deadline.
const cancelGrace = time.Second

// openPostgres opens a pool whose queries PostgreSQL itself stops when
// their context ends. pgx's default only sets a deadline on the socket:
// the connection is dropped but the server process runs the query to its
// end (a phrase search over the archive for a second, a flood of them for
// as long as the flood lasts), since it notices a gone client only when
// it writes. Here pgx sends a cancel request at once, and drops the
// connection only if the server has not answered within cancelGrace.
func openPostgres(source string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(withConnectTimeout(source))
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: c, DeadlineDelay: cancelGrace}
	}
	return stdlib.OpenDB(*cfg), nil
}
