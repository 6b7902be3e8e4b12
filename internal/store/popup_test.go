package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func TestPopups(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var keys []string
		s.Subscribe(func(ch news.Change) { keys = append(keys, ch.Strings()...) })
		noon := time.Date(2026, 11, 29, 5, 0, 0, 0, time.UTC)
		im, err := s.CreateImage(ctx, news.System(), news.Image{Key: "ab/cdef.jpg", MIME: "image/jpeg", Width: 800, Height: 450, Bytes: 1000, Alt: "Bão số 5"})
		if err != nil {
			t.Fatal(err)
		}
		storm := news.Popup{Title: "Bão số 5 đổ bộ", Body: "Người dân không ra khơi.", Link: "https://baohatinh.vn/bao", ImageID: im.ID,
			StartsAt: noon.Add(-time.Hour), EndsAt: noon.Add(time.Hour), Pages: news.PopupAllPages, Frequency: news.PopupVisit}
		storm.ID, err = s.SavePopup(ctx, news.System(), storm)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(keys, "popups") {
			t.Errorf("the page cache was not told: %q", keys)
		}
		later := news.Popup{Title: "Tuyển cộng tác viên", StartsAt: noon.Add(time.Hour), EndsAt: noon.Add(48 * time.Hour),
			Pages: news.PopupHome, Frequency: news.PopupOnce}
		if later.ID, err = s.SavePopup(ctx, news.System(), later); err != nil {
			t.Fatal(err)
		}
		active := func(at time.Time) []string {
			t.Helper()
			list, err := s.ActivePopups(ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range list {
				out = append(out, p.Title)
			}
			return out
		}
		for _, tt := range []struct {
			at   time.Time
			want []string
		}{
			{noon.Add(-2 * time.Hour), nil},
			{noon.Add(-time.Hour), []string{"Bão số 5 đổ bộ"}},
			{noon, []string{"Bão số 5 đổ bộ"}},
			{noon.Add(time.Hour), []string{"Tuyển cộng tác viên"}}, // one ends as the other starts
			{noon.Add(48 * time.Hour), nil},
		} {
			if got := active(tt.at); !slices.Equal(got, tt.want) {
				t.Errorf("active at %v: %q, want %q", tt.at.Format("15:04"), got, tt.want)
			}
		}
		got, err := s.Popup(ctx, storm.ID)
		if err != nil || got.Image == nil || got.Image.Key != "ab/cdef.jpg" || got.Image.Width != 800 || got.Link != storm.Link ||
			!got.StartsAt.Equal(storm.StartsAt) || got.Frequency != news.PopupVisit {
			t.Fatalf("Popup = %+v, %v", got, err)
		}
		got.Title, got.ImageID, got.EndsAt = "Bão số 5 đã tan", 0, noon.Add(3*time.Hour)
		if _, err := s.SavePopup(ctx, news.System(), got); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Popup(ctx, storm.ID); got.Title != "Bão số 5 đã tan" || got.Image != nil {
			t.Fatalf("after the edit: %+v", got)
		}
		if list, _ := s.Popups(ctx); len(list) != 2 || list[0].ID != later.ID {
			t.Fatalf("Popups: %+v", list)
		}
		keys = nil
		if err := s.PopupsTurned(ctx, noon.Add(30*time.Minute), noon.Add(59*time.Minute)); err != nil || len(keys) != 0 {
			t.Fatalf("nothing started or ended, yet the cache was told %q (%v)", keys, err)
		}
		if err := s.PopupsTurned(ctx, noon.Add(59*time.Minute), noon.Add(61*time.Minute)); err != nil || !slices.Contains(keys, "popups") {
			t.Fatalf("one started, yet the cache was not told: %q (%v)", keys, err)
		}
		if err := s.DeletePopup(ctx, news.System(), storm.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Popup(ctx, storm.ID); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("deleted popup: %v", err)
		}
		if err := s.DeletePopup(ctx, news.System(), storm.ID); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("deleting twice: %v", err)
		}
		if _, err := s.SavePopup(ctx, news.System(), news.Popup{ID: 999999, Title: "X", StartsAt: noon, EndsAt: noon.Add(time.Hour)}); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("saving a missing popup: %v", err)
		}
	})
}

func TestWeatherTurnedStale(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		at := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
		if _, err := s.SaveWeather(ctx, []news.WeatherReport{report(mustLocalities(t, s)[0], at, 24, 3)}); err != nil {
			t.Fatal(err)
		}
		var keys []string
		s.Subscribe(func(ch news.Change) { keys = append(keys, ch.Strings()...) })
		stale := 3 * time.Hour
		if err := s.WeatherTurnedStale(ctx, at.Add(time.Hour), at.Add(2*time.Hour), stale); err != nil || len(keys) != 0 {
			t.Fatalf("still fresh, yet the cache was told %q (%v)", keys, err)
		}
		if err := s.WeatherTurnedStale(ctx, at.Add(2*time.Hour), at.Add(3*time.Hour+time.Second), stale); err != nil || !slices.Contains(keys, "weather") {
			t.Fatalf("turned stale, yet the cache was not told: %q (%v)", keys, err)
		}
	})
}
