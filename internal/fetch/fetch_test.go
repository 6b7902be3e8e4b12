package fetch

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestGetReadsAnAllowedHost(t *testing.T) {
	var agent atomic.Value
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		agent.Store(r.UserAgent())
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<h1>Hà Tĩnh</h1>"))
	})
	c := New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, PaperURL: "https://baotinhdemo.vn", Clock: newFakeClock()})
	resp, err := c.Get(context.Background(), s.URL+"/xa-hoi/1.htm#binh-luan", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "<h1>Hà Tĩnh</h1>" || resp.ContentType != "text/html; charset=utf-8" || resp.FinalURL != s.URL+"/xa-hoi/1.htm" {
		t.Errorf("response = %q %q %q", resp.Body, resp.ContentType, resp.FinalURL)
	}
	if got := agent.Load(); got != "toasoan-import/1 (+https://baotinhdemo.vn)" {
		t.Errorf("User-Agent = %q", got)
	}
}

func TestGetAnswersStatusErrors(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) })
	_, err := localClient(newFakeClock()).Get(context.Background(), s.URL+"/mat-bai.htm", 1<<20)
	wantFetchError(t, err, ErrStatus, s.URL+"/mat-bai.htm", "máy chủ trả lời 404")
	if _, err := localClient(newFakeClock()).Get(context.Background(), s.URL, 0); err == nil {
		t.Error("a cap of 0 bytes was accepted")
	}
}

func TestSizeCap(t *testing.T) {
	const limit = 1 << 20
	t.Run("declared length over the cap is not read", func(t *testing.T) {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", strconv.Itoa(20<<20))
			_, _ = w.Write(make([]byte, 64<<10))
		})
		_, err := localClient(newFakeClock()).Get(context.Background(), s.URL, limit)
		wantFetchError(t, err, ErrTooLarge, s.URL, "lớn hơn giới hạn 1 MB")
	})
	t.Run("a stream without length stops at the cap", func(t *testing.T) {
		var written atomic.Int64
		done := make(chan struct{})
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			defer close(done)
			chunk := make([]byte, 64<<10)
			for written.Load() < 1<<30 {
				n, err := w.Write(chunk)
				written.Add(int64(n))
				if err != nil {
					return
				}
			}
		})
		_, err := localClient(newFakeClock()).Get(context.Background(), s.URL, limit)
		wantFetchError(t, err, ErrTooLarge, s.URL, "lớn hơn giới hạn 1 MB")
		<-done
		// The server stops when the client hangs up; what it managed to
		// write sits in socket buffers, far below the 1 GB it offered.
		if w := written.Load(); w >= 256<<20 {
			t.Errorf("the server wrote %d bytes before the client hung up", w)
		}
	})
	t.Run("exactly the cap is read", func(t *testing.T) {
		s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(strings.Repeat("đ", 512)))
			w.(http.Flusher).Flush() // streamed without a length: the cap is checked on what is read
		})
		resp, err := localClient(newFakeClock()).Get(context.Background(), s.URL, 1024)
		if err != nil || len(resp.Body) != 1024 {
			t.Fatalf("got %d bytes, %v", len(resp.Body), err)
		}
		_, err = localClient(newFakeClock()).Get(context.Background(), s.URL, 1023)
		wantFetchError(t, err, ErrTooLarge, s.URL, "lớn hơn giới hạn 1023 byte")
	})
}

func TestPacingPerHost(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	port := s.URL[strings.LastIndex(s.URL, ":"):]
	byAddress, byName := "http://127.0.0.1"+port, "http://localhost"+port
	ctx := context.Background()

	clock := newFakeClock()
	c := localClient(clock)
	for _, u := range []string{byAddress + "/1", byAddress + "/2", byName + "/1", byAddress + "/3"} {
		if _, err := c.Get(ctx, u, 1024); err != nil {
			t.Fatal(err)
		}
	}
	// 127.0.0.1: at once, a second later, a second after that (the visit
	// to localhost in between does not count against it).
	if got, want := clock.Waits(), []time.Duration{time.Second, time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits = %v, want %v", got, want)
	}
	if s.hits.Load() != 4 {
		t.Errorf("hits = %d", s.hits.Load())
	}

	clock = newFakeClock()
	c = New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Clock: clock, Interval: 5 * time.Second})
	for range 3 {
		if _, err := c.Get(ctx, byAddress, 1024); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := clock.Waits(), []time.Duration{5 * time.Second, 5 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("configured interval: waits = %v, want %v", got, want)
	}

	clock = newFakeClock()
	c = New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Clock: clock, Interval: -1})
	for range 3 {
		if _, err := c.Get(ctx, byAddress, 1024); err != nil {
			t.Fatal(err)
		}
	}
	if got := clock.Waits(); len(got) != 0 {
		t.Errorf("no interval: waits = %v", got)
	}
}

