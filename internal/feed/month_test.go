package feed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

func TestParseMonth(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want feed.Month // zero: refused
	}{
		{"2026-11", feed.Month{Year: 2026, Month: time.November}},
		{"2009-01", feed.Month{Year: 2009, Month: time.January}},
		{"2026-13", feed.Month{}},
		{"2026-00", feed.Month{}},
		{"2026-1", feed.Month{}},
		{"26-11", feed.Month{}},
		{"+026-11", feed.Month{}},
		{"-2026-11", feed.Month{}},
		{"2026-11-01", feed.Month{}},
		{"2026/11", feed.Month{}},
		{" 2026-11", feed.Month{}},
		{"abc", feed.Month{}},
		{"", feed.Month{}},
		{"0000-01", feed.Month{}},
		{"1899-12", feed.Month{}},
		{"9999-12", feed.Month{}},
		{strings.Repeat("9", 900), feed.Month{}},
		{"2026-11'; DROP TABLE articles; --", feed.Month{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := feed.ParseMonth(tt.in)
			if tt.want == (feed.Month{}) {
				if news.ErrorCode(err) != news.NotFound {
					t.Fatalf("ParseMonth(%q) = %v, %v; want a NotFound error", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseMonth(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if got.String() != tt.in || got.Path() != "/sitemap/articles-"+tt.in+".xml" {
				t.Errorf("%q prints as %q, path %q", tt.in, got.String(), got.Path())
			}
		})
	}
}

// TestMonthOf: a story belongs to the month of the paper's calendar, not
// of UTC's, at both ends of the day.
func TestMonthOf(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		at   time.Time
		want feed.Month
	}{
		{"23:30 on the last day, 16:30 UTC", time.Date(2026, 10, 31, 16, 30, 0, 0, time.UTC), feed.Month{Year: 2026, Month: time.October}},
		{"00:30 on the first day, still the 31st in UTC", time.Date(2026, 10, 31, 17, 30, 0, 0, time.UTC), feed.Month{Year: 2026, Month: time.November}},
		{"midnight exactly", time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC), feed.Month{Year: 2026, Month: time.December}},
		{"new year in Hà Tĩnh", time.Date(2026, 12, 31, 17, 0, 0, 0, time.UTC), feed.Month{Year: 2027, Month: time.January}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := feed.MonthOf(tt.at, loc)
			if got != tt.want {
				t.Fatalf("MonthOf(%v) = %v, want %v", tt.at, got, tt.want)
			}
			from, before := got.Bounds(loc)
			if tt.at.Before(from) || !tt.at.Before(before) {
				t.Errorf("%v outside its month's bounds [%v, %v)", tt.at, from, before)
			}
		})
	}
	from, before := feed.Month{Year: 2026, Month: time.December}.Bounds(loc)
	if from.Format(time.RFC3339) != "2026-12-01T00:00:00+07:00" || before.Format(time.RFC3339) != "2027-01-01T00:00:00+07:00" {
		t.Errorf("December's bounds %v, %v", from, before)
	}
}
