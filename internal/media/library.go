// Package media keeps photo files in a folder (the data folder, or shared
// storage when several servers run) under names made of their content hash,
// so a file's URL never changes meaning and can be cached forever.
package media

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"net/http"
	"os"
	"path/filepath"
	"sync"

	"github.com/toasoan/toasoan/internal/news"
)

// Limits on what Save accepts.
const (
	MaxBytes  = 20 << 20   // 20 MiB per file
	MaxPixels = 50_000_000 // refuses decompression bombs before decoding
)

// resizeSlots bounds how many originals are decoded for variants at once:
// a 50-megapixel original takes ~200 MB once decoded, and a fresh page of
// photos asks for many variants together.
const resizeSlots = 2

// Library is a folder of photo files. Make one with New.
type Library struct {
	dir string

	slots    chan struct{}      // resizeSlots tokens, see makeVariant
	mu       sync.Mutex         // guards inflight
	inflight map[string]*flight // variant key -> the request creating it
	hooks    testHooks
}

// testHooks let tests count decodes and hold one in progress; nil in use.
type testHooks struct {
	decode func() // before an original is fully decoded for a variant
	join   func() // when a request waits for another one's variant
}

// New returns a library over dir, creating it if needed.
func New(dir string) (*Library, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media folder: %w", err)
	}
	return &Library{
		dir:      dir,
		slots:    make(chan struct{}, resizeSlots),
		inflight: make(map[string]*flight),
	}, nil
}

// extensions maps the accepted types, as http.DetectContentType names them,
// to the extension of their files.
func extensions(mime string) (string, bool) {
	switch mime {
	case "image/jpeg":
		return ".jpg", true
	case "image/png":
		return ".png", true
	case "image/webp":
		return ".webp", true
	}
	return "", false
}

// Save checks data is a photo of an accepted type (by content, never by
// name) and size, writes it, and returns its description without an id.
func (l *Library) Save(data []byte) (news.Image, error) {
	im, err := l.Check(data)
	if err != nil {
		return im, err
	}
	path := filepath.Join(l.dir, filepath.FromSlash(im.Key))
	if err := writeFileAtomic(path, data); err != nil {
		return news.Image{}, err
	}
	return im, nil
}

// Check is Save without writing: the description Save would return, or
// why it would refuse the file.
func (l *Library) Check(data []byte) (news.Image, error) {
	if len(data) > MaxBytes {
		return news.Image{}, news.Errorf(news.TooLarge, "Ảnh quá lớn: tối đa %d MB", MaxBytes>>20)
	}
	if isHEIF(data) {
		return news.Image{}, news.Errorf(news.Invalid, "Ảnh HEIC của iPhone chưa được hỗ trợ: hãy chuyển sang JPEG "+
			"(trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất) rồi tải lên lại")
	}
	mime := http.DetectContentType(data)
	ext, ok := extensions(mime)
	if !ok {
		return news.Image{}, news.Errorf(news.Invalid, "Tệp không phải ảnh JPEG, PNG hoặc WebP")
	}
	h, err := readHeader(data, mime)
	if err != nil {
		return news.Image{}, news.Errorf(news.Invalid, "Ảnh bị hỏng hoặc không đọc được")
	}
	if !pixelsAllowed(image.Config{Width: h.width, Height: h.height}) {
		return news.Image{}, news.Errorf(news.TooLarge, "Ảnh có quá nhiều điểm ảnh: tối đa %d triệu", MaxPixels/1_000_000)
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:16])
	key := name[:2] + "/" + name + ext
	// The size readers see: a phone's portrait, stored sideways with an
	// orientation tag, is reported taller than wide.
	w, ht := h.uprightSize()
	return news.Image{Key: key, MIME: mime, Width: w, Height: ht, Bytes: int64(len(data))}, nil
}

// isHEIF reports whether data is a HEIF file (an iPhone's HEIC photo):
// an ISO media "ftyp" box whose brands are HEIF's. AVIF, also HEIF-based,
// names its own major brand and gets the generic refusal.
func isHEIF(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	size := int(binary.BigEndian.Uint32(data))
	if size < 16 || size > len(data) {
		size = min(len(data), 64) // a short or lying box: look at its start only
	}
	major := string(data[8:12])
	if major == "avif" || major == "avis" {
		return false
	}
	for p := 8; p+4 <= size; p += 4 {
		if p == 12 {
			continue // the minor version, not a brand
		}
		switch string(data[p : p+4]) {
		case "heic", "heix", "heim", "heis", "hevc", "hevx", "hevm", "hevs", "mif1", "msf1":
			return true
		}
	}
	return false
}

// pixelsAllowed reports whether an image of cfg's size may be decoded. The
// product is taken in int64 so that a forged header cannot overflow it on a
// 32-bit build.
func pixelsAllowed(cfg image.Config) bool {
	return cfg.Width > 0 && cfg.Height > 0 && int64(cfg.Width)*int64(cfg.Height) <= MaxPixels
}

// Path returns the file of an original's key, or false for a key that is not
// one of ours. It knows nothing of variants; Open serves both.
func (l *Library) Path(key string) (string, bool) {
	if k, ok := parseKey(key); !ok || k.width != 0 {
		return "", false
	}
	return filepath.Join(l.dir, filepath.FromSlash(key)), true
}

// writeFileAtomic writes through a temporary file and a rename, so that a
// reader never sees half a photo.
func writeFileAtomic(path string, data []byte) error {
	if _, err := os.Stat(path); err == nil {
		return nil // same content hash: already stored
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("media folder: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".upload-*")
	if err != nil {
		return fmt.Errorf("save photo: %w", err)
	}
	// Gone once renamed; on any failure before, the partial file goes.
	defer func() { _ = os.Remove(tmp.Name()) }()
	// CreateTemp makes files only the owner can read; a web server or
	// backup job running as another user must read photos too.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("save photo: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("save photo: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("save photo: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("save photo: %w", err)
	}
	return nil
}
