package api

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/news"
)

// showMediaItem answers GET /api/v1/media/{id}: a video or an audio file
// and where its processing stands. A reporter reads their own uploads,
// editors and up every one (as with photos).
func (a *API) showMediaItem(w http.ResponseWriter, r *http.Request, u news.User) error {
	id, err := pathID(r, "id", "tệp đa phương tiện")
	if err != nil {
		return err
	}
	m, err := a.store.MediaItem(r.Context(), id)
	if err != nil {
		return err
	}
	if m.CreatedBy != u.ID && !news.SeesAllPhotos(u) {
		return news.Errorf(news.NotFound, "Không tìm thấy tệp đa phương tiện %d", id)
	}
	return writeJSON(w, http.StatusOK, avmedia.ItemJSONOf(m))
}
