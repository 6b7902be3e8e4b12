package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

func encodePNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	img.Set(0, 0, color.RGBA{1, 2, 3, 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pngHeader is a PNG that claims w×h pixels but carries no image data: a
// decompression bomb must be refused from its header alone.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 2 // 8-bit RGB
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(ihdr))))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
	return b.Bytes()
}

func TestSave(t *testing.T) {
	t.Parallel()
	lib, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var jpg bytes.Buffer
	if err := jpeg.Encode(&jpg, image.NewGray(image.Rect(0, 0, 40, 30)), nil); err != nil {
		t.Fatal(err)
	}

	im, err := lib.Save(jpg.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if im.MIME != "image/jpeg" || im.Width != 40 || im.Height != 30 || im.Bytes != int64(jpg.Len()) {
		t.Fatalf("saved %+v", im)
	}
	path, ok := lib.Path(im.Key)
	if !ok {
		t.Fatalf("key %q not accepted back", im.Key)
	}
	if data, err := os.ReadFile(path); err != nil || !bytes.Equal(data, jpg.Bytes()) {
		t.Fatalf("stored file differs: %v", err)
	}
	again, err := lib.Save(jpg.Bytes())
	if err != nil || again.Key != im.Key {
		t.Fatalf("same bytes saved under %q, want %q (%v)", again.Key, im.Key, err)
	}
	if p, err := lib.Save(encodePNG(t, 3, 2)); err != nil || p.MIME != "image/png" {
		t.Fatalf("png: %+v, %v", p, err)
	}
}

func TestSaveRefuses(t *testing.T) {
	t.Parallel()
	lib, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	valid := encodePNG(t, 10, 10)
	tests := []struct {
		name string
		data []byte
		code news.Code
	}{
		{"PHP renamed .jpg", []byte("<?php system($_GET['c']); ?>"), news.Invalid},
		{"HTML", []byte("<html><script>alert(1)</script></html>"), news.Invalid},
		{"empty", nil, news.Invalid},
		{"truncated PNG", valid[:20], news.Invalid},
		{"GIF", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), news.Invalid},
		{"20000×20000 PNG", pngHeader(20000, 20000), news.TooLarge},
		{"16384×16384 WebP", webpLossless(16384, 16384, color.NRGBA{A: 0xff}), news.TooLarge},
		{"truncated WebP", webpLossless(10, 10, color.NRGBA{A: 0xff})[:22], news.Invalid},
		{"RIFF but WAVE", []byte("RIFF\x24\x00\x00\x00WAVEfmt \x10\x00\x00\x00"), news.Invalid},
		{"over the byte limit", append(valid, make([]byte, MaxBytes)...), news.TooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := lib.Save(tt.data)
			if news.ErrorCode(err) != tt.code {
				t.Fatalf("Save = %v, want code %s", err, tt.code)
			}
			if news.ErrorMessage(err) == "" {
				t.Error("no message for the reader")
			}
		})
	}
	entries, _ := os.ReadDir(lib.dir)
	if len(entries) != 0 {
		t.Errorf("refused files left %d entries in the folder", len(entries))
	}
}

func TestPathRefusesForeignKeys(t *testing.T) {
	t.Parallel()
	lib := &Library{dir: "/srv/media"}
	for _, key := range []string{"../etc/passwd", "ab/../../x.jpg", "ab/0123456789abcdef0123456789abcdef.php", "/ab/0123456789abcdef0123456789abcdef.jpg", ""} {
		if _, ok := lib.Path(key); ok {
			t.Errorf("Path(%q) accepted", key)
		}
	}
}
