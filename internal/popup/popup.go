// Package popup keeps the announcements the newsroom shows readers in a
// small dialog: validating what editors type, choosing the one a page
// shows, and how long a reader's "closed" lasts.
package popup

import (
	"context"
	"log/slog"
	"strconv"
	"strings"
	"time"

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

// Parse reads the form into an announcement and checks it; times are
// datetime-local values in loc, the paper's zone. Nothing is written.
func Parse(f Form, loc *time.Location) (news.Popup, error) {
	var p news.Popup
	var err error
	if p.ID, err = optionalID(f.ID); err != nil {
		return p, news.Errorf(news.Invalid, "Thông báo không hợp lệ")
	}
	if p.ImageID, err = optionalID(strings.TrimSpace(f.ImageID)); err != nil {
		return p, news.Errorf(news.Invalid, "Số ảnh %q không hợp lệ: nhập số của ảnh trong thư viện ảnh", news.Clip(f.ImageID, 40))
	}
	p.Title = strings.TrimSpace(vietnamese.NFC(f.Title))
	p.Body = strings.TrimSpace(strings.ReplaceAll(vietnamese.NFC(f.Body), "\r\n", "\n"))
	p.Link = strings.TrimSpace(f.Link)
	p.Pages, p.Frequency = news.PopupPages(f.Pages), news.PopupFrequency(f.Frequency)
	if p.Title == "" {
		return p, news.Errorf(news.Invalid, "Vui lòng nhập tiêu đề thông báo")
	}
	if p.StartsAt, err = localTime(f.StartsAt, loc, "bắt đầu"); err != nil {
		return p, err
	}
	if p.EndsAt, err = localTime(f.EndsAt, loc, "kết thúc"); err != nil {
		return p, err
	}
	return p, p.Validate()
}

// Save stores an announcement of actor's after checking it, their right
// to, and that its photo is in the media library.
func (s *Service) Save(ctx context.Context, actor news.Actor, p news.Popup) (int64, error) {
	if err := actor.Require(news.ManageSite); err != nil {
		return 0, err
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	if p.ImageID != 0 {
		if _, err := s.store.Image(ctx, p.ImageID); news.ErrorCode(err) == news.NotFound {
			return 0, news.Errorf(news.Invalid, "Ảnh số %d không có trong thư viện ảnh", p.ImageID)
		} else if err != nil {
			return 0, err
		}
	}
	return s.store.SavePopup(ctx, actor, p)
}

// Delete removes an announcement on actor's authority.
func (s *Service) Delete(ctx context.Context, actor news.Actor, id int64) error {
	if err := actor.Require(news.ManageSite); err != nil {
		return err
	}
	return s.store.DeletePopup(ctx, actor, id)
}

// ForPage picks the announcement page shows at now: the latest to start
// of those running, meant for that page, and not closed by the reader.
func (s *Service) ForPage(ctx context.Context, page news.PopupPages, now time.Time, closed func(id int64) bool) (*news.Popup, error) {
	list, err := s.store.ActivePopups(ctx, now)
	if err != nil {
		return nil, err
	}
	for _, p := range list {
		if (p.Pages == news.PopupAllPages || p.Pages == page) && !closed(p.ID) {
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
func Expiry(f news.PopupFrequency, now time.Time, loc *time.Location) time.Time {
	switch f {
	case news.PopupOnce:
		return now.AddDate(1, 0, 0)
	case news.PopupDaily:
		t := now.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, loc)
	}
	return now.Add(visitLength)
}

// visitLength is how long "every visit" keeps an announcement closed.
const visitLength = 2 * time.Hour

func localTime(v string, loc *time.Location, what string) (time.Time, error) {
	if strings.TrimSpace(v) == "" {
		return time.Time{}, news.Errorf(news.Invalid, "Vui lòng nhập thời gian %s", what)
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", strings.TrimSpace(v), loc)
	if err != nil {
		return t, news.Errorf(news.Invalid, "Thời gian %s %q không hợp lệ (cần ngày và giờ)", what, news.Clip(v, 40))
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
