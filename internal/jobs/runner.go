// Package jobs runs the media work queue kept in the database
// (media_jobs): transcoding and the like, work too long for a request.
// A job survives restarts and runs on one server at a time: a worker
// claims it under a lease that it renews while it works, and a job whose
// server died is claimed again once its lease runs out.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Handler does one job of its kind, calling progress with 0–100 as it
// goes, and returns what it made: the result is stored as JSON with the
// job's completion, in the same statement, so a job is never done without
// its result. It must stop when ctx ends (the server is stopping, or the
// job's lease was lost to another server); an error whose news code is
// Invalid, TooLarge or NotFound says the input itself is wrong, and the
// job fails at once instead of being tried again. A handler stopped by
// ctx returns an error wrapping ctx.Err(): that is an interruption, not
// a failure, and the job keeps its attempt's lease until it runs out.
type Handler func(ctx context.Context, job store.Job, progress func(percent int)) (result any, err error)

// Defaults of a Runner's zero fields.
const (
	DefaultPoll  = 5 * time.Second
	DefaultLease = time.Minute
	DefaultRetry = time.Minute
)

// Runner runs queued jobs with its handlers, Workers at a time. Several
// runners (servers) may share a database. Set the fields, then call Run
// once.
type Runner struct {
	Store    *store.Store
	Handlers map[string]Handler
	Workers  int           // jobs run at once; 0 means 1
	Poll     time.Duration // how often idle workers look for work queued elsewhere; 0: DefaultPoll
	Lease    time.Duration // how long a claim lasts unless renewed; 0: DefaultLease
	Retry    time.Duration // wait before a failed attempt is tried again; 0: DefaultRetry
	Owner    string        // this runner's name in the leases; "" draws one
	Now      func() time.Time
	Log      *slog.Logger

	once sync.Once
	wake chan struct{}
}

func (r *Runner) init() {
	r.once.Do(func() {
		r.wake = make(chan struct{}, 1)
		if r.Workers <= 0 {
			r.Workers = 1
		}
		if r.Poll <= 0 {
			r.Poll = DefaultPoll
		}
		if r.Lease <= 0 {
			r.Lease = DefaultLease
		}
		if r.Retry <= 0 {
			r.Retry = DefaultRetry
		}
		if r.Owner == "" {
			r.Owner = ownerName()
		}
		if r.Now == nil {
			r.Now = func() time.Time { return time.Now().UTC() }
		}
		if r.Log == nil {
			r.Log = slog.New(slog.DiscardHandler)
		}
	})
}

// ownerName names this process in the leases: the host and process id
// for people reading the table, and random bytes so a restarted process
// reusing a pid is a new owner.
func ownerName() string {
	host, _ := os.Hostname() // a name for people; "" is fine
	b := make([]byte, 4)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b))
}

// Enqueue queues a job and wakes an idle worker of this runner at once,
// instead of at its next poll.
func (r *Runner) Enqueue(ctx context.Context, kind string, subjectID int64, payload any) (int64, error) {
	r.init()
	if _, ok := r.Handlers[kind]; !ok {
		return 0, news.Errorf(news.Invalid, "Không có bộ xử lý cho loại việc “%s”", kind)
	}
	body, err := json.Marshal(payload)
	if err != nil {
		return 0, fmt.Errorf("enqueue %s: %w", kind, err)
	}
	id, err := r.Store.EnqueueJob(ctx, kind, subjectID, string(body), 0, r.Now())
	if err != nil {
		return 0, err
	}
	r.Wake()
	return id, nil
}

// Wake tells an idle worker to look for work now: after a job was queued
// on this server, or a failed one retried.
func (r *Runner) Wake() {
	r.init()
	select {
	case r.wake <- struct{}{}:
	default: // a wake-up is already pending
	}
}

// Run works until ctx ends, then waits for its workers to stop. A job
// interrupted by the end keeps its lease, which runs out: this server or
// another claims it again then, as it would after a crash.
func (r *Runner) Run(ctx context.Context) {
	r.init()
	kinds := make([]string, 0, len(r.Handlers))
	for k := range r.Handlers {
		kinds = append(kinds, k)
	}
	var wg sync.WaitGroup
	for range r.Workers {
		wg.Go(func() { r.work(ctx, kinds) })
	}
	wg.Wait()
}

