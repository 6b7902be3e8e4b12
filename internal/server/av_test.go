package server_test

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// playlistEntries are a playlist's lines that name other files.
func playlistEntries(body []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// A 5-second 720p video uploaded through the API becomes ready: its HLS
// master playlist lists at least two renditions whose segments all
// download through the public route, with their types, and its poster
// answers a JPEG; the upload left the inbox.
func TestVideoUploadBecomesReady(t *testing.T) {
	needFFmpeg(t)
	clip := testClip(t, 5)
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startAVDesk(t, src.Source, 64<<20, true)
			token := apiToken(t, d.signIn(t, string(news.Reporter)))
			status, body := uploadAV(t, d.url, token, "clip.mp4", clip)
			if status != http.StatusAccepted {
				t.Fatalf("upload: %d %s", status, body)
			}
			var created mediaJSON
			mustJSON(t, body, &created)
			if created.Kind != "video" || created.Status != "processing" || created.ID == 0 || created.HLSURL != "" {
				t.Fatalf("created %s", body)
			}
			m := waitReady(t, d.url, token, created.ID, 3*time.Minute)
			if m.Status != "ready" || m.HLSURL == "" || m.PosterURL == "" || m.Duration == nil || *m.Duration < 4.5 || m.Progress != nil {
				t.Fatalf("ready item %+v", m)
			}
			resp, master := fetchPublic(t, d.url, m.HLSURL)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/vnd.apple.mpegurl" ||
				!strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
				t.Fatalf("master %d %v", resp.StatusCode, resp.Header)
			}
			renditions := playlistEntries(master)
			if len(renditions) < 2 {
				t.Fatalf("master lists %d renditions:\n%s", len(renditions), master)
			}
			segments := 0
			for _, r := range renditions {
				rendition := path.Join(path.Dir(m.HLSURL), r)
				resp, list := fetchPublic(t, d.url, rendition)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%s: %d", rendition, resp.StatusCode)
				}
				for _, seg := range playlistEntries(list) {
					resp, data := fetchPublic(t, d.url, path.Join(path.Dir(rendition), seg))
					if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "video/mp2t" || len(data) == 0 || data[0] != 0x47 {
						t.Fatalf("segment %s: %d %s", seg, resp.StatusCode, resp.Header.Get("Content-Type"))
					}
					segments++
				}
			}
			if segments < 2 {
				t.Errorf("%d segments in all", segments)
			}
			resp, poster := fetchPublic(t, d.url, m.PosterURL)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/jpeg" || !bytes.HasPrefix(poster, []byte{0xFF, 0xD8, 0xFF}) {
				t.Errorf("poster %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
			}
			resp, part := fetchPublic(t, d.url, m.MP4URL, "Range", "bytes=0-99")
			if resp.StatusCode != http.StatusPartialContent || len(part) != 100 || resp.Header.Get("Content-Type") != "video/mp4" {
				t.Errorf("fallback MP4 range: %d, %d bytes, %s", resp.StatusCode, len(part), resp.Header.Get("Content-Type"))
			}
			if left, _ := os.ReadDir(d.inbox); len(left) != 0 {
				t.Errorf("the inbox keeps %d files after the item is ready", len(left))
			}
		})
	}
}

