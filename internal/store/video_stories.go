package store

import (
	"context"
	"fmt"

	"github.com/toasoan/toasoan/internal/news"
)

// MediaItemsByID reads the items with these ids, in one query: the
// video sitemap's and the /tv/ list's videos. Ids with no item are absent.
func (s *Store) MediaItemsByID(ctx context.Context, ids []int64) (map[int64]news.MediaItem, error) {
	out := make(map[int64]news.MediaItem, len(ids))
	for len(ids) > 0 {
		// A few hundred at a time: SQLite caps the parameters of a query.
		n := min(len(ids), 500)
		var a args
		rows, err := s.read.QueryContext(ctx, `SELECT `+mediaItemColumns+mediaItemFrom+` WHERE m.id IN (`+a.list(ids[:n])+`)`, a...)
		if err != nil {
			return nil, fmt.Errorf("read media items: %w", err)
		}
		for rows.Next() {
			m, err := scanMediaItem(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("read media items: %w", err)
			}
			out[m.ID] = m
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("read media items: %w", err)
		}
		ids = ids[n:]
	}
	return out, nil
}
