package transcode

import (
	"context"
	"path/filepath"

	"github.com/toasoan/toasoan/internal/news"
)

// audioFile is the name of the normalised audio in its folder: AAC at
// 128 kbit/s in M4A, which every browser, phone and podcast app plays.
const audioFile = "audio.m4a"

// Audio normalises the first audio track of in into outDir/audio.m4a:
// stereo AAC at 128 kbit/s, 44.1 kHz, its loudness brought to −16 LUFS
// (the podcast norm) by ffmpeg's loudnorm filter in one pass, which costs
// a fraction of the encoding and spares listeners a programme much
// louder or quieter than the last. Like HLS it writes into a temporary
// folder renamed into place when complete.
func (c Config) Audio(ctx context.Context, in, outDir string, progress func(int)) (Result, error) {
	c = c.withDefaults()
	if done, ok := readResult(outDir); ok {
		return done, nil
	}
	info, err := c.Probe(ctx, in)
	if err != nil {
		return Result{}, err
	}
	if info.AudioStreams == 0 {
		return Result{}, news.Errorf(news.Invalid, "Tệp không có âm thanh")
	}
	abs, err := filepath.Abs(in)
	if err != nil {
		return Result{}, err
	}
	return c.intoPlace(outDir, func(tmp string) (Result, error) {
		err := c.encode(ctx, "âm thanh", []string{"-nostdin", "-hide_banner", "-loglevel", "error", "-nostats",
			"-progress", "pipe:1", "-protocol_whitelist", "file", "-i", "file:" + abs,
			"-map", "0:a:0", "-vn", "-af", "loudnorm=I=-16:TP=-1.5:LRA=11",
			"-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "44100", "-movflags", "+faststart",
			filepath.Join(tmp, audioFile)}, info.Duration, progress)
		if err != nil {
			return Result{}, err
		}
		return Result{Audio: audioFile, Duration: info.Duration}, nil
	})
}
