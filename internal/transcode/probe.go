package transcode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Kind is what a file holds.
type Kind string

// The kinds of media.
const (
	Video Kind = "video"
	Audio Kind = "audio"
)

// Info is what Probe learns of a file. Width and Height are as the
// picture is shown (a phone's portrait video, stored sideways with a
// rotation, is taller than wide).
type Info struct {
	Kind         Kind
	Duration     time.Duration
	Width        int
	Height       int
	VideoStreams int // pictures, not counting an audio file's cover art
	AudioStreams int
	Streams      int // all tracks, subtitles and data included
	Format       string
}

// acceptedFormats are ffprobe's names of the containers taken in: MP4,
// MOV and M4A ("mov,mp4,m4a,…"), WebM ("matroska,webm"), MP3, WAV.
// Anything else is refused before ffmpeg decodes it, above all playlists
// (HLS, concat) that would make ffmpeg open other files.
var acceptedFormats = map[string]bool{"mov": true, "mp4": true, "matroska": true, "webm": true, "mp3": true, "wav": true}

const notMedia = "Tệp không phải video hay âm thanh mà hệ thống đọc được (nhận MP4, MOV, WebM, MP3, M4A, WAV)"

// probeReport is the part of ffprobe's JSON that Probe reads.
type probeReport struct {
	Format struct {
		FormatName string `json:"format_name"`
		Duration   string `json:"duration"`
	} `json:"format"`
	Streams []struct {
		CodecType   string `json:"codec_type"`
		Width       int    `json:"width"`
		Height      int    `json:"height"`
		Disposition struct {
			AttachedPic int `json:"attached_pic"`
		} `json:"disposition"`
		Tags struct {
			Rotate string `json:"rotate"`
		} `json:"tags"`
		SideData []struct {
			Rotation float64 `json:"rotation"`
		} `json:"side_data_list"`
	} `json:"streams"`
}

// Probe reads what path holds with ffprobe and refuses, with a reason in
// Vietnamese (news.Invalid, news.TooLarge), what is not media or is over
// the limits: too large, too long, too many tracks, too big a picture.
func (c Config) Probe(ctx context.Context, path string) (Info, error) {
	c = c.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return Info{}, err
	}
	st, err := os.Stat(abs)
	switch {
	case err != nil:
		return Info{}, fmt.Errorf("probe: %w", err)
	case !st.Mode().IsRegular() || st.Size() == 0:
		return Info{}, news.Errorf(news.Invalid, "Tệp rỗng hoặc không phải tệp thường")
	case st.Size() > c.MaxBytes:
		return Info{}, news.Errorf(news.TooLarge, "Tệp lớn %s, quá giới hạn %s", sizeVI(st.Size()), sizeVI(c.MaxBytes))
	}
	out, err := c.run(ctx, min(c.Timeout, probeTimeout), "video", c.FFprobe, []string{
		"-v", "error", "-hide_banner", "-protocol_whitelist", "file",
		"-print_format", "json", "-show_format", "-show_streams", "file:" + abs}, nil)
	if err != nil {
		var e *news.Error
		if errors.As(err, &e) && e.Code == news.Invalid && !looksLikeMP4(abs) {
			// ffprobe's "invalid data" is as often a file that is not
			// media at all (ffprobe guesses MP4 from the name) as a
			// broken one; an MP4's opening box without its index is a
			// file cut short.
			return Info{}, news.Wrap(news.Invalid, err, notMedia)
		}
		return Info{}, err
	}
	var r probeReport
	if err := json.Unmarshal(out, &r); err != nil {
		return Info{}, news.Wrap(news.Invalid, err, notMedia)
	}
	return c.check(r)
}

// looksLikeMP4 reports a file that begins as an MP4, MOV or M4A does:
// with an "ftyp" box.
func looksLikeMP4(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 8)
	_, err = io.ReadFull(f, head)
	return err == nil && string(head[4:8]) == "ftyp"
}

