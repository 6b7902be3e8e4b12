package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// SetPins replaces a page's pins: ids[0] is the lead story, the rest the
// featured slots in order; 0 leaves a slot to follow publication time.
// The page is named by its key: news.HomeKey, or a section's key.
func (s *Store) SetPins(ctx context.Context, by news.Actor, page news.Key, ids []int64) error {
	return s.change(ctx, by, "pins.update", func(t *tx, e *news.AuditEntry) error {
		if _, err := t.ExecContext(ctx, `DELETE FROM pins WHERE scope = $1`, string(page)); err != nil {
			return err
		}
		for pos, id := range ids {
			if id == 0 {
				continue
			}
			if _, err := t.ExecContext(ctx, `INSERT INTO pins (scope, position, article_id) VALUES ($1, $2, $3)`, string(page), pos, id); err != nil {
				return fmt.Errorf("pin %d: %w", id, err)
			}
		}
		t.announce(page)
		e.ObjectType, e.Detail = "page", string(page)
		return nil
	})
}

// Pins returns a page's pinned articles by slot (0 lead, 1.. featured);
// only published articles count, so unpublishing frees the slot.
func (s *Store) Pins(ctx context.Context, page news.Key) (map[int]news.Article, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT p.position, `+summaryColumns+summaryFrom+`
		JOIN pins p ON p.article_id = a.id WHERE p.scope = $1 AND a.status = $2 ORDER BY p.position`, string(page), string(news.Published))
	if err != nil {
		return nil, fmt.Errorf("read pins: %w", err)
	}
	defer rows.Close()
	out := map[int]news.Article{}
	for rows.Next() {
		var pos int
		a, err := scanPinned(rows, &pos)
		if err != nil {
			return nil, fmt.Errorf("read pins: %w", err)
		}
		out[pos] = a
	}
	return out, rows.Err()
}

// scanPinned reads a row that starts with the pin position.
func scanPinned(rows *sql.Rows, pos *int) (news.Article, error) {
	return scanSummary(prefixScanner{rows, pos})
}

// prefixScanner scans a leading column into first, then the rest.
type prefixScanner struct {
	rows  *sql.Rows
	first any
}

func (p prefixScanner) Scan(dest ...any) error {
	return p.rows.Scan(append([]any{p.first}, dest...)...)
}
