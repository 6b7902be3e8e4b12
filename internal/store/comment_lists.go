package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// CommentWords reads both word lists; the reasons are left out.
func (s *Store) CommentWords(ctx context.Context) (news.CommentSettings, error) {
	var w news.CommentSettings
	rows, err := s.read.QueryContext(ctx, `SELECT kind, word FROM word_lists ORDER BY kind, word`)
	if err != nil {
		return w, fmt.Errorf("read word lists: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, word string
		if err := rows.Scan(&kind, &word); err != nil {
			return w, err
		}
		if kind == "banned" {
			w.Banned = append(w.Banned, word)
		} else {
			w.Review = append(w.Review, word)
		}
	}
	return w, rows.Err()
}

// CommentSettings reads the refusal reasons and both word lists.
func (s *Store) CommentSettings(ctx context.Context) (news.CommentSettings, error) {
	c, err := s.CommentWords(ctx)
	if err != nil {
		return c, err
	}
	c.Reasons, err = s.RejectReasons(ctx)
	return c, err
}

// SaveCommentSettings replaces the reasons and both word lists in one
// transaction with its audit entry; words are stored as the lists compare
// them (NFC, lower case, one tone placement, single spaces), with their
// marks: "đồ ngu" and "đồ ngủ" are different entries. The caller
// validates.
func (s *Store) SaveCommentSettings(ctx context.Context, by news.Actor, c news.CommentSettings) error {
	return s.change(ctx, by, "comment.settings", func(t *tx, e *news.AuditEntry) error {
		e.Detail = fmt.Sprintf("%d lý do, %d từ cấm, %d từ cần xem", len(c.Reasons), len(c.Banned), len(c.Review))
		if _, err := t.ExecContext(ctx, `DELETE FROM reject_reasons`); err != nil {
			return err
		}
		for i, r := range c.Reasons {
			if r = strings.TrimSpace(vietnamese.NFC(r)); r == "" {
				continue
			}
			if _, err := t.ExecContext(ctx, `INSERT INTO reject_reasons (text, position) VALUES ($1, $2)`, r, i); err != nil {
				return err
			}
		}
		for kind, words := range map[string][]string{"banned": c.Banned, "review": c.Review} {
			if err := writeWords(ctx, t, kind, words); err != nil {
				return err
			}
		}
		return nil
	})
}

func writeWords(ctx context.Context, t *tx, kind string, words []string) error {
	if _, err := t.ExecContext(ctx, `DELETE FROM word_lists WHERE kind = $1`, kind); err != nil {
		return err
	}
	for _, w := range words {
		w = strings.Join(strings.Fields(strings.ToLower(vietnamese.NormalizeTone(w))), " ")
		if w == "" {
			continue
		}
		if _, err := t.ExecContext(ctx, `INSERT INTO word_lists (kind, word) VALUES ($1, $2) ON CONFLICT DO NOTHING`, kind, w); err != nil {
			return err
		}
	}
	return nil
}

// RejectReasons lists the paper's reasons for refusing a comment.
func (s *Store) RejectReasons(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT text FROM reject_reasons ORDER BY position, id`)
	if err != nil {
		return nil, fmt.Errorf("read reasons: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func enqueueMail(ctx context.Context, tx *sql.Tx, m Mail, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO outbox (to_addr, subject, body, created_at) VALUES ($1, $2, $3, $4)`, m.To, m.Subject, m.Body, now)
	if err != nil {
		return fmt.Errorf("queue mail: %w", err)
	}
	return nil
}

// OutboxMail is a queued email with its history.
type OutboxMail struct {
	ID          int64
	Mail        Mail
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	NextAttempt time.Time // zero: at once
}

const outboxColumns = `id, to_addr, subject, body, attempts, last_error, created_at, next_attempt_at`

func scanOutbox(row rowScanner) (OutboxMail, error) {
	var m OutboxMail
	var next sql.NullTime
	err := row.Scan(&m.ID, &m.Mail.To, &m.Mail.Subject, &m.Mail.Body, &m.Attempts, &m.LastError, &m.CreatedAt, &next)
	m.CreatedAt, m.NextAttempt = m.CreatedAt.UTC(), utc(next)
	return m, err
}

// UnsentMail lists queued emails with fewer than maxAttempts tries whose
// next attempt is due at now.
func (s *Store) UnsentMail(ctx context.Context, now time.Time, maxAttempts, limit int) ([]OutboxMail, error) {
	return queryAll(ctx, s.read, scanOutbox, "read outbox", `SELECT `+outboxColumns+` FROM outbox
		WHERE sent_at IS NULL AND attempts < $1 AND (next_attempt_at IS NULL OR next_attempt_at <= $2) ORDER BY id LIMIT $3`,
		maxAttempts, now.UTC(), limit)
}

// UndeliveredMail lists the mail not sent, oldest first: what the
// newsroom shows of the outbox, with each message's last error.
func (s *Store) UndeliveredMail(ctx context.Context, limit int) ([]OutboxMail, error) {
	return queryAll(ctx, s.read, scanOutbox, "read outbox", `SELECT `+outboxColumns+` FROM outbox
		WHERE sent_at IS NULL ORDER BY id LIMIT $1`, limit)
}

// MarkMail records a send attempt: sent, or failed with its error and
// the time it may be tried again (retry).
func (s *Store) MarkMail(ctx context.Context, id int64, sendErr error, retry time.Time) error {
	return s.commit(ctx, func(t *tx) error {
		if sendErr == nil {
			_, err := t.ExecContext(ctx, `UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = '' WHERE id = $2`, t.now, id)
			return err
		}
		_, err := t.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
			truncateText(sendErr.Error(), 500), retry.UTC(), id)
		return err
	})
}

func truncateText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
