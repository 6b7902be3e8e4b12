package store

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

//go:embed migrations
var migrationFiles embed.FS

// dialect is every difference between SQLite and PostgreSQL that the store
// knows about. The SQL elsewhere is written once: both databases accept $1
// placeholders, RETURNING, ON CONFLICT and TIMESTAMP parameters.
type dialect struct {
	name       string // "sqlite" or "postgres"
	migrations fs.FS
	search     searchDialect
	// notify tells the other servers what changed ($1: channel, $2:
	// keys); "" on SQLite, where one process owns the database.
	notify string
	// channel is the NOTIFY channel: one per schema, since a PostgreSQL
	// database can hold several papers (or several tests) in schemas.
	channel string
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
}

var sqliteSearch = searchDialect{
	index: []string{
		`DELETE FROM article_search WHERE rowid = $1`,
		`INSERT INTO article_search (rowid, title, lead, body) VALUES ($1, $2, $3, $4)`,
	},
	from:  ` FROM article_search s JOIN articles a ON a.id = s.rowid`,
	match: `article_search MATCH $1`,
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
	from:  ` FROM article_search s JOIN articles a ON a.id = s.article_id`,
	match: `s.document @@ to_tsquery('simple', $1)`,
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
		sub, _ := fs.Sub(migrationFiles, "migrations/postgres")
		db, err := sql.Open("pgx", source)
		if err != nil {
			return nil, nil, d, fmt.Errorf("open postgres: %w", err)
		}
		db.SetMaxOpenConns(20)
		db.SetMaxIdleConns(20)
		return db, db, dialect{name: "postgres", migrations: sub, search: postgresSearch,
			notify: `SELECT pg_notify($1, $2)`}, nil
	}
	sub, _ := fs.Sub(migrationFiles, "migrations/sqlite")
	d = dialect{name: "sqlite", migrations: sub, search: sqliteSearch}
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
		read.Close()
		return nil, nil, d, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	return read, write, d, nil
}

// isUniqueViolation reports whether err is a unique-constraint failure.
func isUniqueViolation(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	// SQLite: "UNIQUE constraint failed"; PostgreSQL: SQLSTATE 23505.
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}
