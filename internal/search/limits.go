package search

import (
	"context"
	"errors"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Limits bound readers' searches, so that a flood of them slows searches
// and not the rest of the paper: at most Concurrency searches hold a
// database connection at once, and none runs past Timeout.
type Limits struct {
	// Timeout is a search's deadline from its arrival, the wait for a
	// slot included, so no reader waits longer; 0: DefaultTimeout.
	Timeout time.Duration
	// Concurrency is how many searches may run at once; 0:
	// DefaultConcurrency.
	Concurrency int
}

// The default limits. Four searches at once leave at least half of
// SQLite's read pool (8 connections) and 16 of PostgreSQL's 20 to the
// pages; two seconds is ten times the slowest query of the benchmark's
// mix on SQLite and still a wait a reader accepts.
const (
	DefaultTimeout     = 2 * time.Second
	DefaultConcurrency = 4
)

// ErrBusy is a search refused because every slot stayed taken until its
// deadline: worth trying again in a few seconds.
var ErrBusy = news.Errorf(news.Unavailable, "Hệ thống tìm kiếm đang bận, bạn vui lòng thử lại sau ít giây.")

// ErrTooSlow is a search stopped at its deadline. The same search would
// most likely be stopped again, so the reader is asked to narrow it.
var ErrTooSlow = news.Errorf(news.Unavailable, "Tìm kiếm này mất quá nhiều thời gian. Bạn hãy thu hẹp từ khóa "+
	"(thêm từ, đặt cụm từ trong ngoặc kép), chọn một chuyên mục hoặc một khoảng ngày rồi tìm lại.")

// gate holds the slots of the searches running now.
type gate struct {
	slots   chan struct{}
	timeout time.Duration
}

func newGate(l Limits) gate {
	if l.Timeout <= 0 {
		l.Timeout = DefaultTimeout
	}
	if l.Concurrency <= 0 {
		l.Concurrency = DefaultConcurrency
	}
	return gate{slots: make(chan struct{}, l.Concurrency), timeout: l.Timeout}
}

// run runs search in a slot under the deadline. A free slot is taken
// first even when the deadline has passed, so an expired search is always
// reported as too slow, never as busy. The database drivers stop a query
// whose context ends: modernc's SQLite interrupts it (sqlite3_interrupt),
// pgx sends PostgreSQL a cancel request.
func (g gate) run(parent context.Context, search func(context.Context) error) error {
	ctx, cancel := context.WithTimeout(parent, g.timeout)
	defer cancel()
	select {
	case g.slots <- struct{}{}:
	default:
		select {
		case g.slots <- struct{}{}:
		case <-ctx.Done():
			if parent.Err() != nil {
				return parent.Err() // the reader went away
			}
			return ErrBusy
		}
	}
	defer func() { <-g.slots }()
	err := search(ctx)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) && parent.Err() == nil {
		return ErrTooSlow
	}
	return err
}
