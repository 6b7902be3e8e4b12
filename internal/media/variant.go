package media

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/toasoan/toasoan/internal/news"
)

func errNoImage() error { return news.Errorf(news.NotFound, "Không tìm thấy ảnh") }

// Open returns the file of key. An original must already exist; a variant
// ("ab/<hash>-w640.jpg") is made from its original on first request and
// kept, so later requests only cost a stat. Keys that are not ours, widths
// not in VariantWidths or not narrower than the original, and missing
// originals are news.NotFound.
func (l *Library) Open(s string) (string, error) {
	k, ok := parseKey(s)
	if !ok {
		return "", errNoImage()
	}
	if k.width != 0 && !slices.Contains(VariantWidths(), k.width) {
		return "", errNoImage()
	}
	path := l.file(k)
	switch ok, err := exists(path); {
	case err != nil:
		return "", err
	case ok:
		return path, nil
	case k.width == 0:
		return "", errNoImage()
	}
	return l.once(k.String(), func() (string, error) { return l.makeVariant(k, path) })
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
