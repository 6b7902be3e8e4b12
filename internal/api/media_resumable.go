package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// resumableUpload is the tus protocol's door for videos and audio
// (avmedia.Resumable): POST /api/v1/uploads with Upload-Length and an
// optional "title" in Upload-Metadata creates an upload (201, Location),
// HEAD tells its offset, PATCH sends the next piece, DELETE gives it up.
// The last piece's answer is the media item, as POST /api/v1/media's.
func (a *API) resumableUpload(w http.ResponseWriter, r *http.Request, u news.User) error {
	if a.resumable == nil {
		return news.Errorf(news.Unavailable, "Máy chủ này chưa nhận video và âm thanh")
	}
	return a.resumable.Serve(w, r, actor(r, u))
}
