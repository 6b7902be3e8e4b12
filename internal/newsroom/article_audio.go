package newsroom

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// audioBlock is what the editor's "Bản âm thanh" block offers: the audio
// items ready to be listened to, newest first, and the programmes.
type audioBlock struct {
	Items      []news.MediaItem
	Programmes []news.Programme
}

// maxAudioChoices is how many of the newest audio items the block lists;
// the story's own stays listed whatever its age.
const maxAudioChoices = 100

func (s *Server) audioBlock(r *http.Request, current int64) (audioBlock, error) {
	var b audioBlock
	items, err := s.store.MediaItems(r.Context(), store.MediaItemFilter{Kind: news.AudioMedia, Limit: maxAudioChoices})
	if err != nil {
		return b, err
	}
	listed := false
	for _, m := range items {
		if m.Status == news.MediaReady {
			b.Items = append(b.Items, m)
			listed = listed || m.ID == current
		}
	}
	if current != 0 && !listed {
		if m, err := s.store.MediaItem(r.Context(), current); err == nil && m.Status == news.MediaReady {
			b.Items = append(b.Items, m)
		}
	}
	b.Programmes, err = s.store.Programmes(r.Context())
	return b, err
}

// audioInput reads the block's two choices into in; a form without the
// block (an older page, a script) keeps the story's.
func audioInput(r *http.Request, a news.Article, in *editorial.ArticleInput) error {
	in.AudioMediaID, in.ProgrammeID = a.AudioMediaID, a.ProgrammeID
	var err error
	if _, ok := r.PostForm["audio_media_id"]; ok {
		if in.AudioMediaID, err = web.FormID(r.PostFormValue("audio_media_id")); err != nil {
			return news.Errorf(news.Invalid, "Tệp âm thanh không hợp lệ")
		}
	}
	if _, ok := r.PostForm["programme_id"]; ok {
		if in.ProgrammeID, err = web.FormID(r.PostFormValue("programme_id")); err != nil {
			return news.Errorf(news.Invalid, "Chương trình phát thanh không hợp lệ")
		}
	}
	return nil
}
