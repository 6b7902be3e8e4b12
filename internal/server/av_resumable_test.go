package server_test

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// apiRefusal is the API's refusal: its code and Vietnamese message.
type apiRefusal struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// A reporter's video sent by the tus protocol survives a connection
// dropped a third of the way: the client asks where to resume and sends
// the rest, the last piece's answer is the media item (with its id in a
// header, which a repeated last piece and HEAD also carry), the item has
// every byte in order (it becomes ready, 5 s long), its title is NFC,
// and nobody else can see the upload.
func TestResumableVideoUpload(t *testing.T) {
	needFFmpeg(t)
	clip := testClip(t, 5)
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startAVDesk(t, src.Source, 64<<20, true)
			token := apiToken(t, d.signIn(t, string(news.Reporter)))
			c := apiTus(t, d.url, token)
			path := c.start(len(clip), norm.NFD.String("Lũ về Hương Khê"))
			c.breakAfter(path, clip, 0, len(clip)/3)
			resp, body := c.resume(path, clip)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("last piece: %d %s", resp.StatusCode, body)
			}
			var created mediaJSON
			mustJSON(t, body, &created)
			if created.Kind != "video" || created.Status != "processing" || resp.Header.Get("Toasoan-Media-Id") != strconv.FormatInt(created.ID, 10) {
				t.Fatalf("created %v %s", resp.Header, body)
			}
			item, err := d.store.MediaItem(context.Background(), created.ID)
			if err != nil || item.Bytes != int64(len(clip)) || item.Title != "Lũ về Hương Khê" || !norm.NFC.IsNormalString(item.Title) {
				t.Fatalf("stored %+v %v", item, err)
			}
			if got := c.offset(path); got != len(clip) {
				t.Fatalf("offset after the end %d", got)
			}
			again, _ := c.patch(path, clip, len(clip))
			if again.StatusCode != http.StatusNoContent || again.Header.Get("Toasoan-Media-Id") != strconv.FormatInt(created.ID, 10) {
				t.Fatalf("last piece again: %d %v", again.StatusCode, again.Header)
			}
			m := waitReady(t, d.url, token, created.ID, 3*time.Minute)
			if m.Status != "ready" || m.Duration == nil || *m.Duration < 4.5 {
				t.Fatalf("ready %+v", m)
			}
			other := apiTus(t, d.url, apiToken(t, d.signIn(t, string(news.Editor))))
			resp, body = other.must(http.MethodHead, path, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("someone else's upload: %d %s", resp.StatusCode, body)
			}
		})
	}
}

