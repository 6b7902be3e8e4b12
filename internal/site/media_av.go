package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// serveAV answers a ready video's or audio file's output (media.AVURL):
// the playlists, segments, fallback MP4, posters and captions.
func (s *Server) serveAV(w http.ResponseWriter, r *http.Request) error {
	if s.av == nil {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp")
	}
	return s.av.ServeOutput(w, r, r.PathValue("dir")+"/"+r.PathValue("hash")+"/"+r.PathValue("file"))
}
