package avmedia

import (
	"encoding/json"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
)

// ItemJSON is a video or an audio file. Ids are media items' own
// (photos are numbered apart and answered by POST /api/v1/media only);
// what does not apply is absent: the outputs until the item is ready,
// progress except while processing, error except when failed.
type ItemJSON struct {
	ID         int64    `json:"id"`
	Kind       string   `json:"kind"`
	Status     string   `json:"status"`
	Title      string   `json:"title"`
	Progress   *int     `json:"progress,omitempty"`
	Error      string   `json:"error,omitempty"`
	HLSURL     string   `json:"hls_url,omitempty"`
	AudioURL   string   `json:"audio_url,omitempty"`
	MP4URL     string   `json:"mp4_url,omitempty"`
	PosterURL  string   `json:"poster_url,omitempty"`
	Posters    []string `json:"poster_candidates,omitempty"`
	Captions   string   `json:"captions_url,omitempty"`
	Duration   *float64 `json:"duration_seconds,omitempty"`
	Width      int      `json:"width,omitempty"`
	Height     int      `json:"height,omitempty"`
	CreatedBy  int64    `json:"created_by,omitempty"`
	ReadyAtRFC string   `json:"ready_at,omitempty"`
}

// ItemJSONOf is m as the API and the resumable uploads answer it.
func ItemJSONOf(m news.MediaItem) ItemJSON {
	out := ItemJSON{ID: m.ID, Kind: string(m.Kind), Status: string(m.Status), Title: m.Title, CreatedBy: m.CreatedBy}
	switch m.Status {
	case news.MediaProcessing:
		p := m.Progress
		out.Progress = &p
	case news.MediaFailed:
		out.Error = m.Error
	case news.MediaReady:
		if m.Kind == news.AudioMedia {
			out.AudioURL = media.AVURL(m.Master)
		} else {
			out.HLSURL = media.AVURL(m.Master)
			out.MP4URL = media.AVURL(m.Fallback)
			out.PosterURL = media.AVURL(m.Poster)
			for _, p := range m.Posters {
				out.Posters = append(out.Posters, media.AVURL(p))
			}
			out.Captions = media.AVURL(m.Captions)
			out.Width, out.Height = m.Width, m.Height
		}
		d := m.Duration.Seconds()
		out.Duration = &d
		out.ReadyAtRFC = m.ReadyAt.Format(time.RFC3339)
	}
	return out
}

// itemJSON is m's JSON, the body of a finished resumable upload's answer.
func itemJSON(m news.MediaItem) ([]byte, error) { return json.Marshal(ItemJSONOf(m)) }
