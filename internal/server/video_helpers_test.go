package server_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/transcode"
)

// readyVideo makes a 5-second clip with ffmpeg (a test picture and a
// tone), transcodes it into mediaDir as the job would and records the
// item ready, as its job does. With a desk of startAVDesk and its media
// folder, the server's own /media/av/ route serves the outputs.
func readyVideo(t *testing.T, s *store.Store, mediaDir, title string) news.MediaItem {
	t.Helper()
	needFFmpeg(t)
	ctx := context.Background()
	clip := filepath.Join(t.TempDir(), "clip.mp4")
	out, err := exec.Command("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
		"-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-t", "5", "-c:v", "libx264", "-preset", "veryfast",
		"-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", clip).CombinedOutput()
	if err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	hash := make([]byte, 16)
	_, _ = rand.Read(hash)
	name := hex.EncodeToString(hash)
	dir := name[:2] + "/" + name // the job names it after the content; avmedia serves only that shape
	res, err := transcode.Config{Preset: "veryfast"}.HLS(ctx, clip, filepath.Join(mediaDir, filepath.FromSlash(dir)), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Title: title, Source: "clip.mp4", Bytes: 1},
		transcode.KindVideo, `{}`)
	if err != nil {
		t.Fatal(err)
	}
	in := func(p string) string { return dir + "/" + p }
	outputs := store.MediaOutputs{Dir: dir, Master: in(res.Master), Fallback: in(res.Fallback), Duration: res.Duration,
		Width: res.Width, Height: res.Height}
	for _, p := range res.Posters {
		outputs.Posters = append(outputs.Posters, in(p))
	}
	if err := s.MediaItemReady(ctx, m.ID, outputs); err != nil {
		t.Fatal(err)
	}
	if m, err = s.MediaItem(ctx, m.ID); err != nil || m.Status != news.MediaReady {
		t.Fatalf("item %+v: %v", m, err)
	}
	return m
}
