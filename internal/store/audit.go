package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// Audit records an event that changes nothing else in the database, such
// as a refused sign-in. Changes record their own entries in their own
// transactions.
func (s *Store) Audit(ctx context.Context, e news.AuditEntry) error {
	return s.commit(ctx, func(t *tx) error { return t.audit(ctx, e) })
}

// AuditFilter selects audit entries; zero fields do not filter.
type AuditFilter struct {
	ObjectType string
	ObjectID   int64
	UserID     int64
	Limit      int
	Offset     int
}

// AuditLog lists entries, newest first, with the names of their users.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]news.AuditEntry, error) {
	var a args
	where := "1 = 1"
	if f.ObjectType != "" {
		where += " AND l.object_type = " + a.add(f.ObjectType)
	}
	if f.ObjectID != 0 {
		where += " AND l.object_id = " + a.add(f.ObjectID)
	}
	if f.UserID != 0 {
		where += " AND l.user_id = " + a.add(f.UserID)
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	rows, err := s.read.QueryContext(ctx, `SELECT l.id, l.at, COALESCE(l.user_id, 0), COALESCE(u.name, ''), l.action, l.object_type, l.object_id, l.detail, l.ip
		FROM audit_log l LEFT JOIN users u ON u.id = l.user_id WHERE `+where+
		` ORDER BY l.id DESC LIMIT `+a.add(limit)+` OFFSET `+a.add(max(f.Offset, 0)), a...)
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	var out []news.AuditEntry
	for rows.Next() {
		var e news.AuditEntry
		if err := rows.Scan(&e.ID, &e.At, &e.UserID, &e.UserName, &e.Action, &e.ObjectType, &e.ObjectID, &e.Detail, &e.IP); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}
