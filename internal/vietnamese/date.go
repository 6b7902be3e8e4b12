package vietnamese

import (
	"errors"
	"fmt"
	"strconv"
	"time"
)

// weekdays are the day names papers print, indexed by time.Weekday. Sunday
// is "Chủ Nhật" (the Lord's day); the others count from "Thứ Hai" (second).
var weekdays = [...]string{
	time.Sunday:    "Chủ Nhật",
	time.Monday:    "Thứ Hai",
	time.Tuesday:   "Thứ Ba",
	time.Wednesday: "Thứ Tư",
	time.Thursday:  "Thứ Năm",
	time.Friday:    "Thứ Sáu",
	time.Saturday:  "Thứ Bảy",
}

// Weekday returns the Vietnamese name of d as printed above an article
// ("Thứ Ba"), or "" for a value that is not a day of the week.
func Weekday(d time.Weekday) string {
	if d < 0 || int(d) >= len(weekdays) {
		return ""
	}
	return weekdays[d]
}

// inZone converts t to loc, treating a nil loc as UTC rather than panicking
// the way time.Time.In does: a missing zone should print a wrong hour, not
// take a page down.
func inZone(t time.Time, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return t.In(loc)
}

// DateTime formats t in loc the way papers print it under a headline:
// "Thứ Ba, 28/04/2020 17:25 (GMT+7)". The offset is loc's at t, so readers
// abroad and historic dates get the right label; seconds of an offset (old
// local mean times) are dropped.
func DateTime(t time.Time, loc *time.Location) string {
	t = inZone(t, loc)
	return Weekday(t.Weekday()) + ", " + t.Format("02/01/2006 15:04") + " (" + gmtOffset(t) + ")"
}

// gmtOffset renders the zone offset of t as papers do: GMT+7, GMT+5:30,
// GMT-3, GMT+0.
func gmtOffset(t time.Time) string {
	_, off := t.Zone()
	sign := "+"
	if off < 0 {
		sign = "-"
		off = -off
	}
	s := "GMT" + sign + strconv.Itoa(off/3600)
	if m := off % 3600 / 60; m != 0 {
		s += fmt.Sprintf(":%02d", m)
	}
	return s
}

// Date formats t in loc as "28/04/2020", the form article lists use.
func Date(t time.Time, loc *time.Location) string {
	return inZone(t, loc).Format("02/01/2006")
}

// Clock formats t in loc as "17:25", for items published today.
func Clock(t time.Time, loc *time.Location) string {
	return inZone(t, loc).Format("15:04")
}

// Relative says how long before now t was, the way comment threads and "latest
// news" boxes say it: "Vừa xong" under a minute, "5 phút trước" under an
// hour, "3 giờ trước" under a day, "2 ngày trước" under a week and the date
// after that. A t after now, from clock skew between servers, is "Vừa xong"
// rather than a negative age.
func Relative(t, now time.Time, loc *time.Location) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "Vừa xong"
	case d < time.Hour:
		return strconv.Itoa(int(d/time.Minute)) + " phút trước"
	case d < 24*time.Hour:
		return strconv.Itoa(int(d/time.Hour)) + " giờ trước"
	case d < 7*24*time.Hour:
		return strconv.Itoa(int(d/(24*time.Hour))) + " ngày trước"
	}
	return Date(t, loc)
}

// errDayFormat is the reason ParseDay gives for input of the wrong shape.
var errDayFormat = errors.New("want YYYY-MM-DD or DD-MM-YYYY")

// ParseDay parses a day from a URL, "2020-04-28" or "28-04-2020", as midnight
// of that day in loc. URLs are typed and guessed by anyone, so it is strict:
// exactly those shapes, a real calendar day (no 2020-02-30) and a year from
// 1900 to 2200, the span a paper's archive can hold; anything else is an
// error and never a silently normalized date.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	if len(s) != 10 {
		return time.Time{}, fmt.Errorf("parse day %.20q: %w", s, errDayFormat)
	}
	var ys, ms, ds string
	switch {
	case s[4] == '-' && s[7] == '-':
		ys, ms, ds = s[0:4], s[5:7], s[8:10]
	case s[2] == '-' && s[5] == '-':
		ds, ms, ys = s[0:2], s[3:5], s[6:10]
	default:
		return time.Time{}, fmt.Errorf("parse day %q: %w", s, errDayFormat)
	}
	y, okY := digits(ys)
	m, okM := digits(ms)
	d, okD := digits(ds)
	if !okY || !okM || !okD {
		return time.Time{}, fmt.Errorf("parse day %q: %w", s, errDayFormat)
	}
	if y < 1900 || y > 2200 {
		return time.Time{}, fmt.Errorf("parse day %q: year outside 1900-2200", s)
	}
	if m < 1 || m > 12 {
		return time.Time{}, fmt.Errorf("parse day %q: no month %d", s, m)
	}
	// Day 0 of the next month is the last day of this one.
	if last := time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day(); d < 1 || d > last {
		return time.Time{}, fmt.Errorf("parse day %q: month %d has no day %d", s, m, d)
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc), nil
}

// digits parses s, which must be ASCII digits only (no sign, no spaces).
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
