// Package store keeps the paper in SQLite or PostgreSQL through
// database/sql, with SQL written once for both; dialect.go holds the few
// differences.
package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Store is the paper's database.
type Store struct {
	read    *readDB // prepared statements on SQLite, see statements.go
	write   *sql.DB
	dialect dialect
	now     func() time.Time
	source  string // for the PostgreSQL listener's own connection
	// origin tells this store's change notices from other servers'.
	origin      string
	subscribers struct {
		sync.RWMutex
		fns []func(news.Change)
	}
	zones  sync.Map // time zone name -> *time.Location
	chrome chrome
}

// Open connects to source (a postgres:// URL or a SQLite file path) and
// checks that the database answers. It does not migrate; see Migrate.
func Open(ctx context.Context, source string) (*Store, error) {
	read, write, d, err := openDatabase(source)
	if err != nil {
		return nil, err
	}
	origin := make([]byte, 8)
	_, _ = rand.Read(origin) // crypto/rand.Read never fails
	s := &Store{read: newReadDB(read, d.preparedReads), write: write, dialect: d, source: source,
		origin: hex.EncodeToString(origin), now: func() time.Time { return time.Now().UTC() }}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := s.Ping(ctx); err != nil {
		return nil, errors.Join(fmt.Errorf("connect to %s database: %w", d.name, err), s.Close())
	}
	if d.notify != "" {
		var schema string
		if err := s.read.QueryRowContext(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
			return nil, errors.Join(fmt.Errorf("read schema: %w", err), s.Close())
		}
		s.dialect.channel = "toasoan_changes"
		if schema != "public" {
			s.dialect.channel += "_" + schema
		}
	}
	return s, nil
}

// Dialect names the database behind the store, for people: "sqlite" or
// "postgres". Nothing outside the store branches on it.
func (s *Store) Dialect() string { return s.dialect.name }

// Unreachable reports whether err says the database cannot be reached
// right now (as opposed to a query that failed): pages answer 503 and
// try again, cached pages are served instead.
func (s *Store) Unreachable(err error) bool { return s.dialect.unreachable(err) }

// ReadAll runs the independent reads of one page and returns the first
// error: at the same time where the dialect gains by it (PostgreSQL), one
// after the other where it does not (SQLite).
func (s *Store) ReadAll(reads ...func() error) error {
	if !s.dialect.concurrentReads {
		for _, read := range reads {
			if err := read(); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		wg.Go(func() { errs[i] = read() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Exclusive runs fn while no other server on the same database runs an
// Exclusive of the same name: the first start's migrations and setup
// (the demo paper, the first administrator), so that servers started at
// the same moment on a fresh database do not race. On SQLite, where one
// process owns the file, it just runs fn.
func (s *Store) Exclusive(ctx context.Context, name string, fn func() error) (err error) {
	if s.dialect.exclusive == nil {
		return fn()
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return fmt.Errorf("lock %s: %w", name, err)
	}
	defer func() { err = errors.Join(err, conn.Close()) }()
	release, err := s.dialect.exclusive(ctx, conn, name)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, release()) }()
	return fn()
}

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
