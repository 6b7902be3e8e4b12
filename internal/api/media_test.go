package api_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/media/mediatest"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// smallPNG is a real 4×3 photo.
func smallPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var buf bytes.Buffer
	must(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// bombPNG is only a PNG header claiming w×h pixels: a decompression bomb
// must be refused from its header, before any decoding.
func bombPNG(w, h uint32) []byte {
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	chunk := append([]byte("IHDR"), ihdr...)
	out := []byte("\x89PNG\r\n\x1a\n")
	out = binary.BigEndian.AppendUint32(out, uint32(len(ihdr)))
	out = append(out, chunk...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(chunk))
}

// multipartBody builds an upload of fields, in order; "file" is sent as
// a file named name.
func multipartBody(t *testing.T, name string, fields [][2]string) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range fields {
		var err error
		if f[0] == "file" {
			var fw interface{ Write([]byte) (int, error) }
			fw, err = mw.CreateFormFile("file", name)
			must(t, err)
			_, err = fw.Write([]byte(f[1]))
		} else {
			err = mw.WriteField(f[0], f[1])
		}
		must(t, err)
	}
	must(t, mw.Close())
	return &buf, mw.FormDataContentType()
}

// TestMediaUpload uploads a photo, and things that only pretend to be one.
func TestMediaUpload(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		n := start(t, s)
		ctx := context.Background()
		upload := func(who, name string, fields [][2]string, contentType string) response {
			t.Helper()
			body, ct := multipartBody(t, name, fields)
			if contentType != "" {
				ct = contentType
			}
			req, err := http.NewRequest("POST", n.url+"/api/v1/media", body)
			must(t, err)
			req.Header.Set("Content-Type", ct)
			req.Header.Set("Authorization", "Bearer "+n.tokens[who])
			return n.send(req)
		}

		refused := []struct {
			name, who, file string
			fields          [][2]string
			contentType     string
			status          int
			code            string
		}{
			{"PHP renamed .jpg", "reporter", "anh.jpg", [][2]string{{"file", "<?php system($_GET['c']); ?>"}}, "", 400, "invalid"},
			{"empty file", "reporter", "anh.png", [][2]string{{"file", ""}}, "", 400, "invalid"},
			{"20000×20000 header", "reporter", "bom.png", [][2]string{{"file", string(bombPNG(20000, 20000))}}, "", 413, "too_large"},
			{"over 20 MB", "reporter", "to.png", [][2]string{{"file", string(smallPNG(t)) + string(make([]byte, 21<<20))}}, "", 413, "too_large"},
			{"no file", "reporter", "", [][2]string{{"caption", "Chỉ có chú thích"}}, "", 400, "invalid"},
			{"two files", "reporter", "anh.png", [][2]string{{"file", string(smallPNG(t))}, {"file", string(smallPNG(t))}}, "", 400, "invalid"},
			{"unknown field", "reporter", "anh.png", [][2]string{{"file", string(smallPNG(t))}, {"title", "x"}}, "", 400, "invalid"},
			{"caption too long", "reporter", "anh.png", [][2]string{{"caption", string(bytes.Repeat([]byte("ả"), 1001))}, {"file", string(smallPNG(t))}}, "", 400, "invalid"},
			{"not multipart", "reporter", "anh.png", [][2]string{{"file", string(smallPNG(t))}}, "application/json", 400, "invalid"},
			{"moderator", "moderator", "anh.png", [][2]string{{"file", string(smallPNG(t))}}, "", 403, "forbidden"},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				upload(tt.who, tt.file, tt.fields, tt.contentType).failure(t, tt.status, tt.code)
			})
		}
		heic := upload("reporter", "IMG_0001.HEIC", [][2]string{{"file", string(mediatest.HEIC())}}, "").failure(t, 400, "invalid")
		if !strings.HasPrefix(heic.Message, "Ảnh HEIC của iPhone chưa được hỗ trợ: hãy chuyển sang JPEG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất)") {
			t.Errorf("HEIC refused with %q", heic.Message)
		}
		if files := filesIn(t, n.mediaDir); files != 0 {
			t.Fatalf("refused uploads left %d files", files)
		}
		if _, err := s.Image(ctx, 1); err == nil {
			t.Fatal("a refused upload left a row in images")
		}

		var im struct {
			ID                   int64
			URL                  string
			Width, Height        int
			Alt, Caption, Credit string
		}
		upload("reporter", "con-duong.jpg", [][2]string{{"caption", "Con đường mới về xã Thạch Lạc"},
			{"credit", "Thu Hà"}, {"alt", "Đường bê tông"}, {"file", string(smallPNG(t))}}, "").into(t, http.StatusCreated, &im)
		if im.ID == 0 || im.Width != 4 || im.Height != 3 || im.Caption != "Con đường mới về xã Thạch Lạc" ||
			im.Credit != "Thu Hà" || im.Alt != "Đường bê tông" {
			t.Fatalf("uploaded: %+v", im)
		}
		stored, err := s.Image(ctx, im.ID)
		must(t, err)
		if im.URL != "/media/"+stored.Key || stored.MIME != "image/png" || filesIn(t, n.mediaDir) != 1 {
			t.Fatalf("url %q, stored %+v", im.URL, stored)
		}

		// A phone's portrait, stored sideways with EXIF orientation 6, is
		// reported upright: taller than wide.
		upload("reporter", "doc.jpg", [][2]string{{"file", string(mediatest.PhoneJPEG(t, 800, 450, 6, binary.BigEndian))}}, "").
			into(t, http.StatusCreated, &im)
		if im.Width != 450 || im.Height != 800 {
			t.Errorf("portrait reported %d×%d, want 450×800", im.Width, im.Height)
		}

		// The photo can now be an article's cover.
		a := n.create("reporter", map[string]any{"cover_image_id": im.ID})
		if a.CoverImageID == nil || *a.CoverImageID != im.ID {
			t.Fatalf("cover: %v", a.CoverImageID)
		}
	})
}
