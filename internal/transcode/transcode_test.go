package transcode_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/transcode"
)

// tools is the Config of a test: Debian's ffmpeg and ffprobe. CI installs
// them; a developer machine without them skips, CI never does.
func tools(t testing.TB) transcode.Config {
	t.Helper()
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI needs %s for the transcoding tests: apt-get install ffmpeg", name)
			}
			t.Skipf("%s is not installed (LookPath)", name)
		}
	}
	return transcode.Config{FFmpeg: "ffmpeg", FFprobe: "ffprobe", Timeout: 2 * time.Minute}
}

// clip makes a test video with ffmpeg's own sources: a moving test
// pattern w×h with a 440 Hz tone, seconds long. faststart puts the MP4's
// index first, as phones and editors do; without it the index is last.
func clip(t testing.TB, dir, name string, w, h int, seconds float64, faststart bool) string {
	t.Helper()
	path := filepath.Join(dir, name)
	args := []string{"-nostdin", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=%dx%d:rate=25", w, h),
		"-f", "lavfi", "-i", "sine=frequency=440",
		"-t", fmt.Sprint(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"}
	if faststart {
		args = append(args, "-movflags", "+faststart")
	}
	ffmpeg(t, append(args, "-f", "mp4", path)...)
	return path
}

func ffmpeg(t testing.TB, args ...string) {
	t.Helper()
	if out, err := exec.Command("ffmpeg", args...).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg %v: %v\n%s", args, err, out)
	}
}

// playlist lists the URIs of an m3u8 file (its lines not starting with #).
func playlist(t *testing.T, path string) (uris []string, text string) {
	t.Helper()
	body, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			uris = append(uris, line)
		}
	}
	return uris, string(body)
}

