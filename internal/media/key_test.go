package media

import (
	"bytes"
	"image"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

func TestSrcset(t *testing.T) {
	t.Parallel()
	const h = "ab/ab0123456789abcdef0123456789abcd"
	tests := []struct {
		name string
		im   news.Image
		want string
	}{
		{"1200-wide JPEG", news.Image{Key: h + ".jpg", Width: 1200},
			"/media/" + h + "-w320.jpg 320w, /media/" + h + "-w640.jpg 640w, /media/" + h + "-w960.jpg 960w, /media/" + h + ".jpg 1200w"},
		{"300-wide JPEG", news.Image{Key: h + ".jpg", Width: 300}, "/media/" + h + ".jpg 300w"},
		{"exactly 640 wide", news.Image{Key: h + ".jpg", Width: 640}, "/media/" + h + "-w320.jpg 320w, /media/" + h + ".jpg 640w"},
		{"PNG variants stay PNG", news.Image{Key: h + ".png", Width: 700},
			"/media/" + h + "-w320.png 320w, /media/" + h + "-w640.png 640w, /media/" + h + ".png 700w"},
		{"WebP variants are JPEG", news.Image{Key: h + ".webp", Width: 4000},
			"/media/" + h + "-w320.jpg 320w, /media/" + h + "-w640.jpg 640w, /media/" + h + "-w960.jpg 960w, /media/" + h + "-w1280.jpg 1280w, /media/" + h + ".webp 4000w"},
		{"no key", news.Image{Width: 1200}, ""},
		{"no width", news.Image{Key: h + ".jpg"}, ""},
		{"variant key", news.Image{Key: h + "-w640.jpg", Width: 640}, ""},
		{"foreign key", news.Image{Key: "../x.jpg", Width: 1200}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Srcset(tt.im); got != tt.want {
				t.Errorf("Srcset = %q\nwant     %q", got, tt.want)
			}
		})
	}
}

func TestURL(t *testing.T) {
	t.Parallel()
	if got := URL("ab/cd.jpg"); got != "/media/ab/cd.jpg" {
		t.Errorf("URL = %q", got)
	}
}

// TestSrcsetOpens checks that Srcset and Open agree: every address in the
// srcset of a saved photo opens, at the width it announces.
func TestSrcsetOpens(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	im := save(t, lib, encodeJPEG(t, 1000, 400))
	candidates := strings.Split(Srcset(im), ", ")
	if len(candidates) != 4 {
		t.Fatalf("srcset %q, want 3 variants and the original", candidates)
	}
	for _, c := range candidates {
		url, descriptor, _ := strings.Cut(c, " ")
		path, err := lib.Open(strings.TrimPrefix(url, "/media/"))
		if err != nil {
			t.Fatalf("%s: %v", url, err)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if want := strconv.Itoa(cfg.Width) + "w"; descriptor != want {
			t.Errorf("%s is %d wide, announced %s", url, cfg.Width, descriptor)
		}
	}
}
