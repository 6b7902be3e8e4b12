package media

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/toasoan/toasoan/internal/news"
)

func errNoImage() error { return news.Errorf(news.NotFound, "Không tìm thấy ảnh") }

// Open returns the file to serve for key. A variant ("ab/<hash>-w640.jpg",
// or .webp) is made from its original on first request and kept, so later
// requests only cost a stat. An original's own key never gives the
// original, which may carry the camera's metadata (GPS position, serial
// number): it gives the full-size clean copy, the same bytes for everyone,
// as immutable caching needs. Keys that are not ours, widths the photo is
// not made at (widthsFor) and missing originals are news.NotFound.
func (l *Library) Open(s string) (string, error) {
	k, ok := parseKey(s)
	if !ok || k.width > MaxDisplayWidth {
		return "", errNoImage()
	}
	if k.width == 0 {
		w, err := l.uprightWidth(k)
		if err != nil {
			return "", err
		}
		k = k.clean(w)
	}
	path := l.file(k)
	switch ok, err := exists(path); {
	case err != nil:
		return "", err
	case ok:
		return path, nil
	}
	return l.once(k.String(), func() (string, error) { return l.makeVariant(k, path) })
}

// uprightWidth reads the width readers see of the original k from the
// start of its file, where the size and the orientation are.
func (l *Library) uprightWidth(k key) (int, error) {
	f, err := os.Open(l.file(k))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, errNoImage()
	}
	if err != nil {
		return 0, fmt.Errorf("open photo: %w", err)
	}
	defer f.Close()
	head := make([]byte, headBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return 0, fmt.Errorf("open photo %s: %w", k, err)
	}
	h, err := readHeader(head[:n], mimeOf(k.ext))
	if err != nil && n == headBytes {
		// Large metadata before the size: read it all.
		data, rerr := os.ReadFile(l.file(k))
		if rerr != nil {
			return 0, fmt.Errorf("open photo %s: %w", k, rerr)
		}
		h, err = readHeader(data, mimeOf(k.ext))
	}
	if err != nil {
		return 0, fmt.Errorf("open photo %s: %w", k, err)
	}
	w, _ := h.uprightSize()
	return w, nil
}

// headBytes is enough of a file for its size and Exif segment (at most
// 64 KB) in practice.
const headBytes = 256 << 10

// mimeOf is the type of an original with extension ext.
func mimeOf(ext string) string {
	switch ext {
	case ".jpg":
		return "image/jpeg"
	case ".png":
		return "image/png"
	}
	return "image/webp"
}

func (l *Library) file(k key) string {
	return filepath.Join(l.dir, filepath.FromSlash(k.String()))
}

// exists reports whether path is there; errors other than absence are the
// server's problem, not the reader's.
func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("open photo: %w", err)
	}
	return true, nil
}

// flight is one variant being made; requests for the same key wait on done
// and share path and err instead of decoding the original again.
type flight struct {
	done chan struct{}
	path string
	err  error
}

// once runs run for key unless a run is already in progress, in which case
// it waits for that run's result.
func (l *Library) once(key string, run func() (string, error)) (string, error) {
	l.mu.Lock()
	if f, ok := l.inflight[key]; ok {
		l.mu.Unlock()
		if l.hooks.join != nil {
			l.hooks.join()
		}
		<-f.done
		return f.path, f.err
	}
	// If run panics, waiters must not take an empty path for success.
	f := &flight{done: make(chan struct{}), err: errors.New("make variant: interrupted")}
	l.inflight[key] = f
	l.mu.Unlock()

	defer func() {
		l.mu.Lock()
		delete(l.inflight, key)
		l.mu.Unlock()
		close(f.done)
	}()
	f.path, f.err = run()
	return f.path, f.err
}
