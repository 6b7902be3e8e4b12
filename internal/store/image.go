package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

const imageColumns = `id, key, mime, width, height, bytes, caption, credit, alt, created_at`

func scanImage(row interface{ Scan(...any) error }) (news.Image, error) {
	var im news.Image
	err := row.Scan(&im.ID, &im.Key, &im.MIME, &im.Width, &im.Height, &im.Bytes, &im.Caption, &im.Credit, &im.Alt, &im.Created)
	im.Created = im.Created.UTC()
	return im, err
}

// CreateImage records a stored photo file. A file already recorded under
// the same key (the same bytes) returns the existing row.
func (s *Store) CreateImage(ctx context.Context, im news.Image) (news.Image, error) {
	normalizeImage(&im)
	if im.Created.IsZero() {
		im.Created = s.now()
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO images (key, mime, width, height, bytes, caption, credit, alt, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id`,
			im.Key, im.MIME, im.Width, im.Height, im.Bytes, im.Caption, im.Credit, im.Alt, im.Created.UTC()).Scan(&im.ID)
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
