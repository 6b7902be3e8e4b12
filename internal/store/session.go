package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Session is a signed-in browser, stored under the hash of its cookie.
type Session struct {
	TokenHash           string
	UserID              int64
	CSRFToken           string
	SecondFactorPending bool // password accepted, TOTP code still to come
	IP, UserAgent       string
	CreatedAt, LastSeen time.Time
	ExpiresAt           time.Time
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, ss Session) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_pending, ip, user_agent, created_at, last_seen_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			ss.TokenHash, ss.UserID, ss.CSRFToken, ss.SecondFactorPending, ss.IP, ss.UserAgent, ss.CreatedAt.UTC(), ss.LastSeen.UTC(), ss.ExpiresAt.UTC())
		return err
	})
}

// SessionByHash finds a live session; an expired one is not found.
func (s *Store) SessionByHash(ctx context.Context, hash string, now time.Time) (Session, error) {
	var ss Session
	err := s.read.QueryRowContext(ctx, `SELECT token_hash, user_id, csrf_token, second_factor_pending, ip, user_agent, created_at, last_seen_at, expires_at
		FROM sessions WHERE token_hash = $1 AND expires_at > $2`, hash, now.UTC()).
		Scan(&ss.TokenHash, &ss.UserID, &ss.CSRFToken, &ss.SecondFactorPending, &ss.IP, &ss.UserAgent, &ss.CreatedAt, &ss.LastSeen, &ss.ExpiresAt)
	if errNoRows(err) {
		return ss, news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
	}
	if err != nil {
		return ss, fmt.Errorf("read session: %w", err)
	}
	return ss, nil
}

// TouchSession slides a session's expiry forward.
func (s *Store) TouchSession(ctx context.Context, hash string, seen, expires time.Time) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`, seen.UTC(), expires.UTC(), hash)
		return err
	})
}

// CompleteSecondFactor marks a session fully signed in.
func (s *Store) CompleteSecondFactor(ctx context.Context, hash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE sessions SET second_factor_pending = $1 WHERE token_hash = $2`, false, hash)
		return err
	})
}

// DeleteSession signs one browser out.
func (s *Store) DeleteSession(ctx context.Context, hash string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
		return err
	})
}

// DeleteUserSessions signs a user out everywhere and returns how many
// sessions ended.
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64) (int, error) {
	var n int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}