func TestPacingWaitHonoursContext(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	c := New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Interval: time.Hour})
	if _, err := c.Get(context.Background(), s.URL, 1024); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	errs := make(chan error)
	go func() {
		_, err := c.Get(ctx, s.URL, 1024)
		errs <- err
	}()
	cancel()
	wantFetchError(t, <-errs, nil, s.URL, "đã dừng")
	if s.hits.Load() != 1 {
		t.Errorf("hits = %d: the request waiting its turn went out", s.hits.Load())
	}
}

func TestRealClockSleepStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	go cancel()
	if err := (realClock{}).Sleep(ctx, time.Hour); err != context.Canceled {
		t.Errorf("Sleep = %v", err)
	}
}

func TestRetries(t *testing.T) {
	ctx := context.Background()
	// answers replies with the statuses in order, then 200.
	answers := func(t *testing.T, retryAfter string, statuses ...int) *countingServer {
		var s *countingServer
		s = newServer(t, func(w http.ResponseWriter, r *http.Request) {
			if n := int(s.hits.Load()); n <= len(statuses) {
				if retryAfter != "" {
					w.Header().Set("Retry-After", retryAfter)
				}
				w.WriteHeader(statuses[n-1])
				return
			}
			_, _ = w.Write([]byte("được"))
		})
		return s
	}
	client := func(clock Clock, retries int) *Client {
		return New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Clock: clock, Interval: -1, Retries: retries})
	}

	t.Run("Retry-After in seconds", func(t *testing.T) {
		s := answers(t, "7", 503, 429)
		clock := newFakeClock()
		resp, err := client(clock, 0).Get(ctx, s.URL, 1024)
		if err != nil || string(resp.Body) != "được" {
			t.Fatalf("got %q, %v", resp.Body, err)
		}
		if got, want := clock.Waits(), []time.Duration{7 * time.Second, 7 * time.Second}; !slices.Equal(got, want) {
			t.Errorf("waits = %v, want %v", got, want)
		}
	})
	t.Run("Retry-After as a date", func(t *testing.T) {
		clock := newFakeClock()
		s := answers(t, clock.Now().Add(30*time.Second).Format(http.TimeFormat), 503)
		if _, err := client(clock, 0).Get(ctx, s.URL, 1024); err != nil {
			t.Fatal(err)
		}
		if got, want := clock.Waits(), []time.Duration{30 * time.Second}; !slices.Equal(got, want) {
			t.Errorf("waits = %v, want %v", got, want)
		}
	})
	t.Run("growing waits, then the last answer", func(t *testing.T) {
		s := answers(t, "", 429, 429, 429, 429, 429)
		clock := newFakeClock()
		_, err := client(clock, 0).Get(ctx, s.URL, 1024)
		wantFetchError(t, err, ErrStatus, s.URL, "máy chủ trả lời 429")
		if got, want := clock.Waits(), []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}; !slices.Equal(got, want) {
			t.Errorf("waits = %v, want %v", got, want)
		}
		if s.hits.Load() != 4 {
			t.Errorf("hits = %d, want 4 (one and three retries)", s.hits.Load())
		}
	})
	t.Run("at most five retries", func(t *testing.T) {
		s := answers(t, "1", 503, 503, 503, 503, 503, 503, 503, 503)
		_, err := client(newFakeClock(), 50).Get(ctx, s.URL, 1024)
		wantFetchError(t, err, ErrStatus, s.URL, "503")
		if s.hits.Load() != 6 {
			t.Errorf("hits = %d, want 6", s.hits.Load())
		}
	})
	t.Run("no retries", func(t *testing.T) {
		s := answers(t, "1", 503)
		_, err := client(newFakeClock(), -1).Get(ctx, s.URL, 1024)
		wantFetchError(t, err, ErrStatus, s.URL, "503")
		if s.hits.Load() != 1 {
			t.Errorf("hits = %d", s.hits.Load())
		}
	})
	t.Run("a wait too long is not waited", func(t *testing.T) {
		s := answers(t, "3600", 503)
		clock := newFakeClock()
		_, err := client(clock, 0).Get(ctx, s.URL, 1024)
		wantFetchError(t, err, ErrStatus, s.URL, "máy chủ bảo chờ 1h0m0s, lâu quá")
		if len(clock.Waits()) != 0 || s.hits.Load() != 1 {
			t.Errorf("waits %v, hits %d", clock.Waits(), s.hits.Load())
		}
	})
	t.Run("an absurd Retry-After does not overflow", func(t *testing.T) {
		s := answers(t, "99999999999999999", 503)
		clock := newFakeClock()
		_, err := client(clock, 0).Get(ctx, s.URL, 1024)
		wantFetchError(t, err, ErrStatus, s.URL, "lâu quá")
		if len(clock.Waits()) != 0 {
			t.Errorf("waits %v", clock.Waits())
		}
	})
}

func TestTimeout(t *testing.T) {
	release := make(chan struct{})
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	defer close(release)
	c := New(Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Clock: newFakeClock(), Timeout: 50 * time.Millisecond})
	_, err := c.Get(context.Background(), s.URL, 1024)
	wantFetchError(t, err, nil, s.URL, "hết thời gian chờ")
}