// Every refusal of the resumable door is a 4xx with a Vietnamese
// message, and what it refuses leaves nothing behind: no token, no
// length, too large, no protocol version, a wrong offset, a wrong type
// of piece, a first piece that is not video (a script), a finished file
// that only looks like a video (refused by ffprobe, and removed), made-up
// and hostile ids, a forged newsroom request; a given-up upload is gone.
func TestResumableUploadRefusals(t *testing.T) {
	needFFmpeg(t)
	clip := testClip(t, 1)
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startAVDesk(t, src.Source, 4<<20, false)
			reporter := d.signIn(t, string(news.Reporter))
			c := apiTus(t, d.url, apiToken(t, reporter))
			refused := func(name string, resp *http.Response, body []byte, status int, words string) {
				t.Helper()
				var e apiRefusal
				mustJSON(t, body, &e)
				if resp.StatusCode != status || !strings.Contains(e.Error.Message, words) {
					t.Fatalf("%s: %d %s (want %d, %q)", name, resp.StatusCode, body, status, words)
				}
			}
			anonymous := apiTus(t, d.url, "")
			anonymous.header = http.Header{}
			resp, body := anonymous.must(http.MethodPost, "/api/v1/uploads", nil, "Upload-Length", "100")
			if resp.StatusCode != http.StatusUnauthorized {
				t.Fatalf("no token: %d %s", resp.StatusCode, body)
			}
			resp, body = c.must(http.MethodPost, "/api/v1/uploads", nil)
			refused("no length", resp, body, http.StatusBadRequest, "Upload-Length")
			resp, body = c.must(http.MethodPost, "/api/v1/uploads", nil, "Upload-Length", strconv.Itoa(5<<20))
			refused("too large", resp, body, http.StatusRequestEntityTooLarge, "Tệp quá lớn")
			resp, body = c.must(http.MethodPost, "/api/v1/uploads", nil, "Upload-Length", "100", "Tus-Resumable", "0.2.2")
			refused("old protocol", resp, body, http.StatusBadRequest, "Tus-Resumable")

			path := c.start(len(clip), "<script>alert(1)</script>")
			resp, body = c.patch(path, clip, 10)
			refused("wrong offset", resp, body, http.StatusConflict, "HEAD")
			resp, body = c.must(http.MethodPatch, path, bytes.NewReader(clip), "Upload-Offset", "0", "Content-Type", "video/mp4")
			refused("wrong piece type", resp, body, http.StatusBadRequest, "application/offset+octet-stream")
			script := append([]byte("<script>alert(document.cookie)</script>"), make([]byte, len(clip))...)
			resp, body = c.patch(path, script[:len(clip)], 0)
			refused("a script", resp, body, http.StatusBadRequest, "không phải video")
			if got := c.offset(path); got != 0 {
				t.Fatalf("a refused first piece stored %d bytes", got)
			}
			if resp, _ := c.must(http.MethodDelete, path, nil); resp.StatusCode != http.StatusNoContent {
				t.Fatalf("give up: %d", resp.StatusCode)
			}
			resp, body = c.must(http.MethodHead, path, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("given up: %d %s", resp.StatusCode, body)
			}

			fake := append([]byte("\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"), bytes.Repeat([]byte("rác "), 2000)...)
			path = c.start(len(fake), "Giả video")
			resp, body = c.patch(path, fake, 0)
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Toasoan-Media-Id") != "" {
				t.Fatalf("a fake video: %d %s", resp.StatusCode, body)
			}
			resp, _ = c.must(http.MethodHead, path, nil)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("a refused upload was kept: %d", resp.StatusCode)
			}
			if items, err := d.store.MediaItems(context.Background(), store.MediaItemFilter{Limit: 10}); err != nil || len(items) != 0 {
				t.Fatalf("items after refusals: %v %v", items, err)
			}
			if left, _ := filepath.Glob(filepath.Join(d.inbox, "*.mp4")); len(left) != 0 {
				t.Fatalf("inbox keeps %v", left)
			}

			for _, id := range []string{"0123456789abcdef0123456789abcdef", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--"} {
				resp, body = c.must(http.MethodHead, "/api/v1/uploads/"+id, nil)
				if resp.StatusCode != http.StatusNotFound {
					t.Fatalf("id %q: %d %s", id, resp.StatusCode, body)
				}
			}

			desk := newsroomTus(t, reporter)
			desk.header.Set("X-Csrf-Token", "giả mạo")
			resp, body = desk.must(http.MethodPost, "/toasoan/tai-len", nil, "Upload-Length", strconv.Itoa(len(clip)))
			refused("forged newsroom request", resp, body, http.StatusForbidden, "chống giả mạo")
			desk = newsroomTus(t, reporter)
			path = desk.start(len(clip), "Bản tin trưa")
			if !strings.HasPrefix(path, "/toasoan/tai-len/") {
				t.Fatalf("newsroom upload at %q", path)
			}
			resp, body = desk.patch(path, clip, 0)
			if resp.StatusCode != http.StatusOK || resp.Header.Get("Toasoan-Media-Id") == "" {
				t.Fatalf("newsroom upload: %d %s", resp.StatusCode, body)
			}
			if _, err := os.Stat(d.inbox); err != nil {
				t.Fatal(err)
			}
		})
	}
}
