package store

import (
	"context"
	"encoding/json"
)

// SearchBuffersForTest is how many pages PostgreSQL reads to run query
// on the search table (EXPLAIN's shared buffers, hit or read) after the
// settings (SET LOCAL ...).
func (s *Store) SearchBuffersForTest(ctx context.Context, settings []string, query string, args ...any) (int, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }() // read only
	for _, set := range settings {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			return 0, err
		}
	}
	var out []byte
	if err := tx.QueryRowContext(ctx, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) `+query, args...).Scan(&out); err != nil {
		return 0, err
	}
	var plans []struct {
		Plan struct {
			Hit  int `json:"Shared Hit Blocks"`
			Read int `json:"Shared Read Blocks"`
		}
	}
	if err := json.Unmarshal(out, &plans); err != nil {
		return 0, err
	}
	return plans[0].Plan.Hit + plans[0].Plan.Read, nil
}

// SearchRowVersionForTest says which write last changed article id's
// search rows: on PostgreSQL the transactions that wrote the current
// versions of its article_search and search_words rows (xmin, new at
// every update, even of the same values); on SQLite the FTS5 index's
// structure record, whose cookie every write of the index changes.
func (s *Store) SearchRowVersionForTest(ctx context.Context, id int64) (string, error) {
	q := `SELECT hex(block) FROM article_search_data WHERE id = 10`
	var args []any
	if s.Dialect() == "postgres" {
		q = `SELECT s.xmin::text || '/' || w.xmin::text FROM article_search s, search_words w
			WHERE s.article_id = $1 AND w.article_id = $1`
		args = []any{id}
	}
	var v string
	err := s.read.QueryRowContext(ctx, q, args...).Scan(&v)
	return v, err
}
