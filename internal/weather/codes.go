// Package weather keeps the paper's weather box: a background job fetches
// forecasts for the paper's localities from a provider (Open-Meteo) and
// stores the last good one; pages only ever read what is stored.
package weather

// Condition is a WMO weather code as readers see it: words in Vietnamese
// and one of the project's icons (a static file's name).
type Condition struct {
	Code  int
	Words string
	Icon  string
}

// wmoWords are the WMO codes Open-Meteo reports. A code outside this
// table is an answer the box cannot describe, so the fetch is refused.
var wmoWords = map[int]string{
	0: "Trời quang", 1: "Ít mây", 2: "Có mây", 3: "Nhiều mây",
	45: "Sương mù", 48: "Sương mù",
	51: "Mưa phùn", 53: "Mưa phùn", 55: "Mưa phùn",
	56: "Mưa phùn lạnh", 57: "Mưa phùn lạnh",
	61: "Mưa nhỏ", 63: "Mưa vừa", 65: "Mưa to",
	66: "Mưa lạnh", 67: "Mưa lạnh",
	71: "Tuyết", 73: "Tuyết", 75: "Tuyết", 77: "Tuyết",
	80: "Mưa rào", 81: "Mưa rào", 82: "Mưa rào",
	85: "Mưa tuyết", 86: "Mưa tuyết",
	95: "Dông", 96: "Dông kèm mưa đá", 99: "Dông kèm mưa đá",
}

// KnownCode reports whether code is a WMO weather code the box describes.
func KnownCode(code int) bool {
	_, ok := wmoWords[code]
	return ok
}

// Describe gives the words and icon for a code; isDay picks the moon over
// the sun for clear nights. Forecast days are described as by day.
func Describe(code int, isDay bool) Condition {
	words, ok := wmoWords[code]
	if !ok {
		words = "Không rõ"
	}
	return Condition{Code: code, Words: words, Icon: icon(code, isDay)}
}

// Icons are the files in the web package's static folder.
const (
	IconSun      = "weather-sun.svg"
	IconMoon     = "weather-moon.svg"
	IconCloud    = "weather-cloud.svg"
	IconSunCloud = "weather-sun-cloud.svg"
	IconRain     = "weather-rain.svg"
	IconThunder  = "weather-thunder.svg"
	IconFog      = "weather-fog.svg"
	IconSnow     = "weather-snow.svg"
)

// Icons lists every icon Describe can name, for the test that each one
// exists among the static files.
func Icons() []string {
	return []string{IconSun, IconMoon, IconCloud, IconSunCloud, IconRain, IconThunder, IconFog, IconSnow}
}

func icon(code int, isDay bool) string {
	switch {
	case code <= 1:
		if isDay {
			return IconSun
		}
		return IconMoon
	case code == 2:
		if isDay {
			return IconSunCloud
		}
		return IconMoon
	case code == 3:
		return IconCloud
	case code == 45 || code == 48:
		return IconFog
	case code >= 71 && code <= 77, code == 85 || code == 86:
		return IconSnow
	case code >= 95:
		return IconThunder
	case code >= 51:
		return IconRain
	}
	return IconCloud
}
