package newsroom

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// mainVideoChoices are the videos the "Video chính" select offers: the
// newest that are ready or still being processed (failed ones cannot be
// picked), and the story's current one whatever its state, so saving
// the form never drops it silently.
func (s *Server) mainVideoChoices(ctx context.Context, current int64) ([]news.MediaItem, error) {
	items, err := s.store.MediaItems(ctx, store.MediaItemFilter{Kind: news.VideoMedia, Limit: 200})
	if err != nil {
		return nil, err
	}
	var out []news.MediaItem
	seen := false
	for _, m := range items {
		if m.ID == current {
			seen = true
		} else if m.Status == news.MediaFailed {
			continue
		}
		out = append(out, m)
	}
	if current != 0 && !seen {
		m, err := s.store.MediaItem(ctx, current)
		if err != nil && news.ErrorCode(err) != news.NotFound {
			return nil, err
		}
		if err == nil {
			out = append([]news.MediaItem{m}, out...)
		}
	}
	return out, nil
}
