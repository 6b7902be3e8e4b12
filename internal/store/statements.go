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

// execQuerier is what writes need: a write transaction, as it is or
// with its statements prepared (tx).
type execQuerier interface {
	querier
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// The write transaction's statements, prepared once per transaction on
// SQLite (see readDB): an import writes the same few texts thousands of
// times in one transaction, and parsing them each time was a quarter of
// its time. They are prepared on the transaction itself (the write pool
// has one connection, which the transaction holds) and closed with it.

func (t *tx) statement(ctx context.Context, query string) *sql.Stmt {
	if !t.prepare {
		return nil
	}
	if st, ok := t.stmts[query]; ok {
		return st
	}
	if len(t.stmts) >= maxStatements {
		return nil
	}
	st, err := t.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st
}

func (t *tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.statement(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t *tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.statement(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t *tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.statement(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}

// querier is what reads need: the read pool or a write transaction.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
