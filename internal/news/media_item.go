package news

import "time"

// MediaKind is what a media item holds.
type MediaKind string

// The kinds of media items; photos are Images.
const (
	VideoMedia MediaKind = "video"
	AudioMedia MediaKind = "audio"
)

// MediaStatus is where a media item's processing stands.
type MediaStatus string

// The states of a media item.
const (
	MediaProcessing MediaStatus = "processing"
	MediaReady      MediaStatus = "ready"
	MediaFailed     MediaStatus = "failed"
)

// MediaItem is a video or an audio file the newsroom uploaded and the
// paper transcoded. Paths are relative to the media folder.
type MediaItem struct {
	ID       int64
	Kind     MediaKind
	Title    string
	Source   string // the upload as received, under the inbox
	Bytes    int64
	Dir      string   // where the outputs are, "ab/<hash>"
	Master   string   // the HLS master playlist (video) or the normalised file (audio)
	Fallback string   // a small MP4 for players without HLS (video)
	Posters  []string // candidate frames (video)
	Poster   string   // the frame chosen; the first candidate until an editor chooses
	Captions string   // a WebVTT file, if the newsroom uploaded one
	Duration time.Duration
	Width    int
	Height   int

	JobID     int64
	Status    MediaStatus // from ReadyAt and the job
	Progress  int         // 0–100 while processing
	Error     string      // the job's reason, in Vietnamese, when failed
	CreatedBy int64
	CreatedAt time.Time
	ReadyAt   time.Time // zero until the outputs are complete
}
