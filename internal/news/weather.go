package news

import (
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxLocalities bounds the paper's list: every locality is one more place
// in the single forecast request, and one more option in the picker.
const MaxLocalities = 50

// Locality is a place the weather box reports on. The list is the
// paper's, edited in the newsroom; exactly one is the default once the
// list is not empty.
type Locality struct {
	ID        int64
	Name      string
	Latitude  float64
	Longitude float64
	Position  int
	Default   bool
}

// Validate checks what an editor typed: a name on one line, and
// coordinates on the globe.
func (l Locality) Validate() error {
	if l.Name == "" || utf8.RuneCountInString(l.Name) > 100 || strings.ContainsFunc(l.Name, unicode.IsControl) {
		return Errorf(Invalid, "Vui lòng nhập tên địa phương (tối đa 100 ký tự)")
	}
	if math.IsNaN(l.Latitude) || math.Abs(l.Latitude) > 90 {
		return Errorf(Invalid, "Vĩ độ không hợp lệ: cần một số từ -90 đến 90, ví dụ 18.343")
	}
	if math.IsNaN(l.Longitude) || math.Abs(l.Longitude) > 180 {
		return Errorf(Invalid, "Kinh độ không hợp lệ: cần một số từ -180 đến 180, ví dụ 105.906")
	}
	return nil
}

// Conditions is the weather at a place at one moment.
type Conditions struct {
	ObservedAt    time.Time
	Temperature   float64 // °C
	Apparent      float64 // °C, "cảm giác như"
	Humidity      int     // %
	WindSpeed     float64 // km/h
	Precipitation float64 // mm
	Code          int     // WMO weather code
	IsDay         bool
}

// DayForecast is one calendar day of a forecast.
type DayForecast struct {
	Day        time.Time // the date, at midnight UTC
	Code       int       // WMO weather code
	Min, Max   float64   // °C
	RainChance int       // %, -1 when the provider gave none
}

// Forecast is what the weather provider says about one place.
type Forecast struct {
	Now  Conditions
	Days []DayForecast
}

// WeatherReport is the last good forecast of a locality with the time it
// was fetched; pages show it, never the provider's live answer.
type WeatherReport struct {
	LocalityID int64
	Latitude   float64 // where the forecast was asked for
	Longitude  float64
	FetchedAt  time.Time
	Forecast
}