// check applies the limits to ffprobe's report.
func (c Config) check(r probeReport) (Info, error) {
	info := Info{Format: r.Format.FormatName, Streams: len(r.Streams)}
	accepted := false
	for _, name := range strings.Split(r.Format.FormatName, ",") {
		accepted = accepted || acceptedFormats[name]
	}
	if !accepted {
		return Info{}, news.Errorf(news.Invalid, "%s", notMedia)
	}
	if info.Streams > c.MaxStreams {
		return Info{}, news.Errorf(news.Invalid, "Tệp có %d luồng (track), quá giới hạn %d", info.Streams, c.MaxStreams)
	}
	for _, s := range r.Streams {
		switch {
		case s.CodecType == "video" && s.Disposition.AttachedPic == 0:
			info.VideoStreams++
			if info.VideoStreams == 1 {
				info.Width, info.Height = s.Width, s.Height
				if quarterTurn(s.Tags.Rotate, s.SideData) {
					info.Width, info.Height = s.Height, s.Width
				}
			}
		case s.CodecType == "audio":
			info.AudioStreams++
		}
	}
	switch {
	case info.VideoStreams > 0:
		info.Kind = Video
	case info.AudioStreams > 0:
		info.Kind = Audio
	default:
		return Info{}, news.Errorf(news.Invalid, "%s", notMedia)
	}
	seconds, err := strconv.ParseFloat(r.Format.Duration, 64)
	if err != nil || seconds <= 0 || math.IsNaN(seconds) || math.IsInf(seconds, 0) {
		return Info{}, news.Errorf(news.Invalid, "Không đọc được thời lượng của tệp: %s", reasonBroken(string(info.Kind)))
	}
	if seconds > c.MaxDuration.Seconds() {
		return Info{}, news.Errorf(news.Invalid, "Tệp dài %s, quá giới hạn %s", durationVI(seconds), durationVI(c.MaxDuration.Seconds()))
	}
	info.Duration = time.Duration(seconds * float64(time.Second))
	if info.Kind == Video {
		short, long := min(info.Width, info.Height), max(info.Width, info.Height)
		if short <= 0 {
			return Info{}, news.Errorf(news.Invalid, "Không đọc được kích thước hình: %s", reasonBroken("video"))
		}
		// The shorter side is what "2160p" names, portrait or landscape;
		// the longer may be twice it, wider than any cinema format.
		if short > c.MaxHeight || long > 2*c.MaxHeight {
			return Info{}, news.Errorf(news.Invalid, "Video %d×%d vượt độ phân giải tối đa %dp", info.Width, info.Height, c.MaxHeight)
		}
	}
	return info, nil
}

// quarterTurn reports a picture stored turned by 90° or 270°.
func quarterTurn(rotate string, side []struct {
	Rotation float64 `json:"rotation"`
}) bool {
	deg, _ := strconv.Atoi(rotate) // absent: 0
	for _, s := range side {
		if s.Rotation != 0 {
			deg = int(s.Rotation)
		}
	}
	deg = ((deg % 360) + 360) % 360
	return deg == 90 || deg == 270
}

// durationVI writes seconds as people say them: "3 giờ 5 phút", "45 giây".
func durationVI(seconds float64) string {
	s := int(math.Round(seconds))
	h, m, sec := s/3600, s%3600/60, s%60
	var parts []string
	if h > 0 {
		parts = append(parts, fmt.Sprintf("%d giờ", h))
	}
	if m > 0 {
		parts = append(parts, fmt.Sprintf("%d phút", m))
	}
	if sec > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d giây", sec))
	}
	return strings.Join(parts, " ")
}

// sizeVI writes a size in MB or GB.
func sizeVI(n int64) string {
	if n >= 1<<30 {
		return strings.Replace(fmt.Sprintf("%.1f GB", float64(n)/(1<<30)), ".", ",", 1)
	}
	return fmt.Sprintf("%d MB", (n+(1<<20)-1)>>20)
}
