package main

import (
	"flag"
	"fmt"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/transcode"
)

// avConfig is how serve takes video and audio in and transcodes them.
type avConfig struct {
	FFmpeg, FFprobe string        // --ffmpeg, --ffprobe: the programs, paths or names on PATH
	Workers         int           // --transcode-workers: jobs run at once on this server
	MaxDuration     time.Duration // --max-media-duration: longest video or audio taken in
	MaxHeight       int           // --max-video-height: the largest picture's shorter side
	MaxBytes        int64         // --max-upload-mb: largest video or audio file, in bytes
	JobLease        time.Duration // --job-lease: how long a crashed server's job waits before another takes it
	JobPoll         time.Duration // --job-poll: how often idle workers look for jobs queued on other servers
}

func (a *avConfig) flags(fs *flag.FlagSet, duration func(*time.Duration, time.Duration, time.Duration) func(string) error) {
	fs.StringVar(&a.FFmpeg, "ffmpeg", "ffmpeg", "chương trình ffmpeg chuyển mã video và âm thanh (apt-get install ffmpeg)")
	fs.StringVar(&a.FFprobe, "ffprobe", "ffprobe", "chương trình ffprobe kiểm tra tệp video và âm thanh")
	a.Workers = 1
	fs.Func("transcode-workers", "số việc chuyển mã chạy cùng lúc trên máy chủ này, 1–16 (mặc định 1)", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 16 {
			return fmt.Errorf("cần một số từ 1 đến 16")
		}
		a.Workers = n
		return nil
	})
	a.MaxDuration = transcode.DefaultMaxDuration
	fs.Func("max-media-duration", "thời lượng tối đa của video, âm thanh tải lên, ví dụ 3h (mặc định 3h)", duration(&a.MaxDuration, time.Second, 24*time.Hour))
	a.MaxHeight = 1080
	fs.Func("max-video-height", "độ phân giải tối đa của video tải lên (cạnh ngắn, điểm ảnh), ví dụ 1080 hoặc 2160 (mặc định 1080)", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 144 || n > 4320 {
			return fmt.Errorf("cần một số từ 144 đến 4320")
		}
		a.MaxHeight = n
		return nil
	})
	a.MaxBytes = 4 << 30
	fs.Func("max-upload-mb", "dung lượng tối đa của một tệp video, âm thanh tải lên, tính bằng MB (mặc định 4096)", func(v string) error {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 1 || n > 64<<10 {
			return fmt.Errorf("cần một số MB từ 1 đến 65536")
		}
		a.MaxBytes = n << 20
		return nil
	})
	a.JobLease, a.JobPoll = time.Minute, 5*time.Second
	fs.Func("job-lease", "việc chuyển mã của một máy chủ đã dừng đột ngột được làm lại sau chừng này, ví dụ 1m (mặc định 1m)", duration(&a.JobLease, time.Second, time.Hour))
	fs.Func("job-poll", "bao lâu tìm việc chuyển mã do máy chủ khác đưa vào một lần, ví dụ 5s (mặc định 5s)", duration(&a.JobPoll, 100*time.Millisecond, 10*time.Minute))
}

// transcode is the transcoding configuration of these settings.
func (a avConfig) transcode() transcode.Config {
	return transcode.Config{FFmpeg: a.FFmpeg, FFprobe: a.FFprobe, MaxDuration: a.MaxDuration, MaxHeight: a.MaxHeight, MaxBytes: a.MaxBytes}
}
