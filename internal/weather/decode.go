package weather

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// omAnswer is one place of Open-Meteo's answer. Every value is a pointer
// so that a missing or null field is told apart from a zero.
type omAnswer struct {
	Error        bool              `json:"error"`
	Reason       string            `json:"reason"`
	Latitude     *float64          `json:"latitude"`
	Longitude    *float64          `json:"longitude"`
	UTCOffset    *int              `json:"utc_offset_seconds"`
	CurrentUnits map[string]string `json:"current_units"`
	Current      *struct {
		Time          string   `json:"time"`
		Temperature   *float64 `json:"temperature_2m"`
		Humidity      *float64 `json:"relative_humidity_2m"`
		Apparent      *float64 `json:"apparent_temperature"`
		IsDay         *float64 `json:"is_day"`
		Precipitation *float64 `json:"precipitation"`
		Code          *float64 `json:"weather_code"`
		WindSpeed     *float64 `json:"wind_speed_10m"`
	} `json:"current"`
	DailyUnits map[string]string `json:"daily_units"`
	Daily      *struct {
		Time       []string   `json:"time"`
		Code       []*float64 `json:"weather_code"`
		Max        []*float64 `json:"temperature_2m_max"`
		Min        []*float64 `json:"temperature_2m_min"`
		RainChance []*float64 `json:"precipitation_probability_max"`
	} `json:"daily"`
}

// maxGridDistance is how far, in degrees, the grid cell Open-Meteo
// answers for may lie from the place asked for; farther means the answer
// is not for that place (answers out of order, say).
const maxGridDistance = 0.5

// decodeForecasts reads Open-Meteo's answer: one JSON object for one
// place, an array of objects for several.
func decodeForecasts(body []byte, places []Place) ([]news.Forecast, error) {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		return nil, errEmpty
	}
	var raw []json.RawMessage
	if body[0] == '[' {
		if err := json.Unmarshal(body, &raw); err != nil {
			return nil, fmt.Errorf("open-meteo: malformed answer: %w", err)
		}
	} else {
		raw = []json.RawMessage{body}
	}
	if len(raw) != len(places) {
		return nil, fmt.Errorf("open-meteo: %d places in the answer, %d asked for", len(raw), len(places))
	}
	out := make([]news.Forecast, len(raw))
	for i, r := range raw {
		var a omAnswer
		if err := json.Unmarshal(r, &a); err != nil {
			return nil, fmt.Errorf("open-meteo: place %d: malformed answer: %w", i+1, err)
		}
		f, err := a.forecast(places[i])
		if err != nil {
			return nil, fmt.Errorf("open-meteo: place %d (%g, %g): %w", i+1, places[i].Latitude, places[i].Longitude, err)
		}
		out[i] = f
	}
	return out, nil
}

// forecast checks one place's answer field by field.
func (a omAnswer) forecast(p Place) (news.Forecast, error) {
	var f news.Forecast
	switch {
	case a.Error:
		return f, fmt.Errorf("error: %s", a.Reason)
	case a.Latitude == nil || a.Longitude == nil:
		return f, errors.New("no coordinates")
	case !near(*a.Latitude, p.Latitude) || !near(*a.Longitude, p.Longitude):
		return f, fmt.Errorf("answer is for %g, %g", *a.Latitude, *a.Longitude)
	case a.UTCOffset == nil || *a.UTCOffset < -14*3600 || *a.UTCOffset > 14*3600:
		return f, errors.New("no or bad utc_offset_seconds")
	case a.Current == nil:
		return f, errors.New("no current weather")
	case a.Daily == nil:
		return f, errors.New("no daily forecast")
	}
	for field, unit := range map[string]string{"temperature_2m": "°C", "apparent_temperature": "°C", "wind_speed_10m": "km/h", "precipitation": "mm"} {
		if a.CurrentUnits[field] != unit {
			return f, fmt.Errorf("current %s in %q, want %s", field, a.CurrentUnits[field], unit)
		}
	}
	for _, field := range []string{"temperature_2m_max", "temperature_2m_min"} {
		if a.DailyUnits[field] != "°C" {
			return f, fmt.Errorf("daily %s in %q, want °C", field, a.DailyUnits[field])
		}
	}
	zone := time.FixedZone("", *a.UTCOffset)
	c := a.Current
	observed, err := time.ParseInLocation("2006-01-02T15:04", c.Time, zone)
	if err != nil {
		return f, fmt.Errorf("current time %q: %w", c.Time, err)
	}
	var v values
	f.Now = news.Conditions{
		ObservedAt:    observed.UTC(),
		Temperature:   v.number("temperature_2m", c.Temperature, -60, 60),
		Apparent:      v.number("apparent_temperature", c.Apparent, -80, 80),
		Humidity:      v.whole("relative_humidity_2m", c.Humidity, 0, 100),
		WindSpeed:     v.number("wind_speed_10m", c.WindSpeed, 0, 500),
		Precipitation: v.number("precipitation", c.Precipitation, 0, 500),
		Code:          v.code("weather_code", c.Code),
		IsDay:         v.whole("is_day", c.IsDay, 0, 1) == 1,
	}
	if v.err != nil {
		return f, fmt.Errorf("current %w", v.err)
	}
	f.Days, err = a.days()
	return f, err
}

