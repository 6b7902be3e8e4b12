package store_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func names(t *testing.T, s *store.Store) []string {
	t.Helper()
	locs, err := s.Localities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range locs {
		n := l.Name
		if l.Default {
			n += "*"
		}
		out = append(out, n)
	}
	return out
}

func TestSeededLocalities(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		locs, err := s.Localities(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		first := locs[0]
		if first.Name != "Thành Sen" || !first.Default || first.Latitude != 18.343 || first.Longitude != 105.906 {
			t.Fatalf("first locality %+v, want Thành Sen at 18.343, 105.906 by default", first)
		}
		for _, l := range locs {
			if l.Latitude < 17.9 || l.Latitude > 18.8 || l.Longitude < 105.1 || l.Longitude > 106.5 {
				t.Errorf("%s at %g, %g is outside Hà Tĩnh", l.Name, l.Latitude, l.Longitude)
			}
			if l.Name == "Thành phố Hà Tĩnh" {
				t.Errorf("%q no longer exists since 1/7/2025", l.Name)
			}
		}
	})
}

func TestEditLocalities(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, l := range mustLocalities(t, s)[2:] {
			if err := s.DeleteLocality(ctx, news.System(), l.ID); err != nil {
				t.Fatal(err)
			}
		}
		if got := names(t, s); !slices.Equal(got, []string{"Thành Sen*", "Bắc Hồng Lĩnh"}) {
			t.Fatalf("after deleting: %q", got)
		}
		ky, err := s.CreateLocality(ctx, news.System(), news.Locality{Name: "Ky\u0300 Anh", Latitude: 18.07, Longitude: 106.29})
		if err != nil || ky.Position != 3 || ky.Default {
			t.Fatalf("CreateLocality = %+v, %v", ky, err)
		}
		if err := s.MoveLocality(ctx, news.System(), ky.ID, -1); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveLocality(ctx, news.System(), ky.ID, -1); err != nil {
			t.Fatal(err)
		}
		if err := s.MoveLocality(ctx, news.System(), ky.ID, -1); err != nil { // already first: stays
			t.Fatal(err)
		}
		if err := s.SetDefaultLocality(ctx, news.System(), ky.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(t, s); !slices.Equal(got, []string{"Kỳ Anh*", "Thành Sen", "Bắc Hồng Lĩnh"}) {
			t.Fatalf("after moving and choosing the default: %q (the name must be NFC)", got)
		}
		if err := s.DeleteLocality(ctx, news.System(), ky.ID); err != nil {
			t.Fatal(err)
		}
		if got := names(t, s); !slices.Equal(got, []string{"Thành Sen*", "Bắc Hồng Lĩnh"}) {
			t.Fatalf("after deleting the default: %q, want the first to take its place", got)
		}
		for name, err := range map[string]error{
			"delete": s.DeleteLocality(ctx, news.System(), 999999), "move": s.MoveLocality(ctx, news.System(), 999999, 1),
			"default": s.SetDefaultLocality(ctx, news.System(), 999999), "update": s.UpdateLocality(ctx, news.System(), news.Locality{ID: 999999, Name: "X"}),
		} {
			if news.ErrorCode(err) != news.NotFound {
				t.Errorf("%s of a missing locality = %v, want not found", name, err)
			}
		}
		if _, err := s.Locality(ctx, 999999); news.ErrorCode(err) != news.NotFound {
			t.Errorf("Locality(missing) = %v", err)
		}
	})
}

func TestLocalityLimit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for i := len(mustLocalities(t, s)); i < news.MaxLocalities; i++ {
			if _, err := s.CreateLocality(ctx, news.System(), news.Locality{Name: fmt.Sprint("Nơi ", i), Latitude: 18, Longitude: 105}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.CreateLocality(ctx, news.System(), news.Locality{Name: "Một nơi nữa", Latitude: 18, Longitude: 105}); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("locality past the limit: %v", err)
		}
	})
}

