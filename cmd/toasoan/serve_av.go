package main

import (
	"log/slog"
	"os/exec"
	"path/filepath"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/store"
)

// noFFmpeg is what the newsroom reads when video and audio are refused
// because the server lacks ffmpeg.
const noFFmpeg = "Máy chủ chưa cài chương trình ffmpeg nên chưa nhận video và âm thanh (ảnh vẫn tải lên được); quản trị viên cài bằng lệnh: apt-get install ffmpeg"

// newAV sets up video and audio: uploads wait in data/inbox, outputs go
// under data/media/ab/<hash>/, and a job runner transcodes. Without
// ffmpeg or ffprobe the paper still serves: a warning is logged, video
// and audio uploads are refused, and the runner is nil (queued jobs wait
// for a server that has them).
func newAV(c Config, s *store.Store, log *slog.Logger) (*avmedia.Service, *jobs.Runner, error) {
	tc := c.Media.transcode()
	tc.Log = log
	missing := ""
	for _, bin := range []string{tc.FFmpeg, tc.FFprobe} {
		if _, err := exec.LookPath(bin); err != nil {
			log.Warn("ffmpeg not found: video and audio uploads are refused until it is installed (apt-get install ffmpeg)",
				"program", bin, "err", err)
			missing = noFFmpeg
		}
	}
	inbox, mediaDir := filepath.Join(c.DataDir, "inbox"), filepath.Join(c.DataDir, "media")
	var runner *jobs.Runner
	wake := func() {}
	if missing == "" {
		runner = &jobs.Runner{Store: s, Handlers: avmedia.Handlers(s, tc, inbox, mediaDir), Workers: c.Media.Workers,
			Poll: c.Media.JobPoll, Lease: c.Media.JobLease, Log: log}
		wake = runner.Wake
	}
	av, err := avmedia.New(avmedia.Deps{Store: s, Transcode: tc, Inbox: inbox, Media: mediaDir, Wake: wake, Missing: missing, Log: log})
	if err != nil {
		return nil, nil, err
	}
	return av, runner, nil
}
