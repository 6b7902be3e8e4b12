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

// The localities, forecasts and announcements every page reads are kept in
// memory; each change shows on the next read, here and on other servers.
func TestKeptReadsFollowChanges(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now().UTC().Truncate(time.Second)
		before, err := s.Localities(ctx) // kept from here on
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ActivePopups(ctx, now); err != nil {
			t.Fatal(err)
		}
		l, err := s.CreateLocality(ctx, news.System(), news.Locality{Name: "Phường Thành Sen", Latitude: 18.34, Longitude: 105.9})
		if err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Localities(ctx); len(got) != len(before)+1 || got[len(before)].Name != "Phường Thành Sen" {
			t.Fatalf("localities after adding one: %+v", got)
		}
		got, _ := s.Localities(ctx)
		got[0].Name = "đã sửa ở nơi gọi"
		if again, _ := s.Localities(ctx); again[0].Name != before[0].Name {
			t.Fatal("a caller changed the kept list")
		}
		if _, err := s.SaveWeather(ctx, []news.WeatherReport{{LocalityID: l.ID, Latitude: l.Latitude, Longitude: l.Longitude, FetchedAt: now}}); err != nil {
			t.Fatal(err)
		}
		if r, err := s.WeatherReport(ctx, l.ID); err != nil || !r.FetchedAt.Equal(now) {
			t.Fatalf("forecast after saving it: %+v %v", r, err)
		}

		later := news.Popup{Title: "Lịch cúp điện", Body: "Cúp điện phường Thành Sen sáng mai.", StartsAt: now.Add(time.Hour),
			EndsAt: now.Add(3 * time.Hour), Pages: news.PopupAllPages, Frequency: news.PopupOnce}
		if _, err := s.SavePopup(ctx, news.System(), later); err != nil {
			t.Fatal(err)
		}
		if active, _ := s.ActivePopups(ctx, now); len(active) != 0 {
			t.Errorf("an announcement for later is running now: %+v", active)
		}
		if active, _ := s.ActivePopups(ctx, now.Add(2*time.Hour)); len(active) != 1 {
			t.Errorf("the announcement is not running in its hours: %+v", active)
		}
		if active, _ := s.ActivePopups(ctx, now.Add(4*time.Hour)); len(active) != 0 {
			t.Errorf("an ended announcement is running: %+v", active)
		}
	})
}

// A change committed by another server, or another process on the same
// SQLite file (the command line), drops what this one kept: on
// PostgreSQL by NOTIFY, on SQLite through the table of notices it polls.
func TestKeptReadsFollowOtherServers(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			keptReadsFollow(t, storetest.Open(t, src.Source), storetest.Open(t, src.Source))
		})
	}
}

func keptReadsFollow(t *testing.T, here, there *store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	heard := make(chan []string, 100)
	here.Subscribe(func(ch news.Change) { heard <- ch.Strings() })
	listening := make(chan struct{})
	go here.Listen(ctx, func() { close(listening) })
	<-listening                         // changes committed from here on are heard
	before, err := here.Localities(ctx) // kept from here on
	if err != nil {
		t.Fatal(err)
	}
	if _, err := there.CreateLocality(ctx, news.System(), news.Locality{Name: "Xã Thạch Lạc", Latitude: 18.4, Longitude: 105.8}); err != nil {
		t.Fatal(err)
	}
	for keys := range heard {
		if slices.Contains(keys, "weather") {
			break
		}
	}
	if got, _ := here.Localities(ctx); len(got) != len(before)+1 || got[len(before)].Name != "Xã Thạch Lạc" {
		t.Fatalf("another server's new locality is not seen here: %+v", got)
	}
}