func mustLocalities(t *testing.T, s *store.Store) []news.Locality {
	t.Helper()
	locs, err := s.Localities(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return locs
}

func report(l news.Locality, at time.Time, temp float64, days int) news.WeatherReport {
	r := news.WeatherReport{LocalityID: l.ID, Latitude: l.Latitude, Longitude: l.Longitude, FetchedAt: at,
		Forecast: news.Forecast{Now: news.Conditions{ObservedAt: at.Add(-10 * time.Minute), Temperature: temp, Apparent: temp + 1,
			Humidity: 80, WindSpeed: 7.5, Precipitation: 0.4, Code: 61, IsDay: true}}}
	for i := range days {
		r.Days = append(r.Days, news.DayForecast{Day: time.Date(2026, 11, 29+i, 0, 0, 0, 0, time.UTC), Code: 3, Min: 18, Max: 25, RainChance: 10 * i})
	}
	r.Days[0].RainChance = -1
	return r
}

func TestSaveWeatherReplacesTheLastReport(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var keys []string
		s.Subscribe(func(ch news.Change) { keys = append(keys, ch.Strings()...) })
		locs := mustLocalities(t, s)
		at := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
		gone := locs[2]
		gone.Latitude = 10 // asked for where the locality no longer is
		n, err := s.SaveWeather(ctx, []news.WeatherReport{report(locs[0], at, 24.5, 3), report(locs[1], at, 22, 3), report(gone, at, 30, 3)})
		if err != nil || n != 2 {
			t.Fatalf("SaveWeather = %d, %v; want 2 (one was for another place)", n, err)
		}
		if !slices.Contains(keys, "weather") {
			t.Errorf("the page cache was not told: %q", keys)
		}
		got, err := s.WeatherReport(ctx, locs[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		want := report(locs[0], at, 24.5, 3)
		if !got.FetchedAt.Equal(at) || !got.Now.ObservedAt.Equal(want.Now.ObservedAt) || got.Now.Temperature != 24.5 ||
			got.Now.Humidity != 80 || got.Now.Code != 61 || !got.Now.IsDay || len(got.Days) != 3 ||
			got.Days[0].RainChance != -1 || got.Days[2].RainChance != 20 || !got.Days[1].Day.Equal(want.Days[1].Day) {
			t.Fatalf("read back %+v", got)
		}
		later := at.Add(30 * time.Minute)
		if _, err := s.SaveWeather(ctx, []news.WeatherReport{report(locs[0], later, 25, 2)}); err != nil {
			t.Fatal(err)
		}
		all, err := s.WeatherReports(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if r := all[locs[0].ID]; !r.FetchedAt.Equal(later) || len(r.Days) != 2 || !all[locs[1].ID].FetchedAt.Equal(at) || len(all) != 2 {
			t.Fatalf("after the second save: %+v", all)
		}
		if _, err := s.WeatherReport(ctx, locs[2].ID); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("report of a locality without data: %v", err)
		}
		moved := locs[1]
		moved.Latitude += 0.1
		if err := s.UpdateLocality(ctx, news.System(), moved); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WeatherReport(ctx, moved.ID); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("a moved locality kept the forecast of its old place: %v", err)
		}
		renamed := locs[0]
		renamed.Name = "Phường Thành Sen"
		if err := s.UpdateLocality(ctx, news.System(), renamed); err != nil {
			t.Fatal(err)
		}
		if _, err := s.WeatherReport(ctx, renamed.ID); err != nil {
			t.Fatalf("a renamed locality lost its forecast: %v", err)
		}
	})
}

func TestLease(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
		take := func(holder string, at time.Time, want bool) {
			t.Helper()
			got, err := s.TakeLease(ctx, "job", holder, at, time.Minute)
			if err != nil || got != want {
				t.Fatalf("%s at %v: TakeLease = %v, %v; want %v", holder, at.Format("15:04:05"), got, err, want)
			}
		}
		take("a", now, true)
		take("b", now.Add(30*time.Second), false)
		take("a", now.Add(50*time.Second), true) // the holder renews
		take("b", now.Add(100*time.Second), false)
		take("b", now.Add(111*time.Second), true) // a's renewed lease ran out
		if err := s.ReleaseLease(ctx, "job", "a"); err != nil {
			t.Fatal(err)
		}
		take("a", now.Add(112*time.Second), false) // a released nothing: b holds it
		if err := s.ReleaseLease(ctx, "job", "b"); err != nil {
			t.Fatal(err)
		}
		take("a", now.Add(113*time.Second), true)
		take("c", now.Add(113*time.Second), false)
		if got, _ := s.TakeLease(ctx, "other-job", "c", now, time.Minute); !got {
			t.Fatal("leases of different jobs got in each other's way")
		}
	})
}

// Servers asking for a free lease at the same moment: exactly one wins.
func TestLeaseRace(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			servers := []*store.Store{storetest.Open(t, src.Source), storetest.Open(t, src.Source), storetest.Open(t, src.Source)}
			now := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC)
			for round := range 5 {
				at := now.Add(time.Duration(round) * time.Hour)
				var wg sync.WaitGroup
				var mu sync.Mutex
				won := 0
				for i := range 12 {
					wg.Add(1)
					go func() {
						defer wg.Done()
						got, err := servers[i%len(servers)].TakeLease(context.Background(), "race", fmt.Sprint("server-", round, "-", i), at, time.Minute)
						if err != nil {
							t.Error(err)
						}
						if got {
							mu.Lock()
							won++
							mu.Unlock()
						}
					}()
				}
				wg.Wait()
				if won != 1 {
					t.Fatalf("round %d: %d holders of one lease", round, won)
				}
			}
		})
	}
}