// days checks the daily arrays: as many entries in each as there are
// dates, consecutive dates, plausible numbers.
func (a omAnswer) days() ([]news.DayForecast, error) {
	d := a.Daily
	n := len(d.Time)
	if n != forecastDays {
		return nil, fmt.Errorf("%d forecast days, want %d", n, forecastDays)
	}
	if len(d.Code) != n || len(d.Max) != n || len(d.Min) != n || len(d.RainChance) != n {
		return nil, fmt.Errorf("daily arrays of unequal length: %d dates, %d codes, %d max, %d min, %d rain",
			n, len(d.Code), len(d.Max), len(d.Min), len(d.RainChance))
	}
	out := make([]news.DayForecast, n)
	for i := range n {
		day, err := time.Parse(time.DateOnly, d.Time[i])
		if err != nil {
			return nil, fmt.Errorf("daily time %q: %w", d.Time[i], err)
		}
		if i > 0 && !day.Equal(out[i-1].Day.AddDate(0, 0, 1)) {
			return nil, fmt.Errorf("daily time %q does not follow %s", d.Time[i], out[i-1].Day.Format(time.DateOnly))
		}
		var v values
		out[i] = news.DayForecast{Day: day, Code: v.code("weather_code", d.Code[i]),
			Min: v.number("temperature_2m_min", d.Min[i], -60, 60), Max: v.number("temperature_2m_max", d.Max[i], -60, 60), RainChance: -1}
		// Open-Meteo may leave the chance of rain null where its models
		// give none; the page then leaves it out, the rest still holds.
		if d.RainChance[i] != nil {
			out[i].RainChance = v.whole("precipitation_probability_max", d.RainChance[i], 0, 100)
		}
		if v.err == nil && out[i].Min > out[i].Max {
			v.err = fmt.Errorf("minimum %g above maximum %g", out[i].Min, out[i].Max)
		}
		if v.err != nil {
			return nil, fmt.Errorf("day %s: %w", d.Time[i], v.err)
		}
	}
	return out, nil
}

func near(got, want float64) bool { return math.Abs(got-want) <= maxGridDistance }

// values collects the first bad value of a group, so the checks read as
// one list.
type values struct{ err error }

func (v *values) number(name string, p *float64, lo, hi float64) float64 {
	switch {
	case v.err != nil:
	case p == nil:
		v.err = fmt.Errorf("%s missing", name)
	case !(*p >= lo && *p <= hi): // also false for NaN
		v.err = fmt.Errorf("%s = %g, outside %g..%g", name, *p, lo, hi)
	default:
		return *p
	}
	return 0
}

func (v *values) whole(name string, p *float64, lo, hi int) int {
	n := v.number(name, p, float64(lo), float64(hi))
	if v.err == nil && n != math.Trunc(n) {
		v.err = fmt.Errorf("%s = %g, not a whole number", name, n)
	}
	return int(n)
}

func (v *values) code(name string, p *float64) int {
	n := v.whole(name, p, 0, 99)
	if v.err == nil && !KnownCode(n) {
		v.err = fmt.Errorf("%s = %d is not a WMO weather code", name, n)
	}
	return n
}
