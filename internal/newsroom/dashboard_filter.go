package newsroom

import (
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// dashboardFilter is the article list's search and filters as the form
// sends them (a GET form, so every list is a bookmarkable URL) and shows
// them again.
type dashboardFilter struct {
	Title     string // "tim": words of the title, with or without marks
	Status    news.Status
	SectionID int64
	AuthorID  int64
	DateKind  string // "ngay": which date From and To are about, "tao" or "dang"
	From, To  string // "tu", "den": days as typed, 2026-05-31 (or 31-05-2026)
}

// The days a list can be limited to: when a story was started, or first
// published.
const (
	byCreated   = "tao"
	byPublished = "dang"
)

// maxTitleSearch is the most of a title search that is kept: a headline
// is shorter, and the rest would only be cut off by the store.
const maxTitleSearch = 200

// readDashboardFilter reads the filters of the query; a value that means
// nothing (a state that does not exist, a day like 2026-02-30, a range
// that ends before it starts) is an Invalid error saying which, and the
// filter keeps what was typed so that the form shows it to be fixed.
func readDashboardFilter(q url.Values, loc *time.Location) (dashboardFilter, store.ArticleFilter, error) {
	f := dashboardFilter{Title: strings.TrimSpace(vietnamese.NFC(q.Get("tim"))), DateKind: q.Get("ngay"),
		From: strings.TrimSpace(q.Get("tu")), To: strings.TrimSpace(q.Get("den"))}
	if utf8.RuneCountInString(f.Title) > maxTitleSearch {
		f.Title = string([]rune(f.Title)[:maxTitleSearch])
	}
	sf := store.ArticleFilter{AllStatuses: true, ByUpdated: true, Title: f.Title}
	if v := q.Get("trang-thai"); v != "" {
		st, err := news.ParseStatus(v)
		if err != nil {
			return f, sf, news.Errorf(news.Invalid, "Trạng thái “%s” không tồn tại", web.Truncate(v, 40))
		}
		f.Status, sf.Status, sf.AllStatuses = st, st, false
	}
	var err error
	if f.SectionID, err = web.FormID(q.Get("chuyen-muc")); err != nil {
		return f, sf, news.Errorf(news.Invalid, "Chuyên mục “%s” không hợp lệ", web.Truncate(q.Get("chuyen-muc"), 40))
	}
	if f.SectionID != 0 {
		sf.SectionIDs = []int64{f.SectionID}
	}
	if f.AuthorID, err = web.FormID(q.Get("tac-gia")); err != nil {
		return f, sf, news.Errorf(news.Invalid, "Tác giả “%s” không hợp lệ", web.Truncate(q.Get("tac-gia"), 40))
	}
	sf.AuthorID = f.AuthorID
	from, before, err := dayRange(f.From, f.To, loc)
	if err != nil {
		return f, sf, err
	}
	switch f.DateKind {
	case "", byCreated:
		f.DateKind, sf.CreatedFrom, sf.CreatedBefore = byCreated, from, before
	case byPublished:
		sf.PublishedFrom, sf.PublishedBefore = from, before
	default:
		return f, sf, news.Errorf(news.Invalid, "Hãy chọn lọc theo ngày tạo hoặc ngày đăng")
	}
	return f, sf, nil
}

// dayRange turns the days from and to (both kept, either may be empty)
// into the instants [from, before) in loc.
func dayRange(from, to string, loc *time.Location) (start, before time.Time, err error) {
	day := func(v string) (time.Time, error) {
		if v == "" {
			return time.Time{}, nil
		}
		t, err := vietnamese.ParseDay(v, loc)
		if err != nil {
			return t, news.Errorf(news.Invalid, "Ngày “%s” không hợp lệ: hãy chọn một ngày có thật, dạng 2026-05-31", web.Truncate(v, 40))
		}
		return t, nil
	}
	if start, err = day(from); err != nil {
		return start, before, err
	}
	last, err := day(to)
	if err != nil {
		return start, before, err
	}
	if !last.IsZero() {
		before = last.AddDate(0, 0, 1)
	}
	if !start.IsZero() && !last.IsZero() && last.Before(start) {
		return start, before, news.Errorf(news.Invalid, "Ngày kết thúc (%s) ở trước ngày bắt đầu (%s)", to, from)
	}
	return start, before, nil
}

// query is the filter as URL parameters, for the pager's links: only
// what is set, so paging keeps the filters and adds nothing.
func (f dashboardFilter) query() url.Values {
	v := url.Values{}
	set := func(key, value string) {
		if value != "" && value != "0" {
			v.Set(key, value)
		}
	}
	set("tim", f.Title)
	set("trang-thai", string(f.Status))
	set("chuyen-muc", strconv.FormatInt(f.SectionID, 10))
	set("tac-gia", strconv.FormatInt(f.AuthorID, 10))
	if f.From != "" || f.To != "" {
		set("ngay", f.DateKind)
	}
	set("tu", f.From)
	set("den", f.To)
	return v
}

// Active reports whether any filter is set: the list then says how many
// stories it found.
func (f dashboardFilter) Active() bool { return len(f.query()) > 0 }
