package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/weather"
)

// weatherSite is a paper with one article and a weather job whose
// provider is a local Open-Meteo.
type weatherSite struct {
	url     string
	store   *store.Store
	weather *weather.Service
	api     *localOpenMeteo
	apiURL  *httptest.Server
	clock   *clock
	article news.Article
}

// localOpenMeteo answers in Open-Meteo's documented format for whatever
// places it is asked about, and counts the requests.
type localOpenMeteo struct {
	calls atomic.Int64
	mu    sync.Mutex
	mode  string // "ok", "fail" (500) or "garbage" (a place without current weather)
}

func (o *localOpenMeteo) set(mode string) { o.mu.Lock(); o.mode = mode; o.mu.Unlock() }

func (o *localOpenMeteo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	o.calls.Add(1)
	o.mu.Lock()
	mode := o.mode
	o.mu.Unlock()
	if mode == "fail" {
		http.Error(w, `{"error":true,"reason":"quá tải"}`, http.StatusInternalServerError)
		return
	}
	lats := strings.Split(r.URL.Query().Get("latitude"), ",")
	lons := strings.Split(r.URL.Query().Get("longitude"), ",")
	var places []any
	for i := range lats {
		lat, _ := strconv.ParseFloat(lats[i], 64)
		lon, _ := strconv.ParseFloat(lons[i], 64)
		p := openMeteoPlace(lat, lon, 24.3+float64(i))
		if mode == "garbage" && i == len(lats)-1 {
			delete(p, "current")
		}
		places = append(places, p)
	}
	var body any = places
	if len(places) == 1 {
		body = places[0]
	}
	if err := json.NewEncoder(w).Encode(body); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
	}
}

// openMeteoPlace is one place of an answer, at 10:00 on 29/11/2026 in
// Hà Tĩnh, in the shape Open-Meteo documents.
func openMeteoPlace(lat, lon, temp float64) map[string]any {
	return map[string]any{
		"latitude": lat + 0.02, "longitude": lon - 0.03, "generationtime_ms": 0.1, "utc_offset_seconds": 25200,
		"timezone": "Asia/Ho_Chi_Minh", "timezone_abbreviation": "GMT+7", "elevation": 9.0,
		"current_units": map[string]string{"time": "iso8601", "interval": "seconds", "temperature_2m": "°C", "relative_humidity_2m": "%",
			"apparent_temperature": "°C", "is_day": "", "precipitation": "mm", "weather_code": "wmo code", "wind_speed_10m": "km/h"},
		"current": map[string]any{"time": "2026-11-29T10:00", "interval": 900, "temperature_2m": temp, "relative_humidity_2m": 78,
			"apparent_temperature": 26.1, "is_day": 1, "precipitation": 0.0, "weather_code": 2, "wind_speed_10m": 9.4},
		"daily_units": map[string]string{"time": "iso8601", "weather_code": "wmo code", "temperature_2m_max": "°C",
			"temperature_2m_min": "°C", "precipitation_probability_max": "%"},
		"daily": map[string]any{"time": []string{"2026-11-29", "2026-11-30", "2026-12-01"}, "weather_code": []int{3, 63, 95},
			"temperature_2m_max": []float64{26.4, 23.1, 22.0}, "temperature_2m_min": []float64{19.2, 18.7, 17.6},
			"precipitation_probability_max": []any{20, 85, nil}},
	}
}

func startWeatherSite(t *testing.T, source string) *weatherSite {
	t.Helper()
	return startWeatherSiteWith(t, source, nil)
}

// startWeatherSiteWith starts the weather site serving through pages, a
// page cache kept exact by the store's changes (nil: no cache).
func startWeatherSiteWith(t *testing.T, source string, pages *pagecache.Cache) *weatherSite {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, source)
	lib, err := media.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	w := &weatherSite{store: s, api: &localOpenMeteo{mode: "ok"}, clock: &clock{t: testNow}}
	w.apiURL = httptest.NewServer(w.api)
	t.Cleanup(w.apiURL.Close)
	provider, err := weather.NewOpenMeteo(w.apiURL.URL, "", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	w.weather = weather.New(weather.Config{Store: s, Provider: provider, Interval: 30 * time.Minute, Stale: 3 * time.Hour, Now: w.clock.now})
	sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	w.article, err = s.CreateArticle(ctx, news.System(), news.Article{Slug: "mua-lon-o-ha-tinh", Title: "Mưa lớn ở Hà Tĩnh", Lead: "Mưa lớn kéo dài.",
		Body: "<p>Nội dung.</p>", SectionID: sec.ID, Status: news.Published, PublishedAt: testNow.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if pages != nil {
		s.Subscribe(pages.Changed)
	}
	handler, err := server.New(server.Deps{Store: s, Media: lib, Now: w.clock.now, Weather: w.weather, Cache: pages})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	w.url = ts.URL
	return w
}

func (w *weatherSite) refresh(t *testing.T) {
	t.Helper()
	if got, err := w.weather.Refresh(context.Background()); err != nil || got != weather.Refreshed {
		t.Fatalf("Refresh = %q, %v", got, err)
	}
}

// eachWeatherSite runs fn against a weather site on each database.
func eachWeatherSite(t *testing.T, fn func(t *testing.T, w *weatherSite)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, startWeatherSite(t, src.Source))
		})
	}
}
