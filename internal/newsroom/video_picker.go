package newsroom

import (
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// pickedVideo is a library video as the editor's "Chèn video" dialog and
// its block in the body show it.
type pickedVideo struct {
	ID              int64  `json:"id"`
	Title           string `json:"title"`
	PosterURL       string `json:"poster_url,omitempty"`
	Status          string `json:"status"`       // "ready" or "processing"
	StatusLabel     string `json:"status_label"` // the same in the newsroom's words
	DurationSeconds int64  `json:"duration_seconds,omitempty"`
}

func pickedVideoOf(m news.MediaItem) pickedVideo {
	v := pickedVideo{ID: m.ID, Title: m.Title, Status: string(m.Status), StatusLabel: "Sẵn sàng",
		DurationSeconds: int64(m.Duration.Seconds())}
	if m.Status != news.MediaReady {
		v.StatusLabel = "Đang xử lý"
	}
	if m.Poster != "" {
		v.PosterURL = media.AVURL(m.Poster)
	}
	return v
}

// videoScanLimit bounds how many of the newest videos a search reads: the
// titles are matched folded in Go (no folded title column), which is
// cheap for the few thousand videos a provincial paper keeps.
const videoScanLimit = 2000

// pickVideos is the editor's video dialog: JSON, the library's videos a
// body may show (ready or still processing, which the site shows as a
// notice until ready; never failed ones), newest first, searched by ?q=
// in the title without regard to marks or case, paged by ?trang=; ?id=
// asks for one, to draw a block already in a body.
func (s *Server) pickVideos(w http.ResponseWriter, r *http.Request, ss *session) error {
	q, n, err := pickerQuery(r)
	if err != nil {
		return err
	}
	out := struct {
		Videos []pickedVideo `json:"videos"`
		More   bool          `json:"more"`
	}{Videos: []pickedVideo{}}
	if v := r.URL.Query().Get("id"); v != "" {
		id, err := web.FormID(v)
		if err != nil || id == 0 {
			return news.Errorf(news.Invalid, "Số video không hợp lệ")
		}
		m, err := s.store.MediaItem(r.Context(), id)
		if err != nil {
			return err
		}
		if m.Kind != news.VideoMedia {
			return news.Errorf(news.NotFound, "Không có video số %d", id)
		}
		out.Videos = append(out.Videos, pickedVideoOf(m))
		return web.WriteJSON(w, http.StatusOK, out)
	}
	words := strings.Fields(vietnamese.Fold(q))
	skip := (n - 1) * pickerPage
	const batch = 200
	for offset := 0; offset < videoScanLimit && len(out.Videos) <= pickerPage; offset += batch {
		items, err := s.store.MediaItems(r.Context(), store.MediaItemFilter{Kind: news.VideoMedia, Limit: batch, Offset: offset})
		if err != nil {
			return err
		}
		for _, m := range items {
			if m.Status == news.MediaFailed || !hasWords(vietnamese.Fold(m.Title), words) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			out.Videos = append(out.Videos, pickedVideoOf(m))
		}
		if len(items) < batch {
			break
		}
	}
	out.More = len(out.Videos) > pickerPage
	out.Videos = out.Videos[:min(len(out.Videos), pickerPage)]
	return web.WriteJSON(w, http.StatusOK, out)
}

// hasWords reports whether folded text holds every word.
func hasWords(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
