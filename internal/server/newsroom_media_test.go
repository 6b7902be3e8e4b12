package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/media/mediatest"
	"github.com/toasoan/toasoan/internal/store"
)

// pngPhoto is a small real PNG.
func pngPhoto(t *testing.T, shade uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		img.Set(x, x%30, color.RGBA{shade, 80, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// The newsroom's two upload doors (the editor's script and the library's
// form) go through the same front door as the API: the same checks, the
// same refusals in Vietnamese, nothing stored when refused.
func TestNewsroomUploads(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		images := func() int {
			list, err := d.store.Images(ctx, store.ImageFilter{Limit: 200})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		reporter := d.signIn(t, "reporter")
		caption := norm.NFD.String("Đường làng ở xã Thạch Lạc")
		resp, body := reporter.upload("/toasoan/media", "duong.png", pngPhoto(t, 10), map[string]string{"caption": caption, "alt": "Đường bê tông"}, true)
		var got struct {
			ID      int64  `json:"id"`
			URL     string `json:"url"`
			Caption string `json:"caption"`
		}
		if err := json.Unmarshal(body, &got); err != nil || resp.StatusCode != http.StatusCreated || got.ID == 0 || !strings.HasPrefix(got.URL, "/media/") {
			t.Fatalf("the editor's upload: %d %s (%v)", resp.StatusCode, body, err)
		}
		if got.Caption != norm.NFC.String(caption) {
			t.Errorf("caption stored as %q, want NFC", got.Caption)
		}
		log, err := d.store.AuditLog(ctx, store.AuditFilter{ObjectType: "image", ObjectID: got.ID})
		if err != nil || len(log) != 1 || log[0].Action != "media.upload" || log[0].UserID != d.users["reporter"].ID {
			t.Fatalf("audit of the upload: %+v %v", log, err)
		}

		before := images()
		for _, c := range []struct {
			name, who, file string
			data            []byte
			fields          map[string]string
			status          int
			message         string
		}{
			{"not a photo", "reporter", "thu.txt", []byte("<script>alert(1)</script>"), nil, http.StatusBadRequest, "Tệp không phải ảnh"},
			{"an iPhone HEIC", "reporter", "IMG_0001.HEIC", mediatest.HEIC(), nil, http.StatusBadRequest, "Ảnh HEIC của iPhone chưa được hỗ trợ: hãy chuyển sang JPEG"},
			{"caption too long", "reporter", "a.png", pngPhoto(t, 20), map[string]string{"caption": strings.Repeat("Chữ ", 300)}, http.StatusBadRequest, "Chú thích dài quá"},
			{"caption not UTF-8", "reporter", "a.png", pngPhoto(t, 21), map[string]string{"credit": "Ảnh: \xff\xfe"}, http.StatusBadRequest, "không phải văn bản UTF-8"},
			{"control characters", "reporter", "a.png", pngPhoto(t, 22), map[string]string{"alt": "mô tả\x00ẩn"}, http.StatusBadRequest, "ký tự không hợp lệ"},
			{"a moderator", "moderator", "a.png", pngPhoto(t, 23), nil, http.StatusForbidden, "không có quyền"},
			{"an administrator", "admin", "a.png", pngPhoto(t, 24), nil, http.StatusForbidden, "không có quyền"},
		} {
			b := d.signIn(t, c.who)
			resp, body := b.upload("/toasoan/media", c.file, c.data, c.fields, true)
			var e struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(body, &e); err != nil || resp.StatusCode != c.status || !strings.Contains(e.Error.Message, c.message) {
				t.Errorf("%s: %d %s, want %d with %q", c.name, resp.StatusCode, body, c.status, c.message)
			}
		}
		if n := images(); n != before {
			t.Errorf("refused uploads stored %d photos", n-before)
		}

		// The library's own form answers with pages, not JSON.
		resp, _ = reporter.upload("/toasoan/anh", "b.png", pngPhoto(t, 30), map[string]string{"caption": "Ảnh thứ hai"}, false)
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/anh?ok=anh" {
			t.Fatalf("the library's form: %d → %q", resp.StatusCode, resp.Header.Get("Location"))
		}
		resp, body = reporter.upload("/toasoan/anh", "c.txt", []byte("không phải ảnh"), nil, false)
		if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte("Tệp không phải ảnh")) || !bytes.Contains(body, []byte("<html")) {
			t.Fatalf("the library's form refusing a file: %d", resp.StatusCode)
		}

		// A forged upload without the session's token is refused.
		reporter.csrf = "gia-mao"
		if resp, _ := reporter.upload("/toasoan/media", "d.png", pngPhoto(t, 40), nil, true); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("an upload without the CSRF token: %d", resp.StatusCode)
		}
		if n := images(); n != before+1 {
			t.Errorf("%d photos after the form's one, want %d", n, before+1)
		}
	})
}
