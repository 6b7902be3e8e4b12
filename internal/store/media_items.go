package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// mediaItemColumns are read with the item's job: its status, progress and
// reason make the item's.
const mediaItemColumns = `m.id, m.kind, m.title, m.source, m.bytes, m.dir, m.master, m.fallback, m.posters, m.poster,
	m.captions, m.duration_ms, m.width, m.height, m.job_id, COALESCE(m.created_by, 0), m.created_at, m.ready_at,
	COALESCE(j.status, ''), COALESCE(j.progress, 0), COALESCE(j.last_error, '')`

const mediaItemFrom = ` FROM media_items m LEFT JOIN media_jobs j ON j.id = m.job_id`

func scanMediaItem(row rowScanner) (news.MediaItem, error) {
	var m news.MediaItem
	var kind, posters, jobStatus string
	var durationMS int64
	var ready sql.NullTime
	err := row.Scan(&m.ID, &kind, &m.Title, &m.Source, &m.Bytes, &m.Dir, &m.Master, &m.Fallback, &posters, &m.Poster,
		&m.Captions, &durationMS, &m.Width, &m.Height, &m.JobID, &m.CreatedBy, &m.CreatedAt, &ready,
		&jobStatus, &m.Progress, &m.Error)
	if err != nil {
		return m, err
	}
	m.Kind = news.MediaKind(kind)
	m.Duration = time.Duration(durationMS) * time.Millisecond
	m.CreatedAt, m.ReadyAt = m.CreatedAt.UTC(), utc(ready)
	if err := json.Unmarshal([]byte(posters), &m.Posters); err != nil {
		return m, fmt.Errorf("media item %d posters: %w", m.ID, err)
	}
	switch {
	case !m.ReadyAt.IsZero():
		m.Status, m.Progress, m.Error = news.MediaReady, 100, ""
	case JobStatus(jobStatus) == JobFailed:
		m.Status = news.MediaFailed
	default:
		m.Status, m.Error = news.MediaProcessing, ""
	}
	return m, nil
}

// CreateMediaItem stores an uploaded video or audio file (Kind, Title,
// Source, Bytes) and queues its job of jobKind with payload (JSON), in
// one audited transaction, so an item never waits for a job that was not
// queued. It returns the item with its id and JobID.
func (s *Store) CreateMediaItem(ctx context.Context, by news.Actor, m news.MediaItem, jobKind, payload string) (news.MediaItem, error) {
	if !json.Valid([]byte(payload)) {
		return m, news.Errorf(news.Invalid, "Dữ liệu của việc xử lý không phải JSON hợp lệ")
	}
	now := s.now()
	err := s.change(ctx, by, "media.upload", func(t *tx, e *news.AuditEntry) error {
		err := t.QueryRowContext(ctx, `INSERT INTO media_items (kind, title, source, bytes, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			string(m.Kind), m.Title, m.Source, m.Bytes, nullID(by.User.ID), now.UTC()).Scan(&m.ID)
		if err != nil {
			return fmt.Errorf("create media item: %w", err)
		}
		err = t.QueryRowContext(ctx, `INSERT INTO media_jobs (kind, subject_id, max_attempts, payload, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, jobKind, m.ID, DefaultJobAttempts, payload, now.UTC()).Scan(&m.JobID)
		if err != nil {
			return fmt.Errorf("queue media job: %w", err)
		}
		if _, err := t.ExecContext(ctx, `UPDATE media_items SET job_id = $1 WHERE id = $2`, m.JobID, m.ID); err != nil {
			return fmt.Errorf("create media item: %w", err)
		}
		e.ObjectType, e.ObjectID, e.Detail = "media", m.ID, string(m.Kind)+": "+m.Title
		return nil
	})
	if err != nil {
		return m, err
	}
	m.CreatedBy, m.CreatedAt, m.Status = by.User.ID, now.UTC(), news.MediaProcessing
	return m, nil
}

// MediaOutputs is what a finished job made of an item.
type MediaOutputs struct {
	Dir, Master, Fallback string
	Posters               []string
	Duration              time.Duration
	Width, Height         int
}

// MediaItemReady records an item's outputs, complete, and makes it ready:
// bookkeeping of the job that made them, not audited. The first poster is
// the item's until an editor chooses another. Running it again (a job
// retried after its server died) writes the same values.
func (s *Store) MediaItemReady(ctx context.Context, id int64, out MediaOutputs) error {
	posters, err := json.Marshal(out.Posters)
	if err != nil {
		return fmt.Errorf("media item %d: %w", id, err)
	}
	first := ""
	if len(out.Posters) > 0 {
		first = out.Posters[0]
	}
	return s.commit(ctx, func(t *tx) error {
		res, err := t.ExecContext(ctx, `UPDATE media_items SET dir = $1, master = $2, fallback = $3, posters = $4,
			poster = CASE WHEN poster = '' THEN $5 ELSE poster END, duration_ms = $6, width = $7, height = $8,
			ready_at = COALESCE(ready_at, $9) WHERE id = $10`,
			out.Dir, out.Master, out.Fallback, string(posters), first, out.Duration.Milliseconds(), out.Width, out.Height,
			s.now().UTC(), id)
		if err != nil {
			return fmt.Errorf("media item %d ready: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return news.Errorf(news.NotFound, "Không tìm thấy tệp đa phương tiện %d", id)
		}
		t.announce(news.MediaKey(id), news.VideosKey) // its pages play it now
		return nil
	})
}

// MediaItem reads one item with its job's status.
func (s *Store) MediaItem(ctx context.Context, id int64) (news.MediaItem, error) {
	m, err := scanMediaItem(s.read.QueryRowContext(ctx, `SELECT `+mediaItemColumns+mediaItemFrom+` WHERE m.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return m, news.Errorf(news.NotFound, "Không tìm thấy tệp đa phương tiện %d", id)
	}
	if err != nil {
		return m, fmt.Errorf("read media item %d: %w", id, err)
	}
	return m, nil
}

// MediaItemFilter selects items for the newsroom's library.
type MediaItemFilter struct {
	Kind   news.MediaKind // "" for both
	By     int64          // only this member's uploads; 0 for everyone's
	Limit  int            // default 50, at most 200
	Offset int
}

// MediaItems lists items newest first.
func (s *Store) MediaItems(ctx context.Context, f MediaItemFilter) ([]news.MediaItem, error) {
	var a args
	where := "1 = 1"
	if f.Kind != "" {
		where = "m.kind = " + a.add(string(f.Kind))
	}
	if f.By != 0 {
		where += " AND m.created_by = " + a.add(f.By)
	}
	limit := f.Limit
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	return queryAll(ctx, s.read, scanMediaItem, "list media items", `SELECT `+mediaItemColumns+mediaItemFrom+
		` WHERE `+where+` ORDER BY m.id DESC LIMIT `+a.add(limit)+` OFFSET `+a.add(max(f.Offset, 0)), a...)
}
