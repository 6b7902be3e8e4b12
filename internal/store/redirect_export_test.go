package store

import (
	"context"

	"github.com/toasoan/toasoan/internal/news"
)

// UpsertRedirectForTest runs upsertRedirect as the importer does: inside
// a transaction of its own that announces the redirects' key.
func (s *Store) UpsertRedirectForTest(ctx context.Context, r news.Redirect) error {
	return s.commit(ctx, func(t *tx) error {
		t.announce(news.RedirectsKey)
		return upsertRedirect(ctx, t.Tx, r)
	})
}
