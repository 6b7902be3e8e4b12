package store

import (
	"context"
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

// CreateSession signs a member in: the new session, the password's new
// hash when it is to be hashed again with today's parameters (rehash,
// "" to keep it), and the audit entry, in one transaction. A session
// still waiting for its two-factor code is recorded as such.
func (s *Store) CreateSession(ctx context.Context, by news.Actor, ss Session, rehash string) error {
	action := "session.login"
	if ss.SecondFactorPending {
		action = "session.login_pending"
	}
	return s.change(ctx, by, action, func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "user", ss.UserID
		_, err := t.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, second_factor_pending, ip, user_agent, created_at, last_seen_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			ss.TokenHash, ss.UserID, ss.CSRFToken, ss.SecondFactorPending, ss.IP, ss.UserAgent, ss.CreatedAt.UTC(), ss.LastSeen.UTC(), ss.ExpiresAt.UTC())
		if err != nil {
			return fmt.Errorf("create session: %w", err)
		}
		if rehash == "" {
			return nil
		}
		return updateOneUser(ctx, t, `UPDATE users SET password_hash = $1 WHERE id = $2`, rehash, ss.UserID)
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

// TouchSession slides a session's expiry forward: bookkeeping, not
// audited.
func (s *Store) TouchSession(ctx context.Context, hash string, seen, expires time.Time) error {
	return s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE token_hash = $3`, seen.UTC(), expires.UTC(), hash)
		return err
	})
}

// CompleteSecondFactor accepts a session's two-factor code: it records the
// code's step, failing if that step or a later one was already used so a
// code cannot be replayed, marks the session fully signed in, and writes
// the audit entry, in one transaction.
func (s *Store) CompleteSecondFactor(ctx context.Context, by news.Actor, hash string, step int64) error {
	return s.change(ctx, by, "session.login", func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID, e.Detail = "user", by.User.ID, "hai bước"
		res, err := t.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1`, step, by.User.ID)
		if err != nil {
			return fmt.Errorf("use code: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.Unauthorized, "Mã xác thực này đã được dùng; hãy chờ mã mới")
		}
		res, err = t.ExecContext(ctx, `UPDATE sessions SET second_factor_pending = $1 WHERE token_hash = $2 AND user_id = $3`, false, hash, by.User.ID)
		if err != nil {
			return fmt.Errorf("complete sign-in: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
		}
		return nil
	})
}

// DeleteSession signs one browser out.
func (s *Store) DeleteSession(ctx context.Context, by news.Actor, hash string) error {
	return s.change(ctx, by, "session.logout", func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "user", by.User.ID
		_, err := t.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, hash)
		return err
	})
}

// DeleteUserSessions signs a user out everywhere and returns how many
// sessions ended.
func (s *Store) DeleteUserSessions(ctx context.Context, by news.Actor, userID int64) (int, error) {
	var n int64
	err := s.change(ctx, by, "session.logout_everywhere", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "user", userID, fmt.Sprintf("%d phiên", n)
		return nil
	})
	return int(n), err
}
