package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStatements bounds the prepared statements kept: the store's queries
// are a fixed set of texts (values always go in as arguments), and a text
// beyond the bound simply runs unprepared.
const maxStatements = 256

// readDB is the pool pages read from. On SQLite it keeps each query
// prepared: modernc's SQLite parses and plans a query every time it runs
// unprepared, which was a third of an uncached page's time. PostgreSQL's
// driver (pgx) keeps its own statement cache, so there it is the pool.
type readDB struct {
	*sql.DB
	prepare bool
	mu      sync.RWMutex
	stmts   map[string]*sql.Stmt
}

func newReadDB(db *sql.DB, prepare bool) *readDB {
	return &readDB{DB: db, prepare: prepare, stmts: map[string]*sql.Stmt{}}
}

func (d *readDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := d.statement(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.DB.QueryContext(ctx, query, args...)
}

func (d *readDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := d.statement(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.DB.QueryRowContext(ctx, query, args...)
}

// statement is query prepared, or nil to run it as it is: on PostgreSQL,
// past the bound, or when preparing fails (running it then reports why).
func (d *readDB) statement(ctx context.Context, query string) *sql.Stmt {
	if !d.prepare {
		return nil
	}
	d.mu.RLock()
	st, ok := d.stmts[query]
	d.mu.RUnlock()
	if ok {
		return st
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if st, ok := d.stmts[query]; ok {
		return st
	}
	if len(d.stmts) >= maxStatements {
		return nil
	}
	st, err := d.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	d.stmts[query] = st
	return st
}

// Close closes the statements, then the pool.
func (d *readDB) Close() error {
	d.mu.Lock()
	var errs []error
	for _, st := range d.stmts {
		errs = append(errs, st.Close())
	}
	d.stmts = map[string]*sql.Stmt{}
	d.mu.Unlock()
	return errors.Join(append(errs, d.DB.Close())...)
}

// querier is what reads need: the read pool or a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
