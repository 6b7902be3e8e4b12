package weather

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// DefaultBaseURL is Open-Meteo's free API; commercial use takes a key on
// the customer host, set with --weather-url and TOASOAN_WEATHER_KEY.
const DefaultBaseURL = "https://api.open-meteo.com"

// forecastDays is how many days the forecast page shows.
const forecastDays = 3

// maxResponseBytes bounds an answer: about 2 KB per place, for at most
// news.MaxLocalities places, with room to spare.
const maxResponseBytes = 1 << 20

// Place is where a forecast is asked for.
type Place struct {
	Latitude, Longitude float64
}

// OpenMeteo asks Open-Meteo's forecast API for every place in one request.
type OpenMeteo struct {
	base   string
	key    string
	client *http.Client
}

// NewOpenMeteo makes a client for the API at base (no trailing /v1/...);
// key is sent as apikey when set. A timeout of 0 means 10 seconds: the
// job must not hang on a provider that does not answer.
func NewOpenMeteo(base, key string, timeout time.Duration) (*OpenMeteo, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("địa chỉ dịch vụ thời tiết %q không hợp lệ: cần http:// hoặc https://", base)
	}
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &OpenMeteo{base: strings.TrimRight(base, "/"), key: key, client: &http.Client{Timeout: timeout}}, nil
}

// Forecast fetches the current weather and the daily forecast of each
// place, in the places' order. Any answer that is not complete and
// plausible for every place is an error: the caller keeps its old data.
func (o *OpenMeteo) Forecast(ctx context.Context, places []Place) ([]news.Forecast, error) {
	if len(places) == 0 {
		return nil, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, o.requestURL(places), nil)
	if err != nil {
		return nil, fmt.Errorf("open-meteo: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := o.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("open-meteo: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes+1))
	if err != nil {
		return nil, fmt.Errorf("open-meteo: read answer: %w", err)
	}
	if len(body) > maxResponseBytes {
		return nil, fmt.Errorf("open-meteo: answer larger than %d bytes", maxResponseBytes)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("open-meteo: status %d: %s", resp.StatusCode, reason(body))
	}
	return decodeForecasts(body, places)
}

// requestURL asks for exactly what the box and the forecast page show.
func (o *OpenMeteo) requestURL(places []Place) string {
	lats, lons := make([]string, len(places)), make([]string, len(places))
	for i, p := range places {
		lats[i] = strconv.FormatFloat(p.Latitude, 'f', -1, 64)
		lons[i] = strconv.FormatFloat(p.Longitude, 'f', -1, 64)
	}
	q := url.Values{}
	q.Set("latitude", strings.Join(lats, ","))
	q.Set("longitude", strings.Join(lons, ","))
	q.Set("current", "temperature_2m,relative_humidity_2m,apparent_temperature,is_day,precipitation,weather_code,wind_speed_10m")
	q.Set("daily", "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max")
	q.Set("timezone", "Asia/Ho_Chi_Minh")
	q.Set("forecast_days", strconv.Itoa(forecastDays))
	if o.key != "" {
		q.Set("apikey", o.key)
	}
	// Commas stay literal: they are what the API splits places on.
	return o.base + "/v1/forecast?" + strings.ReplaceAll(q.Encode(), "%2C", ",")
}

// reason is the error text Open-Meteo sends as {"error":true,"reason":...},
// cut short; the body itself otherwise.
func reason(body []byte) string {
	var e struct {
		Reason string `json:"reason"`
	}
	text := string(body)
	if json.Unmarshal(body, &e) == nil && e.Reason != "" {
		text = e.Reason
	}
	text = strings.Join(strings.Fields(text), " ")
	if len(text) > 200 {
		text = strings.ToValidUTF8(text[:200], "") + "…"
	}
	return text
}

// errEmpty is returned for an answer without any JSON value.
var errEmpty = errors.New("open-meteo: empty answer")
