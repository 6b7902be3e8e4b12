package jobs_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

var start = time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)

func at(t time.Time) func() time.Time { return func() time.Time { return t } }

// running starts r and returns a function that stops it and waits until
// it has written everything it was going to.
func running(r *jobs.Runner) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

func job(t *testing.T, s *store.Store, id int64) store.Job {
	t.Helper()
	j, err := s.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// A job queued through the runner runs at once (the wake-up, since the
// poll is an hour away), and its result is stored with its completion.
func TestRunnerRunsQueuedJob(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ran := make(chan int64, 1)
		r := &jobs.Runner{Store: s, Poll: time.Hour, Now: at(start), Handlers: map[string]jobs.Handler{
			"echo": func(ctx context.Context, j store.Job, progress func(int)) (any, error) {
				progress(50)
				ran <- j.ID
				return map[string]string{"payload": j.Payload}, nil
			},
		}}
		stop := running(r)
		if _, err := r.Enqueue(context.Background(), "unknown", 0, nil); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("a kind without handler: %v, want invalid", err)
		}
		id, err := r.Enqueue(context.Background(), "echo", 3, map[string]string{"source": "a.mp4"})
		if err != nil {
			t.Fatal(err)
		}
		if got := <-ran; got != id {
			t.Fatalf("ran job %d, want %d", got, id)
		}
		stop()
		j := job(t, s, id)
		if j.Status != store.JobDone || j.Result != `{"payload":"{\"source\":\"a.mp4\"}"}` || j.Attempts != 1 {
			t.Fatalf("job after running: %+v", j)
		}
	})
}

// Bad input fails at once with its reason; other errors and panics are
// tried again later.
func TestRunnerFailures(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ran := make(chan struct{}, 3)
		r := &jobs.Runner{Store: s, Poll: time.Hour, Now: at(start), Retry: time.Minute, Handlers: map[string]jobs.Handler{
			"bad-input": func(context.Context, store.Job, func(int)) (any, error) {
				defer func() { ran <- struct{}{} }()
				return nil, news.Errorf(news.Invalid, "Tệp không phải video hay âm thanh")
			},
			"flaky": func(context.Context, store.Job, func(int)) (any, error) {
				defer func() { ran <- struct{}{} }()
				return nil, news.Errorf(news.Unavailable, "Máy chủ hết chỗ trống khi chuyển mã")
			},
			"panics": func(context.Context, store.Job, func(int)) (any, error) {
				defer func() { ran <- struct{}{} }()
				panic("boom")
			},
		}}
		ctx := context.Background()
		ids := map[string]int64{}
		for _, kind := range []string{"bad-input", "flaky", "panics"} {
			id, err := s.EnqueueJob(ctx, kind, 0, `{}`, 0, start)
			if err != nil {
				t.Fatal(err)
			}
			ids[kind] = id
		}
		stop := running(r)
		for range 3 {
			<-ran
		}
		stop()
		if j := job(t, s, ids["bad-input"]); j.Status != store.JobFailed || j.LastError != "Tệp không phải video hay âm thanh" {
			t.Fatalf("bad input: %+v", j)
		}
		if j := job(t, s, ids["flaky"]); j.Status != store.JobQueued || j.LastError != "Máy chủ hết chỗ trống khi chuyển mã" ||
			!j.LeaseUntil.Equal(start.Add(time.Minute)) {
			t.Fatalf("flaky: %+v", j)
		}
		if j := job(t, s, ids["panics"]); j.Status != store.JobQueued || j.LastError != "Lỗi nội bộ khi xử lý" {
			t.Fatalf("panic: %+v", j)
		}
	})
}

