package store

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
)

// UpsertPageForTest runs upsertPage in a transaction of its own, as an
// import runs it in its own, and announces nothing.
func (s *Store) UpsertPageForTest(ctx context.Context, p *news.Page) error {
	tx, err := s.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := upsertPage(ctx, tx, p); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}
