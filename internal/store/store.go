// Package store keeps the paper in SQLite or PostgreSQL through
// database/sql, with SQL written once for both; dialect.go holds the few
// differences.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// Store is the paper's database.
type Store struct {
	read     *readDB // prepared statements on SQLite, see statements.go
	write    *sql.DB
	dialect  dialect
	now      func() time.Time
	source   string // for the PostgreSQL listener's own connection
	onChange func(keys []string)
	zones    sync.Map // time zone name -> *time.Location
	chrome   chrome
}

// Open connects to source (a postgres:// URL or a SQLite file path) and
// checks that the database answers. It does not migrate; see Migrate.
func Open(ctx context.Context, source string) (*Store, error) {
	read, write, d, err := openDatabase(source)
	if err != nil {
		return nil, err
	}
	s := &Store{read: newReadDB(read, d.name == "sqlite"), write: write, dialect: d, source: source, now: func() time.Time { return time.Now().UTC() }}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("connect to %s database: %w", d.name, err)
	}
	if d.notify != "" {
		var schema string
		if err := s.read.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			s.Close()
			return nil, fmt.Errorf("read schema: %w", err)
		}
		s.dialect.channel = "toasoan_changes"
		if schema != "public" {
			s.dialect.channel += "_" + schema
		}
	}
	return s, nil
}

// Dialect names the database behind the store: "sqlite" or "postgres".
func (s *Store) Dialect() string { return s.dialect.name }

// Ping checks that reads and writes can reach the database.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return err
	}
	return s.write.PingContext(ctx)
}

// Close releases the connections.
func (s *Store) Close() error {
	err := s.read.Close()
	if s.write != s.read.DB {
		err = errors.Join(err, s.write.Close())
	}
	return err
}

// inTx runs fn in a write transaction, committed when fn returns nil and
// rolled back otherwise, so that no half-written row survives an error.
func (s *Store) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// nullTime turns the zero time into NULL and any other time into UTC.
func nullTime(t time.Time) sql.NullTime {
	if t.IsZero() {
		return sql.NullTime{}
	}
	return sql.NullTime{Time: t.UTC(), Valid: true}
}

// nullID turns 0 into NULL for optional references.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// utc returns a scanned time in UTC, the zero time for NULL.
func utc(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// rowScanner is a *sql.Row or *sql.Rows.
type rowScanner interface{ Scan(...any) error }

// queryAll runs query and scans every row with scan: the loop every list
// of the store would otherwise write again.
func queryAll[T any](ctx context.Context, db querier, scan func(rowScanner) (T, error), what, query string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
