package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	"modernc.org/sqlite"               // registers the pure-Go "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations
var migrationFiles embed.FS

// dialect is every difference between SQLite and PostgreSQL that the store
// knows about, as values and capabilities: no code outside this file asks
// which database it runs on. The SQL elsewhere is written once: both
// databases accept $1 placeholders, RETURNING, ON CONFLICT and TIMESTAMP
// parameters.
type dialect struct {
	name       string // "sqlite" or "postgres", for people
	migrations fs.FS
	search     searchDialect
	// notify tells the other servers what changed ($1: channel, $2:
	// keys): PostgreSQL's NOTIFY, heard through LISTEN; "" on SQLite.
	notify string
	// noticePoll is how often Listen reads the change_notices table,
	// where commit writes each change's notice instead (SQLite: other
	// processes on the same file, the command line or a second server,
	// have no NOTIFY to hear); 0 where notices are pushed. PRAGMA
	// data_version was the other way: it is cheaper still, but says only
	// that someone committed, so every page would go for a session
	// touched or a token used; the notices keep invalidation exact, and
	// one indexed read twice a second costs an idle server microseconds
	// (BenchmarkIdleNoticePoll).
	noticePoll time.Duration
	// channel is the NOTIFY channel: one per schema, since a PostgreSQL
	// database can hold several papers (or several tests) in schemas.
	channel string
	// preparedReads keeps every read statement prepared: modernc's SQLite
	// parses and plans a query every time it runs unprepared, while pgx
	// keeps its own statement cache.
	preparedReads bool
	// concurrentReads runs a page's independent reads at the same time:
	// on PostgreSQL each waits on a round trip, so the page waits for its
	// slowest read instead of their sum; on SQLite a read is a function
	// call in this process, and the suite measured reads at once as slower
	// (1.9 ms against 1.4 ms for an article).
	concurrentReads bool
	// exclusive holds a lock named name on conn until release is called,
	// so that servers starting together migrate and set up one at a time;
	// nil where one process owns the database.
	exclusive func(ctx context.Context, conn *sql.Conn, name string) (release func() error, err error)
	// uniqueViolation recognises a unique constraint's refusal by the
	// driver's own error code.
	uniqueViolation func(error) bool
	// unreachable recognises a database that does not answer (a refused
	// or dropped connection, a server shutting down, a failing disk), as
	// opposed to a query that is wrong.
	unreachable func(error) bool
}

// searchDialect is full-text search, the one feature the two databases
// do differently: SQLite's FTS5 and PostgreSQL's tsvector. Both index the
// same text, folded in Go, and get the same list of words to find.
type searchDialect struct {
	// index replaces an article's row: $1 id, $2 title, $3 lead, $4 body.
	index []string
	// match is the condition on the search table "s" for $1, a query
	// built by query from the words. candidates selects, for a WHERE
	// clause and a LIMIT placeholder, the newest matches with a score
	// (lower is better): the score is computed for those rows only, so a
	// word found in half the paper costs no more than a rare one.
	match      string
	candidates func(where, limit string) string
	// from joins the search table "s" to articles "a".
	from  string
	query func(words []string, phrases [][]string) string
	// articleColumn is the search table's column holding the article id.
	articleColumn string
}

var sqliteSearch = searchDialect{
	index: []string{
		`DELETE FROM article_search WHERE rowid = $1`,
		`INSERT INTO article_search (rowid, title, lead, body) VALUES ($1, $2, $3, $4)`,
	},
	from:          ` FROM article_search s JOIN articles a ON a.id = s.rowid`,
	articleColumn: "rowid",
	match:         `article_search MATCH $1`,
	// bm25 with the title weighing most, then the lead; FTS5 walks the
	// matches by rowid (the article id) newest first without sorting.
	candidates: func(where, limit string) string {
		return `SELECT a.id, a.title, a.lead, a.published_at, bm25(article_search, 10.0, 4.0, 1.0)
			FROM article_search s JOIN articles a ON a.id = s.rowid WHERE ` + where + ` ORDER BY s.rowid DESC LIMIT ` + limit
	},
	query: func(words []string, phrases [][]string) string {
		var parts []string
		for _, w := range words {
			parts = append(parts, `"`+w+`"`)
		}
		for _, p := range phrases {
			parts = append(parts, `"`+strings.Join(p, " ")+`"`)
		}
		return strings.Join(parts, " AND ")
	},
}

var postgresSearch = searchDialect{
	index: []string{
		`INSERT INTO article_search (article_id, title, lead, body, document)
		 VALUES ($1, $2, $3, $4, setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B') || to_tsvector('simple', $4))
		 ON CONFLICT (article_id) DO UPDATE SET title = excluded.title, lead = excluded.lead, body = excluded.body, document = excluded.document`,
	},
	from:          ` FROM article_search s JOIN articles a ON a.id = s.article_id`,
	articleColumn: "article_id",
	match:         `s.document @@ to_tsquery('simple', $1)`,
	candidates: func(where, limit string) string {
		return `SELECT id, title, lead, published_at, -ts_rank(document, to_tsquery('simple', $1)) FROM (
			SELECT a.id, a.title, a.lead, a.published_at, s.document
			FROM article_search s JOIN articles a ON a.id = s.article_id WHERE ` + where + `
			ORDER BY s.article_id DESC LIMIT ` + limit + `) c`
	},
	query: func(words []string, phrases [][]string) string {
		var parts []string
		parts = append(parts, words...)
		for _, p := range phrases {
			parts = append(parts, "("+strings.Join(p, " <-> ")+")")
		}
		return strings.Join(parts, " & ")
	},
}

