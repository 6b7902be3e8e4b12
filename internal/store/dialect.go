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
	"modernc.org/sqlite" // registers the pure-Go "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/toasoan/toasoan/internal/news"
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
	// articlesByID is the stories "a" as joined by id for their state,
	// section and time: on SQLite the narrow index holding those, which
	// its planner passes over without statistics for the table's rows
	// (whose body comes before them).
	articlesByID string
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
	// snapshot is how a backup's read-only transaction begins so that it
	// sees the whole database at one moment: REPEATABLE READ on
	// PostgreSQL; on SQLite a deferred transaction, whose first read
	// fixes its view of the write-ahead log.
	snapshot sql.TxOptions
	// tables lists the schema's tables as name and "table" or "virtual",
	// leaving out the database's own and SQLite's FTS5 shadow tables;
	// columns lists the columns of table $1 as name and declared type.
	tables, columns string
	// looseForeignKeys lets a restore's transaction insert rows in any
	// order; check, called before the commit, verifies every foreign key
	// and puts the constraints back as they were.
	looseForeignKeys func(ctx context.Context, tx *sql.Tx) (check func() error, err error)
	// resetSequences moves every identity column's sequence past the
	// largest id after rows were loaded with their ids; nil where the next
	// id follows the rows themselves (SQLite).
	resetSequences func(ctx context.Context, tx *sql.Tx) error
	// claimLock ends the SELECT that picks the media job to claim:
	// PostgreSQL's FOR UPDATE SKIP LOCKED, so servers claiming at once
	// each lock a different row instead of waiting for one another and
	// then finding it taken; nothing on SQLite, whose one writer (the
	// write pool's single connection, each transaction BEGIN IMMEDIATE)
	// already runs claims one after the other.
	claimLock string
	// rowLock ends a SELECT that reads rows a transaction then writes
	// from: PostgreSQL's FOR UPDATE, so a change committed meanwhile is
	// waited for and read, not overwritten; nothing on SQLite, whose
	// write transactions run one after the other.
	rowLock string
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
		db, err := openPostgres(source)
		if err != nil {
			return nil, nil, d, err
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		return db, db, dialect{name: "postgres", migrations: sub, search: postgresSearch, articlesByID: "articles a",
			notify: `SELECT pg_notify($1, $2)`, concurrentReads: true, exclusive: advisoryLock,
			uniqueViolation: pgUniqueViolation, unreachable: pgUnreachable,
			snapshot: sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
			tables: `SELECT table_name, 'table' FROM information_schema.tables
				WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
			columns: `SELECT column_name, data_type FROM information_schema.columns
				WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
			looseForeignKeys: pgLooseForeignKeys, resetSequences: pgResetSequences,
			claimLock: ` FOR UPDATE SKIP LOCKED`, rowLock: ` FOR UPDATE`}, nil
	}
	sub, err := fs.Sub(migrationFiles, "migrations/sqlite")
	if err != nil {
		return nil, nil, d, err
	}
	d = dialect{name: "sqlite", migrations: sub, search: sqliteSearch, articlesByID: "articles a INDEXED BY articles_search_filters", preparedReads: true, noticePoll: 500 * time.Millisecond,
		uniqueViolation: sqliteUniqueViolation, unreachable: sqliteUnreachable,
		snapshot: sql.TxOptions{ReadOnly: true},
		tables: `SELECT name, type FROM pragma_table_list
			WHERE schema = 'main' AND type IN ('table', 'virtual') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`,
		columns:          `SELECT name, type FROM pragma_table_info($1) ORDER BY cid`,
		looseForeignKeys: sqliteLooseForeignKeys}
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

// sqliteLooseForeignKeys defers SQLite's foreign keys to the commit
// (PRAGMA foreign_keys cannot change inside a transaction, but
// defer_foreign_keys can, and ends with it); check names the first row
// whose parent is missing, which the commit would only count.
func sqliteLooseForeignKeys(ctx context.Context, tx *sql.Tx) (func() error, error) {
	if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
		return nil, fmt.Errorf("defer foreign keys: %w", err)
	}
	return func() error {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		err := tx.QueryRowContext(ctx, `PRAGMA foreign_key_check`).Scan(&table, &rowid, &parent, &fk)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("check foreign keys: %w", err)
		}
		return news.Errorf(news.Invalid, "Dữ liệu không nhất quán: một dòng của bảng %s (rowid %d) trỏ tới bảng %s nhưng dòng đó không có", table, rowid.Int64, parent)
	}, nil
}

// pgLooseForeignKeys drops the schema's foreign keys for the rest of the
// transaction and check adds them back from their own definitions, which
// validates every row at once. PostgreSQL's foreign keys are not
// deferrable unless declared so, and the other ways around them
// (session_replication_role, disabling triggers) need a superuser; the
// table's owner may drop and add constraints, and if anything fails the
// transaction takes the drop back with it.
func pgLooseForeignKeys(ctx context.Context, tx *sql.Tx) (func() error, error) {
	type constraint struct{ table, name, definition string }
	rows, err := tx.QueryContext(ctx, `SELECT quote_ident(t.relname), quote_ident(c.conname), pg_get_constraintdef(c.oid)
		FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = c.connamespace
		WHERE c.contype = 'f' AND n.nspname = current_schema() ORDER BY 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("list foreign keys: %w", err)
	}
	var all []constraint
	for rows.Next() {
		var c constraint
		if err := rows.Scan(&c.table, &c.name, &c.definition); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list foreign keys: %w", err)
		}
		all = append(all, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list foreign keys: %w", err)
	}
	for _, c := range all {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE `+c.table+` DROP CONSTRAINT `+c.name); err != nil {
			return nil, fmt.Errorf("drop foreign key %s: %w", c.name, err)
		}
	}
	return func() error {
		for _, c := range all {
			if _, err := tx.ExecContext(ctx, `ALTER TABLE `+c.table+` ADD CONSTRAINT `+c.name+` `+c.definition); err != nil {
				var pg *pgconn.PgError
				if errors.As(err, &pg) && pg.Code == "23503" {
					return news.Errorf(news.Invalid, "Dữ liệu không nhất quán: một dòng của bảng %s trỏ tới một dòng không có (ràng buộc %s)", pg.TableName, pg.ConstraintName)
				}
				return fmt.Errorf("add foreign key %s back: %w", c.name, err)
			}
		}
		return nil
	}, nil
}

// pgResetSequences sets each identity or serial column's sequence so that
// the next id is one past the largest loaded.
func pgResetSequences(ctx context.Context, tx *sql.Tx) error {
	type sequence struct{ table, column, name string }
	rows, err := tx.QueryContext(ctx, `SELECT quote_ident(table_name), quote_ident(column_name),
			pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name)
		FROM information_schema.columns
		WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`)
	if err != nil {
		return err
	}
	var all []sequence
	for rows.Next() {
		var s sequence
		var name sql.NullString
		if err := rows.Scan(&s.table, &s.column, &name); err != nil {
			rows.Close()
			return err
		}
		if s.name = name.String; name.Valid {
			all = append(all, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range all {
		if _, err := tx.ExecContext(ctx, `SELECT setval($1, COALESCE((SELECT MAX(`+s.column+`) FROM `+s.table+`), 0) + 1, false)`, s.name); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}
