// Package storetest gives tests real databases: a SQLite file in a
// temporary folder always, and a fresh PostgreSQL schema when
// TOASOAN_TEST_DATABASE names a PostgreSQL database (as it does in CI).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/toasoan/toasoan/internal/store"
)

// Source is a database a test can open: a SQLite path or a PostgreSQL URL.
type Source struct {
	Name   string // "sqlite" or "postgres", for subtest names
	Source string
}

// Sources returns an empty database of each kind under test. A PostgreSQL
// server that TOASOAN_TEST_DATABASE names but that does not answer fails
// the test: CI must never quietly skip the PostgreSQL half.
func Sources(t testing.TB) []Source {
	t.Helper()
	out := []Source{{Name: "sqlite", Source: filepath.Join(t.TempDir(), "toasoan.db")}}
	if base := os.Getenv("TOASOAN_TEST_DATABASE"); base != "" {
		out = append(out, Source{Name: "postgres", Source: freshSchema(t, base)})
	}
	return out
}

// Each runs fn as a subtest on a migrated, empty store of each kind.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	for _, src := range Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			fn(t, Open(t, src.Source))
		})
	}
}

// Open opens and migrates source, closing it when the test ends.
func Open(t testing.TB, source string) *store.Store {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, source)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("close store: %v", err)
		}
	})
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	return s
}

// freshSchema creates a schema of its own for this test in the PostgreSQL
// database at base and returns a URL whose connections use it, so tests
// run in parallel without seeing each other's rows.
func freshSchema(t testing.TB, base string) string {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	schema := "test_" + hex.EncodeToString(b)
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("TOASOAN_TEST_DATABASE: %v", err)
	}
	defer closeDB(t, db)
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		t.Fatalf("TOASOAN_TEST_DATABASE is set but PostgreSQL does not answer: %v", err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer closeDB(t, db)
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Logf("drop test schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TOASOAN_TEST_DATABASE: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// closeDB closes an administrative connection pool of a test.
func closeDB(t testing.TB, db *sql.DB) {
	if err := db.Close(); err != nil {
		t.Logf("close test database: %v", err)
	}
}
