package fetch

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock moves on by whatever it is asked to wait, and remembers the
// waits, so pacing and retries are measured without sleeping.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2025, 12, 1, 8, 30, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.waits = append(c.waits, d)
		c.now = c.now.Add(d)
	}
	return nil
}

func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

// countingServer is an httptest server (on 127.0.0.1) that counts the
// requests reaching it.
type countingServer struct {
	*httptest.Server
	hits atomic.Int32
}

func newServer(t *testing.T, h http.HandlerFunc) *countingServer {
	t.Helper()
	s := &countingServer{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		h(w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

// localClient allows the test servers' address, which is private, and
// paces with a fake clock.
func localClient(clock Clock) *Client {
	return New(Options{AllowHosts: []string{"127.0.0.1", "localhost"}, AllowPrivate: true, Clock: clock})
}

// wantFetchError checks err is an *Error of kind want whose message names
// the URL and gives reason.
func wantFetchError(t *testing.T, err error, want error, url, reason string) {
	t.Helper()
	var fe *Error
	if !errors.As(err, &fe) {
		t.Fatalf("error = %v (%T), want *fetch.Error", err, err)
	}
	if want != nil && !errors.Is(err, want) {
		t.Errorf("error %q is not %v", err, want)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "không tải được ") || (url != "" && !strings.Contains(msg, url)) || !strings.Contains(msg, reason) {
		t.Errorf("error = %q, want it to name %q and say %q", msg, url, reason)
	}
}
