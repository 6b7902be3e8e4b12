package media

import (
	"bytes"
	"image"
	"image/png"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// Whatever bytes are uploaded, Save sniffs them by content and answers a
// photo with its size, or a refusal the newsroom can show (Invalid or
// TooLarge): never a panic, never an internal error.
func FuzzSave(f *testing.F) {
	var small bytes.Buffer
	if err := png.Encode(&small, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{nil, []byte("<script>alert(1)</script>"), small.Bytes(), pngHeader(50000, 50000), pngHeader(1, 1),
		[]byte("\xff\xd8\xff\xe0garbage"), []byte("RIFF\x00\x00\x00\x00WEBPVP8L"), []byte("GIF89a")} {
		f.Add(seed)
	}
	lib, err := New(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := lib.Save(data)
		if err != nil {
			if code := news.ErrorCode(err); code != news.Invalid && code != news.TooLarge {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		if im.Width <= 0 || im.Height <= 0 || im.Key == "" || int64(im.Width)*int64(im.Height) > MaxPixels {
			t.Fatalf("accepted %+v", im)
		}
	})
}
