package weather_test

import (
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/weather"
)

func TestParseLocality(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, place, lat, lon string
		ok                    bool
		wantLat, wantLon      float64
	}{
		{"decimal point", " Thành Sen ", "18.343", "105.906", true, 18.343, 105.906},
		{"decimal comma", "Kỳ Anh", "18,07", "106,30", true, 18.07, 106.30},
		{"south and west", "Nơi khác", "-33.9", "-70.6", true, -33.9, -70.6},
		{"decomposed name", "Tha\u0300nh Sen", "18", "105", true, 18, 105},
		{"no name", "  ", "18", "105", false, 0, 0},
		{"long name", strings.Repeat("ă", 101), "18", "105", false, 0, 0},
		{"latitude too large", "A", "95", "105", false, 0, 0},
		{"longitude too small", "A", "18", "-181", false, 0, 0},
		{"not a number", "A", "mười tám", "105", false, 0, 0},
		{"NaN", "A", "NaN", "105", false, 0, 0},
		{"infinity", "A", "18", "Inf", false, 0, 0},
		{"empty", "A", "", "105", false, 0, 0},
		{"degrees and minutes", "A", "18°20′", "105", false, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := weather.ParseLocality(tt.place, tt.lat, tt.lon)
			if !tt.ok {
				if news.ErrorCode(err) != news.Invalid || news.ErrorMessage(err) == "" {
					t.Fatalf("ParseLocality = %+v, %v; want a Vietnamese refusal", l, err)
				}
				return
			}
			if err != nil || l.Latitude != tt.wantLat || l.Longitude != tt.wantLon || l.Name == "" || l.Name != "Thành Sen" && tt.name == "decomposed name" {
				t.Fatalf("ParseLocality = %+v, %v", l, err)
			}
		})
	}
}
