package weather_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/weather"
)

// start is 29/11/2026 10:00 in Hà Tĩnh, the time of the testdata answers.
var start = time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)

// newService is a weather service on s whose provider is the local
// Open-Meteo at url; the client gives up after timeout.
func newService(t *testing.T, s *store.Store, url string, c *clock, timeout time.Duration) *weather.Service {
	t.Helper()
	p, err := weather.NewOpenMeteo(url, "", timeout)
	if err != nil {
		t.Fatal(err)
	}
	return weather.New(weather.Config{Store: s, Provider: p, Interval: 30 * time.Minute, Stale: 3 * time.Hour, Now: c.now})
}

func refresh(t *testing.T, svc *weather.Service, want weather.Outcome) {
	t.Helper()
	got, err := svc.Refresh(context.Background())
	if err != nil || got != want {
		t.Fatalf("Refresh = %q, %v; want %q", got, err, want)
	}
}

func TestRefreshFetchesOnceForAllAndSkipsFreshData(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		api, ts := newOpenMeteo(t)
		c := &clock{t: start}
		svc := newService(t, s, ts.URL, c, 0)
		refresh(t, svc, weather.Refreshed)
		locs, _ := s.Localities(ctx)
		reports, err := s.WeatherReports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if api.calls.Load() != 1 || len(reports) != len(locs) || len(locs) < 10 {
			t.Fatalf("%d requests, %d reports for %d localities; want 1 request for all", api.calls.Load(), len(reports), len(locs))
		}
		for i, l := range locs {
			r := reports[l.ID]
			if !r.FetchedAt.Equal(start) || r.Now.Temperature != 20+float64(i) || len(r.Days) != 3 {
				t.Errorf("%s: %+v", l.Name, r)
			}
		}
		c.advance(29 * time.Minute)
		refresh(t, svc, weather.Fresh)
		if api.calls.Load() != 1 {
			t.Fatalf("fresh data was fetched again")
		}
		c.advance(time.Minute)
		refresh(t, svc, weather.Refreshed)
		if api.calls.Load() != 2 {
			t.Fatalf("%d requests after the interval, want 2", api.calls.Load())
		}
	})
}

func TestFailedRefreshKeepsTheLastGoodData(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		api, ts := newOpenMeteo(t)
		c := &clock{t: start}
		// Long enough for an answer on a loaded CI machine (the good
		// fetches must not time out); the hanging one costs this once.
		svc := newService(t, s, ts.URL, c, 3*time.Second)
		refresh(t, svc, weather.Refreshed)
		before, _ := s.WeatherReports(ctx)
		for _, mode := range []string{"fail", "garbage", "hang"} {
			c.advance(time.Hour)
			api.set(mode)
			if got, err := svc.Refresh(ctx); err == nil {
				t.Fatalf("%s: Refresh = %q without error", mode, got)
			}
			after, _ := s.WeatherReports(ctx)
			for id, r := range before {
				if !after[id].FetchedAt.Equal(r.FetchedAt) || after[id].Now != r.Now {
					t.Fatalf("%s: locality %d changed: %+v", mode, id, after[id])
				}
			}
			box, err := svc.Box(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			if fresh := c.now().Sub(start) <= 3*time.Hour; box.Fresh != fresh || !box.UpdatedAt.Equal(start) {
				t.Fatalf("%s, %v after the fetch: box fresh=%v updated %v", mode, c.now().Sub(start), box.Fresh, box.UpdatedAt)
			}
		}
		c.advance(time.Minute)
		if box, _ := svc.Box(ctx, 0); box.Fresh {
			t.Fatal("data past the stale age is still shown")
		}
		api.set("ok")
		refresh(t, svc, weather.Refreshed)
		if box, _ := svc.Box(ctx, 0); !box.Fresh || !box.UpdatedAt.Equal(c.now()) {
			t.Fatalf("after the provider came back: %+v", box.Report)
		}
	})
}

