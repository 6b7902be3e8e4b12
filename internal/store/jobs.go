package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// JobStatus is where a media job stands.
type JobStatus string

// The statuses of media_jobs.
const (
	JobQueued  JobStatus = "queued"
	JobRunning JobStatus = "running"
	JobDone    JobStatus = "done"
	JobFailed  JobStatus = "failed"
)

// DefaultJobAttempts is how many times a job is claimed before it stays
// failed, unless its kind asks for another number.
const DefaultJobAttempts = 3

// Job is one row of the media work queue (media_jobs).
type Job struct {
	ID          int64
	Kind        string // "transcode-video", "transcode-audio", …
	SubjectID   int64  // the media item the job works for; 0 for none
	Status      JobStatus
	Attempts    int // claims so far
	MaxAttempts int
	LastError   string // Vietnamese, for the newsroom
	Progress    int    // 0–100
	LeaseOwner  string
	// LeaseUntil is, for a running job, when its lease runs out; for a
	// queued job that failed before, when it may be tried again.
	LeaseUntil time.Time
	Payload    string // the kind's input, JSON
	Result     string // the kind's output, JSON; "" until done
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

const jobColumns = `id, kind, subject_id, status, attempts, max_attempts, last_error, progress,
	lease_owner, lease_until, payload, result, created_at, updated_at`

func scanJob(row rowScanner) (Job, error) {
	var j Job
	var status string
	var lease sql.NullTime
	err := row.Scan(&j.ID, &j.Kind, &j.SubjectID, &status, &j.Attempts, &j.MaxAttempts, &j.LastError, &j.Progress,
		&j.LeaseOwner, &lease, &j.Payload, &j.Result, &j.CreatedAt, &j.UpdatedAt)
	j.Status, j.LeaseUntil = JobStatus(status), utc(lease)
	j.CreatedAt, j.UpdatedAt = j.CreatedAt.UTC(), j.UpdatedAt.UTC()
	return j, err
}

// maxJobError bounds a stored reason: a sentence for the newsroom, not a
// log.
const maxJobError = 500

// EnqueueJob queues a job of kind for subject with payload (JSON) and
// returns its id. maxAttempts 0 means DefaultJobAttempts.
func (s *Store) EnqueueJob(ctx context.Context, kind string, subjectID int64, payload string, maxAttempts int, now time.Time) (int64, error) {
	if kind == "" || len(kind) > 100 {
		return 0, news.Errorf(news.Invalid, "Loại việc xử lý không hợp lệ")
	}
	if payload == "" {
		payload = "{}"
	}
	if !json.Valid([]byte(payload)) {
		return 0, news.Errorf(news.Invalid, "Dữ liệu của việc xử lý không phải JSON hợp lệ")
	}
	if maxAttempts <= 0 {
		maxAttempts = DefaultJobAttempts
	}
	var id int64
	err := s.commit(ctx, func(t *tx) error {
		return t.QueryRowContext(ctx, `INSERT INTO media_jobs (kind, subject_id, max_attempts, payload, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, kind, subjectID, maxAttempts, payload, now.UTC()).Scan(&id)
	})
	if err != nil {
		return 0, fmt.Errorf("enqueue %s job: %w", kind, err)
	}
	return id, nil
}

// abandonedReason is the last error of a job whose server stopped during
// its last allowed attempt.
const abandonedReason = "Máy chủ dừng giữa chừng khi đang xử lý, đã hết số lần thử"

// ClaimJob gives owner the oldest job of one of kinds that is waiting:
// queued (and due, for a retry), or running under a lease that ran out
// before now (its server died). The job becomes running with a lease
// until now+lease and one more attempt; false when none waits. A job
// abandoned during its last attempt is marked failed instead. On
// PostgreSQL servers claiming at once skip each other's locked rows
// (dialect.claimLock), so each job goes to one of them.
func (s *Store) ClaimJob(ctx context.Context, owner string, kinds []string, now time.Time, lease time.Duration) (Job, bool, error) {
	if len(kinds) == 0 {
		return Job{}, false, nil
	}
	var job Job
	found := false
	err := s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `UPDATE media_jobs SET status = 'failed', last_error = $1, lease_owner = '', lease_until = NULL, updated_at = $2
			WHERE status = 'running' AND lease_until < $2 AND attempts >= max_attempts`, abandonedReason, now.UTC())
		if err != nil {
			return err
		}
		a := args{owner, now.Add(lease).UTC(), now.UTC()}
		var in []string
		for _, k := range kinds {
			in = append(in, a.add(k))
		}
		job, err = scanJob(t.QueryRowContext(ctx, `UPDATE media_jobs
			SET status = 'running', attempts = attempts + 1, progress = 0, lease_owner = $1, lease_until = $2, updated_at = $3
			WHERE id = (SELECT id FROM media_jobs
				WHERE ((status = 'queued' AND (lease_until IS NULL OR lease_until <= $3)) OR (status = 'running' AND lease_until < $3))
				AND kind IN (`+strings.Join(in, ", ")+`)
				ORDER BY id LIMIT 1`+s.dialect.claimLock+`)
			RETURNING `+jobColumns, a...))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		found = err == nil
		return err
	})
	if err != nil {
		return Job{}, false, fmt.Errorf("claim job: %w", err)
	}
	return job, found, nil
}

// RenewJobLease extends owner's lease on a running job to now+lease and
// records its progress (0–100). False means the job is no longer owner's
// (its lease ran out and another server claimed it, or someone changed
// it): the worker should stop.
func (s *Store) RenewJobLease(ctx context.Context, id int64, owner string, progress int, now time.Time, lease time.Duration) (bool, error) {
	return s.updateOwnJob(ctx, "renew job lease", `UPDATE media_jobs SET lease_until = $3, progress = $4, updated_at = $5
		WHERE id = $1 AND lease_owner = $2 AND status = 'running'`,
		id, owner, now.Add(lease).UTC(), min(max(progress, 0), 100), now.UTC())
}

// CompleteJob marks owner's running job done with its result (JSON).
// False means the job was no longer owner's and nothing was written.
func (s *Store) CompleteJob(ctx context.Context, id int64, owner, result string, now time.Time) (bool, error) {
	if !json.Valid([]byte(result)) {
		return false, news.Errorf(news.Invalid, "Kết quả của việc xử lý không phải JSON hợp lệ")
	}
	return s.updateOwnJob(ctx, "complete job", `UPDATE media_jobs
		SET status = 'done', progress = 100, result = $3, last_error = '', lease_owner = '', lease_until = NULL, updated_at = $4
		WHERE id = $1 AND lease_owner = $2 AND status = 'running'`, id, owner, result, now.UTC())
}

// FailJob records why owner's running job failed. It is queued again,
// due at retryAt, while it has attempts left and retryAt is not zero;
// otherwise it stays failed until RetryJob. False means the job was no
// longer owner's.
func (s *Store) FailJob(ctx context.Context, id int64, owner, reason string, now, retryAt time.Time) (bool, error) {
	var changed bool
	err := s.commit(ctx, func(t *tx) error {
		var attempts, maxAttempts int
		err := t.QueryRowContext(ctx, `SELECT attempts, max_attempts FROM media_jobs
			WHERE id = $1 AND lease_owner = $2 AND status = 'running'`, id, owner).Scan(&attempts, &maxAttempts)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		status, due := JobFailed, sql.NullTime{}
		if !retryAt.IsZero() && attempts < maxAttempts {
			status, due = JobQueued, nullTime(retryAt)
		}
		// The owner is checked again: on PostgreSQL another server may
		// have claimed the job since the read, its lease having run out.
		res, err := t.ExecContext(ctx, `UPDATE media_jobs SET status = $3, last_error = $4, lease_owner = '', lease_until = $5, updated_at = $6
			WHERE id = $1 AND lease_owner = $2 AND status = 'running'`, id, owner, string(status), truncateText(reason, maxJobError), due, now.UTC())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		changed = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("fail job %d: %w", id, err)
	}
	return changed, nil
}

// updateOwnJob runs an UPDATE of one job guarded by its owner and says
// whether it changed the row.
func (s *Store) updateOwnJob(ctx context.Context, what, query string, args ...any) (bool, error) {
	var changed bool
	err := s.commit(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		changed = n == 1
		return err
	})
	if err != nil {
		return false, fmt.Errorf("%s: %w", what, err)
	}
	return changed, nil
}

// RetryJob queues a failed job again with its attempts counted from
// zero: the newsroom's "Thử lại", once the cause (a full disk, a setting)
// is dealt with. Its last error stays until the next attempt ends.
func (s *Store) RetryJob(ctx context.Context, by news.Actor, id int64) error {
	return s.change(ctx, by, "media_job.retry", func(t *tx, e *news.AuditEntry) error {
		e.ObjectType, e.ObjectID = "media_job", id
		var status string
		err := t.QueryRowContext(ctx, `SELECT status FROM media_jobs WHERE id = $1`, id).Scan(&status)
		if errors.Is(err, sql.ErrNoRows) {
			return news.Errorf(news.NotFound, "Không tìm thấy việc xử lý %d", id)
		}
		if err != nil {
			return fmt.Errorf("retry job %d: %w", id, err)
		}
		if JobStatus(status) != JobFailed {
			return news.Errorf(news.Conflict, "Chỉ thử lại được việc xử lý đã thất bại")
		}
		_, err = t.ExecContext(ctx, `UPDATE media_jobs SET status = 'queued', attempts = 0, progress = 0,
			lease_owner = '', lease_until = NULL, updated_at = $2 WHERE id = $1`, id, t.now)
		if err != nil {
			return fmt.Errorf("retry job %d: %w", id, err)
		}
		return nil
	})
}

// Job reads one job.
func (s *Store) Job(ctx context.Context, id int64) (Job, error) {
	j, err := scanJob(s.read.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM media_jobs WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return Job{}, news.Errorf(news.NotFound, "Không tìm thấy việc xử lý %d", id)
	}
	if err != nil {
		return Job{}, fmt.Errorf("read job %d: %w", id, err)
	}
	return j, nil
}

// JobsOf lists the jobs of a subject, newest first.
func (s *Store) JobsOf(ctx context.Context, subjectID int64) ([]Job, error) {
	return queryAll(ctx, s.read, scanJob, "read jobs", `SELECT `+jobColumns+` FROM media_jobs
		WHERE subject_id = $1 ORDER BY id DESC`, subjectID)
}
