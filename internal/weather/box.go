package weather

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// Report is a locality's weather as pages show it. Fresh is false when
// there is no data or it is older than the stale age: pages then say so
// instead of showing numbers.
type Report struct {
	Locality  news.Locality
	Fresh     bool
	UpdatedAt time.Time // when the data was fetched; zero for never
	Now       Current
	Days      []Day
}

// Current is the weather now with its description.
type Current struct {
	news.Conditions
	Condition
}

// Day is a forecast day with its description.
type Day struct {
	news.DayForecast
	Condition
}

// Box is what the weather box needs: the localities for the picker and
// the chosen one's report.
type Box struct {
	Localities []news.Locality
	Report
}

// Box reads the report of locality chosen, or of the default locality
// when chosen is 0 or no longer exists. With no localities at all the Box
// is empty and pages leave it out.
func (s *Service) Box(ctx context.Context, chosen int64) (Box, error) {
	locs, err := s.store.Localities(ctx)
	if err != nil || len(locs) == 0 {
		return Box{}, err
	}
	pick := locs[0]
	for _, l := range locs {
		if l.Default {
			pick = l
		}
	}
	for _, l := range locs {
		if l.ID == chosen {
			pick = l
		}
	}
	b := Box{Localities: locs, Report: Report{Locality: pick}}
	r, err := s.store.WeatherReport(ctx, pick.ID)
	if news.ErrorCode(err) == news.NotFound {
		return b, nil
	}
	if err != nil {
		return b, err
	}
	b.Report = s.report(pick, r, time.Time{})
	return b, nil
}

// Reports reads every locality's report for the forecast page, leaving
// out forecast days before today (a date at midnight UTC).
func (s *Service) Reports(ctx context.Context, today time.Time) ([]Report, error) {
	locs, err := s.store.Localities(ctx)
	if err != nil {
		return nil, err
	}
	stored, err := s.store.WeatherReports(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Report, len(locs))
	for i, l := range locs {
		out[i] = Report{Locality: l}
		if r, ok := stored[l.ID]; ok {
			out[i] = s.report(l, r, today)
		}
	}
	return out, nil
}

// Stale is the age past which pages stop showing data.
func (s *Service) Stale() time.Duration { return s.stale }

func (s *Service) report(l news.Locality, r news.WeatherReport, today time.Time) Report {
	out := Report{Locality: l, UpdatedAt: r.FetchedAt, Fresh: s.now().Sub(r.FetchedAt) <= s.stale}
	out.Now = Current{Conditions: r.Now, Condition: Describe(r.Now.Code, r.Now.IsDay)}
	for _, d := range r.Days {
		if !d.Day.Before(today) {
			out.Days = append(out.Days, Day{DayForecast: d, Condition: Describe(d.Code, true)})
		}
	}
	return out
}

// Degrees prints a temperature as papers do: "24°C", never "-0°C".
func Degrees(v float64) string {
	n := math.Round(v)
	if n == 0 {
		n = 0 // turns -0 into 0
	}
	return strconv.FormatFloat(n, 'f', 0, 64) + "°C"
}

// Speed prints a wind speed: "12 km/h".
func Speed(v float64) string { return fmt.Sprintf("%.0f km/h", math.Round(v)) }

// TemperatureText is the temperature now, for the page: "24°C".
func (c Current) TemperatureText() string { return Degrees(c.Temperature) }

// ApparentText is how warm it feels: "26°C".
func (c Current) ApparentText() string { return Degrees(c.Apparent) }

// WindText is the wind speed: "12 km/h".
func (c Current) WindText() string { return Speed(c.WindSpeed) }

// MinText is the day's lowest temperature: "19°C".
func (d Day) MinText() string { return Degrees(d.Min) }

// MaxText is the day's highest temperature: "26°C".
func (d Day) MaxText() string { return Degrees(d.Max) }
