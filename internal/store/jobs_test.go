package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func claim(t *testing.T, s *store.Store, owner string, at time.Time) (store.Job, bool) {
	t.Helper()
	j, ok, err := s.ClaimJob(context.Background(), owner, []string{"transcode-video"}, at, time.Minute)
	if err != nil {
		t.Fatalf("claim by %s: %v", owner, err)
	}
	return j, ok
}

func jobNow(t *testing.T, s *store.Store, id int64) store.Job {
	t.Helper()
	j, err := s.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// A job's life: queued, claimed once, progress, done with its result;
// failed attempts queued again after their wait until the attempts run
// out, then failed with the reason until the newsroom retries it.
func TestJobLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
		if _, err := s.EnqueueJob(ctx, "transcode-video", 7, `{"source":`, 0, now); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("broken JSON payload: %v, want invalid", err)
		}
		if _, err := s.EnqueueJob(ctx, "", 7, `{}`, 0, now); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("no kind: %v, want invalid", err)
		}
		first, err := s.EnqueueJob(ctx, "transcode-video", 7, `{"source":"a.mp4"}`, 2, now)
		if err != nil {
			t.Fatal(err)
		}
		second, err := s.EnqueueJob(ctx, "transcode-video", 8, `{"source":"b.mp4"}`, 2, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.ClaimJob(ctx, "a", []string{"transcode-audio"}, now, time.Minute); ok {
			t.Fatal("claimed a job of a kind it does not handle")
		}

		j, ok := claim(t, s, "a", now)
		if !ok || j.ID != first || j.Status != store.JobRunning || j.Attempts != 1 || j.LeaseOwner != "a" ||
			!j.LeaseUntil.Equal(now.Add(time.Minute)) || j.Payload != `{"source":"a.mp4"}` || j.SubjectID != 7 {
			t.Fatalf("first claim = %+v, %v", j, ok)
		}
		if ok, err := s.RenewJobLease(ctx, first, "a", 40, now.Add(30*time.Second), time.Minute); !ok || err != nil {
			t.Fatalf("renew = %v, %v", ok, err)
		}
		if got := jobNow(t, s, first); got.Progress != 40 || !got.LeaseUntil.Equal(now.Add(90*time.Second)) {
			t.Fatalf("after renewal: progress %d, lease until %v", got.Progress, got.LeaseUntil)
		}
		if ok, _ := s.CompleteJob(ctx, first, "b", `{}`, now); ok {
			t.Fatal("another owner completed a's job")
		}
		if ok, err := s.CompleteJob(ctx, first, "a", `{"master":"ab/cd/master.m3u8"}`, now.Add(time.Minute)); !ok || err != nil {
			t.Fatalf("complete = %v, %v", ok, err)
		}
		if got := jobNow(t, s, first); got.Status != store.JobDone || got.Progress != 100 || got.Result != `{"master":"ab/cd/master.m3u8"}` || got.LeaseOwner != "" {
			t.Fatalf("done job = %+v", got)
		}

		j, ok = claim(t, s, "a", now)
		if !ok || j.ID != second {
			t.Fatalf("second claim = %+v, %v", j, ok)
		}
		if _, ok := claim(t, s, "b", now); ok {
			t.Fatal("a running job under its lease was claimed again")
		}
		retryAt := now.Add(time.Minute)
		if ok, err := s.FailJob(ctx, second, "a", "Quá thời gian chuyển mã", now, retryAt); !ok || err != nil {
			t.Fatalf("fail = %v, %v", ok, err)
		}
		if got := jobNow(t, s, second); got.Status != store.JobQueued || got.LastError != "Quá thời gian chuyển mã" {
			t.Fatalf("after a first failure: %+v", got)
		}
		if _, ok := claim(t, s, "b", now.Add(30*time.Second)); ok {
			t.Fatal("a failed job was tried again before its wait")
		}
		j, ok = claim(t, s, "b", retryAt)
		if !ok || j.ID != second || j.Attempts != 2 {
			t.Fatalf("retry claim = %+v, %v", j, ok)
		}
		if ok, _ := s.FailJob(ctx, second, "b", "Máy chủ hết chỗ trống khi chuyển mã", retryAt, retryAt.Add(time.Minute)); !ok {
			t.Fatal("second failure not recorded")
		}
		got := jobNow(t, s, second)
		if got.Status != store.JobFailed || got.LastError != "Máy chủ hết chỗ trống khi chuyển mã" || !got.LeaseUntil.IsZero() {
			t.Fatalf("after its last attempt: %+v", got)
		}
		if _, ok := claim(t, s, "b", now.Add(time.Hour)); ok {
			t.Fatal("a failed job was claimed")
		}

		by := news.Actor{IP: "10.0.0.1"}
		if err := s.RetryJob(ctx, by, first); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("retrying a done job: %v, want conflict", err)
		}
		if err := s.RetryJob(ctx, by, 999999); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("retrying no job: %v, want not found", err)
		}
		if err := s.RetryJob(ctx, by, second); err != nil {
			t.Fatal(err)
		}
		if got := jobNow(t, s, second); got.Status != store.JobQueued || got.Attempts != 0 || got.LastError == "" {
			t.Fatalf("retried job = %+v (the last reason stays until the next attempt)", got)
		}
		j, ok = claim(t, s, "c", now.Add(time.Hour))
		if !ok || j.ID != second || j.Attempts != 1 {
			t.Fatalf("claim after retry = %+v, %v", j, ok)
		}
		jobs, err := s.JobsOf(ctx, 8)
		if err != nil || len(jobs) != 1 || jobs[0].ID != second {
			t.Fatalf("JobsOf(8) = %+v, %v", jobs, err)
		}
	})
}

