package media

import (
	"bytes"
	"image"
	"os"
	"path/filepath"
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
			"/media/" + h + "-w320.jpg 320w, /media/" + h + "-w640.jpg 640w, /media/" + h + "-w960.jpg 960w, /media/" + h + "-w1200.jpg 1200w"},
		{"300-wide JPEG", news.Image{Key: h + ".jpg", Width: 300}, "/media/" + h + "-w300.jpg 300w"},
		{"exactly 640 wide", news.Image{Key: h + ".jpg", Width: 640}, "/media/" + h + "-w320.jpg 320w, /media/" + h + "-w640.jpg 640w"},
		{"PNG variants stay PNG", news.Image{Key: h + ".png", Width: 700},
			"/media/" + h + "-w320.png 320w, /media/" + h + "-w640.png 640w, /media/" + h + "-w700.png 700w"},
		{"WebP variants are JPEG, capped", news.Image{Key: h + ".webp", Width: 4000},
			"/media/" + h + "-w320.jpg 320w, /media/" + h + "-w640.jpg 640w, /media/" + h + "-w960.jpg 960w, /media/" + h + "-w1280.jpg 1280w, /media/" + h + "-w2048.jpg 2048w"},
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

func TestWebPSrcset(t *testing.T) {
	t.Parallel()
	const h = "ab/ab0123456789abcdef0123456789abcd"
	for _, ext := range []string{".jpg", ".png", ".webp"} {
		got := WebPSrcset(news.Image{Key: h + ext, Width: 700})
		if want := "/media/" + h + "-w320.webp 320w, /media/" + h + "-w640.webp 640w, /media/" + h + "-w700.webp 700w"; got != want {
			t.Errorf("%s: WebPSrcset = %q\nwant          %q", ext, got, want)
		}
	}
	if got := WebPSrcset(news.Image{Key: "../x.jpg", Width: 700}); got != "" {
		t.Errorf("foreign key: %q", got)
	}
}

func TestURL(t *testing.T) {
	t.Parallel()
	if got := URL("ab/cd.jpg"); got != "/media/ab/cd.jpg" {
		t.Errorf("URL = %q", got)
	}
}

// TestSrcsetOpens checks that the srcsets and Open agree: every address
// in the JPEG and WebP srcsets of a saved photo opens, at the width it
// announces, in the format its extension says.
func TestSrcsetOpens(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	im := save(t, lib, encodeJPEG(t, 1000, 400))
	for _, set := range []string{Srcset(im), WebPSrcset(im)} {
		candidates := strings.Split(set, ", ")
		if len(candidates) != 4 {
			t.Fatalf("srcset %q, want 3 variants and the full-size copy", candidates)
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
			cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if want := strconv.Itoa(cfg.Width) + "w"; descriptor != want {
				t.Errorf("%s is %d wide, announced %s", url, cfg.Width, descriptor)
			}
			if want := map[string]string{".jpg": "jpeg", ".webp": "webp"}[filepath.Ext(url)]; format != want {
				t.Errorf("%s is %s", url, format)
			}
		}
	}
}
