package weather_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/weather"
)

// Places of the testdata answers, in their order in multi.json.
var (
	thanhSen    = weather.Place{Latitude: 18.343, Longitude: 105.906}
	hongLinh    = weather.Place{Latitude: 18.53, Longitude: 105.70}
	songTri     = weather.Place{Latitude: 18.07, Longitude: 106.30}
	threePlaces = []weather.Place{thanhSen, hongLinh, songTri}
)

// fakeOpenMeteo answers every request with status and the bytes of body,
// counting the requests and keeping the last query.
type fakeOpenMeteo struct {
	calls  atomic.Int64
	query  atomic.Value // url.Values
	path   atomic.Value // string
	status int
	body   []byte
}

func (f *fakeOpenMeteo) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	f.query.Store(r.URL.Query())
	f.path.Store(r.URL.Path)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(f.status)
	_, _ = w.Write(f.body) // the client under test reports a short answer
}

func testdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// serve starts a local Open-Meteo answering with body.
func serve(t *testing.T, status int, body []byte) (*fakeOpenMeteo, *httptest.Server) {
	t.Helper()
	f := &fakeOpenMeteo{status: status, body: body}
	ts := httptest.NewServer(f)
	t.Cleanup(ts.Close)
	return f, ts
}

func client(t *testing.T, base, key string, timeout time.Duration) *weather.OpenMeteo {
	t.Helper()
	c, err := weather.NewOpenMeteo(base, key, timeout)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestOpenMeteoOnePlace(t *testing.T) {
	t.Parallel()
	f, ts := serve(t, http.StatusOK, testdata(t, "single.json"))
	got, err := client(t, ts.URL, "", 0).Forecast(context.Background(), []weather.Place{thanhSen})
	if err != nil {
		t.Fatal(err)
	}
	q := f.query.Load().(url.Values)
	want := map[string]string{
		"latitude": "18.343", "longitude": "105.906",
		"current":       "temperature_2m,relative_humidity_2m,apparent_temperature,is_day,precipitation,weather_code,wind_speed_10m",
		"daily":         "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max",
		"timezone":      "Asia/Ho_Chi_Minh",
		"forecast_days": "3",
	}
	for k, v := range want {
		if q.Get(k) != v {
			t.Errorf("query %s = %q, want %q", k, q.Get(k), v)
		}
	}
	if q.Has("apikey") || f.path.Load() != "/v1/forecast" {
		t.Errorf("request %s?%s: no key was set", f.path.Load(), q.Encode())
	}
	if len(got) != 1 {
		t.Fatalf("%d forecasts", len(got))
	}
	now := got[0].Now
	if now.Temperature != 24.3 || now.Humidity != 78 || now.Apparent != 26.1 || now.WindSpeed != 9.4 || now.Code != 2 || !now.IsDay {
		t.Errorf("current = %+v", now)
	}
	if want := time.Date(2026, 11, 29, 3, 0, 0, 0, time.UTC); !now.ObservedAt.Equal(want) {
		t.Errorf("observed at %v, want %v (10:00 at UTC+7)", now.ObservedAt, want)
	}
	days := got[0].Days
	if len(days) != 3 || days[0].Day.Format(time.DateOnly) != "2026-11-29" || days[1].Code != 63 || days[1].Min != 18.7 || days[1].Max != 23.1 {
		t.Fatalf("days = %+v", days)
	}
	if days[0].RainChance != 20 || days[2].RainChance != -1 {
		t.Errorf("rain chances %d, %d: want 20 and -1 for null", days[0].RainChance, days[2].RainChance)
	}
}

func TestOpenMeteoSeveralPlacesInOneRequest(t *testing.T) {
	t.Parallel()
	f, ts := serve(t, http.StatusOK, testdata(t, "multi.json"))
	got, err := client(t, ts.URL+"/", "khoa-thu", 0).Forecast(context.Background(), threePlaces)
	if err != nil {
		t.Fatal(err)
	}
	if n := f.calls.Load(); n != 1 {
		t.Fatalf("%d requests for three places, want one", n)
	}
	q := f.query.Load().(url.Values)
	if q.Get("latitude") != "18.343,18.53,18.07" || q.Get("longitude") != "105.906,105.7,106.3" || q.Get("apikey") != "khoa-thu" {
		t.Errorf("query %q", q.Encode())
	}
	if len(got) != 3 || got[1].Now.Code != 61 || got[1].Now.Precipitation != 1.2 || got[2].Now.Temperature != -0.3 || got[2].Now.IsDay {
		t.Fatalf("forecasts in the wrong order or wrong: %+v", got)
	}
}

func TestOpenMeteoRefusesBadAnswers(t *testing.T) {
	t.Parallel()
	multi := testdata(t, "multi.json")
	tests := []struct {
		name   string
		status int
		body   []byte
		places []weather.Place
		want   string
	}{
		{"server error", 500, []byte(`{"error":true,"reason":"Máy chủ bận"}`), nil, "status 500: Máy chủ bận"},
		{"bad request", 400, testdata(t, "error_answer.json"), nil, "temperature_3m"},
		{"error with 200", 200, testdata(t, "error_answer.json"), nil, "error"},
		{"html", 200, []byte("<html><body>Bad gateway</body></html>"), nil, "malformed"},
		{"truncated json", 200, testdata(t, "single.json")[:300], nil, "malformed"},
		{"empty", 200, nil, nil, "empty"},
		{"missing field", 200, testdata(t, "missing_temperature.json"), nil, "temperature_2m missing"},
		{"null field", 200, testdata(t, "null_humidity.json"), nil, "relative_humidity_2m missing"},
		{"partial array", 200, testdata(t, "partial_daily.json"), nil, "unequal length"},
		{"too few days", 200, testdata(t, "two_days.json"), nil, "2 forecast days"},
		{"absurd temperature", 200, testdata(t, "absurd_temperature.json"), nil, "temperature_2m = 85"},
		{"number too large", 200, testdata(t, "huge_number.json"), nil, "malformed"},
		{"number as text", 200, testdata(t, "string_number.json"), nil, "malformed"},
		{"unknown weather code", 200, testdata(t, "unknown_code.json"), nil, "not a WMO weather code"},
		{"fractional code", 200, testdata(t, "fractional_code.json"), nil, "not a whole number"},
		{"fahrenheit", 200, testdata(t, "fahrenheit.json"), nil, "°F"},
		{"another place", 200, testdata(t, "far_away.json"), nil, "answer is for 21.03"},
		{"minimum above maximum", 200, testdata(t, "min_above_max.json"), nil, "above maximum"},
		{"days not consecutive", 200, testdata(t, "gap_in_days.json"), nil, "does not follow"},
		{"no daily forecast", 200, testdata(t, "no_daily.json"), nil, "no daily forecast"},
		{"bad time", 200, testdata(t, "bad_time.json"), nil, "current time"},
		{"one object for three places", 200, testdata(t, "single.json"), threePlaces, "1 places in the answer, 3 asked for"},
		{"array too short", 200, []byte("[" + strings.SplitN(string(multi[1:]), "\n  },", 2)[0] + "}]"), threePlaces, "1 places in the answer, 3 asked for"},
		{"array for fewer places", 200, multi, threePlaces[:2], "3 places in the answer, 2 asked for"},
		{"answer too large", 200, []byte(`[` + strings.Repeat(" ", 2<<20) + `]`), nil, "larger than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, ts := serve(t, tt.status, tt.body)
			places := tt.places
			if places == nil {
				places = []weather.Place{thanhSen}
			}
			got, err := client(t, ts.URL, "", 0).Forecast(context.Background(), places)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Forecast = %d forecasts, %v; want an error about %q", len(got), err, tt.want)
			}
			if got != nil {
				t.Errorf("a refused answer still gave %d forecasts", len(got))
			}
		})
	}
}

func TestOpenMeteoTimesOut(t *testing.T) {
	t.Parallel()
	// The handler holds the request until the client gives up: the test
	// takes the client's timeout, not a sleep.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }))
	t.Cleanup(ts.Close)
	start := time.Now()
	_, err := client(t, ts.URL, "", 100*time.Millisecond).Forecast(context.Background(), []weather.Place{thanhSen})
	if err == nil || !strings.Contains(err.Error(), "Client.Timeout") {
		t.Fatalf("Forecast = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

func TestNewOpenMeteoRefusesBadURLs(t *testing.T) {
	t.Parallel()
	for _, base := range []string{"", "api.open-meteo.com", "ftp://api.open-meteo.com", "https://", "://x"} {
		if _, err := weather.NewOpenMeteo(base, "", 0); err == nil {
			t.Errorf("NewOpenMeteo(%q) accepted", base)
		}
	}
}