// Two servers on one database: while one fetches, the other does not.
func TestOneServerRefreshesAtATime(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			ctx := context.Background()
			api, ts := newOpenMeteo(t)
			c := &clock{t: start}
			first := newService(t, storetest.Open(t, src.Source), ts.URL, c, 0)
			second := newService(t, storetest.Open(t, src.Source), ts.URL, c, 0)
			api.set("hold")
			done := make(chan weather.Outcome)
			go func() {
				got, err := first.Refresh(ctx)
				if err != nil {
					t.Error(err)
				}
				done <- got
			}()
			<-api.entered
			refresh(t, second, weather.Busy)
			api.set("ok")
			if got := <-done; got != weather.Refreshed {
				t.Fatalf("first server: %q", got)
			}
			refresh(t, second, weather.Fresh)
			if n := api.calls.Load(); n != 1 {
				t.Fatalf("%d requests, want 1", n)
			}
		})
	}
}

func TestLocalityMovedDuringFetchIsNotStored(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		api, ts := newOpenMeteo(t)
		locs, _ := s.Localities(ctx)
		moved := locs[1]
		api.before = func() {
			m := moved
			m.Latitude += 0.2
			if err := s.UpdateLocality(ctx, news.System(), m); err != nil {
				t.Error(err)
			}
		}
		refresh(t, newService(t, s, ts.URL, &clock{t: start}, 0), weather.Refreshed)
		reports, _ := s.WeatherReports(ctx)
		if _, ok := reports[moved.ID]; ok || len(reports) != len(locs)-1 {
			t.Fatalf("%d reports; the moved locality's forecast, for its old place, was kept: %v", len(reports), ok)
		}
	})
}

func TestBoxPicksTheReadersLocality(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, ts := newOpenMeteo(t)
		c := &clock{t: start}
		svc := newService(t, s, ts.URL, c, 0)
		empty, err := svc.Box(ctx, 0)
		if err != nil || empty.Fresh || empty.Locality.Name != "Thành Sen" {
			t.Fatalf("box before any data: %+v, %v", empty.Report, err)
		}
		refresh(t, svc, weather.Refreshed)
		locs, _ := s.Localities(ctx)
		tests := []struct {
			name   string
			chosen int64
			want   string
		}{
			{"no choice", 0, "Thành Sen"},
			{"a choice", locs[3].ID, locs[3].Name},
			{"a removed choice", 999999, "Thành Sen"},
		}
		for _, tt := range tests {
			b, err := svc.Box(ctx, tt.chosen)
			if err != nil || b.Locality.Name != tt.want || !b.Fresh || len(b.Localities) != len(locs) {
				t.Errorf("%s: box of %q fresh=%v, %v", tt.name, b.Locality.Name, b.Fresh, err)
			}
		}
		b, _ := svc.Box(ctx, 0)
		if b.Now.Words != "Có mây" || b.Now.Icon != weather.IconSunCloud || b.Now.TemperatureText() != "20°C" || b.Now.WindText() != "9 km/h" {
			t.Errorf("box now: %+v", b.Now)
		}
		reports, err := svc.Reports(ctx, time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC))
		if err != nil || len(reports) != len(locs) || len(reports[0].Days) != 2 || reports[0].Days[0].Words != "Mưa vừa" {
			t.Fatalf("reports from 30/11: %d, %+v, %v", len(reports), reports[0].Days, err)
		}
	})
}

func TestRefreshWithoutProvider(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if _, err := weather.New(weather.Config{Store: s}).Refresh(context.Background()); err == nil {
			t.Fatal("a service without a provider refreshed")
		}
	})
}

// Run fetches at once on start and returns when its context ends.
func TestRunRefreshesUntilStopped(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		api, ts := newOpenMeteo(t)
		svc := newService(t, s, ts.URL, &clock{t: start}, 0)
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() {
			svc.Run(ctx)
			close(done)
		}()
		deadline := time.Now().Add(10 * time.Second)
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if r, _ := s.WeatherReports(context.Background()); len(r) > 0 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatal("Run stored nothing")
			}
			<-tick.C
		}
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatal("Run did not return when stopped")
		}
		if n := api.calls.Load(); n != 1 {
			t.Fatalf("%d requests, want 1", n)
		}
	})
}
