package transcode_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/transcode"
)

// runAll runs the queued jobs with handlers until n of them have ended,
// then stops the runner, which first records their outcomes.
func runAll(t *testing.T, s *store.Store, handlers map[string]jobs.Handler, n int) {
	t.Helper()
	ended := make(chan struct{}, n)
	counted := map[string]jobs.Handler{}
	for kind, h := range handlers {
		counted[kind] = func(ctx context.Context, j store.Job, progress func(int)) (any, error) {
			defer func() { ended <- struct{}{} }()
			return h(ctx, j, progress)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	r := &jobs.Runner{Store: s, Handlers: counted, Poll: time.Hour}
	go func() { r.Run(ctx); close(done) }()
	for range n {
		<-ended
	}
	cancel()
	<-done
}

func enqueue(t *testing.T, s *store.Store, kind, source string, attempts int) int64 {
	t.Helper()
	body, err := json.Marshal(transcode.Payload{Source: source})
	if err != nil {
		t.Fatal(err)
	}
	id, err := s.EnqueueJob(context.Background(), kind, 0, string(body), attempts, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// The job kinds glued to the queue: a video and an audio file become
// outputs under the media folder, recorded as the jobs' results; bad
// sources and a hanging ffmpeg fail with their reasons.
func TestTranscodeJobs(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		inbox, media := t.TempDir(), t.TempDir()
		clip(t, inbox, "u1.mp4", 640, 360, 2, true)
		ffmpeg(t, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine", "-t", "2", filepath.Join(inbox, "u2.wav"))
		if err := os.WriteFile(filepath.Join(inbox, "u3.mp4"), []byte("không phải video"), 0o644); err != nil {
			t.Fatal(err)
		}
		video := enqueue(t, s, transcode.KindVideo, "u1.mp4", 0)
		audio := enqueue(t, s, transcode.KindAudio, "u2.wav", 0)
		text := enqueue(t, s, transcode.KindVideo, "u3.mp4", 0)
		escape := enqueue(t, s, transcode.KindVideo, "../u1.mp4", 0)
		gone := enqueue(t, s, transcode.KindVideo, "u9.mp4", 0)
		runAll(t, s, cfg.Handlers(inbox, media), 5)

		var res transcode.JobResult
		j, err := s.Job(context.Background(), video)
		if err != nil || j.Status != store.JobDone || json.Unmarshal([]byte(j.Result), &res) != nil {
			t.Fatalf("video job: %+v, %v", j, err)
		}
		if _, err := os.Stat(filepath.Join(media, filepath.FromSlash(res.Dir), res.Master)); err != nil || len(res.Posters) != 3 {
			t.Fatalf("video outputs %+v: %v", res, err)
		}
		j, _ = s.Job(context.Background(), audio)
		res = transcode.JobResult{}
		if j.Status != store.JobDone || json.Unmarshal([]byte(j.Result), &res) != nil || res.Audio == "" {
			t.Fatalf("audio job: %+v", j)
		}
		if _, err := os.Stat(filepath.Join(media, filepath.FromSlash(res.Dir), res.Audio)); err != nil {
			t.Fatal(err)
		}
		for id, reason := range map[int64]string{
			text:   "Tệp không phải video hay âm thanh mà hệ thống đọc được (nhận MP4, MOV, WebM, MP3, M4A, WAV)",
			escape: "Việc chuyển mã không chỉ rõ tệp nguồn hợp lệ",
			gone:   "Không còn tệp gốc để chuyển mã",
		} {
			// The input is at fault: failed at the first attempt.
			if j, _ := s.Job(context.Background(), id); j.Status != store.JobFailed || j.Attempts != 1 || j.LastError != reason {
				t.Errorf("job %d: %+v, want failed with %q", id, j, reason)
			}
		}

		hanging := cfg
		hanging.FFmpeg = fakeFFmpeg(t, "sleep 600")
		hanging.Timeout = time.Second
		clip(t, inbox, "u4.mp4", 320, 240, 1, true)
		stuck := enqueue(t, s, transcode.KindVideo, "u4.mp4", 1)
		runAll(t, s, hanging.Handlers(inbox, media), 1)
		if j, _ := s.Job(context.Background(), stuck); j.Status != store.JobFailed || j.LastError != "Quá thời gian chuyển mã" {
			t.Fatalf("hanging ffmpeg: %+v", j)
		}
	})
}
