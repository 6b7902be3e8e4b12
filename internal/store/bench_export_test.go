package store

import (
	"context"
	"time"
)

// BenchArticle is one article LoadArticlesForBench writes.
type BenchArticle struct {
	Title, Lead, Body string
	Status            string
	CreatedBy         int64
	UpdatedAt         time.Time
}

// LoadArticlesForBench writes many articles into one section in one
// transaction, with their folded titles but without the full-text index:
// what the newsroom's list reads, fast enough to fill a table of 100 000
// for a benchmark.
func (s *Store) LoadArticlesForBench(ctx context.Context, sectionID int64, n int, article func(i int) BenchArticle) error {
	return s.commit(ctx, func(t *tx) error {
		for i := range n {
			a := article(i)
			var id int64
			err := t.QueryRowContext(ctx, `INSERT INTO articles (slug, title, lead, body, section_id, status, created_at, updated_at, created_by, revision)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, 1) RETURNING id`,
				"bai", a.Title, a.Lead, a.Body, sectionID, a.Status, a.UpdatedAt.UTC(), nullID(a.CreatedBy)).Scan(&id)
			if err != nil {
				return err
			}
			if err := writeFoldedTitle(ctx, t.Tx, id, a.Title); err != nil {
				return err
			}
		}
		return nil
	})
}
