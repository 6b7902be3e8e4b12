package store

import (
	"context"
	"encoding/json"
	"fmt"
)

// SearchIndexBuffersForTest is how many pages PostgreSQL's search index
// reads to look up word, by EXPLAIN of the index's bitmap alone.
func (s *Store) SearchIndexBuffersForTest(ctx context.Context, word string) (int, error) {
	tx, err := s.read.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback() }() // read only
	for _, set := range []string{`SET LOCAL enable_seqscan = off`, `SET LOCAL enable_indexscan = off`} {
		if _, err := tx.ExecContext(ctx, set); err != nil {
			return 0, err
		}
	}
	var out []byte
	err = tx.QueryRowContext(ctx, `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)
		SELECT article_id FROM article_search WHERE document @@ to_tsquery('simple', $1)`, word).Scan(&out)
	if err != nil {
		return 0, err
	}
	type node struct {
		Type  string `json:"Node Type"`
		Hit   int    `json:"Shared Hit Blocks"`
		Read  int    `json:"Shared Read Blocks"`
		Plans []node `json:"Plans"`
	}
	var plans []struct{ Plan node }
	if err := json.Unmarshal(out, &plans); err != nil {
		return 0, err
	}
	walk := []node{plans[0].Plan}
	for len(walk) > 0 {
		n := walk[0]
		walk = append(walk[1:], n.Plans...)
		if n.Type == "Bitmap Index Scan" {
			return n.Hit + n.Read, nil
		}
	}
	return 0, fmt.Errorf("no bitmap index scan in %s", out)
}
