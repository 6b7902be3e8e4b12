package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// kill -9 while a video is being transcoded, then start again: the job
// is claimed again once its lease runs out and the item becomes ready,
// its playlist served.
func TestKillDuringTranscodeFinishesTheJob(t *testing.T) {
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI needs %s: apt-get install ffmpeg", name)
			}
			t.Skipf("%s is not installed", name)
		}
	}
	t.Parallel()
	clip := filepath.Join(t.TempDir(), "clip.mp4")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
		"-f", "lavfi", "-i", "sine=frequency=440", "-t", "20", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
		"-c:a", "aac", clip).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	data, err := os.ReadFile(clip)
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			args := []string{"--data", dir, "--job-lease", "3s", "--job-poll", "200ms"}
			storeArgs := []string{"--data", dir}
			if src.Name == "postgres" {
				args = append(args, "--database", src.Source)
				storeArgs = []string{"--database", src.Source}
			}
			p := startProcess(t, args...)
			api := adminAPI(t, p.base, storeArgs...)
			id := uploadVideo(t, p.base, api.token, data)
			waitItem(t, api, id, 2*time.Minute, func(m map[string]any) bool {
				progress, _ := m["progress"].(float64)
				return m["status"] == "processing" && progress > 0
			})
			if err := p.cmd.Process.Kill(); err != nil { // SIGKILL in the middle of the transcode
				t.Fatal(err)
			}
			_ = p.cmd.Wait()

			again := startProcess(t, args...)
			api.base = again.base
			m := waitItem(t, api, id, 3*time.Minute, func(m map[string]any) bool { return m["status"] != "processing" })
			if m["status"] != "ready" {
				t.Fatalf("after the restart the item is %v", m)
			}
			if status, _, _ := page(t, again.base+m["hls_url"].(string)); status != http.StatusOK {
				t.Errorf("master playlist after the restart: %d", status)
			}
			if left, _ := os.ReadDir(filepath.Join(dir, "inbox")); len(left) != 0 {
				t.Errorf("the inbox keeps %d files", len(left))
			}
		})
	}
}

// uploadVideo posts data to POST /api/v1/media and returns the item's id.
func uploadVideo(t *testing.T, base, token string, data []byte) int64 {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "phong-su.mp4")
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = mw.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ ID int64 }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusAccepted || out.ID == 0 {
		t.Fatalf("upload: %d %v", resp.StatusCode, err)
	}
	return out.ID
}

// waitItem polls GET /api/v1/media/{id} until done says so, within a
// deadline.
func waitItem(t *testing.T, api apiClient, id int64, within time.Duration, done func(map[string]any) bool) map[string]any {
	t.Helper()
	deadline := time.After(within)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		m := api.call("GET", fmt.Sprintf("/api/v1/media/%d", id), "")
		if done(m) {
			return m
		}
		select {
		case <-deadline:
			t.Fatalf("media item %d: gave up waiting, last %v", id, m)
		case <-tick.C:
		}
	}
}

// Without ffmpeg the paper still serves, says so in its log, and refuses
// video with a Vietnamese reason.
func TestServeWithoutFFmpegRefusesVideo(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	p := startProcess(t, "--data", dir, "--ffmpeg", filepath.Join(dir, "khong-co-ffmpeg"))
	api := adminAPI(t, p.base, "--data", dir)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "a.mp4")
	_, _ = fw.Write([]byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"))
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, p.base+"/api/v1/media", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+api.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct{ Error struct{ Message string } }
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusServiceUnavailable ||
		!bytes.Contains([]byte(out.Error.Message), []byte("apt-get install ffmpeg")) {
		t.Errorf("a video without ffmpeg: %d %q %v", resp.StatusCode, out.Error.Message, err)
	}
	if !bytes.Contains([]byte(p.log.String()), []byte("ffmpeg not found")) {
		t.Errorf("no warning in the log:\n%s", p.log.String())
	}
}
