package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/jobs"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/transcode"
)

// needFFmpeg fails under CI and skips elsewhere when ffmpeg is missing.
func needFFmpeg(t *testing.T) {
	t.Helper()
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI needs %s for the video tests: apt-get install ffmpeg", name)
			}
			t.Skipf("%s is not installed (LookPath)", name)
		}
	}
}

// testClip makes a seconds-long 1280×720 video with a tone, as a phone's
// MP4 with its index at the end.
func testClip(t *testing.T, seconds int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "clip.mp4")
	out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-y",
		"-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
		"-t", fmt.Sprint(seconds), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", path).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v: %s", err, out)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// avDesk is a desk that takes video and audio in.
type avDesk struct {
	*desk
	av           *avmedia.Service
	inbox, media string
}

// startAVDesk starts a desk with video and audio; with run, a job runner
// transcodes on it until the test ends.
func startAVDesk(t *testing.T, source string, maxBytes int64, run bool) *avDesk {
	t.Helper()
	a := &avDesk{inbox: t.TempDir(), media: t.TempDir()}
	a.desk = startDeskBehind(t, source, "127.0.0.1, ::1", func(deps *server.Deps) {
		tc := transcode.Config{Timeout: 2 * time.Minute, MaxBytes: maxBytes}
		runner := &jobs.Runner{Store: deps.Store, Handlers: avmedia.Handlers(deps.Store, tc, a.inbox, a.media), Poll: time.Hour}
		av, err := avmedia.New(avmedia.Deps{Store: deps.Store, Transcode: tc, Inbox: a.inbox, Media: a.media, Wake: runner.Wake})
		if err != nil {
			t.Fatal(err)
		}
		a.av, deps.AV = av, av
		if run {
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan struct{})
			go func() { defer close(done); runner.Run(ctx) }()
			t.Cleanup(func() { cancel(); <-done })
		}
	})
	return a
}

// mediaJSON is GET /api/v1/media/{id}'s answer.
type mediaJSON struct {
	ID        int64    `json:"id"`
	Kind      string   `json:"kind"`
	Status    string   `json:"status"`
	Progress  *int     `json:"progress"`
	Error     string   `json:"error"`
	HLSURL    string   `json:"hls_url"`
	MP4URL    string   `json:"mp4_url"`
	PosterURL string   `json:"poster_url"`
	Posters   []string `json:"poster_candidates"`
	Duration  *float64 `json:"duration_seconds"`
}

// uploadAV posts data as the multipart field "file" named name, with a
// title, to POST /api/v1/media with token.
func uploadAV(t *testing.T, base, token, name string, data []byte) (int, []byte) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.WriteField("title", "Lũ về Hương Khê"); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/media", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return sendRequest(t, req)
}

func sendRequest(t *testing.T, req *http.Request) (int, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// mediaItem reads GET /api/v1/media/{id}.
func mediaItem(t *testing.T, base, token string, id int64) (int, mediaJSON) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/media/%d", base, id), nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	status, body := sendRequest(t, req)
	var m mediaJSON
	if status == http.StatusOK {
		if err := json.Unmarshal(body, &m); err != nil {
			t.Fatal(err)
		}
	}
	return status, m
}

// waitReady polls the item until it is no longer processing, within a
// deadline; it returns the item as last read.
func waitReady(t *testing.T, base, token string, id int64, within time.Duration) mediaJSON {
	t.Helper()
	deadline := time.After(within)
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		status, m := mediaItem(t, base, token, id)
		if status != http.StatusOK {
			t.Fatalf("GET media %d: %d", id, status)
		}
		if m.Status != "processing" {
			return m
		}
		select {
		case <-deadline:
			t.Fatalf("media %d still processing after %v (%+v)", id, within, m)
		case <-tick.C:
		}
	}
}

// fetchPublic fetches a public URL (a path on base).
func fetchPublic(t *testing.T, base, path string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, data
}

func mustJSON(t *testing.T, body []byte, out any) {
	t.Helper()
	if err := json.Unmarshal(body, out); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
}
