package weather

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// ParseLocality reads the newsroom's locality form. Coordinates are
// decimal degrees; a decimal comma ("18,343"), as Vietnamese keyboards
// and spreadsheets write it, is accepted.
func ParseLocality(name, latitude, longitude string) (news.Locality, error) {
	l := news.Locality{Name: strings.TrimSpace(vietnamese.NFC(name))}
	if l.Name == "" || utf8.RuneCountInString(l.Name) > 100 || strings.ContainsFunc(l.Name, unicode.IsControl) {
		return l, news.Errorf(news.Invalid, "Vui lòng nhập tên địa phương (tối đa 100 ký tự)")
	}
	var err error
	if l.Latitude, err = degrees(latitude, 90); err != nil {
		return l, news.Errorf(news.Invalid, "Vĩ độ %q không hợp lệ: cần một số từ -90 đến 90, ví dụ 18.343", clip(latitude))
	}
	if l.Longitude, err = degrees(longitude, 180); err != nil {
		return l, news.Errorf(news.Invalid, "Kinh độ %q không hợp lệ: cần một số từ -180 đến 180, ví dụ 105.906", clip(longitude))
	}
	return l, l.Validate()
}

func degrees(v string, limit float64) (float64, error) {
	v = strings.ReplaceAll(strings.TrimSpace(v), ",", ".")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > limit {
		return 0, news.Errorf(news.Invalid, "bad degrees")
	}
	return f, nil
}

// clip shortens what a person typed before it goes back into a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 30 {
		return s
	}
	return string([]rune(s)[:30]) + "…"
}
