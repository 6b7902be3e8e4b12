package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// An upload is stored with its job in one change; it is processing while
// the job waits or runs, failed when the job failed, ready once its
// outputs are recorded, and recording them again changes nothing.
func TestMediaItemLifecycle(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		m, err := s.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Title: "Bão số 5 vào bờ", Source: "inbox/ab.mp4", Bytes: 1234},
			"transcode-video", `{"source": "ab.mp4"}`)
		if err != nil {
			t.Fatal(err)
		}
		if m.ID == 0 || m.JobID == 0 || m.Status != news.MediaProcessing {
			t.Fatalf("created %+v", m)
		}
		job, err := s.Job(ctx, m.JobID)
		if err != nil || job.SubjectID != m.ID || job.Kind != "transcode-video" {
			t.Fatalf("its job %+v, %v", job, err)
		}
		if _, err := s.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Source: "x"}, "transcode-video", "{not json"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("a payload that is not JSON: %v", err)
		}

		claimed, ok, err := s.ClaimJob(ctx, "a", []string{"transcode-video"}, time.Now(), time.Minute)
		if err != nil || !ok || claimed.ID != m.JobID {
			t.Fatalf("claim: %+v %v %v", claimed, ok, err)
		}
		if _, err := s.FailJob(ctx, claimed.ID, "a", "Tệp video bị hỏng hoặc không đầy đủ", time.Now(), time.Time{}); err != nil {
			t.Fatal(err)
		}
		got, err := s.MediaItem(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != news.MediaFailed || got.Error != "Tệp video bị hỏng hoặc không đầy đủ" {
			t.Errorf("after its job failed for good the item is %s (%q)", got.Status, got.Error)
		}
		if err := s.RetryJob(ctx, news.System(), m.JobID); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.MediaItem(ctx, m.ID); got.Status != news.MediaProcessing || got.Error != "" {
			t.Errorf("retried, the item is %s (%q)", got.Status, got.Error)
		}

		out := store.MediaOutputs{Dir: "ab/cd", Master: "ab/cd/master.m3u8", Fallback: "ab/cd/360p.mp4",
			Posters: []string{"ab/cd/poster-1.jpg", "ab/cd/poster-2.jpg"}, Duration: 5 * time.Second, Width: 1280, Height: 720}
		for range 2 {
			if err := s.MediaItemReady(ctx, m.ID, out); err != nil {
				t.Fatal(err)
			}
		}
		got, err = s.MediaItem(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != news.MediaReady || got.Poster != "ab/cd/poster-1.jpg" || got.Duration != 5*time.Second || got.Width != 1280 || len(got.Posters) != 2 || got.Master != out.Master {
			t.Errorf("ready item %+v", got)
		}
		if err := s.MediaItemReady(ctx, 987654, out); news.ErrorCode(err) != news.NotFound {
			t.Errorf("outputs of no item: %v", err)
		}
		list, err := s.MediaItems(ctx, store.MediaItemFilter{Kind: news.VideoMedia})
		if err != nil || len(list) != 1 || list[0].ID != m.ID {
			t.Errorf("list %+v, %v", list, err)
		}
		if _, err := s.MediaItem(ctx, 987654); news.ErrorCode(err) != news.NotFound {
			t.Errorf("no such item: %v", err)
		}
	})
}
