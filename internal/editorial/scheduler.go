package editorial

import (
	"context"
	"log/slog"
	"time"
)

// Wake tells the scheduler that a schedule changed, so it recomputes when
// to wake up next.
func (s *Service) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// PublishDue publishes every scheduled article whose time has come.
func (s *Service) PublishDue(ctx context.Context) ([]int64, error) {
	return s.store.PublishDue(ctx, s.now())
}

// RunScheduler publishes scheduled articles at their minute, with no page
// view needed (WordPress's scheduler, which runs on page views, misses
// posts on quiet sites). It sleeps until the next due article, at most
// poll, and wakes early when a schedule changes on this server; poll bounds
// how late a schedule set on another server is seen. It returns when ctx
// ends.
func (s *Service) RunScheduler(ctx context.Context, poll time.Duration, log *slog.Logger) {
	for {
		ids, err := s.PublishDue(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("scheduled publishing failed", "err", err)
		}
		for _, id := range ids {
			log.Info("published on schedule", "article", id)
		}
		wait := poll
		if next, err := s.store.NextScheduled(ctx); err == nil && !next.IsZero() {
			// At least a second: an article due but held by an embargo
			// set after scheduling must not make this loop spin.
			wait = min(max(next.Sub(s.now()), time.Second), poll)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-s.wake:
			timer.Stop()
		case <-timer.C:
		}
	}
}
