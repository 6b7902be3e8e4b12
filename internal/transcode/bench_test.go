package transcode_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkHLS5s transcodes the 5-second 1280×720 clip into the whole
// ladder (360p, 540p, 720p, the fallback MP4, three posters) with the
// default preset: ns/op divided by 5 s is the cost of a second of video.
func BenchmarkHLS5s(b *testing.B) {
	cfg := tools(b)
	dir := b.TempDir()
	in := clip(b, dir, "source.mp4", 1280, 720, 5, false)
	for i := 0; b.Loop(); i++ {
		if _, err := cfg.HLS(context.Background(), in, filepath.Join(dir, fmt.Sprint(i)), nil); err != nil {
			b.Fatal(err)
		}
	}
}
