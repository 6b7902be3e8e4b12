package media

import (
	"image/color"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

func TestOpenRefuses(t *testing.T) {
	t.Parallel()
	lib := newLibrary(t)
	decodes := countDecodes(lib)
	wide := save(t, lib, encodeJPEG(t, 1200, 800))
	narrow := save(t, lib, encodePNG(t, 300, 200))
	base := strings.TrimSuffix(wide.Key, ".jpg")
	missing := "ff/ffffffffffffffffffffffffffffffff"
	tests := []struct{ name, key string }{
		{"empty", ""},
		{"parent folder", "../etc/passwd"},
		{"dot dot inside", "ab/../../" + base[3:] + "-w640.jpg"},
		{"absolute", "/" + base + "-w640.jpg"},
		{"upper case hash", strings.ToUpper(base) + "-w640.jpg"},
		{"trailing newline", base + "-w640.jpg\n"},
		{"script extension", base + "-w640.php"},
		{"width not in the list", base + "-w641.jpg"},
		{"leading zero", base + "-w0640.jpg"},
		{"negative width", base + "-w-640.jpg"},
		{"empty width", base + "-w.jpg"},
		{"huge width", base + "-w99999999999999999999.jpg"},
		{"width of no variant", base + "-w1000.jpg"},
		{"wider than the original", base + "-w1280.jpg"},
		{"wider than the full-size cap", base + "-w2049.jpg"},
		{"WebP wider than the original", base + "-w1280.webp"},
		{"wider than a small PNG", strings.TrimSuffix(narrow.Key, ".png") + "-w320.png"},
		{"PNG variant of a JPEG", base + "-w640.png"},
		{"WebP variant of a missing original", missing + "-w640.webp"},
		{"variant of a missing original", missing + "-w640.jpg"},
		{"missing original", missing + ".jpg"},
		{"original under another extension", base + ".png"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := lib.Open(tt.key)
			if news.ErrorCode(err) != news.NotFound || news.ErrorMessage(err) != "Không tìm thấy ảnh" {
				t.Fatalf("Open(%q) = %q, %v; want not found", tt.key, path, err)
			}
		})
	}
	if n := decodes.Load(); n != 0 {
		t.Errorf("%d originals decoded for refused keys", n)
	}
	if files := countFiles(t, lib.dir); files != 2 {
		t.Errorf("%d files in the folder, want the 2 originals", files)
	}
}

// TestOpenVariantOfBomb places originals that Save would refuse straight in
// the folder: a variant must not decode them.
func TestOpenVariantOfBomb(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, original string
		data           []byte
	}{
		{"PNG header of 20000×20000", "ab/ab0123456789abcdef0123456789abcd.png", pngHeader(20000, 20000)},
		{"complete 16384×16384 WebP", "cd/cd0123456789abcdef0123456789abcd.webp", webpLossless(16384, 16384, color.NRGBA{A: 0xff})},
		{"not an image", "ef/ef0123456789abcdef0123456789abcd.jpg", []byte("<?php ?>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			lib := newLibrary(t)
			decodes := countDecodes(lib)
			path := filepath.Join(lib.dir, filepath.FromSlash(tt.original))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, tt.data, 0o644); err != nil {
				t.Fatal(err)
			}
			ext := variantExt(filepath.Ext(tt.original))
			key := strings.TrimSuffix(tt.original, filepath.Ext(tt.original)) + "-w640" + ext
			_, err := lib.Open(key)
			// Internal, not NotFound: the file is ours and broken, which the
			// error adapter should log.
			if news.ErrorCode(err) != news.Internal {
				t.Errorf("Open(%q) = %v, want an internal error", key, err)
			}
			if n := decodes.Load(); n != 0 {
				t.Errorf("original decoded %d times", n)
			}
			if files := countFiles(t, lib.dir); files != 1 {
				t.Errorf("%d files in the folder, want only the original", files)
			}
		})
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
