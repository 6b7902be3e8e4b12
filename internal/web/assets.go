package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// asset is one static file, served under a name that carries its content
// hash ("style.3f2a9c1b.css") so browsers may cache it forever.
type asset struct {
	name string
	data []byte
	mime string
}

// Assets maps hashed names to files, and plain names to hashed URLs.
type Assets struct {
	byHashed map[string]asset
	urls     map[string]string
}

// LoadAssets hashes the embedded static files, once at start-up.
func LoadAssets() (*Assets, error) {
	as := &Assets{byHashed: map[string]asset{}, urls: map[string]string{}}
	err := fs.WalkDir(embedded, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := embedded.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(data)
		ext := path.Ext(name)
		hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
		as.byHashed[hashed] = asset{name: name, data: data, mime: mime.TypeByExtension(ext)}
		as.urls[name] = "/static/" + hashed
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	return as, nil
}

// URL is the template function "asset": the hashed URL of a static file.
func (as *Assets) URL(name string) (string, error) {
	u, ok := as.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// Serve answers "GET /static/{file}" with the file under its hashed name,
// cacheable forever.
func (as *Assets) Serve(w http.ResponseWriter, r *http.Request) error {
	a, ok := as.byHashed[r.PathValue("file")]
	if !ok {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	w.Header().Set("Content-Type", a.mime)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.data))
	return nil
}
