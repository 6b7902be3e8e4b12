package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// CreateArticle stores a new article with its bylines (by author id, in
// order) and tags (created on first use), all in one transaction.
func (s *Store) CreateArticle(ctx context.Context, a news.Article) (news.Article, error) {
	normalizeArticle(&a)
	now := s.now()
	a.CreatedAt, a.UpdatedAt = now, now
	if a.Status == "" {
		a.Status = news.Draft
	}
	a.Revision = max(a.Revision, 1)
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertArticle(ctx, tx, &a, now); err != nil {
			return err
		}
		return s.indexArticle(ctx, tx, a)
	})
	if err != nil {
		return a, fmt.Errorf("create article: %w", err)
	}
	if visible(a.Status) {
		s.articleChanged(ctx, a.ID, nil)
	}
	return a, nil
}

func insertArticle(ctx context.Context, tx *sql.Tx, a *news.Article, now time.Time) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (slug, title, lead, body, section_id, status, featured,
			cover_image_id, seo_title, seo_description, created_at, updated_at, published_at, modified_at,
			created_by, revision, scheduled_at, embargo_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
		a.Slug, a.Title, a.Lead, a.Body, a.SectionID, string(a.Status), a.Featured,
		nullID(a.CoverImageID), a.SEOTitle, a.SEODescription, now, now, nullTime(a.PublishedAt), nullTime(a.ModifiedAt),
		nullID(a.CreatedBy), a.Revision, nullTime(a.ScheduledAt), nullTime(a.EmbargoUntil)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	return writeArticleLinks(ctx, tx, a)
}

// writeArticleLinks replaces the article's bylines and tags.
func writeArticleLinks(ctx context.Context, tx *sql.Tx, a *news.Article) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_authors WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("clear bylines: %w", err)
	}
	for i, au := range a.Authors {
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_authors (article_id, author_id, position) VALUES ($1, $2, $3)`,
			a.ID, au.ID, i); err != nil {
			return fmt.Errorf("add byline %d: %w", au.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM article_tags WHERE article_id = $1`, a.ID); err != nil {
		return fmt.Errorf("clear tags: %w", err)
	}
	for i, t := range a.Tags {
		id, err := ensureTag(ctx, tx, t)
		if err != nil {
			return err
		}
		a.Tags[i].ID = id
		if _, err := tx.ExecContext(ctx, `INSERT INTO article_tags (article_id, tag_id) VALUES ($1, $2)
			ON CONFLICT DO NOTHING`, a.ID, id); err != nil {
			return fmt.Errorf("add tag %q: %w", t.Slug, err)
		}
	}
	return nil
}

// CountArticles counts every article whatever its state; the demo loader
// uses it to tell an empty paper from one in use.
func (s *Store) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// CreateArticles stores many articles in one transaction: the benchmark
// suite's generated corpus and imports from an older system.
func (s *Store) CreateArticles(ctx context.Context, as []news.Article) error {
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range as {
			normalizeArticle(&as[i])
			if as[i].Status == "" {
				as[i].Status = news.Draft
			}
			if err := insertArticle(ctx, tx, &as[i], now); err != nil {
				return err
			}
			if err := s.indexArticle(ctx, tx, as[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create articles: %w", err)
	}
	s.changed(ctx, "home", "latest", "feeds", "any")
	return nil
}
