package store

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The dialects tell a database that cannot be reached (pages answer 503
// and cached pages are served) from a query that failed (500), and a
// unique constraint's refusal (409) from the rest, by the drivers' own
// codes: real errors of each kind, made by the real drivers.
func TestDialectsClassifyDriverErrors(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()

	t.Run("sqlite", func(t *testing.T) {
		missing, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "no-such-folder", "x.db")+"?mode=rw")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = missing.Close() }()
		cantOpen := missing.PingContext(ctx)
		if cantOpen == nil || !sqliteUnreachable(cantOpen) {
			t.Errorf("a file that cannot be opened: %v, want unreachable", cantOpen)
		}
		db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "t.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = db.Close() }()
		unique, bad := constraintAndSyntax(t, ctx, db)
		if !sqliteUniqueViolation(unique) || sqliteUnreachable(unique) {
			t.Errorf("a duplicate key: %v, want a unique violation", unique)
		}
		if sqliteUniqueViolation(bad) || sqliteUnreachable(bad) || sqliteUniqueViolation(cantOpen) {
			t.Errorf("a bad query: %v, want neither", bad)
		}
	})

	t.Run("postgres", func(t *testing.T) {
		closed, err := sql.Open("pgx", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = closed.Close() }()
		refused := closed.PingContext(ctx)
		if refused == nil || !pgUnreachable(refused) {
			t.Errorf("a refused connection: %v, want unreachable", refused)
		}
		if !pgUnreachable(errors.Join(errors.New("read article"), refused)) {
			t.Error("a wrapped refusal is not recognised")
		}
		base := os.Getenv("TOASOAN_TEST_DATABASE")
		if base == "" {
			t.Skip("the rest needs TOASOAN_TEST_DATABASE (CI always sets it)")
		}
		db, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = db.Close() }()
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer func() { _ = conn.Close() }()
		if _, err := conn.ExecContext(ctx, `CREATE TEMPORARY TABLE t (k INTEGER PRIMARY KEY)`); err != nil {
			t.Fatal(err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO t (k) VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		_, unique := conn.ExecContext(ctx, `INSERT INTO t (k) VALUES (1)`)
		_, bad := conn.ExecContext(ctx, `SELECT nothing FROM t`)
		if !pgUniqueViolation(unique) || pgUnreachable(unique) {
			t.Errorf("a duplicate key: %v, want a unique violation", unique)
		}
		if pgUniqueViolation(bad) || pgUnreachable(bad) || pgUniqueViolation(refused) {
			t.Errorf("a bad query: %v, want neither", bad)
		}
	})
}

// constraintAndSyntax returns the errors of a duplicate key and of a
// query that names a column that does not exist.
func constraintAndSyntax(t *testing.T, ctx context.Context, db *sql.DB) (unique, bad error) {
	t.Helper()
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT UNIQUE)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (1, 'a')`); err != nil {
		t.Fatal(err)
	}
	_, unique = db.ExecContext(ctx, `INSERT INTO t (k, v) VALUES (2, 'a')`)
	_, bad = db.ExecContext(ctx, `SELECT nothing FROM t`)
	return unique, bad
}
