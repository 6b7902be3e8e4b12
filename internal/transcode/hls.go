package transcode

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Result is what HLS or Audio made. Paths are relative to the output
// folder, with forward slashes, as URLs under the folder's address.
type Result struct {
	Master     string        `json:"master,omitempty"` // the HLS master playlist
	Renditions []Rendition   `json:"renditions,omitempty"`
	Fallback   string        `json:"fallback,omitempty"` // a small MP4 for players without HLS
	Posters    []string      `json:"posters,omitempty"`  // candidate frames, JPEG, for the editor to choose
	Audio      string        `json:"audio,omitempty"`    // the normalised audio file
	Duration   time.Duration `json:"duration_ns"`
	Width      int           `json:"width,omitempty"`
	Height     int           `json:"height,omitempty"`
}

// Rendition is one rung of the HLS ladder.
type Rendition struct {
	Name      string `json:"name"`     // "360p"
	Playlist  string `json:"playlist"` // "360p/index.m3u8"
	Width     int    `json:"width"`
	Height    int    `json:"height"`
	Bandwidth int    `json:"bandwidth"` // video and audio bits per second
}

// rung is a rendition to make: its shorter side and bit rates.
type rung struct {
	short        int
	video, audio int // kbit/s
}

// ladder is the HLS ladder: sizes a phone on slow 4G can play (360p)
// up to a laptop's (720p), H.264 Main with AAC, which every browser and
// phone decodes in hardware.
var ladder = []rung{{360, 800, 96}, {540, 1400, 128}, {720, 2800, 128}}

// fallbackRung is the MP4 for browsers that play neither HLS nor hls.js.
var fallbackRung = rung{360, 600, 96}

// segmentSeconds is the length of an HLS segment, with a key frame at
// each start so every rendition switches at the same moments.
const segmentSeconds = 6

// resultFile, written last into the output folder, tells a finished
// folder from anything else and lets a retried job reuse it.
const resultFile = "result.json"

// HLS transcodes the video in into outDir: an HLS ladder of the rungs no
// taller than the source (at least one), a fallback MP4 and three
// poster candidates. The files are made in a temporary folder beside
// outDir, renamed into place only when all are written: readers never
// get half a ladder. An outDir already complete (a job run again) is
// returned as it is. progress, if not nil, hears 0–100.
func (c Config) HLS(ctx context.Context, in, outDir string, progress func(int)) (Result, error) {
	c = c.withDefaults()
	if done, ok := readResult(outDir); ok {
		return done, nil
	}
	info, err := c.Probe(ctx, in)
	if err != nil {
		return Result{}, err
	}
	if info.Kind != Video {
		return Result{}, news.Errorf(news.Invalid, "Tệp không có hình: hãy tải lên như một tệp âm thanh")
	}
	return c.intoPlace(outDir, func(tmp string) (Result, error) {
		res, err := c.ladder(ctx, in, tmp, info, progress)
		if err != nil {
			return Result{}, err
		}
		if res.Posters, err = c.posters(ctx, in, tmp, info); err != nil {
			return Result{}, err
		}
		return res, nil
	})
}

// intoPlace runs make in a fresh temporary folder beside outDir, writes
// the result there and renames the folder to outDir.
func (c Config) intoPlace(outDir string, make func(tmp string) (Result, error)) (Result, error) {
	parent := filepath.Dir(outDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return Result{}, news.Wrap(news.Unavailable, err, reasonNoWrite)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(outDir)+".tmp-")
	if err != nil {
		return Result{}, news.Wrap(news.Unavailable, err, "%s", diskReason(err))
	}
	defer func() { _ = os.RemoveAll(tmp) }() // gone once renamed
	// MkdirTemp makes a folder only its owner reads; the web server or a
	// backup may run as another user.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Result{}, news.Wrap(news.Unavailable, err, reasonNoWrite)
	}
	res, err := make(tmp)
	if err != nil {
		return Result{}, err
	}
	body, err := json.Marshal(res)
	if err != nil {
		return Result{}, err
	}
	if err := os.WriteFile(filepath.Join(tmp, resultFile), body, 0o644); err != nil {
		return Result{}, news.Wrap(news.Unavailable, err, "%s", diskReason(err))
	}
	if err := os.Rename(tmp, outDir); err != nil {
		// Someone finished the same file first: theirs is as good.
		if done, ok := readResult(outDir); ok {
			return done, nil
		}
		return Result{}, news.Wrap(news.Unavailable, err, reasonNoWrite)
	}
	return res, nil
}

