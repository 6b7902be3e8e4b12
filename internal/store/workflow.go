package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// CreateDraft stores a new article from the newsroom with its first
// revision and audit entry, in one transaction.
func (s *Store) CreateDraft(ctx context.Context, by news.Actor, a news.Article) (news.Article, error) {
	normalizeArticle(&a)
	a.Revision = 1
	err := s.change(ctx, by, "article.create", func(t *tx, e *news.AuditEntry) error {
		a.CreatedAt, a.UpdatedAt = t.now, t.now
		if err := s.insertArticle(ctx, t, &a); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "article", a.ID, a.Title
		return snapshot(ctx, t, a.ID, by, news.RevisionSave, "")
	})
	if err != nil {
		return a, fmt.Errorf("create draft: %w", err)
	}
	return a, nil
}

// Move changes an article's state from before's to `to`, failing with a
// Conflict if someone moved it first, and returns the article as moved.
// Publishing sets the first publication time; scheduling records when it
// goes live. The revision, the audit entry and the announcement of the
// lists it enters or leaves are written in the same transaction.
func (s *Store) Move(ctx context.Context, by news.Actor, before news.Article, to news.Status, at time.Time, note string) (news.Article, error) {
	var after news.Article
	err := s.change(ctx, by, "article.transition", func(t *tx, e *news.AuditEntry) error {
		var scheduled, published sql.NullTime
		if to == news.Scheduled {
			scheduled = nullTime(at)
		}
		if to == news.Published {
			published = nullTime(t.now)
		}
		res, err := t.ExecContext(ctx, `UPDATE articles SET status = $1, scheduled_at = $2,
				published_at = COALESCE(published_at, $3), updated_at = $4, revision = revision + 1
			WHERE id = $5 AND status = $6`, string(to), scheduled, published, t.now, before.ID, string(before.Status))
		if err != nil {
			return fmt.Errorf("move article: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.Conflict, "Bài đã được người khác chuyển trạng thái; hãy tải lại trang")
		}
		if err := snapshot(ctx, t, before.ID, by, news.RevisionTransition, note); err != nil {
			return err
		}
		if after, err = readArticle(ctx, t.Tx, before.ID); err != nil {
			return err
		}
		t.announce(news.StoryChangeKeys(before, after)...)
		e.ObjectType, e.ObjectID = "article", before.ID
		e.Detail = before.Status.Label() + " → " + to.Label()
		if note != "" {
			e.Detail += ": " + note
		}
		return nil
	})
	return after, err
}

// PublishDue publishes every scheduled article whose time has come and
// whose embargo has passed, each with its revision and audit entry. The
// UPDATE claims each row atomically, so with several servers on one
// PostgreSQL each article is published exactly once.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]int64, error) {
	var ids []int64
	err := s.commit(ctx, func(t *tx) error {
		rows, err := t.QueryContext(ctx, `UPDATE articles SET status = $1, published_at = COALESCE(published_at, scheduled_at),
				updated_at = $2, revision = revision + 1
			WHERE status = $3 AND scheduled_at <= $2 AND (embargo_until IS NULL OR embargo_until <= $2)
			RETURNING id`, string(news.Published), now.UTC(), string(news.Scheduled))
		if err != nil {
			return fmt.Errorf("publish due: %w", err)
		}
		ids, err = scanIDs(rows)
		if err != nil {
			return fmt.Errorf("publish due: %w", err)
		}
		for _, id := range ids {
			if err := snapshot(ctx, t, id, news.System(), news.RevisionTransition, "Tự động đăng theo lịch"); err != nil {
				return err
			}
			if err := t.audit(ctx, news.AuditEntry{At: now, Action: "article.transition", ObjectType: "article", ObjectID: id,
				Detail: news.Scheduled.Label() + " → " + news.Published.Label() + " (tự động)"}); err != nil {
				return err
			}
			if err := t.announceArticle(ctx, id, nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// scanIDs reads a column of ids and closes rows.
func scanIDs(rows *sql.Rows) ([]int64, error) {
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// NextScheduled is the earliest time a scheduled article is due, zero if
// none: the scheduler sleeps until then instead of polling blindly.
func (s *Store) NextScheduled(ctx context.Context) (time.Time, error) {
	// ORDER BY ... LIMIT 1 rather than MIN(): SQLite's aggregates forget
	// the column's declared type and would hand back text.
	var t sql.NullTime
	err := s.read.QueryRowContext(ctx, `SELECT scheduled_at FROM articles WHERE status = $1 AND scheduled_at IS NOT NULL
		ORDER BY scheduled_at LIMIT 1`, string(news.Scheduled)).Scan(&t)
	if errNoRows(err) {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("next scheduled: %w", err)
	}
	return utc(t), nil
}
