package site

import (
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

func TestISODuration(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]string{
		0: "PT0S", 5 * time.Second: "PT5S", 5400 * time.Millisecond: "PT5S", 65 * time.Second: "PT1M5S",
		time.Hour + 2*time.Second: "PT1H2S", 2 * time.Hour: "PT2H",
	} {
		if got := isoDuration(d); got != want {
			t.Errorf("isoDuration(%v) = %q, want %q", d, got, want)
		}
	}
}

// The player's markup: the MP4 as the element's own source, the stream
// for player.js, Vietnamese captions, the poster, and nothing that plays
// or loads by itself.
func TestPlayerMarkup(t *testing.T) {
	t.Parallel()
	m := news.MediaItem{ID: 7, Kind: news.VideoMedia, Title: `Lũ "về"`, Master: "ab/cd/master.m3u8", Fallback: "ab/cd/fallback.mp4",
		Poster: "ab/cd/poster-1.jpg", Captions: "ab/cd/vi.vtt", Width: 1280, Height: 720}
	got := string(playerOf(m).HTML())
	for _, want := range []string{`<video controls playsinline preload="none" aria-label="Lũ &#34;về&#34;" poster="/media/av/ab/cd/poster-1.jpg" width="1280" height="720" data-hls="/media/av/ab/cd/master.m3u8" data-media-id="7">`,
		`<source src="/media/av/ab/cd/fallback.mp4" type="video/mp4">`,
		`<track kind="captions" srclang="vi" label="Tiếng Việt" src="/media/av/ab/cd/vi.vtt">`} {
		if !strings.Contains(got, want) {
			t.Errorf("player markup lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "autoplay") {
		t.Errorf("the player plays by itself: %s", got)
	}
}