// A server stopped during a job (its context cancelled, as a kill would
// stop it) leaves the job running under its lease; a server started
// after the lease ran out claims it again and finishes it.
func TestRunnerStoppedMidJobIsFinishedByTheNext(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		id, err := s.EnqueueJob(context.Background(), "transcode-video", 0, `{}`, 0, start)
		if err != nil {
			t.Fatal(err)
		}
		started := make(chan struct{})
		first := &jobs.Runner{Store: s, Poll: time.Hour, Now: at(start), Owner: "first", Handlers: map[string]jobs.Handler{
			"transcode-video": func(ctx context.Context, _ store.Job, _ func(int)) (any, error) {
				close(started)
				<-ctx.Done() // a long transcode, cut short
				return nil, ctx.Err()
			},
		}}
		stop := running(first)
		<-started
		stop()
		if j := job(t, s, id); j.Status != store.JobRunning || j.LeaseOwner != "first" {
			t.Fatalf("after the first server stopped: %+v", j)
		}

		finished := make(chan struct{})
		second := &jobs.Runner{Store: s, Poll: time.Hour, Now: at(start.Add(2 * jobs.DefaultLease)), Owner: "second", Handlers: map[string]jobs.Handler{
			"transcode-video": func(context.Context, store.Job, func(int)) (any, error) {
				close(finished)
				return struct{}{}, nil
			},
		}}
		stop = running(second)
		<-finished
		stop()
		if j := job(t, s, id); j.Status != store.JobDone || j.Attempts != 2 {
			t.Fatalf("after the second server: %+v", j)
		}
	})
}

// A worker whose lease was taken over stops its handler and writes
// nothing over the new owner's job.
func TestRunnerStopsOnLostLease(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id, err := s.EnqueueJob(ctx, "transcode-video", 0, `{}`, 0, start)
		if err != nil {
			t.Fatal(err)
		}
		started, stopped := make(chan struct{}), make(chan error, 1)
		r := &jobs.Runner{Store: s, Poll: time.Hour, Now: at(start), Lease: 30 * time.Millisecond, Owner: "slow",
			Handlers: map[string]jobs.Handler{
				"transcode-video": func(ctx context.Context, _ store.Job, _ func(int)) (any, error) {
					close(started)
					<-ctx.Done()
					stopped <- ctx.Err()
					return nil, errors.New("cut short")
				},
			}}
		stop := running(r)
		<-started
		// Another server, whose clock is past the lease, takes the job.
		if _, ok, err := s.ClaimJob(ctx, "thief", []string{"transcode-video"}, start.Add(time.Hour), time.Hour); !ok || err != nil {
			t.Fatalf("take over = %v, %v", ok, err)
		}
		if err := <-stopped; !errors.Is(err, context.Canceled) {
			t.Fatalf("handler context ended with %v", err)
		}
		stop()
		if j := job(t, s, id); j.Status != store.JobRunning || j.LeaseOwner != "thief" || j.LastError != "" {
			t.Fatalf("the job after the takeover: %+v", j)
		}
	})
}

// Two servers with two workers each on one database: every job runs
// exactly once.
func TestTwoRunnersRunEachJobOnce(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			first, second := storetest.Open(t, src.Source), storetest.Open(t, src.Source)
			const n = 24
			for i := range n {
				if _, err := first.EnqueueJob(context.Background(), "work", int64(i), `{}`, 0, start); err != nil {
					t.Fatal(err)
				}
			}
			var mu sync.Mutex
			runs := map[int64]int{}
			ran := make(chan struct{}, n*2)
			handlers := map[string]jobs.Handler{"work": func(_ context.Context, j store.Job, _ func(int)) (any, error) {
				mu.Lock()
				runs[j.ID]++
				mu.Unlock()
				ran <- struct{}{}
				return nil, nil
			}}
			stops := []func(){
				running(&jobs.Runner{Store: first, Workers: 2, Poll: time.Hour, Now: at(start), Handlers: handlers}),
				running(&jobs.Runner{Store: second, Workers: 2, Poll: time.Hour, Now: at(start), Handlers: handlers}),
			}
			for range n {
				<-ran
			}
			for _, stop := range stops {
				stop()
			}
			for id, times := range runs {
				if times != 1 {
					t.Errorf("job %d ran %d times", id, times)
				}
			}
			if len(runs) != n {
				t.Fatalf("%d jobs ran, want %d", len(runs), n)
			}
			for id := range runs {
				if j := job(t, first, id); j.Status != store.JobDone {
					t.Errorf("job %d: %s", id, j.Status)
				}
			}
		})
	}
}
