package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// MediaDirReady reports whether an output folder ("ab/<hash>") belongs to
// a ready item: only such a folder's files are served to readers.
func (s *Store) MediaDirReady(ctx context.Context, dir string) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM media_items WHERE dir = $1 AND ready_at IS NOT NULL`, dir).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("media folder %s: %w", dir, err)
	}
	return n > 0, nil
}

// SetMediaPoster makes one of a ready video's candidate frames its poster.
func (s *Store) SetMediaPoster(ctx context.Context, by news.Actor, id int64, poster string) error {
	m, err := s.MediaItem(ctx, id)
	if err != nil {
		return err
	}
	found := false
	for _, p := range m.Posters {
		found = found || p == poster
	}
	if m.Status != news.MediaReady || !found {
		return news.Errorf(news.Invalid, "Ảnh đại diện phải là một trong các khung hình đã tạo của video")
	}
	return s.change(ctx, by, "media.poster", func(t *tx, e *news.AuditEntry) error {
		if _, err := t.ExecContext(ctx, `UPDATE media_items SET poster = $1 WHERE id = $2`, poster, id); err != nil {
			return fmt.Errorf("media item %d poster: %w", id, err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "media", id, poster
		return nil
	})
}

// SetMediaCaptions records the WebVTT file (a path under the item's
// folder, already written) as a ready item's captions.
func (s *Store) SetMediaCaptions(ctx context.Context, by news.Actor, id int64, captions string) error {
	return s.change(ctx, by, "media.captions", func(t *tx, e *news.AuditEntry) error {
		res, err := t.ExecContext(ctx, `UPDATE media_items SET captions = $1 WHERE id = $2 AND ready_at IS NOT NULL`, captions, id)
		if err != nil {
			return fmt.Errorf("media item %d captions: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy video đã xử lý xong %d", id)
		}
		e.ObjectType, e.ObjectID, e.Detail = "media", id, captions
		return nil
	})
}
