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