// A server killed during a job leaves it running under a lease that runs
// out; then another server claims it, and the dead one can no longer
// write to it. A job abandoned during its last attempt fails.
func TestJobLeaseExpiry(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
		id, err := s.EnqueueJob(ctx, "transcode-video", 1, `{}`, 2, now)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := claim(t, s, "dead", now); !ok {
			t.Fatal("nothing to claim")
		}
		if _, ok := claim(t, s, "alive", now.Add(59*time.Second)); ok {
			t.Fatal("claimed before the lease ran out")
		}
		j, ok := claim(t, s, "alive", now.Add(61*time.Second))
		if !ok || j.ID != id || j.LeaseOwner != "alive" || j.Attempts != 2 {
			t.Fatalf("claim after expiry = %+v, %v", j, ok)
		}
		if ok, _ := s.RenewJobLease(ctx, id, "dead", 50, now.Add(62*time.Second), time.Minute); ok {
			t.Fatal("the dead owner renewed a lease it lost")
		}
		if ok, _ := s.FailJob(ctx, id, "dead", "x", now, now); ok {
			t.Fatal("the dead owner failed a job it lost")
		}
		// The second owner dies too, on the last attempt.
		if _, ok := claim(t, s, "third", now.Add(3*time.Minute)); ok {
			t.Fatal("a job past its attempts was claimed")
		}
		if got := jobNow(t, s, id); got.Status != store.JobFailed || got.LastError == "" {
			t.Fatalf("abandoned on its last attempt: %+v", got)
		}
	})
}

// Servers claiming at once each get different jobs (PostgreSQL's SKIP
// LOCKED; SQLite's single writer).
func TestJobClaimRace(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			ctx := context.Background()
			servers := []*store.Store{storetest.Open(t, src.Source), storetest.Open(t, src.Source)}
			now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
			const jobs = 30
			for i := range jobs {
				if _, err := servers[0].EnqueueJob(ctx, "transcode-video", int64(i), `{}`, 0, now); err != nil {
					t.Fatal(err)
				}
			}
			var mu sync.Mutex
			claimed := map[int64]string{}
			var wg sync.WaitGroup
			for w := range 6 {
				s := servers[w%2]
				owner := fmt.Sprintf("w%d", w)
				wg.Go(func() {
					for {
						j, ok, err := s.ClaimJob(ctx, owner, []string{"transcode-video"}, now, time.Minute)
						if err != nil {
							t.Error(err)
							return
						}
						if !ok {
							return
						}
						mu.Lock()
						if other, dup := claimed[j.ID]; dup {
							t.Errorf("job %d claimed by %s and %s", j.ID, other, owner)
						}
						claimed[j.ID] = owner
						mu.Unlock()
					}
				})
			}
			wg.Wait()
			if len(claimed) != jobs {
				t.Fatalf("%d jobs claimed, want %d", len(claimed), jobs)
			}
		})
	}
}
