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
func (s *Store) CreateDraft(ctx context.Context, a news.Article, ch Change) (news.Article, error) {
	normalizeArticle(&a)
	now := s.now()
	a.CreatedAt, a.UpdatedAt, a.Revision = now, now, 1
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := insertArticle(ctx, tx, &a, now); err != nil {
			return err
		}
		if err := s.indexArticle(ctx, tx, a); err != nil {
			return err
		}
		if err := snapshot(ctx, tx, a.ID, ch, now); err != nil {
			return err
		}
		return audit(ctx, tx, news.AuditEntry{At: now, UserID: ch.UserID, Action: "article.create", ObjectType: "article", ObjectID: a.ID, Detail: a.Title, IP: ch.IP})
	})
	if err != nil {
		return a, fmt.Errorf("create draft: %w", err)
	}
	if visible(a.Status) {
		s.articleChanged(ctx, a.ID, nil)
	}
	return a, nil
}

// Move changes an article's state from `from` to `to`, failing with a
// Conflict if someone moved it first. Publishing sets the first
// publication time; scheduling records when it goes live. The revision
// and the audit entry are written in the same transaction.
func (s *Store) Move(ctx context.Context, id int64, from, to news.Status, at time.Time, ch Change) (news.Article, error) {
	now := s.now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var scheduled sql.NullTime
		if to == news.Scheduled {
			scheduled = nullTime(at)
		}
		var published sql.NullTime
		if to == news.Published {
			published = nullTime(now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE articles SET status = $1, scheduled_at = $2,
				published_at = COALESCE(published_at, $3), updated_at = $4, revision = revision + 1
			WHERE id = $5 AND status = $6`, string(to), scheduled, published, now, id, string(from))
		if err != nil {
			return fmt.Errorf("move article: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.Conflict, "Bài đã được người khác chuyển trạng thái; hãy tải lại trang")
		}
		ch.Kind = news.RevisionTransition
		if err := snapshot(ctx, tx, id, ch, now); err != nil {
			return err
		}
		detail := from.Label() + " → " + to.Label()
		if ch.Note != "" {
			detail += ": " + ch.Note
		}
		return audit(ctx, tx, news.AuditEntry{At: now, UserID: ch.UserID, Action: "article.transition", ObjectType: "article", ObjectID: id, Detail: detail, IP: ch.IP})
	})
	if err != nil {
		return news.Article{}, err
	}
	if visible(from, to) {
		s.articleChanged(ctx, id, nil)
	}
	return s.Article(ctx, id)
}

// PublishDue publishes every scheduled article whose time has come and
// whose embargo has passed. The UPDATE claims each row atomically, so with
// several servers on one PostgreSQL each article is published exactly once.
func (s *Store) PublishDue(ctx context.Context, now time.Time) ([]int64, error) {
	var ids []int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE articles SET status = $1, published_at = COALESCE(published_at, scheduled_at),
				updated_at = $2, revision = revision + 1
			WHERE status = $3 AND scheduled_at <= $2 AND (embargo_until IS NULL OR embargo_until <= $2)
			RETURNING id`, string(news.Published), now.UTC(), string(news.Scheduled))
		if err != nil {
			return fmt.Errorf("publish due: %w", err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			ch := Change{Kind: news.RevisionTransition, Note: "Tự động đăng theo lịch"}
			if err := snapshot(ctx, tx, id, ch, now); err != nil {
				return err
			}
			if err := audit(ctx, tx, news.AuditEntry{At: now, Action: "article.transition", ObjectType: "article", ObjectID: id,
				Detail: news.Scheduled.Label() + " → " + news.Published.Label() + " (tự động)"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err == nil {
		for _, id := range ids {
			s.articleChanged(ctx, id, nil)
		}
	}
	return ids, err
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
