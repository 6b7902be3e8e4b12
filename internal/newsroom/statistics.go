package newsroom

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// statsPeriod is a choice of "Thống kê": its query value, its label and
// how many of the paper's days it covers, today included.
type statsPeriod struct {
	Param, Label string
	Days         int
}

// statsPeriods are the periods editors choose between; the first is the
// default.
var statsPeriods = []statsPeriod{
	{"hom-nay", "Hôm nay", 1},
	{"7-ngay", "7 ngày", 7},
	{"30-ngay", "30 ngày", 30},
}

// topOfDay is how many stories "Đọc nhiều nhất hôm nay" lists.
const topOfDay = 20

// statsPage is "Thống kê": what readers read, counted by the paper itself
// (internal/views), with no third-party script on its pages.
type statsPage struct {
	pageLayout
	Periods  []statsPeriod
	Period   statsPeriod
	Since    time.Time // the period's first day, at midnight in the paper's zone
	Today    time.Time
	Top      []store.Ranked
	Sections []store.GroupViews
	Authors  []store.GroupViews
}

// showStatistics draws "Thống kê": the stories most read since midnight,
// and views by section and by author over the chosen period, all in the
// paper's days. An unknown period is a 400, not a silent default.
func (s *Server) showStatistics(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := statsPage{pageLayout: s.pageLayout(r, ss, "Thống kê"), Periods: statsPeriods, Period: statsPeriods[0]}
	if v := r.URL.Query().Get("ky"); v != "" {
		found := false
		for _, p := range statsPeriods {
			if p.Param == v {
				page.Period, found = p, true
			}
		}
		if !found {
			return news.Errorf(news.Invalid, "Khoảng thời gian “%s” không có; hãy chọn hôm nay, 7 ngày hoặc 30 ngày", news.Clip(v, 40))
		}
	}
	ctx := r.Context()
	page.Today = store.DayStart(s.now(), page.Site.Location)
	page.Since = page.Today.AddDate(0, 0, 1-page.Period.Days)
	err := s.store.ReadAll(
		func() (err error) {
			page.Top, err = s.store.MostRead(ctx, page.Today, topOfDay)
			return err
		},
		func() (err error) {
			page.Sections, err = s.store.ViewsBySection(ctx, page.Since)
			return err
		},
		func() (err error) {
			page.Authors, err = s.store.ViewsByAuthor(ctx, page.Since)
			return err
		},
	)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "statistics", page)
}

// thousands writes n the Vietnamese way, dots between thousands: 12.345.
func thousands(n int64) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	out := make([]byte, 0, len(digits)+len(digits)/3)
	for i := range len(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, digits[i])
	}
	return sign + string(out)
}
