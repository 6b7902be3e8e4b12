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
		return db, db, dialect{name: "postgres", migrations: sub}, nil
	}
	sub, _ := fs.Sub(migrationFiles, "migrations/sqlite")
	d = dialect{name: "sqlite", migrations: sub}
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
