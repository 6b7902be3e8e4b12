package store

import (
	"context"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// CreateArticle stores a new article in any state, with its bylines (by
// author id, in order) and tags (created on first use), all in one
// transaction with its audit entry: the demo paper, and stories brought
// in from elsewhere. The newsroom starts drafts with CreateDraft.
func (s *Store) CreateArticle(ctx context.Context, by news.Actor, a news.Article) (news.Article, error) {
	normalizeArticle(&a)
	if a.Status == "" {
		a.Status = news.Draft
	}
	a.Revision = max(a.Revision, 1)
	err := s.change(ctx, by, "article.create", func(t *tx, e *news.AuditEntry) error {
		a.CreatedAt, a.UpdatedAt = t.now, t.now
		if err := s.insertArticle(ctx, t, &a); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", a.ID, a.Title
		return nil
	})
	if err != nil {
		return a, fmt.Errorf("create article: %w", err)
	}
	return a, nil
}

// insertArticle writes a new article, its links and its search row, and
// announces it when readers can see it.
func (s *Store) insertArticle(ctx context.Context, t *tx, a *news.Article) error {
	if err := insertArticleRow(ctx, t.Tx, a, t.now); err != nil {
		return err
	}
	if err := s.indexArticle(ctx, t.Tx, *a); err != nil {
		return err
	}
	if a.Status == news.Published {
		if err := t.announceArticle(ctx, a.ID, nil); err != nil {
			return err
		}
	}
	return nil
}

// announceArticle announces every list the article is in now, and those
// before was in: it reads the article inside the transaction, so the keys
// are the committed ones, with no read after the commit that could fail.
func (t *tx) announceArticle(ctx context.Context, id int64, before *news.Article) error {
	after, err := readArticle(ctx, t.Tx, id)
	if err != nil {
		return err
	}
	t.announce(news.ArticleKeys(id, before, &after)...)
	return nil
}

func insertArticleRow(ctx context.Context, tx execQuerier, a *news.Article, now time.Time) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (slug, title, lead, body, section_id, status, featured,
			cover_image_id, seo_title, seo_description, created_at, updated_at, published_at, modified_at,
			created_by, revision, scheduled_at, embargo_until, byline_credit, correction_note, corrected_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
		a.Slug, a.Title, a.Lead, a.Body, a.SectionID, string(a.Status), a.Featured,
		nullID(a.CoverImageID), a.SEOTitle, a.SEODescription, now, now, nullTime(a.PublishedAt), nullTime(a.ModifiedAt),
		nullID(a.CreatedBy), a.Revision, nullTime(a.ScheduledAt), nullTime(a.EmbargoUntil),
		a.Credit, a.Correction, nullTime(a.CorrectedAt)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("insert article: %w", err)
	}
	return writeArticleLinks(ctx, tx, a)
}

// writeArticleLinks replaces the article's bylines, tags, the photos it
// shows, its picked related stories and its audio version.
func writeArticleLinks(ctx context.Context, tx execQuerier, a *news.Article) error {
	if err := writeArticleImages(ctx, tx, a); err != nil {
		return err
	}
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
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET main_media_id = $1 WHERE id = $2`, nullID(a.MainMediaID), a.ID); err != nil {
		return fmt.Errorf("set main media: %w", err)
	}
	if err := writePickedRelated(ctx, tx, a); err != nil {
		return err
	}
	return writeArticleAudio(ctx, tx, a)
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

// CreateArticles stores many articles in one transaction, recorded as one
// import in the audit log: the benchmark suite's generated corpus and
// imports from an older system. Lists change wholesale, so it announces
// the site's lists rather than each story's.
func (s *Store) CreateArticles(ctx context.Context, by news.Actor, as []news.Article) error {
	err := s.change(ctx, by, "article.import", func(t *tx, e *news.AuditEntry) error {
		for i := range as {
			normalizeArticle(&as[i])
			if as[i].Status == "" {
				as[i].Status = news.Draft
			}
			if err := insertArticleRow(ctx, t, &as[i], t.now); err != nil {
				return err
			}
		}
		for i := range as {
			if err := s.indexArticle(ctx, t, as[i]); err != nil {
				return err
			}
		}
		e.ObjectType, e.Detail = "article", fmt.Sprintf("%d bài", len(as))
		t.announce(news.SiteKey, news.HomeKey, news.LatestKey, news.FeedsKey)
		return nil
	})
	if err != nil {
		return fmt.Errorf("create articles: %w", err)
	}
	return nil
}
