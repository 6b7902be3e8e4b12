package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// readyMediaItem stores a video made ready with two poster candidates.
func readyMediaItem(t *testing.T, s *store.Store, n int) news.MediaItem {
	t.Helper()
	ctx := context.Background()
	m, err := s.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Source: fmt.Sprintf("%d.mp4", n)}, "transcode-video", `{}`)
	if err != nil {
		t.Fatal(err)
	}
	dir := fmt.Sprintf("ab/ab%030d", n)
	if err := s.MediaItemReady(ctx, m.ID, store.MediaOutputs{Dir: dir, Master: dir + "/master.m3u8",
		Posters: []string{dir + "/poster-1.jpg", dir + "/poster-2.jpg"}, Duration: time.Second}); err != nil {
		t.Fatal(err)
	}
	if m, err = s.MediaItem(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	return m
}

// Only a ready item's folder is served; its poster is one of its frames;
// captions go only to a ready item; a reporter's list is their own.
func TestMediaItemPosterCaptionsFolder(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m := readyMediaItem(t, s, 1)
		waiting, err := s.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Source: "w.mp4"}, "transcode-video", `{}`)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := s.MediaDirReady(ctx, m.Dir); !ok || err != nil {
			t.Errorf("the ready folder: %v %v", ok, err)
		}
		if ok, _ := s.MediaDirReady(ctx, "ab/ffffffffffffffffffffffffffffffff"); ok {
			t.Error("a folder of no item is ready")
		}
		if err := s.SetMediaPoster(ctx, news.System(), m.ID, "ab/other/poster-1.jpg"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("a poster not among the frames: %v", err)
		}
		if err := s.SetMediaPoster(ctx, news.System(), waiting.ID, ""); news.ErrorCode(err) != news.Invalid {
			t.Errorf("a poster for a processing item: %v", err)
		}
		if err := s.SetMediaCaptions(ctx, news.System(), waiting.ID, "x.vtt"); news.ErrorCode(err) != news.NotFound {
			t.Errorf("captions for a processing item: %v", err)
		}
		if err := s.SetMediaPoster(ctx, news.System(), m.ID, m.Posters[1]); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.MediaItem(ctx, m.ID); got.Poster != m.Posters[1] {
			t.Errorf("poster %q", got.Poster)
		}
		u, err := s.CreateUser(ctx, news.System(), news.User{Email: "pv@bao.vn", Name: "PV", PasswordHash: "h", Roles: []news.Role{news.Reporter}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreateMediaItem(ctx, news.Actor{User: u}, news.MediaItem{Kind: news.AudioMedia, Source: "a.mp3"}, "transcode-audio", `{}`); err != nil {
			t.Fatal(err)
		}
		if own, err := s.MediaItems(ctx, store.MediaItemFilter{By: u.ID}); err != nil || len(own) != 1 || own[0].Kind != news.AudioMedia {
			t.Errorf("the reporter's own: %+v %v", own, err)
		}
	})
}
