package weather_test

import (
	"slices"
	"testing"

	"github.com/toasoan/toasoan/internal/weather"
)

func TestDescribe(t *testing.T) {
	t.Parallel()
	tests := []struct {
		code  int
		day   bool
		words string
		icon  string
	}{
		{0, true, "Trời quang", weather.IconSun},
		{0, false, "Trời quang", weather.IconMoon},
		{1, true, "Ít mây", weather.IconSun},
		{2, true, "Có mây", weather.IconSunCloud},
		{2, false, "Có mây", weather.IconMoon},
		{3, true, "Nhiều mây", weather.IconCloud},
		{45, true, "Sương mù", weather.IconFog},
		{48, false, "Sương mù", weather.IconFog},
		{51, true, "Mưa phùn", weather.IconRain},
		{53, true, "Mưa phùn", weather.IconRain},
		{55, true, "Mưa phùn", weather.IconRain},
		{56, true, "Mưa phùn lạnh", weather.IconRain},
		{57, true, "Mưa phùn lạnh", weather.IconRain},
		{61, true, "Mưa nhỏ", weather.IconRain},
		{63, true, "Mưa vừa", weather.IconRain},
		{65, true, "Mưa to", weather.IconRain},
		{66, true, "Mưa lạnh", weather.IconRain},
		{67, true, "Mưa lạnh", weather.IconRain},
		{71, true, "Tuyết", weather.IconSnow},
		{77, true, "Tuyết", weather.IconSnow},
		{80, true, "Mưa rào", weather.IconRain},
		{82, false, "Mưa rào", weather.IconRain},
		{85, true, "Mưa tuyết", weather.IconSnow},
		{86, true, "Mưa tuyết", weather.IconSnow},
		{95, true, "Dông", weather.IconThunder},
		{96, true, "Dông kèm mưa đá", weather.IconThunder},
		{99, true, "Dông kèm mưa đá", weather.IconThunder},
	}
	for _, tt := range tests {
		c := weather.Describe(tt.code, tt.day)
		if c.Words != tt.words || c.Icon != tt.icon || !weather.KnownCode(tt.code) {
			t.Errorf("Describe(%d, day=%v) = %q %q, want %q %q", tt.code, tt.day, c.Words, c.Icon, tt.words, tt.icon)
		}
		if !slices.Contains(weather.Icons(), c.Icon) {
			t.Errorf("icon %q of code %d is not listed in Icons", c.Icon, tt.code)
		}
	}
	for _, code := range []int{4, 10, 50, 60, 100, -1} {
		if weather.KnownCode(code) {
			t.Errorf("code %d is not a WMO code Open-Meteo reports", code)
		}
	}
}

func TestDegrees(t *testing.T) {
	t.Parallel()
	for v, want := range map[float64]string{24.3: "24°C", 24.5: "25°C", -0.3: "0°C", -2.5: "-3°C", 0: "0°C"} {
		if got := weather.Degrees(v); got != want {
			t.Errorf("Degrees(%g) = %q, want %q", v, got, want)
		}
	}
}
