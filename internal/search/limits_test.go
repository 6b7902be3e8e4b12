package search_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// holdingStore is the real store, except that each search, once inside its
// slot, says so on entered and waits for release before it reads: a search
// that cannot finish until the test lets it.
type holdingStore struct {
	*store.Store
	entered chan struct{}
	release chan struct{}
}

func newHoldingStore(s *store.Store) *holdingStore {
	return &holdingStore{Store: s, entered: make(chan struct{}, 8), release: make(chan struct{})}
}

func (h *holdingStore) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, int, error) {
	h.entered <- struct{}{}
	<-h.release
	return h.Store.Search(ctx, q)
}

// A search whose deadline has passed reads nothing and answers the
// Vietnamese "too slow" message, not results and not an internal error.
func TestSearchPastItsDeadline(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		newPaper(t, s)
		svc := search.New(s, search.Limits{Timeout: time.Nanosecond, Concurrency: 1})
		res, err := svc.Search(context.Background(), search.Parse("đường"), search.Filters{}, 1, 10)
		if !errors.Is(err, search.ErrTooSlow) {
			t.Fatalf("err = %v, want ErrTooSlow", err)
		}
		if len(res.Hits) != 0 {
			t.Errorf("%d hits past the deadline", len(res.Hits))
		}
		if news.ErrorCode(err) != news.Unavailable || news.ErrorMessage(err) != search.ErrTooSlow.Message {
			t.Errorf("code %q, message %q", news.ErrorCode(err), news.ErrorMessage(err))
		}
		// The same search with the default limits finds the story.
		if res, err := search.New(s, search.Limits{}).Search(context.Background(), search.Parse("đường"), search.Filters{}, 1, 10); err != nil || len(res.Hits) == 0 {
			t.Errorf("default limits: %d hits, %v", len(res.Hits), err)
		}
	})
}

// With every slot taken, another search waits no longer than its deadline
// and is refused as busy; a reader who leaves while waiting is not told
// anything; once the slot is given back, the next search gets it.
func TestSearchBusyAtItsLimit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		newPaper(t, s)
		held := newHoldingStore(s)
		svc := search.New(held, search.Limits{Timeout: 50 * time.Millisecond, Concurrency: 1})
		ctx := context.Background()
		first := make(chan error, 1)
		go func() {
			_, err := svc.Search(ctx, search.Parse("đường"), search.Filters{}, 1, 10)
			first <- err
		}()
		<-held.entered // the only slot is taken
		if _, err := svc.Search(ctx, search.Parse("hòa bình"), search.Filters{}, 1, 10); !errors.Is(err, search.ErrBusy) {
			t.Fatalf("over the limit: %v, want ErrBusy", err)
		}
		gone, leave := context.WithCancel(ctx)
		leave()
		if _, err := svc.Search(gone, search.Parse("hòa bình"), search.Filters{}, 1, 10); !errors.Is(err, context.Canceled) {
			t.Errorf("reader gone: %v, want context.Canceled", err)
		}
		close(held.release)
		// The first search's deadline has passed too, but the context
		// may not have heard it yet (its timer's goroutine can run after
		// the refused search's): it answers too slow or, if its reads
		// beat the timer, its results; either way it gives the slot back.
		if err := <-first; err != nil && !errors.Is(err, search.ErrTooSlow) {
			t.Errorf("held search: %v", err)
		}
		next := make(chan error, 1)
		go func() {
			_, err := svc.Search(ctx, search.Parse("đường"), search.Filters{}, 1, 10)
			next <- err
		}()
		<-held.entered // it got the slot
		if err := <-next; errors.Is(err, search.ErrBusy) {
			t.Error("the slot was not given back")
		}
	})
}
