package store

import (
	"context"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// TakeEditLock records that userID has the article open, unless someone
// else had it open within ttl. It returns whoever holds the lock now, so
// the editor page can say "đang được … sửa từ …". The lock is advisory:
// saves are guarded by revision numbers, not by this.
func (s *Store) TakeEditLock(ctx context.Context, articleID, userID int64, ttl time.Duration) (news.EditLock, error) {
	now := s.now()
	err := s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `INSERT INTO edit_locks (article_id, user_id, since, seen_at) VALUES ($1, $2, $3, $3)
			ON CONFLICT (article_id) DO UPDATE SET
				since = CASE WHEN edit_locks.user_id = excluded.user_id THEN edit_locks.since ELSE excluded.since END,
				user_id = excluded.user_id, seen_at = excluded.seen_at
			WHERE edit_locks.user_id = excluded.user_id OR edit_locks.seen_at < $4`,
			articleID, userID, now, now.Add(-ttl))
		return err
	})
	if err != nil {
		return news.EditLock{}, fmt.Errorf("edit lock: %w", err)
	}
	return s.EditLock(ctx, articleID)
}

// EditLock says who has the article open.
func (s *Store) EditLock(ctx context.Context, articleID int64) (news.EditLock, error) {
	var l news.EditLock
	err := s.read.QueryRowContext(ctx, `SELECT l.article_id, l.user_id, u.name, l.since, l.seen_at FROM edit_locks l
		JOIN users u ON u.id = l.user_id WHERE l.article_id = $1`, articleID).Scan(&l.ArticleID, &l.UserID, &l.UserName, &l.Since, &l.Seen)
	if errNoRows(err) {
		return news.EditLock{}, nil
	}
	if err != nil {
		return l, fmt.Errorf("read edit lock: %w", err)
	}
	l.Since, l.Seen = l.Since.UTC(), l.Seen.UTC()
	return l, nil
}

// ReleaseEditLock drops userID's lock when they leave the editor.
func (s *Store) ReleaseEditLock(ctx context.Context, articleID, userID int64) error {
	return s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM edit_locks WHERE article_id = $1 AND user_id = $2`, articleID, userID)
		return err
	})
}