func TestHLSLadder(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	in := clip(t, dir, "source.mp4", 1280, 720, 5, false)
	out := filepath.Join(dir, "media", "ab", "0123456789abcdef0123456789abcdef")
	var seen []int
	res, err := cfg.HLS(context.Background(), in, out, func(p int) { seen = append(seen, p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Renditions) != 3 || res.Width != 1280 || res.Height != 720 {
		t.Fatalf("renditions %+v of %d×%d, want 360p, 540p and 720p", res.Renditions, res.Width, res.Height)
	}
	if res.Duration < 4500*time.Millisecond || res.Duration > 5500*time.Millisecond {
		t.Fatalf("duration %v, want about 5 s", res.Duration)
	}
	uris, master := playlist(t, filepath.Join(out, res.Master))
	if len(uris) != len(res.Renditions) || !strings.Contains(master, "RESOLUTION=640x360") || !strings.Contains(master, "RESOLUTION=1280x720") {
		t.Fatalf("master playlist:\n%s", master)
	}
	for _, uri := range uris {
		segments, text := playlist(t, filepath.Join(out, filepath.FromSlash(uri)))
		if !strings.Contains(text, "#EXT-X-PLAYLIST-TYPE:VOD") || !strings.Contains(text, "#EXT-X-ENDLIST") || len(segments) == 0 {
			t.Fatalf("%s:\n%s", uri, text)
		}
		for _, seg := range segments {
			st, err := os.Stat(filepath.Join(out, filepath.Dir(filepath.FromSlash(uri)), seg))
			if err != nil || st.Size() == 0 {
				t.Fatalf("segment %s of %s: %v", seg, uri, err)
			}
		}
	}
	if len(res.Posters) != 3 {
		t.Fatalf("posters %v, want 3", res.Posters)
	}
	for _, p := range append(res.Posters, res.Fallback) {
		body, err := os.ReadFile(filepath.Join(out, p))
		if err != nil || len(body) < 100 {
			t.Fatalf("%s: %v", p, err)
		}
		if strings.HasSuffix(p, ".jpg") && !bytes.HasPrefix(body, []byte{0xff, 0xd8, 0xff}) {
			t.Fatalf("%s is not a JPEG", p)
		}
	}
	fallback, err := cfg.Probe(context.Background(), filepath.Join(out, res.Fallback))
	if err != nil || fallback.Height != 360 || fallback.AudioStreams != 1 {
		t.Fatalf("fallback MP4: %+v, %v", fallback, err)
	}
	if len(seen) == 0 || seen[len(seen)-1] != 100 {
		t.Fatalf("progress %v, want it to end at 100", seen)
	}
	entries, err := os.ReadDir(filepath.Dir(out))
	if err != nil || len(entries) != 1 {
		t.Fatalf("beside the output: %v, %v (no temporary folder should remain)", entries, err)
	}
	// Run again (a retried job): the finished folder is returned as is.
	again, err := cfg.HLS(context.Background(), filepath.Join(dir, "no-longer-there.mp4"), out, nil)
	if err != nil || again.Master != res.Master || len(again.Renditions) != 3 {
		t.Fatalf("second run: %+v, %v", again, err)
	}
}

// A source smaller than 540p gets only the rungs it can fill; a portrait
// video keeps its orientation; a file name full of shell syntax is only a
// name (no shell ever reads it).
func TestHLSSmallPortraitAndShellName(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	name := "$(touch x); rm -rf.mp4"
	in := clip(t, dir, name, 360, 640, 2, true)
	res, err := cfg.HLS(context.Background(), in, filepath.Join(dir, "out"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Renditions) != 1 || res.Renditions[0].Width != 360 || res.Renditions[0].Height != 640 {
		t.Fatalf("renditions %+v, want one 360×640", res.Renditions)
	}
	for _, place := range []string{dir, "."} {
		if _, err := os.Stat(filepath.Join(place, "x")); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("%s/x exists: the file name ran as a command", place)
		}
	}
	if _, err := os.Stat(in); err != nil {
		t.Fatalf("the source is gone: %v", err)
	}
}

func TestAudioNormalised(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "programme.wav")
	ffmpeg(t, "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "3", in)
	res, err := cfg.Audio(context.Background(), in, filepath.Join(dir, "out"), nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := cfg.Probe(context.Background(), filepath.Join(dir, "out", res.Audio))
	if err != nil || got.Kind != transcode.Audio || got.AudioStreams != 1 || got.Duration < 2800*time.Millisecond || got.Duration > 3200*time.Millisecond {
		t.Fatalf("normalised audio %s: %+v, %v", res.Audio, got, err)
	}
	if !strings.Contains(got.Format, "m4a") {
		t.Fatalf("format %q, want M4A", got.Format)
	}
	if _, err := cfg.HLS(context.Background(), in, filepath.Join(dir, "video"), nil); news.ErrorCode(err) != news.Invalid {
		t.Fatalf("HLS of an audio file: %v, want invalid", err)
	}
}

// wantRefusal checks that err is a refusal (news.Invalid or TooLarge)
// whose message contains want.
func wantRefusal(t *testing.T, err error, want string) {
	t.Helper()
	code := news.ErrorCode(err)
	if (code != news.Invalid && code != news.TooLarge) || !strings.Contains(news.ErrorMessage(err), want) {
		t.Fatalf("got %v (%s), want a refusal saying %q", err, code, want)
	}
}

func TestProbeRefuses(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	ctx := context.Background()
	video := clip(t, dir, "ok.mp4", 640, 360, 2, false)

	text := filepath.Join(dir, "notes.mp4")
	if err := os.WriteFile(text, []byte("Đây là văn bản, không phải video.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := cfg.Probe(ctx, text)
	wantRefusal(t, err, "không phải video hay âm thanh")

	whole, err := os.ReadFile(video)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.mp4")
	if err := os.WriteFile(cut, whole[:len(whole)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Probe(ctx, cut)
	wantRefusal(t, err, "bị hỏng hoặc không đầy đủ")

	playlistFile := filepath.Join(dir, "crafted.m3u8")
	if err := os.WriteFile(playlistFile, []byte("#EXTM3U\n#EXT-X-TARGETDURATION:6\n#EXTINF:6,\nok.mp4\n#EXT-X-ENDLIST\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = cfg.Probe(ctx, playlistFile)
	wantRefusal(t, err, "không phải video hay âm thanh")

	short := cfg
	short.MaxDuration = time.Second
	_, err = short.Probe(ctx, video)
	wantRefusal(t, err, "quá giới hạn 1 giây")

	low := cfg
	low.MaxHeight = 240
	_, err = low.Probe(ctx, video)
	wantRefusal(t, err, "vượt độ phân giải tối đa 240p")

	small := cfg
	small.MaxBytes = 1000
	_, err = small.Probe(ctx, video)
	wantRefusal(t, err, "quá giới hạn")

	tracks := filepath.Join(dir, "tracks.mka")
	args := []string{"-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "sine", "-t", "1"}
	for range 9 {
		args = append(args, "-map", "0:a")
	}
	ffmpeg(t, append(args, "-c:a", "pcm_s16le", tracks)...)
	_, err = cfg.Probe(ctx, tracks)
	wantRefusal(t, err, "9 luồng")

	if info, err := cfg.Probe(ctx, video); err != nil || info.Kind != transcode.Video || info.Width != 640 || info.Height != 360 || info.AudioStreams != 1 {
		t.Fatalf("the good video: %+v, %v", info, err)
	}
}

// A truncated file whose index comes first probes as whole; the
// transcode finds the cut and fails, leaving no output.
func TestHLSRefusesTruncatedFile(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	whole, err := os.ReadFile(clip(t, dir, "whole.mp4", 640, 360, 4, true))
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.mp4")
	if err := os.WriteFile(cut, whole[:len(whole)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, err = cfg.HLS(context.Background(), cut, out, nil)
	wantRefusal(t, err, "Tệp video bị hỏng hoặc không đầy đủ")
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("left behind: %v", entries)
	}
}

// fakeFFmpeg writes a shell script standing for ffmpeg into a temporary
// folder: what a broken or hanging ffmpeg would do.
func fakeFFmpeg(t *testing.T, script string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ffmpeg")
	if err := os.WriteFile(path, []byte("#!/bin/sh\n"+script+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFFmpegFailuresHaveReasons(t *testing.T) {
	t.Parallel()
	cfg := tools(t)
	dir := t.TempDir()
	in := clip(t, dir, "in.mp4", 320, 240, 1, true)
	for _, tc := range []struct {
		name, script, reason string
		code                 news.Code
	}{
		// A hang: ffmpeg and a helper of its own wait for ever; the
		// timeout kills the whole process group.
		{"hang", "sleep 600 & wait", "Quá thời gian chuyển mã", news.Unavailable},
		{"disk full", "echo 'Error writing trailer of out/360p/index.m3u8: No space left on device' >&2; exit 1", "Máy chủ hết chỗ trống khi chuyển mã", news.Unavailable},
		{"crash", "kill -SEGV $$", "Chương trình chuyển mã (ffmpeg) dừng bất thường", news.Unavailable},
		{"corrupt", "echo '[h264 @ 0x1] Invalid NAL unit size' >&2; exit 1", "Tệp video bị hỏng hoặc không đầy đủ", news.Invalid},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := cfg
			c.FFmpeg = fakeFFmpeg(t, tc.script)
			// Only the hang waits for the timeout; the others answer at
			// once, and a loaded machine must not turn them into one.
			c.Timeout = time.Minute
			if tc.name == "hang" {
				c.Timeout = time.Second
			}
			out := filepath.Join(t.TempDir(), "out")
			_, err := c.HLS(context.Background(), in, out, nil)
			if news.ErrorCode(err) != tc.code || news.ErrorMessage(err) != tc.reason {
				t.Fatalf("got %v, want %s %q", err, tc.code, tc.reason)
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
				t.Fatalf("left behind: %v", entries)
			}
		})
	}
	missing := cfg
	missing.FFmpeg = filepath.Join(dir, "no-ffmpeg-here")
	if _, err := missing.HLS(context.Background(), in, filepath.Join(dir, "out"), nil); news.ErrorMessage(err) != "Máy chủ chưa cài chương trình chuyển mã (ffmpeg)" {
		t.Fatalf("no ffmpeg: %v", err)
	}
}
