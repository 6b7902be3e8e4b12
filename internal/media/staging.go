package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/toasoan/toasoan/internal/news"
)

// Original opens the file of an original by its key, for a backup to
// copy; an error wrapping fs.ErrNotExist says the file is missing.
func (l *Library) Original(key string) (*os.File, error) {
	path, ok := l.Path(key)
	if !ok {
		return nil, fmt.Errorf("%q is not the key of an original photo", key)
	}
	return os.Open(path)
}

// IsOriginal reports whether key is shaped as an original's key.
func IsOriginal(key string) bool {
	k, ok := parseKey(key)
	return ok && k.width == 0
}

// MatchesContent reports whether sum, the SHA-256 of a file, is the hash
// key is named after: a photo's name is its checksum.
func MatchesContent(key string, sum []byte) bool {
	k, ok := parseKey(key)
	if !ok || len(sum) != sha256.Size {
		return false
	}
	name := hex.EncodeToString(sum[:16])
	return k.base == name[:2]+"/"+name
}

// Staging is a folder inside the library where a restore's originals wait
// until the rows that name them are committed: then Commit moves them
// into place, or Discard removes them. It lives in the library's folder
// so that the move is a rename on the same file system.
type Staging struct {
	library *Library
	dir     string
}

// NewStaging makes an empty staging folder.
func (l *Library) NewStaging() (*Staging, error) {
	dir, err := os.MkdirTemp(l.dir, ".restore-")
	if err != nil {
		return nil, fmt.Errorf("staging folder: %w", err)
	}
	return &Staging{library: l, dir: dir}, nil
}

// Add writes the original named key from r into the staging folder and
// returns its size. It refuses a name that is not an original's key, a
// file larger than Save accepts, and content whose hash is not the one
// its name says.
func (st *Staging) Add(key string, r io.Reader) (int64, error) {
	if !IsOriginal(key) {
		return 0, news.Errorf(news.Invalid, "Tên %q không phải tên một ảnh gốc", key)
	}
	path := filepath.Join(st.dir, filepath.FromSlash(key))
	if _, err := os.Stat(path); err == nil {
		return 0, news.Errorf(news.Invalid, "Ảnh %s có hai lần trong bản sao lưu", key)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, fmt.Errorf("staging folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return 0, fmt.Errorf("stage photo: %w", err)
	}
	sum := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, sum), io.LimitReader(r, MaxBytes+1))
	err = errors.Join(err, f.Close())
	switch {
	case err != nil:
		return n, fmt.Errorf("stage photo %s: %w", key, err)
	case n > MaxBytes:
		return n, news.Errorf(news.TooLarge, "Ảnh %s lớn hơn %d MB", key, MaxBytes>>20)
	case !MatchesContent(key, sum.Sum(nil)):
		return n, news.Errorf(news.Invalid, "Nội dung ảnh %s không khớp với tên của nó (tệp hỏng hoặc bị sửa)", key)
	}
	return n, nil
}

// Has reports whether key's original is staged or already in the library.
func (st *Staging) Has(key string) bool {
	if !IsOriginal(key) {
		return false
	}
	if _, err := os.Stat(filepath.Join(st.dir, filepath.FromSlash(key))); err == nil {
		return true
	}
	path, _ := st.library.Path(key)
	_, err := os.Stat(path)
	return err == nil
}

// Commit moves every staged original into the library (one already there
// has the same content: its name is its hash) and removes the folder.
func (st *Staging) Commit() error {
	err := filepath.WalkDir(st.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(st.dir, path)
		if err != nil {
			return err
		}
		target, ok := st.library.Path(filepath.ToSlash(rel))
		if !ok {
			return fmt.Errorf("staged file %s is not an original", rel)
		}
		if _, err := os.Stat(target); err == nil {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.Rename(path, target)
	})
	if err != nil {
		return fmt.Errorf("move restored photos from %s into place: %w", st.dir, err)
	}
	return os.RemoveAll(st.dir)
}

// Discard removes the staging folder and everything in it.
func (st *Staging) Discard() error { return os.RemoveAll(st.dir) }
