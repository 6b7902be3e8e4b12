package auth

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand, so window expiry is tested
// without sleeping.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 8, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func TestLimiterSequence(t *testing.T) {
	// Each step acts on key "a" after advancing the clock; the limiter allows
	// 3 events per minute.
	type step struct {
		advance   time.Duration
		action    string // "allow", "reset" or "check"
		want      bool   // Allow's answer, or Blocked's for "check"
		wantRetry time.Duration
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"limit reached", []step{
			{0, "allow", true, 0},
			{0, "allow", true, 0},
			{0, "allow", true, time.Minute},
			{0, "check", true, time.Minute},
			{0, "allow", false, time.Minute},
		}},
		{"window slides one event at a time", []step{
			{0, "allow", true, 0},
			{20 * time.Second, "allow", true, 0},
			{20 * time.Second, "allow", true, 20 * time.Second},
			{19 * time.Second, "allow", false, time.Second},
			{time.Second, "check", false, 0}, // the first event is now 60 s old
			{0, "allow", true, 20 * time.Second},
			{0, "allow", false, 20 * time.Second},
		}},
		{"refused events are not recorded", []step{
			{0, "allow", true, 0},
			{0, "allow", true, 0},
			{0, "allow", true, time.Minute},
			{30 * time.Second, "allow", false, 30 * time.Second},
			{30 * time.Second, "allow", true, 0}, // the three allowed ones expired
		}},
		{"whole window expires", []step{
			{0, "allow", true, 0},
			{0, "allow", true, 0},
			{0, "allow", true, time.Minute},
			{time.Minute, "check", false, 0},
			{0, "allow", true, 0},
		}},
		{"reset after sign-in", []step{
			{0, "allow", true, 0},
			{0, "allow", true, 0},
			{0, "allow", true, time.Minute},
			{0, "reset", false, 0},
			{0, "check", false, 0},
			{0, "allow", true, 0},
		}},
		{"blocked does not record", []step{
			{0, "check", false, 0},
			{0, "check", false, 0},
			{0, "check", false, 0},
			{0, "check", false, 0},
			{0, "allow", true, 0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			l := NewLimiter(3, time.Minute, clock.Now)
			for i, s := range tt.steps {
				clock.Advance(s.advance)
				var got bool
				switch s.action {
				case "allow":
					got = l.Allow("a")
				case "check":
					got = l.Blocked("a")
				case "reset":
					l.Reset("a")
				}
				if got != s.want {
					t.Errorf("step %d %s = %v, want %v", i, s.action, got, s.want)
				}
				if r := l.RetryAfter("a"); r != s.wantRetry {
					t.Errorf("step %d: RetryAfter = %v, want %v", i, r, s.wantRetry)
				}
			}
		})
	}
}

func TestLimiterKeysAreSeparate(t *testing.T) {
	l := NewLimiter(1, time.Minute, newFakeClock().Now)
	if !l.Allow("tài khoản:an") || l.Allow("tài khoản:an") {
		t.Fatal("first key: want one allowed then refused")
	}
	if !l.Allow("tài khoản:bình") {
		t.Error("a second key is blocked by the first")
	}
	if !l.Blocked("tài khoản:an") || l.Blocked("ip:203.0.113.7") {
		t.Error("Blocked mixes keys")
	}
}

func TestLimiterMemoryBound(t *testing.T) {
	t.Run("oldest key evicted when full", func(t *testing.T) {
		clock := newFakeClock()
		l := NewLimiter(1, time.Hour, clock.Now)
		l.MaxKeys = 3
		for i := range 5 {
			l.Allow(fmt.Sprint("k", i))
			clock.Advance(time.Second)
		}
		if n := l.len(); n != 3 {
			t.Errorf("%d keys tracked, want 3", n)
		}
		for i, want := range []bool{false, false, true, true, true} {
			if got := l.Blocked(fmt.Sprint("k", i)); got != want {
				t.Errorf("k%d blocked = %v, want %v (evicted keys are forgotten)", i, got, want)
			}
		}
	})
	t.Run("recent activity protects a key", func(t *testing.T) {
		clock := newFakeClock()
		l := NewLimiter(2, time.Hour, clock.Now)
		l.MaxKeys = 2
		l.Allow("old")
		clock.Advance(time.Second)
		l.Allow("mid")
		clock.Advance(time.Second)
		l.Allow("old") // now "mid" has the oldest last event
		l.Allow("new")
		if !l.Blocked("old") || l.Blocked("mid") {
			t.Errorf("old blocked %v, mid blocked %v; want mid evicted, old kept", l.Blocked("old"), l.Blocked("mid"))
		}
	})
	t.Run("expired keys dropped as it goes", func(t *testing.T) {
		clock := newFakeClock()
		l := NewLimiter(5, time.Minute, clock.Now)
		for i := range 1000 {
			l.Allow(fmt.Sprint("ip", i))
		}
		clock.Advance(time.Minute)
		l.Allow("another")
		if n := l.len(); n != 1 {
			t.Errorf("%d keys tracked after the window passed, want 1", n)
		}
	})
	t.Run("default bound", func(t *testing.T) {
		if l := NewLimiter(5, time.Minute, nil); l.MaxKeys != 100_000 {
			t.Errorf("MaxKeys = %d, want 100000", l.MaxKeys)
		}
	})
}

func TestLimiterConcurrent(t *testing.T) {
	// hammer runs 16 goroutines mixing every method on a shared key and on
	// 20 keys of their own, and returns how many Allow calls on the shared
	// key succeeded.
	hammer := func(l *Limiter) int64 {
		var allowed atomic.Int64
		var wg sync.WaitGroup
		for g := range 16 {
			wg.Go(func() {
				for i := range 200 {
					if l.Allow("shared") {
						allowed.Add(1)
					}
					l.Allow(fmt.Sprint("own", g, "-", i%20))
					l.Blocked("shared")
					l.RetryAfter("shared")
					if i%50 == 0 {
						l.Reset(fmt.Sprint("own", g, "-0"))
					}
				}
			})
		}
		wg.Wait()
		return allowed.Load()
	}
	t.Run("exact limit under contention", func(t *testing.T) {
		l := NewLimiter(50, time.Minute, newFakeClock().Now)
		if n := hammer(l); n != 50 {
			t.Errorf("%d events allowed on the shared key, want exactly 50", n)
		}
	})
	t.Run("key bound under contention", func(t *testing.T) {
		l := NewLimiter(50, time.Minute, newFakeClock().Now)
		l.MaxKeys = 10
		hammer(l)
		if n := l.len(); n > 10 {
			t.Errorf("%d keys tracked, want at most 10", n)
		}
	})
}

func TestNewLimiterRefusesNonsense(t *testing.T) {
	tests := []struct {
		name   string
		max    int
		window time.Duration
	}{
		{"zero max", 0, time.Minute},
		{"negative max", -1, time.Minute},
		{"zero window", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("NewLimiter(%d, %v) did not panic", tt.max, tt.window)
				}
			}()
			NewLimiter(tt.max, tt.window, nil)
		})
	}
}
