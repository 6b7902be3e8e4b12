package htmlarchive

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// defaultDateFormats are the forms Vietnamese papers print under a
// headline, used when a map names none. They are Go layouts (the reference
// day is Monday 2 January 2006, 15:04), read after normalizeDate, so the
// weekday, "(GMT+7)", case and marks do not matter: "2" and "1" read
// "01" as well as "1".
var defaultDateFormats = []string{
	"2/1/2006 - 15:04",
	"2/1/2006 15:04",
	"2/1/2006, 15:04",
	"2/1/2006 | 15:04",
	"15:04 2/1/2006",
	"15:04 - 2/1/2006",
	"15:04, 2/1/2006",
	"15:04 | 2/1/2006",
	"ngày 2 tháng 1 năm 2006",
	"2/1/2006",
}

var (
	// weekdayName is a day's name as papers print it, after folding:
	// "thu hai" ... "thu bay", "thu 2" ... "thu 7", "chu nhat".
	weekdayName = regexp.MustCompile(`\b(?:thu\s*(?:hai|ba|tu|nam|sau|bay|[2-7])|chu\s*nhat)\b\s*,?`)
	// zoneNote is "(GMT+7)", "GMT+07:00", "UTC+7": dates are read in the
	// map's zone.
	zoneNote = regexp.MustCompile(`\(?\s*\b(?:gmt|utc)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\s*\)?`)
	// dateLabel is a label before the date: "cập nhật:", "ngày đăng:".
	dateLabel = regexp.MustCompile(`^[\p{L} ]+:\s*`)
	spaces    = regexp.MustCompile(`\s+`)
)

// normalizeDate brings a printed date and a layout to one shape: folded
// (no marks, đ→d, lower case), without weekday, zone note or label,
// whitespace collapsed and trimmed of separators. "Thứ Hai, 01/12/2025 -
// 08:30", "thu hai, 01/12/2025 - 08:30" and "THỨ HAI, 01/12/2025 - 08:30
// (GMT+7)" all become "01/12/2025 - 08:30".
func normalizeDate(s string) string {
	s = vietnamese.Fold(strings.ReplaceAll(s, "\u00a0", " "))
	s = weekdayName.ReplaceAllString(s, " ")
	s = zoneNote.ReplaceAllString(s, " ")
	s = spaces.ReplaceAllString(strings.TrimSpace(s), " ")
	s = dateLabel.ReplaceAllString(s, "")
	return strings.Trim(s, " ,-|")
}

// checkLayout normalizes a date format of the map and checks it reads back
// the day it writes, so a format without a year or with a typo is refused
// when the map loads.
func checkLayout(format string, loc *time.Location) (string, error) {
	layout := normalizeDate(format)
	sample := time.Date(2025, 12, 1, 8, 30, 0, 0, loc)
	back, err := time.ParseInLocation(layout, sample.Format(layout), loc)
	if layout == "" || err != nil || back.Year() != 2025 || back.Month() != 12 || back.Day() != 1 {
		return "", fmt.Errorf("định dạng %q không đọc được ngày, tháng và năm (viết theo ngày mẫu Thứ Hai, 2/1/2006 15:04)", format)
	}
	return layout, nil
}

// parseDate reads a printed date in the map's zone: an ISO 8601 value (a
// <meta> or <time datetime>) as it is, anything else by the map's formats.
func (m *Map) parseDate(printed string) (time.Time, bool) {
	printed = strings.TrimSpace(printed)
	if t, err := time.Parse(time.RFC3339, printed); err == nil {
		return checkYear(t)
	}
	if t, err := time.ParseInLocation("2006-01-02T15:04:05", printed, m.Location); err == nil {
		return checkYear(t)
	}
	s := normalizeDate(printed)
	for _, layout := range m.DateLayouts {
		if t, err := time.ParseInLocation(layout, s, m.Location); err == nil {
			return checkYear(t)
		}
	}
	return time.Time{}, false
}

// checkYear refuses years outside what a paper's archive can hold: a
// two-digit year read as 0025 is a misreading, not a story from Roman
// times.
func checkYear(t time.Time) (time.Time, bool) {
	if t.Year() < 1900 || t.Year() > 2200 {
		return time.Time{}, false
	}
	return t.UTC(), true
}