// work is one worker: claim a job and run it, or wait for a wake-up or
// the next poll.
func (r *Runner) work(ctx context.Context, kinds []string) {
	ticker := time.NewTicker(r.Poll)
	defer ticker.Stop()
	for ctx.Err() == nil {
		job, ok, err := r.Store.ClaimJob(ctx, r.Owner, kinds, r.Now(), r.Lease)
		if err != nil && ctx.Err() == nil {
			r.Log.Error("claim media job", "err", err)
		}
		if ok {
			r.Wake() // there may be more: let another idle worker look
			r.run(ctx, job)
			continue
		}
		select {
		case <-ctx.Done():
		case <-ticker.C:
		case <-r.wake:
		}
	}
}

// run does one claimed job: its handler under a context that ends with
// the runner or when the lease is lost, the lease renewed (with the
// progress) meanwhile, then the outcome recorded.
func (r *Runner) run(ctx context.Context, job store.Job) {
	jobCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	var progress atomic.Int64
	var lost atomic.Bool
	renewed := make(chan struct{})
	go func() {
		defer close(renewed)
		r.renew(jobCtx, job.ID, &progress, func() { lost.Store(true); cancel() })
	}()
	result, err := r.call(jobCtx, job, func(p int) { progress.Store(int64(min(max(p, 0), 100))) })
	cancel()
	<-renewed
	// The outcome is written even when the server is stopping, if the
	// handler finished: the work is done and should not be done again.
	done, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer stop()
	log := r.Log.With("job", job.ID, "kind", job.Kind, "attempt", job.Attempts)
	switch {
	case err == nil:
		if result == nil {
			result = struct{}{}
		}
		body, merr := json.Marshal(result)
		if merr != nil {
			log.Error("media job result", "err", merr)
			r.fail(done, log, job, errors.Join(news.Errorf(news.Internal, "Kết quả xử lý không ghi được"), merr))
			return
		}
		if ok, cerr := r.Store.CompleteJob(done, job.ID, r.Owner, string(body), r.Now()); cerr != nil || !ok {
			log.Error("complete media job", "err", cerr, "still ours", ok)
		}
	case lost.Load():
		log.Warn("media job lease lost to another server", "err", err)
	case ctx.Err() != nil && errors.Is(err, context.Canceled):
		log.Info("media job interrupted: the server is stopping; it will be claimed again", "err", err)
	default:
		r.fail(done, log, job, err)
	}
}

// call runs the handler, turning a panic into the job's failure rather
// than the server's.
func (r *Runner) call(ctx context.Context, job store.Job, progress func(int)) (result any, err error) {
	h := r.Handlers[job.Kind]
	defer func() {
		if p := recover(); p != nil {
			err = news.Wrap(news.Internal, fmt.Errorf("panic: %v", p), "Lỗi nội bộ khi xử lý")
		}
	}()
	return h(ctx, job, progress)
}

// fail records err as the job's reason: for good when the input is at
// fault, otherwise to be tried again after r.Retry while attempts remain.
func (r *Runner) fail(ctx context.Context, log *slog.Logger, job store.Job, err error) {
	now := r.Now()
	retryAt := now.Add(r.Retry)
	switch news.ErrorCode(err) {
	case news.Invalid, news.TooLarge, news.NotFound:
		retryAt = time.Time{}
	}
	log.Warn("media job failed", "err", err, "retry", !retryAt.IsZero())
	if ok, ferr := r.Store.FailJob(ctx, job.ID, r.Owner, Reason(err), now, retryAt); ferr != nil || !ok {
		log.Error("record media job failure", "err", ferr, "still ours", ok)
	}
}

// Reason is the Vietnamese sentence the newsroom reads for err.
func Reason(err error) string {
	var e *news.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return news.ErrorMessage(err)
}

// renew extends the lease, with the latest progress, a few times per
// lease (and every two seconds at least, so the newsroom's progress bar
// moves) until ctx ends; lost is called when the job is no longer ours.
func (r *Runner) renew(ctx context.Context, id int64, progress *atomic.Int64, lost func()) {
	ticker := time.NewTicker(min(r.Lease/3, 2*time.Second))
	defer ticker.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
		ok, err := r.Store.RenewJobLease(ctx, id, r.Owner, int(progress.Load()), r.Now(), r.Lease)
		switch {
		case err != nil && ctx.Err() == nil:
			// The database may be back at the next tick, before the lease
			// runs out; if not, another server takes the job over.
			r.Log.Error("renew media job lease", "job", id, "err", err)
		case err == nil && !ok:
			lost()
			return
		}
	}
}
