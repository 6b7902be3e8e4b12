package site

import (
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// TestSharePhoto: previews get the 1280-wide copy of a wider photo (JPEG
// for JPEG and WebP, PNG for PNG), a narrower photo itself unless it is
// WebP, and the height the library gives the copy.
func TestSharePhoto(t *testing.T) {
	const hash = "ab/0123456789abcdef0123456789abcdef"
	tests := []struct {
		key           string
		width, height int
		want          string
		wantW, wantH  int
	}{
		{hash + ".jpg", 4000, 3000, hash + "-w1280.jpg", 1280, 960},
		{hash + ".jpg", 1281, 721, hash + "-w1280.jpg", 1280, 720},
		{hash + ".jpg", 1280, 720, hash + ".jpg", 1280, 720},
		{hash + ".jpg", 800, 600, hash + ".jpg", 800, 600},
		{hash + ".png", 2000, 1000, hash + "-w1280.png", 1280, 640},
		{hash + ".webp", 2000, 1000, hash + "-w1280.jpg", 1280, 640},
		{hash + ".webp", 1000, 500, hash + "-w960.jpg", 960, 480},
		{hash + ".webp", 300, 200, hash + ".webp", 300, 200}, // no copy is narrower
		{hash + ".jpg", 0, 0, hash + ".jpg", 0, 0},           // size unknown: the photo itself
	}
	for _, tt := range tests {
		key, w, h := sharePhoto(news.Image{Key: tt.key, Width: tt.width, Height: tt.height})
		if key != tt.want || w != tt.wantW || h != tt.wantH {
			t.Errorf("%s %dx%d: %s %dx%d, want %s %dx%d", tt.key, tt.width, tt.height, key, w, h, tt.want, tt.wantW, tt.wantH)
		}
	}
}
