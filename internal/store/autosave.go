package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Autosave keeps what userID's open editor holds of an article but has
// not saved, replacing their previous one: the revision list keeps only
// saves, and a save drops the autosave (UpdateArticle). It is the
// member's scratch, not a change to the story, so it has no audit entry.
func (s *Store) Autosave(ctx context.Context, a news.Autosave) (news.Autosave, error) {
	a.Title, a.Lead, a.Body = vietnamese.NFC(a.Title), vietnamese.NFC(a.Lead), vietnamese.NFC(a.Body)
	err := s.commit(ctx, func(t *tx) error {
		a.SavedAt = t.now
		_, err := t.ExecContext(ctx, `INSERT INTO autosaves (article_id, user_id, base, title, lead, body, saved_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)
			ON CONFLICT (article_id, user_id) DO UPDATE SET base = excluded.base, title = excluded.title,
				lead = excluded.lead, body = excluded.body, saved_at = excluded.saved_at`,
			a.ArticleID, a.UserID, a.Base, a.Title, a.Lead, a.Body, a.SavedAt)
		return err
	})
	if err != nil {
		return a, fmt.Errorf("autosave: %w", err)
	}
	return a, nil
}

// LastAutosave is userID's unsaved text of an article; ok is false when
// there is none.
func (s *Store) LastAutosave(ctx context.Context, articleID, userID int64) (a news.Autosave, ok bool, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT article_id, user_id, base, title, lead, body, saved_at FROM autosaves
		WHERE article_id = $1 AND user_id = $2`, articleID, userID).
		Scan(&a.ArticleID, &a.UserID, &a.Base, &a.Title, &a.Lead, &a.Body, &a.SavedAt)
	if errNoRows(err) {
		return a, false, nil
	}
	if err != nil {
		return a, false, fmt.Errorf("read autosave: %w", err)
	}
	a.SavedAt = a.SavedAt.UTC()
	return a, true, nil
}

// DropAutosave forgets userID's unsaved text of an article.
func (s *Store) DropAutosave(ctx context.Context, articleID, userID int64) error {
	return s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `DELETE FROM autosaves WHERE article_id = $1 AND user_id = $2`, articleID, userID)
		return err
	})
}
