// Package transcode turns uploaded video and audio into what readers
// play: an HLS ladder, a small MP4 fallback and poster frames for video,
// normalised AAC for audio. It runs Debian's ffmpeg and ffprobe as
// programs, never through a shell: arguments are passed as a list, input
// files are named "file:" plus an absolute path so that no name can read
// as an option or another protocol, each run has a timeout and is killed
// with its whole process group, and output appears only when complete.
package transcode

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Config names the programs and the limits. The zero value of a field
// takes its default (see the constants).
type Config struct {
	FFmpeg, FFprobe string        // program paths or names on PATH
	Timeout         time.Duration // longest one ffmpeg run may take
	MaxDuration     time.Duration // longest media accepted
	MaxHeight       int           // the largest picture's shorter side, in pixels
	MaxBytes        int64         // largest file accepted
	MaxStreams      int           // most tracks accepted in one file
	Preset          string        // x264's speed/size trade-off
	Log             *slog.Logger
}

// Defaults of Config's zero fields.
const (
	DefaultTimeout     = 2 * time.Hour
	DefaultMaxDuration = 3 * time.Hour
	DefaultMaxHeight   = 2160 // 4K is accepted, 8K is not
	DefaultMaxBytes    = 8 << 30
	DefaultMaxStreams  = 8
	// DefaultPreset is x264's "veryfast": on a server of two cores it
	// encodes a 720p ladder several times faster than real time
	// (docs/BENCHMARKS.md), files a little larger than "medium".
	DefaultPreset = "veryfast"
	// probeTimeout bounds ffprobe, which reads only headers.
	probeTimeout = time.Minute
	// tailBytes of ffmpeg's messages are kept for the log and the reason.
	tailBytes = 4 << 10
)

func (c Config) withDefaults() Config {
	if c.FFmpeg == "" {
		c.FFmpeg = "ffmpeg"
	}
	if c.FFprobe == "" {
		c.FFprobe = "ffprobe"
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxDuration <= 0 {
		c.MaxDuration = DefaultMaxDuration
	}
	if c.MaxHeight <= 0 {
		c.MaxHeight = DefaultMaxHeight
	}
	if c.MaxBytes <= 0 {
		c.MaxBytes = DefaultMaxBytes
	}
	if c.MaxStreams <= 0 {
		c.MaxStreams = DefaultMaxStreams
	}
	if c.Preset == "" {
		c.Preset = DefaultPreset
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// The reasons the newsroom reads when a run fails.
const (
	reasonTimeout  = "Quá thời gian chuyển mã"
	reasonDiskFull = "Máy chủ hết chỗ trống khi chuyển mã"
	reasonCrashed  = "Chương trình chuyển mã (ffmpeg) dừng bất thường"
	reasonMissing  = "Máy chủ chưa cài chương trình chuyển mã (ffmpeg)"
	reasonFailed   = "Chuyển mã thất bại"
	reasonNoWrite  = "Máy chủ không ghi được tệp khi chuyển mã"
)

func reasonBroken(what string) string {
	return "Tệp " + what + " bị hỏng hoặc không đầy đủ"
}

// run starts bin with args, at most timeout, in a process group of its
// own that is killed whole when ctx ends or the time is up (ffmpeg may
// start helpers; none must outlive it). Each stdout line goes to line if
// it is not nil; otherwise stdout is returned. A failure is a news.Error
// with a Vietnamese reason; the raw tail of stderr goes to the log.
func (c Config) run(ctx context.Context, timeout time.Duration, what, bin string, args []string, line func(string)) ([]byte, error) {
	runCtx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(runCtx, bin, args...)
	cmd.SysProcAttr = sysProcAttr()
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	// Should a helper escape the group and hold the pipes open, Wait
	// gives up on them after this long instead of hanging.
	cmd.WaitDelay = 5 * time.Second
	stderr := &tail{max: tailBytes}
	cmd.Stderr = stderr
	var stdout limitedBuffer
	stdout.max = 4 << 20
	var pipe io.ReadCloser
	if line != nil {
		var err error
		if pipe, err = cmd.StdoutPipe(); err != nil {
			return nil, fmt.Errorf("%s: %w", bin, err)
		}
	} else {
		cmd.Stdout = &stdout
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, syscall.ENOENT) {
			return nil, news.Wrap(news.Unavailable, err, reasonMissing)
		}
		return nil, news.Wrap(news.Unavailable, err, reasonFailed)
	}
	if pipe != nil {
		sc := bufio.NewScanner(pipe)
		for sc.Scan() {
			line(sc.Text())
		}
		_, _ = io.Copy(io.Discard, pipe) // a line too long for the scanner: let ffmpeg go on
	}
	err := cmd.Wait()
	if err == nil {
		return stdout.Bytes(), nil
	}
	raw := stderr.String()
	c.Log.Warn("ffmpeg failed", "program", bin, "args", args, "err", err, "stderr", raw)
	switch {
	case ctx.Err() != nil:
		return nil, fmt.Errorf("%s stopped: %w", bin, ctx.Err())
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return nil, news.Wrap(news.Unavailable, err, reasonTimeout)
	}
	return nil, news.Wrap(classify(raw, err), fmt.Errorf("%w: %s", err, oneLine(raw)), "%s", reason(raw, err, what))
}

// reason turns ffmpeg's messages into a sentence for the newsroom.
func reason(stderr string, err error, what string) string {
	s := strings.ToLower(stderr)
	switch {
	case strings.Contains(s, "no space left on device") || strings.Contains(s, "disk quota exceeded"):
		return reasonDiskFull
	case strings.Contains(s, "permission denied") || strings.Contains(s, "read-only file system"):
		return reasonNoWrite
	case brokenInput(s):
		return reasonBroken(what)
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return reasonCrashed
		}
	}
	return reasonFailed
}

// classify is the news code of a failure: the input's fault (Invalid,
// not tried again) or the server's (Unavailable, tried again later).
func classify(stderr string, err error) news.Code {
	if brokenInput(strings.ToLower(stderr)) && !strings.Contains(strings.ToLower(stderr), "no space left") {
		return news.Invalid
	}
	return news.Unavailable
}

// brokenInput recognises ffmpeg's words for an input it cannot read to
// the end (s in lower case).
func brokenInput(s string) bool {
	for _, m := range []string{"invalid data found", "moov atom not found", "partial file", "truncat",
		"error while decoding", "corrupt", "end of file", "invalid nal", "could not find codec parameters"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// oneLine puts ffmpeg's last messages on one line, for the error kept
// in the chain (and the log).
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(s), "\n", " | ")), " ")
}

// tail keeps the last max bytes written to it.
type tail struct {
	max int
	buf []byte
}

func (t *tail) Write(p []byte) (int, error) {
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

func (t *tail) String() string { return strings.ToValidUTF8(string(t.buf), "") }

// limitedBuffer keeps the first max bytes written to it and drops the
// rest: ffprobe's report of a crafted file cannot fill the memory.
type limitedBuffer struct {
	bytes.Buffer
	max int
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := b.max - b.Len(); room > 0 {
		b.Buffer.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}
