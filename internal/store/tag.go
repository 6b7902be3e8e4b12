package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// TagByID finds a tag; the page URL carries the id, the slug is cosmetic.
func (s *Store) TagByID(ctx context.Context, id int64) (news.Tag, error) {
	var t news.Tag
	err := s.read.QueryRowContext(ctx, `SELECT id, slug, name FROM tags WHERE id = $1`, id).Scan(&t.ID, &t.Slug, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return t, news.Errorf(news.NotFound, "Không tìm thấy chủ đề")
	}
	if err != nil {
		return t, fmt.Errorf("find tag %d: %w", id, err)
	}
	return t, nil
}

// ensureTag returns the id of the tag with t's slug, creating the tag if it
// does not exist yet. A tag in use is only read: the upsert's no-op
// update (which makes RETURNING answer in both cases) locks the tag's row
// until the transaction ends, so two saves of stories sharing a tag, or
// two import batches, waited on each other, and batches taking shared
// tags in different orders could deadlock on PostgreSQL.
func ensureTag(ctx context.Context, tx execQuerier, t news.Tag) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM tags WHERE slug = $1`, t.Slug).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, `INSERT INTO tags (slug, name) VALUES ($1, $2)
			ON CONFLICT (slug) DO UPDATE SET slug = excluded.slug RETURNING id`, t.Slug, t.Name).Scan(&id)
	}
	if err != nil {
		return 0, fmt.Errorf("ensure tag %q: %w", t.Slug, err)
	}
	return id, nil
}

// Tags lists every tag by name.
func (s *Store) Tags(ctx context.Context) ([]news.Tag, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, slug, name FROM tags ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("list tags: %w", err)
	}
	defer rows.Close()
	var out []news.Tag
	for rows.Next() {
		var t news.Tag
		if err := rows.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