// Bad uploads are refused with a Vietnamese reason and nothing is
// stored: not media, a cut file, a crafted playlist, over the size
// limit; no token is 401 and a moderator 403; the client's file name,
// shell characters and all, never reaches the disk.
func TestVideoUploadRefusals(t *testing.T) {
	needFFmpeg(t)
	clip := testClip(t, 2)
	eachSource(t, func(t *testing.T, source string) {
		d := startAVDesk(t, source, int64(len(clip))+1024, false)
		token := apiToken(t, d.signIn(t, string(news.Reporter)))
		refusals := []struct {
			name, file string
			data       []byte
			status     int
			says       string
		}{
			{"not media", "bai.mp4", []byte(strings.Repeat("không phải video ", 100)), http.StatusBadRequest, ""},
			{"cut short", "cat.mp4", clip[:len(clip)/2], http.StatusBadRequest, "Tệp"},
			{"a crafted playlist", "x.m3u8", []byte("#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"), http.StatusBadRequest, "hay âm thanh"},
			{"a playlist named as video", "x.mp4", []byte("#EXTM3U\n#EXTINF:1,\nconcat:/etc/passwd\n"), http.StatusBadRequest, "hay âm thanh"},
			{"over the limit", "lon.mp4", append(bytes.Clone(clip), make([]byte, 4096)...), http.StatusRequestEntityTooLarge, "Tệp quá lớn"},
		}
		for _, r := range refusals {
			status, body := uploadAV(t, d.url, token, r.file, r.data)
			if status != r.status || !strings.Contains(string(body), r.says) {
				t.Errorf("%s: %d %s", r.name, status, body)
			}
		}
		if status, _ := uploadAV(t, d.url, "", "clip.mp4", clip); status != http.StatusUnauthorized {
			t.Errorf("no token: %d", status)
		}
		moderator := apiToken(t, d.signIn(t, string(news.Moderator)))
		if status, _ := uploadAV(t, d.url, moderator, "clip.mp4", clip); status != http.StatusForbidden {
			t.Errorf("a moderator: %d", status)
		}
		items, err := d.store.MediaItems(context.Background(), store.MediaItemFilter{})
		if err != nil || len(items) != 0 {
			t.Fatalf("refusals stored %d items (%v)", len(items), err)
		}
		if left, _ := os.ReadDir(d.inbox); len(left) != 0 {
			t.Errorf("refusals left %d files in the inbox", len(left))
		}

		status, body := uploadAV(t, d.url, token, `$(touch pwned); rm -rf ~ ;'a b'.mp4`, clip)
		if status != http.StatusAccepted {
			t.Fatalf("a name with shell characters: %d %s", status, body)
		}
		left, _ := os.ReadDir(d.inbox)
		if len(left) != 1 || strings.ContainsAny(left[0].Name(), "$();'~ ") || !strings.HasSuffix(left[0].Name(), ".mp4") {
			t.Errorf("inbox %v", left)
		}
	})
}

// The public route serves only our names in a ready item's folder: not a
// processing item's files, not result.json, not a path out of the folder.
func TestVideoOutputsServedOnlyWhenReady(t *testing.T) {
	eachSource(t, func(t *testing.T, source string) {
		d := startAVDesk(t, source, 1<<20, false)
		ctx := context.Background()
		const hash = "0123456789abcdef0123456789abcdef"
		dir := "01/" + hash
		folder := filepath.Join(d.media, "01", hash)
		must := func(err error) {
			t.Helper()
			if err != nil {
				t.Fatal(err)
			}
		}
		must(os.MkdirAll(filepath.Join(folder, "360p"), 0o755))
		for name, body := range map[string]string{"master.m3u8": "#EXTM3U\n", "360p/seg-000.ts": "G", "result.json": "{}"} {
			must(os.WriteFile(filepath.Join(folder, filepath.FromSlash(name)), []byte(body), 0o644))
		}
		must(os.WriteFile(filepath.Join(d.media, "secret.txt"), []byte("bí mật"), 0o644))
		item, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Source: "x.mp4"}, "transcode-video", `{"source":"x.mp4"}`)
		must(err)
		master := "/media/av/" + dir + "/master.m3u8"
		if resp, _ := fetchPublic(t, d.url, master); resp.StatusCode != http.StatusNotFound {
			t.Errorf("a processing item's playlist: %d", resp.StatusCode)
		}
		must(d.store.MediaItemReady(ctx, item.ID, store.MediaOutputs{Dir: dir, Master: dir + "/master.m3u8"}))
		if resp, _ := fetchPublic(t, d.url, master); resp.StatusCode != http.StatusOK {
			t.Errorf("the ready item's playlist: %d", resp.StatusCode)
		}
		for _, p := range []string{
			"/media/av/" + dir + "/result.json",
			"/media/av/" + dir + "/../../secret.txt",
			"/media/av/" + dir + "/%2e%2e/%2e%2e/secret.txt",
			"/media/av/" + dir + "/..%2f..%2fsecret.txt",
			"/media/av/02/" + hash + "/master.m3u8",
			"/media/av/" + dir + "/360p/../../../secret.txt",
			"/media/av/" + dir + "/360p/seg-000.ts/x",
			"/media/av/" + dir + "/master.m3u8%00.jpg",
		} {
			resp, body := fetchPublic(t, d.url, p)
			if resp.StatusCode == http.StatusOK || bytes.Contains(body, []byte("bí mật")) {
				t.Errorf("%s: %d", p, resp.StatusCode)
			}
		}
	})
}

// eachSource runs fn on each database under test, in parallel.
func eachSource(t *testing.T, fn func(t *testing.T, source string)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, src.Source)
		})
	}
}
