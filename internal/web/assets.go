package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

//go:embed static templates
var embedded embed.FS

// asset is one static file, served under a name that carries its content
// hash ("style.3f2a9c1b.css") so browsers may cache it forever.
type asset struct {
	name string
	data []byte
	mime string
}

// assets maps hashed names to files, and plain names to hashed URLs.
type assets struct {
	byHashed map[string]asset
	urls     map[string]string
}

func loadAssets() (*assets, error) {
	as := &assets{byHashed: map[string]asset{}, urls: map[string]string{}}
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

// url is the template function "asset": the hashed URL of a static file.
func (as *assets) url(name string) (string, error) {
	u, ok := as.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

func (s *Server) serveAsset(w http.ResponseWriter, r *http.Request) error {
	a, ok := s.assets.byHashed[r.PathValue("file")]
	if !ok {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	w.Header().Set("Content-Type", a.mime)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, a.name, time.Time{}, bytes.NewReader(a.data))
	return nil
}

func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) error {
	p, err := s.media.Open(r.PathValue("dir") + "/" + r.PathValue("file"))
	if err != nil {
		return err
	}
	f, err := os.Open(p)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy ảnh")
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return fmt.Errorf("media %s: %w", p, err)
	}
	// The name is the content hash: the bytes behind a URL never change.
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	return nil
}
