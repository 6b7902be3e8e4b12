package newsroom

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// resumableUpload is the page's door for videos and audio sent in
// pieces by the tus protocol (avmedia.Resumable; static/av-upload.js):
// every request but HEAD carries the session's CSRF token in
// X-CSRF-Token, checked before a byte of the body is read.
func (s *Server) resumableUpload(w http.ResponseWriter, r *http.Request, ss *session) error {
	if s.resumable == nil {
		return news.Errorf(news.Unavailable, "Máy chủ này chưa nhận video và âm thanh")
	}
	if r.Method != http.MethodHead {
		if err := checkCSRF(ss, r.Header.Get("X-CSRF-Token")); err != nil {
			return err
		}
	}
	return s.resumable.Serve(w, r, actor(ss, r))
}