func diskReason(err error) string {
	if strings.Contains(strings.ToLower(err.Error()), "no space left") {
		return reasonDiskFull
	}
	return reasonNoWrite
}

func readResult(dir string) (Result, bool) {
	body, err := os.ReadFile(filepath.Join(dir, resultFile))
	if err != nil {
		return Result{}, false
	}
	var r Result
	return r, json.Unmarshal(body, &r) == nil
}

// size scales w×h so that its shorter side is short, both even (H.264
// with 4:2:0 chroma needs even sizes).
func size(w, h, short int) (int, int) {
	even := func(v float64) int { return max(2, int(v/2+0.5)*2) }
	if w >= h {
		return even(float64(w) * float64(short) / float64(h)), even(float64(short))
	}
	return even(float64(short)), even(float64(h) * float64(short) / float64(w))
}

// rungsFor lists the ladder's rungs no taller than the source, or one at
// the source's own size when it is smaller than the lowest.
func rungsFor(info Info) []rung {
	short := min(info.Width, info.Height)
	var out []rung
	for _, r := range ladder {
		if r.short <= short {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		out = []rung{{short, ladder[0].video * short / ladder[0].short, ladder[0].audio}}
	}
	return out
}

// ladder runs one ffmpeg that decodes the source once and encodes every
// rung and the fallback from it.
func (c Config) ladder(ctx context.Context, in, tmp string, info Info, progress func(int)) (Result, error) {
	abs, err := filepath.Abs(in)
	if err != nil {
		return Result{}, err
	}
	rungs := rungsFor(info)
	res := Result{Master: "master.m3u8", Fallback: "fallback.mp4", Duration: info.Duration, Width: info.Width, Height: info.Height}
	var graph strings.Builder
	fmt.Fprintf(&graph, "[0:v:0]format=yuv420p,split=%d", len(rungs)+1)
	for i := range len(rungs) + 1 {
		fmt.Fprintf(&graph, "[s%d]", i)
	}
	for i, r := range append(rungs, fallbackRung) {
		w, h := size(info.Width, info.Height, min(r.short, min(info.Width, info.Height)))
		fmt.Fprintf(&graph, ";[s%d]scale=%d:%d[v%d]", i, w, h, i)
		if i < len(rungs) {
			name := strconv.Itoa(r.short) + "p"
			res.Renditions = append(res.Renditions, Rendition{Name: name, Playlist: name + "/index.m3u8", Width: w, Height: h,
				Bandwidth: (r.video + r.audio) * 1000})
		}
	}
	hasAudio := info.AudioStreams > 0
	args := []string{"-nostdin", "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1",
		"-protocol_whitelist", "file", "-i", "file:" + abs, "-filter_complex", graph.String()}
	var streamMap []string
	for i, r := range rungs {
		args = append(args, "-map", fmt.Sprintf("[v%d]", i))
		entry := fmt.Sprintf("v:%d", i)
		if hasAudio {
			args = append(args, "-map", "0:a:0")
			entry += fmt.Sprintf(",a:%d", i)
		}
		streamMap = append(streamMap, entry+",name:"+res.Renditions[i].Name)
		args = append(args, fmt.Sprintf("-b:v:%d", i), fmt.Sprintf("%dk", r.video),
			fmt.Sprintf("-maxrate:v:%d", i), fmt.Sprintf("%dk", r.video*107/100),
			fmt.Sprintf("-bufsize:v:%d", i), fmt.Sprintf("%dk", r.video*3/2))
		if hasAudio {
			args = append(args, fmt.Sprintf("-b:a:%d", i), fmt.Sprintf("%dk", r.audio))
		}
	}
	keyFrames := fmt.Sprintf("expr:gte(t,n_forced*%d)", segmentSeconds)
	args = append(args, "-c:v", "libx264", "-preset", c.Preset, "-profile:v", "main", "-sc_threshold", "0",
		"-force_key_frames", keyFrames, "-c:a", "aac", "-ac", "2",
		"-f", "hls", "-hls_time", strconv.Itoa(segmentSeconds), "-hls_playlist_type", "vod",
		"-hls_flags", "independent_segments", "-hls_segment_filename", filepath.Join(tmp, "%v", "seg-%03d.ts"),
		"-master_pl_name", res.Master, "-var_stream_map", strings.Join(streamMap, " "),
		filepath.Join(tmp, "%v", "index.m3u8"))
	// The fallback, a second output of the same run.
	args = append(args, "-map", fmt.Sprintf("[v%d]", len(rungs)))
	if hasAudio {
		args = append(args, "-map", "0:a:0", "-c:a", "aac", "-ac", "2", "-b:a", fmt.Sprintf("%dk", fallbackRung.audio))
	}
	args = append(args, "-c:v", "libx264", "-preset", c.Preset, "-profile:v", "main",
		"-b:v", fmt.Sprintf("%dk", fallbackRung.video), "-maxrate", fmt.Sprintf("%dk", fallbackRung.video*107/100),
		"-bufsize", fmt.Sprintf("%dk", fallbackRung.video*3/2), "-movflags", "+faststart", filepath.Join(tmp, res.Fallback))
	if err := c.encode(ctx, "video", args, info.Duration, progress); err != nil {
		return Result{}, err
	}
	return res, nil
}

// encode runs ffmpeg with args (which send -progress to stdout),
// reporting progress against the source's duration, and refuses a run
// that ended well short of it: ffmpeg stops without an error at the cut
// of a truncated file whose index said it was longer.
func (c Config) encode(ctx context.Context, what string, args []string, duration time.Duration, progress func(int)) error {
	var reached time.Duration
	_, err := c.run(ctx, c.Timeout, what, c.FFmpeg, args, func(line string) {
		key, value, _ := strings.Cut(line, "=")
		if key != "out_time_us" {
			return
		}
		us, err := strconv.ParseInt(value, 10, 64)
		if err != nil || us < 0 { // "N/A" before the first frame
			return
		}
		reached = time.Duration(us) * time.Microsecond
		if progress != nil && duration > 0 {
			progress(min(99, int(100*reached/duration)))
		}
	})
	if err != nil {
		return err
	}
	if reached < duration*9/10-time.Second {
		return news.Wrap(news.Invalid, errors.New("output "+reached.String()+" of "+duration.String()), "%s", reasonBroken(what))
	}
	if progress != nil {
		progress(100)
	}
	return nil
}

// posters grabs three frames, at a tenth, half and nine tenths of the
// video, as JPEG no taller than 720 pixels on the shorter side: the
// editor picks one.
func (c Config) posters(ctx context.Context, in, tmp string, info Info) ([]string, error) {
	abs, err := filepath.Abs(in)
	if err != nil {
		return nil, err
	}
	w, h := size(info.Width, info.Height, min(720, min(info.Width, info.Height)))
	var names []string
	for i, at := range []float64{0.1, 0.5, 0.9} {
		name := fmt.Sprintf("poster-%d.jpg", i+1)
		seek := strconv.FormatFloat(info.Duration.Seconds()*at, 'f', 3, 64)
		_, err := c.run(ctx, c.Timeout, "video", c.FFmpeg, []string{"-nostdin", "-hide_banner", "-loglevel", "error",
			"-protocol_whitelist", "file", "-ss", seek, "-i", "file:" + abs, "-frames:v", "1",
			"-vf", fmt.Sprintf("scale=%d:%d", w, h), "-q:v", "3", "-f", "image2", filepath.Join(tmp, name)}, nil)
		if err != nil {
			return nil, err
		}
		if st, err := os.Stat(filepath.Join(tmp, name)); err != nil || st.Size() == 0 {
			return nil, news.Errorf(news.Invalid, "Không lấy được khung hình làm ảnh đại diện: %s", reasonBroken("video"))
		}
		names = append(names, name)
	}
	return names, nil
}
