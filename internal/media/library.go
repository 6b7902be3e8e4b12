// Package media keeps photo files in a folder (the data folder, or shared
// storage when several servers run) under names made of their content hash,
// so a file's URL never changes meaning and can be cached forever.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	_ "image/jpeg" // decoders for image.DecodeConfig
	_ "image/png"
	"net/http"
	"os"
	"path/filepath"
	"regexp"

	"github.com/toasoan/toasoan/internal/news"
)

// Limits on what Save accepts.
const (
	MaxBytes  = 20 << 20   // 20 MiB per file
	MaxPixels = 50_000_000 // refuses decompression bombs before decoding
)

// Library is a folder of photo files.
type Library struct {
	dir string
}

// New returns a library over dir, creating it if needed.
func New(dir string) (*Library, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media folder: %w", err)
	}
	return &Library{dir: dir}, nil
}

var extensions = map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}

// keyPattern is the only shape a key may have, so a key from a URL can
// never name a file outside the folder.
var keyPattern = regexp.MustCompile(`^[0-9a-f]{2}/[0-9a-f]{32}\.(jpg|png|webp)$`)

// Save checks data is a photo of an accepted type (by content, never by
// name) and size, writes it, and returns its description without an id.
func (l *Library) Save(data []byte) (news.Image, error) {
	if len(data) > MaxBytes {
		return news.Image{}, news.Errorf(news.TooLarge, "Ảnh quá lớn: tối đa %d MB", MaxBytes>>20)
	}
	mime := http.DetectContentType(data)
	ext, ok := extensions[mime]
	if !ok {
		return news.Image{}, news.Errorf(news.Invalid, "Tệp không phải ảnh JPEG hoặc PNG")
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return news.Image{}, news.Errorf(news.Invalid, "Ảnh bị hỏng hoặc không đọc được")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > MaxPixels {
		return news.Image{}, news.Errorf(news.TooLarge, "Ảnh có quá nhiều điểm ảnh: tối đa %d triệu", MaxPixels/1_000_000)
	}
	sum := sha256.Sum256(data)
	name := hex.EncodeToString(sum[:16])
	key := name[:2] + "/" + name + ext
	path := filepath.Join(l.dir, filepath.FromSlash(key))
	if err := writeFileAtomic(path, data); err != nil {
		return news.Image{}, err
	}
	return news.Image{Key: key, MIME: mime, Width: cfg.Width, Height: cfg.Height, Bytes: int64(len(data))}, nil
}

// Path returns the file of key, or false for a key that is not one of ours.
func (l *Library) Path(key string) (string, bool) {
	if !keyPattern.MatchString(key) {
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
	defer os.Remove(tmp.Name())
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
