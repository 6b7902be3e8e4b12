package store

import "context"

// IndexAsBeforePairsForTest writes story id's search row as it was before
// the index held word pairs (folded text only) and marks it pending.
func (s *Store) IndexAsBeforePairsForTest(ctx context.Context, id int64, folded string) error {
	return s.indexAsBeforeForTest(ctx, id, indexedText{title: folded, words: folded})
}

func (s *Store) indexAsBeforeForTest(ctx context.Context, id int64, t indexedText) error {
	d := s.dialect.search
	args := d.indexArgs(id, t)
	for i, q := range d.index {
		if _, err := s.write.ExecContext(ctx, q, args[i]...); err != nil {
			return err
		}
	}
	_, err := s.write.ExecContext(ctx, `INSERT INTO search_pending (article_id) VALUES ($1)`, id)
	return err
}
