package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

const imageColumns = `id, key, mime, width, height, bytes, caption, credit, alt, created_at`

func scanImage(row rowScanner) (news.Image, error) {
	var im news.Image
	err := row.Scan(&im.ID, &im.Key, &im.MIME, &im.Width, &im.Height, &im.Bytes, &im.Caption, &im.Credit, &im.Alt, &im.Created)
	im.Created = im.Created.UTC()
	return im, err
}

// CreateImage records a stored photo with its audit entry and returns the
// row as stored. A file already recorded under the same key (the same
// bytes) returns the existing row, its caption untouched.
func (s *Store) CreateImage(ctx context.Context, by news.Actor, im news.Image) (news.Image, error) {
	normalizeImage(&im)
	err := s.change(ctx, by, "media.upload", func(t *tx, e *news.AuditEntry) error {
		if im.Created.IsZero() {
			im.Created = t.now
		}
		err := t.QueryRowContext(ctx, `INSERT INTO images (key, mime, width, height, bytes, caption, credit, alt, created_at, search_text)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`,
			im.Key, im.MIME, im.Width, im.Height, im.Bytes, im.Caption, im.Credit, im.Alt, im.Created.UTC(), imageSearchText(im)).Scan(&im.ID)
		if err != nil {
			return err
		}
		e.ObjectType, e.ObjectID, e.Detail = "image", im.ID, im.Key
		im, err = scanImage(t.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id = $1`, im.ID))
		return err
	})
	if err != nil {
		return im, fmt.Errorf("create image: %w", err)
	}
	return im, nil
}

// Image finds a photo by id.
func (s *Store) Image(ctx context.Context, id int64) (news.Image, error) {
	im, err := scanImage(s.read.QueryRowContext(ctx, `SELECT `+imageColumns+` FROM images WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return im, news.Errorf(news.NotFound, "Không tìm thấy ảnh")
	}
	if err != nil {
		return im, fmt.Errorf("find image %d: %w", id, err)
	}
	return im, nil
}

func imageSearchText(im news.Image) string {
	return vietnamese.Fold(im.Caption + " " + im.Credit + " " + im.Alt)
}

// UpdateImage changes a photo's caption, credit and alt text, and
// announces the published stories whose cover it is and the
// announcements that show it.
func (s *Store) UpdateImage(ctx context.Context, by news.Actor, im news.Image) error {
	normalizeImage(&im)
	return s.change(ctx, by, "media.update", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE images SET caption = $1, credit = $2, alt = $3, search_text = $4 WHERE id = $5`,
			im.Caption, im.Credit, im.Alt, imageSearchText(im), im.ID)
		if err != nil {
			return fmt.Errorf("update image: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy ảnh")
		}
		e.ObjectType, e.ObjectID = "image", im.ID
		return announceImage(ctx, t, im.ID)
	})
}

// announceImage announces the published articles whose cover is the
// image, and the announcements when one shows it.
func announceImage(ctx context.Context, t *tx, id int64) error {
	var inPopup int
	if err := t.QueryRowContext(ctx, `SELECT COUNT(*) FROM popups WHERE image_id = $1`, id).Scan(&inPopup); err != nil {
		return fmt.Errorf("image in popups: %w", err)
	}
	if inPopup > 0 {
		t.announce(news.PopupsKey)
	}
	rows, err := t.QueryContext(ctx, `SELECT id FROM articles WHERE cover_image_id = $1 AND status = $2`, id, string(news.Published))
	if err != nil {
		return fmt.Errorf("image in articles: %w", err)
	}
	ids, err := scanIDs(rows)
	if err != nil {
		return fmt.Errorf("image in articles: %w", err)
	}
	for _, a := range ids {
		t.announce(news.CorrectionKeys(a)...)
	}
	return nil
}

// Images lists the media library, newest first; query matches captions,
// credits and alt texts with or without diacritics.
func (s *Store) Images(ctx context.Context, query string, limit, offset int) ([]news.Image, error) {
	var a args
	where := "1 = 1"
	for _, word := range strings.Fields(vietnamese.Fold(query)) {
		where += " AND search_text LIKE " + a.add("%"+escapeLike(word)+"%") + ` ESCAPE '\'`
	}
	return queryAll(ctx, s.read, scanImage, "list images", `SELECT `+imageColumns+` FROM images WHERE `+where+
		` ORDER BY id DESC LIMIT `+a.add(max(min(limit, 200), 1))+` OFFSET `+a.add(max(offset, 0)), a...)
}

// escapeLike makes a search word match literally in LIKE.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}
