// Package pagefiles writes the page cache's fresh public pages as files,
// for the nginx on the same machine to send without asking the server
// (deploy/nginx-pages.conf), and deletes each file the moment the cache
// drops its page: a correction is gone from the folder before the change's
// notice has been handled. It is the page cache's mirror
// (pagecache.Mirror).
//
// Only what nginx can send exactly as the server would is written: a 200
// HTML page for a path without a query or a reader's choices, whose
// headers are the ones the configuration adds to every file. Anything
// else is left to the server, so a file is never a different answer.
package pagefiles

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/web"
)

// marker names the folder as toasoan's: only a folder holding it (or an
// empty one) is emptied when a server starts.
const marker = ".toasoan-pages"

// Suffix follows a page's path in its file's name: the page /thoi-su is
// thoi-su.html, the home page / is .html, and nginx looks for $uri.html.
// A fixed suffix keeps every path its own file (/a and /a.html differ).
const Suffix = ".html"

// ContentType is the type nginx gives the files (default_type).
const ContentType = "text/html; charset=utf-8"

// Folder holds the page files of one server.
type Folder struct {
	dir      string
	log      *slog.Logger
	sent     map[string][]string // sentHeaders
	warnings rareWarning
}

// Open empties dir (creating it if need be) for a server starting: a page
// left by the server's last run may show what has changed since. A folder
// that holds anything but toasoan's pages is refused, so a mistyped path
// deletes nothing of anyone else's.
func Open(dir string, log *slog.Logger) (*Folder, error) {
	if dir == "" {
		return nil, errors.New("thư mục trang: chưa có đường dẫn")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("thư mục trang %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("thư mục trang %s: %w", dir, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("thư mục trang %s: %w", dir, err)
	}
	if len(entries) > 0 {
		if _, err := os.Stat(filepath.Join(dir, marker)); err != nil {
			return nil, fmt.Errorf("thư mục trang %s không trống và không phải thư mục trang của toasoan (thiếu tệp %s): hãy chọn một thư mục trống", dir, marker)
		}
	}
	for _, e := range entries {
		if e.Name() != marker {
			if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
				return nil, fmt.Errorf("thư mục trang %s: xóa trang cũ: %w", dir, err)
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, marker), []byte("Trang toasoan ghi cho nginx; máy chủ xóa hết khi khởi động.\n"), 0o644); err != nil {
		return nil, fmt.Errorf("thư mục trang %s: %w", dir, err)
	}
	return &Folder{dir: dir, log: log, sent: sentHeaders(), warnings: rareWarning{now: time.Now}}, nil
}

// sentHeaders is every header a page may carry to be written, with the
// only value allowed (nil: any): what deploy/nginx-pages.conf sends with
// a file, plus what a file does not need.
func sentHeaders() map[string][]string {
	return map[string][]string{
		"Content-Type":            {ContentType},
		"Cache-Control":           {pagecache.PublicCacheControl},
		"Vary":                    {"Accept-Encoding"},
		"X-Content-Type-Options":  {"nosniff"},
		"Content-Security-Policy": {web.ContentSecurityPolicy()},
		"Etag":                    nil, // nginx makes its own
		"Surrogate-Key":           nil, // for a proxy that purges by key: not this one
	}
}

// Dir is the folder's absolute path.
func (f *Folder) Dir() string { return f.dir }

// Keep writes page p of request key, if nginx can send it as the server
// would: its gzip variant first, then the page, each whole or not at all
// (written aside, then renamed), so nginx never sends half a page.
func (f *Folder) Keep(key string, p *pagecache.Page) bool {
	name, ok := f.file(key)
	if !ok || !sendable(f.sent, p) {
		return false
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		f.failed(key, err)
		return false
	}
	if p.Gzip != nil {
		if err := writeWhole(name+".gz", p.Gzip); err != nil {
			f.failed(key, err)
			return false
		}
	} else if err := removeIfThere(name + ".gz"); err != nil {
		f.failed(key, err)
		return false
	}
	if err := writeWhole(name, p.Body); err != nil {
		f.failed(key, err)
		f.Drop([]string{key})
		return false
	}
	return true
}

// Drop deletes the files of keys: the gzip variant first, since nginx's
// gzip_static sends it to a reader who takes gzip whether or not the page
// beside it is still there, then the page.
func (f *Folder) Drop(keys []string) {
	for _, key := range keys {
		name, ok := f.file(key)
		if !ok {
			continue
		}
		for _, n := range []string{name + ".gz", name} {
			if err := removeIfThere(n); err != nil {
				// A file that cannot be deleted keeps a page nginx
				// will send until someone deletes it by hand.
				f.log.Error("page files: an old page could not be deleted; nginx goes on sending it", "file", n, "err", err)
			}
		}
	}
}

// failed logs a page that could not be written, at most once a minute
// with how many failed since: a full disk fails every page, and the log
// must not fill what is left of it.
func (f *Folder) failed(key string, err error) {
	f.warnings.warn(f.log, "page files: a page could not be written; the server answers for it", "page", key, "err", err)
}

// rareWarning logs a failure that may repeat for every page at most once
// a minute, with how many there were since (failed_pages).
type rareWarning struct {
	now   func() time.Time
	mu    sync.Mutex
	count int       // failures since the last warning
	last  time.Time // when the last warning was logged
}

func (w *rareWarning) warn(log *slog.Logger, msg string, args ...any) {
	now := w.now()
	w.mu.Lock()
	w.count++
	if now.Sub(w.last) < time.Minute {
		w.mu.Unlock()
		return
	}
	n := w.count
	w.count, w.last = 0, now
	w.mu.Unlock()
	log.Warn(msg, append(args, "failed_pages", n)...)
}

// file is the file of request key, or false for a key nginx does not
// look up: with a query or a reader's choices (site's cacheKey), or a
// path of other characters than an address's plain ones.
func (f *Folder) file(key string) (string, bool) {
	if !plainPath(key) {
		return "", false
	}
	return filepath.Join(f.dir, filepath.FromSlash(key)+Suffix), true
}

// plainPath accepts an absolute path of ASCII letters, digits and -._~
// in segments that are neither empty (no //) nor start with a dot (no
// .., no hidden files); the root's own empty segment is allowed.
func plainPath(p string) bool {
	if len(p) == 0 || len(p) > 512 || p[0] != '/' {
		return false
	}
	for i := 1; i < len(p); i++ {
		c := p[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '~':
		case c == '.' || c == '/':
			if p[i-1] == '/' {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// sendable reports whether nginx's answer with p's file is the server's:
// a 200 whose every header is one the configuration sends (sent), with
// the same value.
func sendable(sent map[string][]string, p *pagecache.Page) bool {
	if p.Status != http.StatusOK {
		return false
	}
	for k, v := range p.Header {
		allowed, ok := sent[k]
		if !ok || (allowed != nil && !slices.Equal(v, allowed)) {
			return false
		}
	}
	return p.Header.Get("Content-Type") == ContentType
}

// writeWhole writes data to name through a file beside it, renamed into
// place: readable by nginx's user, and never seen half written.
func writeWhole(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), name)
	}
	if err != nil {
		_ = os.Remove(tmp.Name()) // best effort: the error that matters is returned
		return err
	}
	return nil
}

func removeIfThere(name string) error {
	err := os.Remove(name)
	if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
		return nil
	}
	return err
}
