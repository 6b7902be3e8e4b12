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
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	xwebp "golang.org/x/image/webp"

	"github.com/toasoan/toasoan/internal/news"
)

// encodeJPEG returns a w×h JPEG with enough texture that decoding and
// resizing cost what they cost on a photo.
func encodeJPEG(tb testing.TB, w, h int) []byte {
	tb.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x*y>>5 ^ x + y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// transparentPNG is a w×h PNG, transparent except for an opaque red top-left
// pixel block.
func transparentPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h / 4 {
		for x := range w / 4 {
			img.Set(x, y, color.NRGBA{255, 0, 0, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func newLibrary(t *testing.T) *Library {
	t.Helper()
	lib, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func save(t *testing.T, lib *Library, data []byte) news.Image {
	t.Helper()
	im, err := lib.Save(data)
	if err != nil {
		t.Fatal(err)
	}
	return im
}

// countDecodes makes lib count the originals it fully decodes.
func countDecodes(lib *Library) *atomic.Int32 {
	var n atomic.Int32
	lib.hooks.decode = func() { n.Add(1) }
	return &n
}

// variant is the key of im's variant of width w, spelt out by hand so the
// tests do not trust the code they test.
func variant(im news.Image, w int, ext string) string {
	return strings.TrimSuffix(im.Key, filepath.Ext(im.Key)) + "-w" + strconv.Itoa(w) + ext
}

func TestOpenVariant(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name         string
		data         []byte
		width        int
		ext          string
		wantW, wantH int
		format       string
		corner       string // top-right pixel of the variant, if checked
	}{
		{"JPEG", encodeJPEG(t, 1200, 800), 640, ".jpg", 640, 427, "jpeg", ""},
		{"PNG keeps transparency", transparentPNG(t, 1000, 500), 320, ".png", 320, 160, "png", "transparent"},
		{"transparent WebP on white", webpLossless(1000, 600, color.NRGBA{}), 960, ".jpg", 960, 576, "jpeg", "white"},
		{"JPEG as WebP", encodeJPEG(t, 1200, 800), 640, ".webp", 640, 427, "webp", ""},
		{"PNG as WebP keeps transparency", transparentPNG(t, 1000, 500), 320, ".webp", 320, 160, "webp", "transparent"},
		{"WebP as WebP", webpLossless(1000, 600, color.NRGBA{10, 20, 30, 0xff}), 960, ".webp", 960, 576, "webp", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lib := newLibrary(t)
			im := save(t, lib, tt.data)
			key := variant(im, tt.width, tt.ext)
			path, err := lib.Open(key)
			if err != nil {
				t.Fatalf("Open(%q): %v", key, err)
			}
			if want := filepath.Join(lib.dir, filepath.FromSlash(key)); path != want {
				t.Fatalf("Open(%q) = %q, want %q", key, path, want)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			var img image.Image
			format := "webp"
			if tt.ext == ".webp" {
				img, err = xwebp.Decode(bytes.NewReader(data)) // a decoder independent of the encoder
			} else {
				img, format, err = image.Decode(bytes.NewReader(data))
			}
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); format != tt.format || b.Dx() != tt.wantW || b.Dy() != tt.wantH {
				t.Fatalf("variant is %s %v, want %s %d×%d", format, b, tt.format, tt.wantW, tt.wantH)
			}
			c := color.NRGBAModel.Convert(img.At(tt.wantW-1, 0)).(color.NRGBA)
			if tt.corner == "transparent" && c.A != 0 || tt.corner == "white" && min(c.R, c.G, c.B) < 250 {
				t.Errorf("corner %v, want %s", c, tt.corner)
			}
		})
	}
}

// withPNGText returns p with a tEXt chunk key=value after its header, as
// editing programs write the author into a PNG.
func withPNGText(p []byte, key, value string) []byte {
	const afterIHDR = 8 + 8 + 13 + 4 // signature, then IHDR's length, type, data and CRC
	chunk := append([]byte("tEXt"+key+"\x00"), value...)
	var b bytes.Buffer
	b.Write(p[:afterIHDR])
	b.Write(binary.BigEndian.AppendUint32(nil, uint32(len(chunk)-4)))
	b.Write(chunk)
	b.Write(binary.BigEndian.AppendUint32(nil, crc32.ChecksumIEEE(chunk)))
	b.Write(p[afterIHDR:])
	return b.Bytes()
}

// TestOpenOriginal: an original's own address gives its full-size clean
// copy, never the uploaded file.
func TestOpenOriginal(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	for _, tt := range []struct {
		data         []byte
		wantW, wantH int
		format       string
	}{
		{encodeJPEG(t, 40, 30), 40, 30, "jpeg"},
		{encodeJPEG(t, 3000, 20), MaxDisplayWidth, 14, "jpeg"},
		{withPNGText(encodePNG(t, 50, 20), "Author", "Thu Hà"), 50, 20, "png"},
		{webpLossless(30, 10, color.NRGBA{1, 2, 3, 0xff}), 30, 10, "webp"},
	} {
		im := save(t, lib, tt.data)
		path, err := lib.Open(im.Key)
		if err != nil {
			t.Fatalf("Open(%q): %v", im.Key, err)
		}
		original, _ := lib.Path(im.Key)
		if path == original {
			t.Fatalf("Open(%q) gives the original", im.Key)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(data, tt.data) {
			t.Fatalf("%s: the clean copy is the uploaded file", im.Key)
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil || format != tt.format || cfg.Width != tt.wantW || cfg.Height != tt.wantH {
			t.Errorf("%s: %s %d×%d, %v; want %s %d×%d", im.Key, format, cfg.Width, cfg.Height, err, tt.format, tt.wantW, tt.wantH)
		}
		again, err := lib.Open(im.Key)
		if err != nil || again != path {
			t.Errorf("again: %q, %v", again, err)
		}
	}
}

func TestOpenVariantOnce(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	decodes := countDecodes(lib)
	key := variant(save(t, lib, encodeJPEG(t, 700, 300)), 320, ".jpg")
	first, err := lib.Open(key)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(first)
	restarted, err := New(lib.dir) // a new process finds the file too
	if err != nil {
		t.Fatal(err)
	}
	restarted.hooks.decode = lib.hooks.decode
	for _, l := range []*Library{lib, restarted} {
		if path, err := l.Open(key); err != nil || path != first {
			t.Fatalf("again: %q, %v", path, err)
		}
	}
	after, _ := os.Stat(first)
	if n := decodes.Load(); n != 1 || !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("%d decodes, mtime %v then %v; want 1 decode, file untouched", n, before.ModTime(), after.ModTime())
	}
}

// TestOpenConcurrent holds the first decode until every other request has
// joined it, so the requests really overlap.
func TestOpenConcurrent(t *testing.T) {
	t.Parallel()
	const requests = 8
	lib := newLibrary(t)
	key := variant(save(t, lib, encodeJPEG(t, 900, 600)), 640, ".jpg")
	var decodes atomic.Int32
	release, joined := make(chan struct{}), make(chan struct{}, requests)
	lib.hooks.decode = func() { decodes.Add(1); <-release }
	lib.hooks.join = func() { joined <- struct{}{} }

	paths, errs := make([]string, requests), make([]error, requests)
	var wg sync.WaitGroup
	for i := range requests {
		wg.Go(func() { paths[i], errs[i] = lib.Open(key) })
	}
	watchdog := time.After(10 * time.Second)
	for range requests - 1 {
		select {
		case <-joined:
		case <-watchdog:
			close(release)
			t.Fatal("requests did not wait for the one in flight")
		}
	}
	close(release)
	wg.Wait()
	for i := range requests {
		if errs[i] != nil || paths[i] != paths[0] {
			t.Errorf("request %d: %q, %v", i, paths[i], errs[i])
		}
	}
	if n := decodes.Load(); n != 1 {
		t.Errorf("%d decodes, want 1", n)
	}
}

// BenchmarkVariant measures making one variant: decoding a 1200×800 JPEG,
// resizing it to 640 wide and encoding and writing the result, as JPEG
// and as WebP. The WebP encoder's one-off WebAssembly compilation happens
// before the timer starts (see docs/BENCHMARKS.md for its cost).
func BenchmarkVariant(b *testing.B) {
	for _, ext := range []string{".jpg", ".webp"} {
		b.Run(ext[1:], func(b *testing.B) {
			lib, err := New(b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			im, err := lib.Save(encodeJPEG(b, 1200, 800))
			if err != nil {
				b.Fatal(err)
			}
			key := variant(im, 640, ext)
			for b.Loop() {
				path, err := lib.Open(key)
				if err != nil {
					b.Fatal(err)
				}
				if err := os.Remove(path); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
