package fetch

import (
	"context"
	"sync"
	"time"
)

// Clock is the time the client paces and retries by. Tests give one that
// moves on when asked to wait, so pacing is measured without sleeping.
type Clock interface {
	Now() time.Time
	// Sleep waits d or until ctx is done, whichever comes first, and
	// answers ctx's error in the second case.
	Sleep(ctx context.Context, d time.Duration) error
}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

func (realClock) Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// pacer spaces requests to each host by gap. Each caller books the next
// free slot of its host under the lock and waits for it outside, so
// concurrent callers queue up instead of all going at once.
type pacer struct {
	clock Clock
	gap   time.Duration
	mu    sync.Mutex
	next  map[string]time.Time // host → earliest time of its next request
}

func newPacer(clock Clock, gap time.Duration) *pacer {
	return &pacer{clock: clock, gap: gap, next: map[string]time.Time{}}
}

func (p *pacer) wait(ctx context.Context, host string) error {
	if err := ctx.Err(); err != nil || p.gap <= 0 {
		return err
	}
	p.mu.Lock()
	now := p.clock.Now()
	slot := p.next[host]
	if slot.Before(now) {
		slot = now
	}
	p.next[host] = slot.Add(p.gap)
	p.mu.Unlock()
	return p.clock.Sleep(ctx, slot.Sub(now))
}
