package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// RecordPreviewLink writes, in the audit log, that by made a preview link
// to an article (detail says until when), and returns the generation of
// the article's links the new one belongs to. A preview link is a
// disclosure of copy readers do not see yet; it changes nothing else, so
// nothing is announced.
func (s *Store) RecordPreviewLink(ctx context.Context, by news.Actor, articleID int64, detail string) (int, error) {
	var generation int
	err := s.change(ctx, by, "article.preview_link", func(t *tx, e *news.AuditEntry) error {
		var err error
		if generation, err = previewGeneration(ctx, t, articleID); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", articleID, detail
		return nil
	})
	return generation, err
}

// RevokePreviewLinks makes every preview link made so far to an article
// stop working, and records who did it.
func (s *Store) RevokePreviewLinks(ctx context.Context, by news.Actor, articleID int64) error {
	return s.change(ctx, by, "article.preview_revoke", func(t *tx, e *news.AuditEntry) error {
		_, err := t.ExecContext(ctx, `INSERT INTO preview_revocations (article_id, generation, revoked_at) VALUES ($1, 1, $2)
			ON CONFLICT (article_id) DO UPDATE SET generation = preview_revocations.generation + 1, revoked_at = excluded.revoked_at`,
			articleID, t.now)
		if err != nil {
			return fmt.Errorf("revoke preview links of article %d: %w", articleID, err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", articleID, "Thu hồi mọi liên kết xem trước"
		return nil
	})
}

// PreviewGeneration is the generation of an article's preview links: a
// link made in an older one has been revoked.
func (s *Store) PreviewGeneration(ctx context.Context, articleID int64) (int, error) {
	return previewGeneration(ctx, s.read, articleID)
}

func previewGeneration(ctx context.Context, db querier, articleID int64) (int, error) {
	var generation int
	err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(generation), 0) FROM preview_revocations WHERE article_id = $1`,
		articleID).Scan(&generation)
	if err != nil {
		return 0, fmt.Errorf("read preview generation of article %d: %w", articleID, err)
	}
	return generation, nil
}

// WithdrawnSince reports whether the article has been a draft or taken
// down at any revision after the given one: a preview link made at that
// revision then stops for good, even once the story is sent on again.
func (s *Store) WithdrawnSince(ctx context.Context, articleID int64, revision int) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM revisions WHERE article_id = $1 AND number > $2 AND status IN ($3, $4)`,
		articleID, revision, string(news.Draft), string(news.Unpublished)).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read withdrawals of article %d: %w", articleID, err)
	}
	return n > 0, nil
}
