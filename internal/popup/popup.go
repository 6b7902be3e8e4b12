// Package popup keeps the announcements the newsroom shows readers in a
// small dialog: validating what editors type, choosing the one a page
// shows, and how long a reader's "closed" lasts.
package popup

import (
	"context"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Form is the newsroom's announcement form as typed.
type Form struct {
	ID, Title, Body, Link, ImageID, StartsAt, EndsAt, Pages, Frequency string
}

// Service saves announcements and picks the one a page shows.
type Service struct {
	store *store.Store
}

// New makes the service.
func New(s *store.Store) *Service { return &Service{store: s} }

// Parse checks the form; times are datetime-local values in loc, the
// paper's zone. Nothing is written.
func Parse(f Form, loc *time.Location) (store.Popup, error) {
	var p store.Popup
	var err error
	if p.ID, err = optionalID(f.ID); err != nil {
		return p, news.Errorf(news.Invalid, "Thông báo không hợp lệ")
	}
	if p.ImageID, err = optionalID(strings.TrimSpace(f.ImageID)); err != nil {
		return p, news.Errorf(news.Invalid, "Số ảnh %q không hợp lệ: nhập số của ảnh trong thư viện ảnh", clip(f.ImageID))
	}
	p.Title = strings.TrimSpace(vietnamese.NFC(f.Title))
	p.Body = strings.TrimSpace(strings.ReplaceAll(vietnamese.NFC(f.Body), "\r\n", "\n"))
	p.Link = strings.TrimSpace(f.Link)
	switch {
	case p.Title == "":
		return p, news.Errorf(news.Invalid, "Vui lòng nhập tiêu đề thông báo")
	case utf8.RuneCountInString(p.Title) > 200 || strings.ContainsFunc(p.Title, unicode.IsControl):
		return p, news.Errorf(news.Invalid, "Tiêu đề dài tối đa 200 ký tự, trên một dòng")
	case utf8.RuneCountInString(p.Body) > 2000:
		return p, news.Errorf(news.Invalid, "Nội dung thông báo dài tối đa 2.000 ký tự")
	case !validLink(p.Link):
		return p, news.Errorf(news.Invalid, "Liên kết %q không hợp lệ: cần địa chỉ https://... hoặc đường dẫn bắt đầu bằng /", clip(p.Link))
	}
	if p.StartsAt, err = localTime(f.StartsAt, loc, "bắt đầu"); err != nil {
		return p, err
	}
	if p.EndsAt, err = localTime(f.EndsAt, loc, "kết thúc"); err != nil {
		return p, err
	}
	if !p.EndsAt.After(p.StartsAt) {
		return p, news.Errorf(news.Invalid, "Thời gian kết thúc phải sau thời gian bắt đầu")
	}
	switch p.Pages = store.PopupPages(f.Pages); p.Pages {
	case store.PopupAllPages, store.PopupHome, store.PopupArticles:
	default:
		return p, news.Errorf(news.Invalid, "Vui lòng chọn trang hiện thông báo")
	}
	switch p.Frequency = store.PopupFrequency(f.Frequency); p.Frequency {
	case store.PopupOnce, store.PopupDaily, store.PopupVisit:
	default:
		return p, news.Errorf(news.Invalid, "Vui lòng chọn mức độ hiện thông báo")
	}
	return p, nil
}

// Save stores a parsed announcement after checking that its photo is in
// the media library; by is the editor who creates it.
func (s *Service) Save(ctx context.Context, p store.Popup, by int64) (int64, error) {
	if p.ImageID != 0 {
		if _, err := s.store.Image(ctx, p.ImageID); news.ErrorCode(err) == news.NotFound {
			return 0, news.Errorf(news.Invalid, "Ảnh số %d không có trong thư viện ảnh", p.ImageID)
		} else if err != nil {
			return 0, err
		}
	}
	p.CreatedBy = by
	return s.store.SavePopup(ctx, p)
}

// ForPage picks the announcement page shows at now: the latest to start
// of those running, meant for that page, and not closed by the reader.
func (s *Service) ForPage(ctx context.Context, page store.PopupPages, now time.Time, closed func(id int64) bool) (*store.Popup, error) {
	list, err := s.store.ActivePopups(ctx, now)
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		if (p.Pages == store.PopupAllPages || p.Pages == page) && !closed(p.ID) {
			return &p, nil
		}
	}
	return nil, nil
}

// Expiry is when a reader's closing of an announcement runs out: a year
// for "once", the next midnight in the paper's zone for "daily", and the
// end of the visit, counted as two hours, for "every visit". (One cookie
// holds every closed announcement, so it cannot also be a cookie that
// ends with the browser session.)
func Expiry(f store.PopupFrequency, now time.Time, loc *time.Location) time.Time {
	switch f {
	case store.PopupOnce:
		return now.AddDate(1, 0, 0)
	case store.PopupDaily:
		t := now.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
	}
	return now.Add(visitLength)
}

// visitLength is how long "every visit" keeps an announcement closed.
const visitLength = 2 * time.Hour

// validLink accepts nothing, a path on the site, or an http(s) address.
func validLink(v string) bool {
	if v == "" {
		return true
	}
	if len(v) > 500 || strings.ContainsFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) || strings.Contains(v, `\`) {
		return false
	}
	u, err := url.Parse(v)
	if err != nil || u.User != nil {
		return false
	}
	if strings.HasPrefix(v, "/") {
		return !strings.HasPrefix(v, "//") && u.Host == "" && u.Scheme == ""
	}
	return (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func localTime(v string, loc *time.Location, what string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, news.Errorf(news.Invalid, "Vui lòng nhập thời gian %s", what)
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v), loc)
	if err != nil {
		return t, news.Errorf(news.Invalid, "Thời gian %s %q không hợp lệ (cần ngày và giờ)", what, clip(v))
	}
	return t.UTC(), nil
}

func optionalID(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, news.Errorf(news.Invalid, "bad id")
	}
	return id, nil
}

func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// RunClock tells the page cache, every tick, when an announcement has
// started or ended since the last tick, until ctx ends: cached pages would
// otherwise show it late or keep it past its end.
func (s *Service) RunClock(ctx context.Context, tick time.Duration, now func() time.Time, log *slog.Logger) {
	last := now()
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		at := now()
		if err := s.store.PopupsTurned(ctx, last, at); err != nil && ctx.Err() == nil {
			log.Warn("popup clock", "err", err)
			continue
		}
		last = at
	}
}