func isPostgres(source string) bool {
	return strings.HasPrefix(source, "postgres://") || strings.HasPrefix(source, "postgresql://")
}

// openDatabase opens source, a PostgreSQL URL or the path of a SQLite file,
// and returns a pool for reads and a pool for writes.
//
// SQLite allows one writer at a time; giving writes a pool of exactly one
// connection queues them in Go instead of failing with SQLITE_BUSY, while
// readers in WAL mode never wait for the writer. PostgreSQL gets one pool.
func openDatabase(source string) (read, write *sql.DB, d dialect, err error) {
	if isPostgres(source) {
		sub, err := fs.Sub(migrationFiles, "migrations/postgres")
		if err != nil {
			return nil, nil, d, err
		}
		db, err := sql.Open("pgx", withConnectTimeout(source))
		if err != nil {
			return nil, nil, d, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		return db, db, dialect{name: "postgres", migrations: sub, search: postgresSearch,
			notify: `SELECT pg_notify($1, $2)`, concurrentReads: true, exclusive: advisoryLock,
			uniqueViolation: pgUniqueViolation, unreachable: pgUnreachable}, nil
	}
	sub, err := fs.Sub(migrationFiles, "migrations/sqlite")
	if err != nil {
		return nil, nil, d, err
	}
	d = dialect{name: "sqlite", migrations: sub, search: sqliteSearch, preparedReads: true, noticePoll: 500 * time.Millisecond,
		uniqueViolation: sqliteUniqueViolation, unreachable: sqliteUnreachable}
	// busy_timeout comes first so that the pragmas after it wait for a lock
	// instead of failing; WAL lets readers run beside the writer;
	// synchronous=NORMAL is durable in WAL mode except on power loss of the
	// last transactions; foreign keys are off by default in SQLite.
	pragmas := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(ON)"} {
		pragmas.Add("_pragma", p)
	}
	pragmas.Set("_time_format", "sqlite")
	dsn := "file:" + source + "?" + pragmas.Encode()
	if read, err = sql.Open("sqlite", dsn); err != nil {
		return nil, nil, d, fmt.Errorf("open sqlite: %w", err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	if write, err = sql.Open("sqlite", dsn+"&_txlock=immediate"); err != nil {
		return nil, nil, d, errors.Join(fmt.Errorf("open sqlite: %w", err), read.Close())
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	return read, write, d, nil
}

// withConnectTimeout bounds how long a connection attempt may hang on a
// server that does not answer (a host gone from the network), unless the
// URL sets its own: a page then fails in seconds, not in minutes of TCP
// retries.
func withConnectTimeout(source string) string {
	u, err := url.Parse(source)
	if err != nil || u.Query().Has("connect_timeout") {
		return source
	}
	q := u.Query()
	q.Set("connect_timeout", "5")
	u.RawQuery = q.Encode()
	return u.String()
}

// advisoryLock takes PostgreSQL's session lock for name on conn, waiting
// for whoever holds it. The lock is keyed by the schema too, so papers
// (and tests) sharing a database in schemas of their own do not wait for
// each other.
func advisoryLock(ctx context.Context, conn *sql.Conn, name string) (func() error, error) {
	const key = `hashtext($1 || ':' || current_schema())`
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(`+key+`)`, name); err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	return func() error {
		_, err := conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+key+`)`, name)
		return err
	}, nil
}

// pgUniqueViolation is SQLSTATE 23505, unique_violation.
func pgUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505"
}

// pgUnreachable recognises a PostgreSQL that cannot be reached or is
// going away: a failed connection attempt, a connection that broke, and
// the server's own codes for connection failures (class 08), shutdown and
// refused connections (57P01-57P03), and a database not accepting
// connections (55000 at connect, as ALTER DATABASE ... ALLOW_CONNECTIONS
// false answers).
func pgUnreachable(err error) bool {
	if err == nil {
		return false
	}
	var connect *pgconn.ConnectError
	if errors.As(err, &connect) {
		return true
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return strings.HasPrefix(pg.Code, "08") || pg.Code == "57P01" || pg.Code == "57P02" || pg.Code == "57P03"
	}
	return lostConnection(err)
}

// lostConnection is a connection that broke under a query, whatever the
// database.
func lostConnection(err error) bool {
	var netErr net.Error
	return errors.Is(err, driver.ErrBadConn) || errors.Is(err, pgconn.ErrConnClosed) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, io.EOF) || errors.As(err, &netErr)
}

// sqliteUniqueViolation is SQLite's extended code for a UNIQUE or
// PRIMARY KEY constraint.
func sqliteUniqueViolation(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
}

// sqliteUnreachable recognises a database file that cannot be used right
// now: a failing or full disk, a file that cannot be opened or is not a
// database, a lock held past busy_timeout. Their primary code is the low
// byte of the extended one.
func sqliteUnreachable(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code() & 0xff {
	case sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_BUSY:
		return true
	}
	return false
}
