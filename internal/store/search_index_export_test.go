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

// RowVersionForTest is the transaction that wrote the current version of
// article id's row in table (PostgreSQL's xmin): it changes with every
// update of the row, even one that writes the same values.
func (s *Store) RowVersionForTest(ctx context.Context, table string, id int64) (string, error) {
	var v string
	err := s.read.QueryRowContext(ctx, `SELECT xmin::text FROM `+table+` WHERE article_id = $1`, id).Scan(&v)
	return v, err
}
