package avmedia

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"time"

	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/transcode"
)

// Handlers returns transcode's job handlers finished for media items:
// after a transcode the job records the item's outputs (store.MediaItemReady)
// and only then deletes the upload from the inbox. Each step can be done
// again: a job claimed again after its server died finds the outputs
// complete (transcode reuses a finished folder) or the item already
// ready, and ends without transcoding twice.
func Handlers(s *store.Store, c transcode.Config, inbox, mediaDir string) map[string]jobs.Handler {
	out := map[string]jobs.Handler{}
	for kind, h := range c.Handlers(inbox, mediaDir) {
		out[kind] = finish(s, inbox, h)
	}
	return out
}

func finish(s *store.Store, inbox string, transcodeJob jobs.Handler) jobs.Handler {
	return func(ctx context.Context, job store.Job, progress func(int)) (any, error) {
		item, err := s.MediaItem(ctx, job.SubjectID)
		if err != nil {
			return nil, err // an item no longer there (NotFound) fails for good
		}
		if !item.ReadyAt.IsZero() {
			// Recorded before a crash: only the inbox is left to tidy.
			if err := removeSource(inbox, job.Payload); err != nil {
				return nil, err
			}
			return resultOf(item), nil
		}
		res, err := transcodeJob(ctx, job, progress)
		if err != nil {
			return nil, err
		}
		made, ok := res.(transcode.JobResult)
		if !ok {
			return nil, fmt.Errorf("transcode job %d: result of type %T", job.ID, res)
		}
		// The outputs are written even if the server is stopping now: the
		// work is done and should not be done again.
		done, stop := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer stop()
		if err := s.MediaItemReady(done, item.ID, outputs(made)); err != nil {
			return nil, err
		}
		if err := removeSource(inbox, job.Payload); err != nil {
			return nil, err
		}
		return made, nil
	}
}

// outputs turns a job's result (paths within its folder) into the item's
// paths relative to the media folder.
func outputs(r transcode.JobResult) store.MediaOutputs {
	in := func(name string) string {
		if name == "" {
			return ""
		}
		return path.Join(r.Dir, name)
	}
	out := store.MediaOutputs{Dir: r.Dir, Master: in(r.Master), Fallback: in(r.Fallback), Duration: r.Duration,
		Width: r.Width, Height: r.Height}
	if r.Audio != "" {
		out.Master = in(r.Audio)
	}
	for _, p := range r.Posters {
		out.Posters = append(out.Posters, in(p))
	}
	return out
}

// resultOf is the job's result for an item already ready.
func resultOf(m news.MediaItem) transcode.JobResult {
	rel := func(p string) string {
		if p == "" {
			return ""
		}
		return path.Base(p)
	}
	r := transcode.JobResult{Dir: m.Dir, Result: transcode.Result{Fallback: rel(m.Fallback), Duration: m.Duration,
		Width: m.Width, Height: m.Height}}
	if m.Kind == news.AudioMedia {
		r.Audio = rel(m.Master)
	} else {
		r.Master = rel(m.Master)
	}
	for _, p := range m.Posters {
		r.Posters = append(r.Posters, rel(p))
	}
	return r
}

// removeSource deletes the job's upload from the inbox; one already gone
// is fine.
func removeSource(inbox, payload string) error {
	var p transcode.Payload
	if err := json.Unmarshal([]byte(payload), &p); err != nil || p.Source == "" || !filepath.IsLocal(p.Source) {
		return news.Errorf(news.Invalid, "Việc chuyển mã không chỉ rõ tệp nguồn hợp lệ")
	}
	if err := os.Remove(filepath.Join(inbox, p.Source)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove uploaded source: %w", err)
	}
	return nil
}
