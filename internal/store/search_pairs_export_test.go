package store

import "context"

// IndexAsBeforePairsForTest writes story id's search row as it was before
// the index held word pairs (folded text only) and marks it pending.
func (s *Store) IndexAsBeforePairsForTest(ctx context.Context, id int64, folded string) error {
	for _, q := range s.dialect.search.index {
		if _, err := s.write.ExecContext(ctx, q, id, folded, "", ""); err != nil {
			return err
		}
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO search_pending (article_id) VALUES ($1)`, id)
	return err
}
