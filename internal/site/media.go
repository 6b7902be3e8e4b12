package site

import (
	"fmt"
	"net/http"
	"os"

	"github.com/toasoan/toasoan/internal/news"
)

// serveMedia answers a photo, or one of its sizes, made on first request.
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
