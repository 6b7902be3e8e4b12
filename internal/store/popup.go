package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const popupColumns = `p.id, p.title, p.body, p.link, COALESCE(p.image_id, 0), p.starts_at, p.ends_at, p.pages, p.frequency,
	COALESCE(p.created_by, 0), p.created_at, p.updated_at,
	COALESCE(i.key, ''), COALESCE(i.width, 0), COALESCE(i.height, 0), COALESCE(i.alt, '')`

const popupFrom = ` FROM popups p LEFT JOIN images i ON i.id = p.image_id`

func scanPopup(row rowScanner) (news.Popup, error) {
	var p news.Popup
	var im news.Image
	err := row.Scan(&p.ID, &p.Title, &p.Body, &p.Link, &p.ImageID, &p.StartsAt, &p.EndsAt, &p.Pages, &p.Frequency,
		&p.CreatedBy, &p.CreatedAt, &p.UpdatedAt, &im.Key, &im.Width, &im.Height, &im.Alt)
	p.StartsAt, p.EndsAt, p.CreatedAt, p.UpdatedAt = p.StartsAt.UTC(), p.EndsAt.UTC(), p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	if im.Key != "" {
		im.ID = p.ImageID
		p.Image = &im
	}
	return p, err
}

func (s *Store) popups(ctx context.Context, query string, args ...any) ([]news.Popup, error) {
	return queryAll(ctx, s.read, scanPopup, "list popups", `SELECT `+popupColumns+popupFrom+query, args...)
}

// Popups lists every announcement, the latest to start first.
func (s *Store) Popups(ctx context.Context) ([]news.Popup, error) {
	return s.popups(ctx, ` ORDER BY p.starts_at DESC, p.id DESC LIMIT 500`)
}

// ActivePopups lists the announcements running at now, the latest to
// start first; the page shows the first one the reader has not closed.
// The 500 that end last are kept in memory until an announcement changes
// (key "popups"); the running ones are picked from them by now.
func (s *Store) ActivePopups(ctx context.Context, now time.Time) ([]news.Popup, error) {
	latest, err := s.chrome.popups.get(func() ([]news.Popup, error) {
		return s.popups(ctx, ` ORDER BY p.ends_at DESC, p.id DESC LIMIT 500`)
	})
	var active []news.Popup
	for _, p := range latest {
		if !p.StartsAt.After(now) && p.EndsAt.After(now) {
			active = append(active, p)
		}
	}
	slices.SortStableFunc(active, func(a, b news.Popup) int {
		if c := b.StartsAt.Compare(a.StartsAt); c != 0 {
			return c
		}
		return cmp.Compare(b.ID, a.ID)
	})
	return active[:min(len(active), 20)], err
}

// Popup finds one announcement.
func (s *Store) Popup(ctx context.Context, id int64) (news.Popup, error) {
	p, err := scanPopup(s.read.QueryRowContext(ctx, `SELECT `+popupColumns+popupFrom+` WHERE p.id = $1`, id))
	if errNoRows(err) {
		return p, news.Errorf(news.NotFound, "Không tìm thấy thông báo")
	}
	if err != nil {
		return p, fmt.Errorf("find popup %d: %w", id, err)
	}
	return p, nil
}

// SavePopup creates the announcement (ID 0) or replaces its fields, and
// returns its id. The caller validates; the database refuses an image id
// that is not in the library.
func (s *Store) SavePopup(ctx context.Context, by news.Actor, p news.Popup) (int64, error) {
	p.Title, p.Body = vietnamese.NFC(p.Title), vietnamese.NFC(p.Body)
	err := s.change(ctx, by, "popup.save", func(t *tx, e *news.AuditEntry) error {
		t.announce(news.PopupsKey)
		e.ObjectType, e.Detail = "popup", p.Title
		defer func() { e.ObjectID = p.ID }()
		if p.ID == 0 {
			return t.QueryRowContext(ctx, `INSERT INTO popups (title, body, link, image_id, starts_at, ends_at, pages, frequency,
				created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
				p.Title, p.Body, p.Link, nullID(p.ImageID), p.StartsAt.UTC(), p.EndsAt.UTC(), string(p.Pages), string(p.Frequency),
				nullID(by.User.ID), t.now).Scan(&p.ID)
		}
		res, err := t.ExecContext(ctx, `UPDATE popups SET title = $1, body = $2, link = $3, image_id = $4, starts_at = $5,
			ends_at = $6, pages = $7, frequency = $8, updated_at = $9 WHERE id = $10`,
			p.Title, p.Body, p.Link, nullID(p.ImageID), p.StartsAt.UTC(), p.EndsAt.UTC(), string(p.Pages), string(p.Frequency), t.now, p.ID)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy thông báo")
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save popup: %w", err)
	}
	return p.ID, nil
}

// DeletePopup removes an announcement.
func (s *Store) DeletePopup(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "popup.delete", func(t *tx, e *news.AuditEntry) error {
		var title string
		err := t.QueryRowContext(ctx, `DELETE FROM popups WHERE id = $1 RETURNING title`, id).Scan(&title)
		if errNoRows(err) {
			return news.Errorf(news.NotFound, "Không tìm thấy thông báo")
		}
		if err != nil {
			return fmt.Errorf("delete popup: %w", err)
		}
		t.announce(news.PopupsKey)
		e.ObjectType, e.ObjectID, e.Detail = "popup", id, title
		return nil
	})
}

// PopupsTurned tells the page cache that an announcement started or ended
// between from and to: pages must show or drop it though nothing changed
// in the database.
func (s *Store) PopupsTurned(ctx context.Context, from, to time.Time) error {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM popups
		WHERE (starts_at > $1 AND starts_at <= $2) OR (ends_at > $1 AND ends_at <= $2)`, from.UTC(), to.UTC()).Scan(&n)
	if err != nil {
		return fmt.Errorf("popup times: %w", err)
	}
	if n > 0 {
		s.Announce(news.PopupsKey)
	}
	return nil
}
