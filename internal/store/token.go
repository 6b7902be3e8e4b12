package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// APIToken is a key for the JSON API that acts with its user's roles.
type APIToken struct {
	ID        int64
	UserID    int64
	Name      string
	CreatedAt time.Time
	LastUsed  time.Time
	Revoked   time.Time
}

// CreateAPIToken stores the hash of a new token of userID's.
func (s *Store) CreateAPIToken(ctx context.Context, by news.Actor, userID int64, hash, name string) (APIToken, error) {
	token := APIToken{UserID: userID, Name: vietnamese.NFC(name)}
	err := s.change(ctx, by, "token.create", func(t *tx, e *news.AuditEntry) error {
		token.CreatedAt = t.now
		if err := t.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, token_hash, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			userID, hash, token.Name, token.CreatedAt).Scan(&token.ID); err != nil {
			return fmt.Errorf("create token: %w", err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "token", token.ID, token.Name
		return nil
	})
	return token, err
}

// UserByAPIToken finds the user of a live (not revoked) token and records
// its use.
func (s *Store) UserByAPIToken(ctx context.Context, hash string) (news.User, error) {
	var uid int64
	var used sql.NullTime
	err := s.read.QueryRowContext(ctx, `SELECT user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`, hash).Scan(&uid, &used)
	if errNoRows(err) {
		return news.User{}, news.Errorf(news.Unauthorized, "Khóa API không hợp lệ hoặc đã bị thu hồi")
	}
	if err != nil {
		return news.User{}, fmt.Errorf("read token: %w", err)
	}
	// Recorded at most once a minute: a write per API request would queue
	// every request behind SQLite's single writer.
	if now := s.now(); !used.Valid || now.Sub(used.Time) > time.Minute {
		err := s.commit(ctx, func(t *tx) error {
			_, err := t.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2`, now, hash)
			return err
		})
		if err != nil {
			return news.User{}, fmt.Errorf("record token use: %w", err)
		}
	}
	return s.UserByID(ctx, uid)
}

// APITokens lists a user's tokens, newest first.
func (s *Store) APITokens(ctx context.Context, userID int64) ([]APIToken, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, userID)
	if err != nil {
		return nil, fmt.Errorf("list tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var used, revoked sql.NullTime
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.CreatedAt, &used, &revoked); err != nil {
			return nil, err
		}
		t.LastUsed, t.Revoked = utc(used), utc(revoked)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken ends a token of userID.
func (s *Store) RevokeAPIToken(ctx context.Context, by news.Actor, userID, tokenID int64) error {
	return s.change(ctx, by, "token.revoke", func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "token", tokenID
		res, err := t.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`, t.now, tokenID, userID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy khóa API")
		}
		return nil
	})
}
