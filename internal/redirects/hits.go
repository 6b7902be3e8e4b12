package redirects

import (
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/store"
)

// maxPendingHits bounds the redirects counted between two flushes: a
// flood of old links costs at most this many entries of memory; hits to
// others wait for the next flush to be counted.
const maxPendingHits = 10_000

// hitCounter counts requests per redirect in memory, so that answering
// one writes nothing; FlushHits adds them to the table.
type hitCounter struct {
	mu   sync.Mutex
	byID map[int64]store.RedirectHits
}

func (h *hitCounter) add(id int64, at time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.byID == nil {
		h.byID = map[int64]store.RedirectHits{}
	}
	c, ok := h.byID[id]
	if !ok && len(h.byID) >= maxPendingHits {
		return
	}
	c.N++
	if at.After(c.Last) {
		c.Last = at
	}
	h.byID[id] = c
}

// take returns what was counted and starts again from nothing.
func (h *hitCounter) take() map[int64]store.RedirectHits {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.byID
	h.byID = nil
	return out
}

// putBack adds counts that could not be written to those counted since.
func (h *hitCounter) putBack(pending map[int64]store.RedirectHits) {
	for id, p := range pending {
		h.mu.Lock()
		if h.byID == nil {
			h.byID = map[int64]store.RedirectHits{}
		}
		c := h.byID[id]
		c.N += p.N
		if p.Last.After(c.Last) {
			c.Last = p.Last
		}
		h.byID[id] = c
		h.mu.Unlock()
	}
}
