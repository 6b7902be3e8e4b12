package transcode_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/transcode"
)

// The helper process of TestFFmpegDiesWithItsServer reads these.
const (
	orphanClipEnv   = "TOASOAN_ORPHAN_CLIP"
	orphanFFmpegEnv = "TOASOAN_ORPHAN_FFMPEG"
)

// A server killed by kill -9 in the middle of a transcode takes its
// ffmpeg with it. The server is this test binary run again as a helper
// that transcodes a clip through transcode.HLS, with ffmpeg reading at
// the clip's own pace (-readrate 1, through a wrapper that execs Debian's
// ffmpeg) so it is surely still at work; the test finds that ffmpeg
// under /proc, kills the helper with SIGKILL and waits, with a deadline,
// for the ffmpeg to be gone.
func TestFFmpegDiesWithItsServer(t *testing.T) {
	if clipPath := os.Getenv(orphanClipEnv); clipPath != "" {
		cfg := transcode.Config{FFmpeg: os.Getenv(orphanFFmpegEnv), FFprobe: "ffprobe", Timeout: 10 * time.Minute}
		_, err := cfg.HLS(context.Background(), clipPath, filepath.Join(filepath.Dir(clipPath), "out"), nil)
		t.Fatalf("the helper's transcode ended before it was killed: %v", err)
	}
	t.Parallel()
	tools(t)
	debian, err := exec.LookPath("ffmpeg")
	if err == nil {
		debian, err = filepath.EvalSymlinks(debian) // as /proc/PID/exe names it
	}
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	source := clip(t, dir, "dai-phat-thanh.mp4", 320, 180, 60, true)
	wrapper := filepath.Join(dir, "ffmpeg-readrate")
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\nexec "+debian+" -readrate 1 \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	server := exec.Command(os.Args[0], "-test.run=^TestFFmpegDiesWithItsServer$")
	server.Env = append(os.Environ(), orphanClipEnv+"="+source, orphanFFmpegEnv+"="+wrapper)
	var out bytes.Buffer
	server.Stdout, server.Stderr = &out, &out
	if err := server.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = server.Process.Kill(); _ = server.Wait() })

	// The ffmpeg the helper started: its child running Debian's ffmpeg
	// (after the wrapper's exec) on the clip.
	var pid int
	pollUntil(t, 30*time.Second, "the helper's ffmpeg to start", func() bool {
		pid = ffmpegChildOf(server.Process.Pid, debian, source)
		return pid != 0
	})
	t.Cleanup(func() {
		if alive(pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL) // the test failed: leave no ffmpeg behind
		}
	})
	if err := server.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = server.Wait()
	if strings.Contains(out.String(), "ended before it was killed") {
		t.Fatalf("the transcode did not last: %s", out.String())
	}
	pollUntil(t, 30*time.Second, "ffmpeg "+strconv.Itoa(pid)+" to die with its server", func() bool { return !alive(pid) })
}

// ffmpegChildOf finds a child of parent whose program is ffmpeg and whose
// arguments name file; 0 if none.
func ffmpegChildOf(parent int, ffmpeg, file string) int {
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if ppid, _ := procState(pid); ppid != parent {
			continue
		}
		exe, _ := os.Readlink("/proc/" + e.Name() + "/exe")
		cmdline, _ := os.ReadFile("/proc/" + e.Name() + "/cmdline")
		if exe == ffmpeg && bytes.Contains(cmdline, []byte(file)) {
			return pid
		}
	}
	return 0
}

// alive reports whether pid is a process that still runs: not gone, and
// not a zombie waiting for whoever inherited it to reap it.
func alive(pid int) bool {
	_, state := procState(pid)
	return state != "" && state != "Z" && state != "X"
}

// procState reads pid's parent and state from /proc/pid/stat; the state
// is "" when there is no such process.
func procState(pid int) (ppid int, state string) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, ""
	}
	// "pid (comm) state ppid …": comm may hold spaces and parentheses.
	rest := string(data[bytes.LastIndexByte(data, ')')+1:])
	fields := strings.Fields(rest)
	if len(fields) < 2 {
		return 0, ""
	}
	ppid, _ = strconv.Atoi(fields[1])
	return ppid, fields[0]
}

// pollUntil checks cond until it holds, failing the test after limit.
func pollUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", limit, what)
		}
		<-tick.C
	}
}
