package storetest

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
)

// FreshDatabase creates a PostgreSQL database of the test's own, empty,
// and drops it when the test ends: for tests that start servers on a
// database nobody has set up, or take the whole database away. It skips
// when TOASOAN_TEST_DATABASE is not set (CI always sets it).
func FreshDatabase(t testing.TB) *Database {
	t.Helper()
	base := os.Getenv("TOASOAN_TEST_DATABASE")
	if base == "" {
		t.Skip("needs TOASOAN_TEST_DATABASE (CI always sets it)")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	d := &Database{name: "toasoan_" + hex.EncodeToString(b), base: base}
	d.admin(t, `CREATE DATABASE `+d.name)
	t.Cleanup(func() { d.admin(t, `DROP DATABASE `+d.name+` WITH (FORCE)`) })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("TOASOAN_TEST_DATABASE: %v", err)
	}
	u.Path = "/" + d.name
	d.URL = u.String()
	return d
}

// Database is a PostgreSQL database a test made for itself.
type Database struct {
	URL  string // what a store or server opens
	name string
	base string // the database the administrative statements run in
}

// Cut makes the database unreachable, as an outage would: it refuses new
// connections and every connection it had is ended.
func (d *Database) Cut(t testing.TB) {
	t.Helper()
	d.admin(t, `ALTER DATABASE `+d.name+` ALLOW_CONNECTIONS false`)
	d.admin(t, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '`+d.name+`'`)
}

// Restore lets the database take connections again.
func (d *Database) Restore(t testing.TB) {
	t.Helper()
	d.admin(t, `ALTER DATABASE `+d.name+` ALLOW_CONNECTIONS true`)
}

// admin runs a statement on the administrative database.
func (d *Database) admin(t testing.TB, statement string) {
	t.Helper()
	db, err := sql.Open("pgx", d.base)
	if err != nil {
		t.Fatalf("TOASOAN_TEST_DATABASE: %v", err)
	}
	defer closeDB(t, db)
	if _, err := db.Exec(statement); err != nil {
		t.Fatalf("%s: %v", statement, err)
	}
}
