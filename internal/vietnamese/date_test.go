package vietnamese

import (
	"strings"
	"testing"
	"time"
)

// vietnamZone loads Asia/Ho_Chi_Minh from the system's tzdata.
func vietnamZone(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatalf("load zone: %v", err)
	}
	return loc
}

func TestWeekday(t *testing.T) {
	tests := []struct {
		day  time.Weekday
		want string
	}{
		{time.Sunday, "Chủ Nhật"},
		{time.Monday, "Thứ Hai"},
		{time.Tuesday, "Thứ Ba"},
		{time.Wednesday, "Thứ Tư"},
		{time.Thursday, "Thứ Năm"},
		{time.Friday, "Thứ Sáu"},
		{time.Saturday, "Thứ Bảy"},
		{time.Weekday(7), ""},
		{time.Weekday(-1), ""},
	}
	for _, tt := range tests {
		t.Run(tt.day.String(), func(t *testing.T) {
			if got := Weekday(tt.day); got != tt.want {
				t.Errorf("Weekday(%d) = %q, want %q", tt.day, got, tt.want)
			}
		})
	}
}

func TestDateTime(t *testing.T) {
	vn := vietnamZone(t)
	// 10:25 UTC on Tuesday 28 April 2020 is 17:25 in Vietnam.
	at := time.Date(2020, 4, 28, 10, 25, 0, 0, time.UTC)
	tests := []struct {
		name string
		loc  *time.Location
		t    time.Time
		want string
	}{
		{"Vietnam", vn, at, "Thứ Ba, 28/04/2020 17:25 (GMT+7)"},
		{"Vietnam crosses midnight", vn, time.Date(2020, 4, 28, 18, 5, 0, 0, time.UTC), "Thứ Tư, 29/04/2020 01:05 (GMT+7)"},
		{"half-hour offset", time.FixedZone("IST", 5*3600+1800), at, "Thứ Ba, 28/04/2020 15:55 (GMT+5:30)"},
		{"negative offset", time.FixedZone("BRT", -3*3600), at, "Thứ Ba, 28/04/2020 07:25 (GMT-3)"},
		{"UTC", time.UTC, at, "Thứ Ba, 28/04/2020 10:25 (GMT+0)"},
		{"nil location is UTC", nil, at, "Thứ Ba, 28/04/2020 10:25 (GMT+0)"},
		{"Sunday", vn, time.Date(2025, 9, 7, 8, 0, 0, 0, vn), "Chủ Nhật, 07/09/2025 08:00 (GMT+7)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateTime(tt.t, tt.loc); got != tt.want {
				t.Errorf("DateTime = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDateAndClock(t *testing.T) {
	vn := vietnamZone(t)
	tests := []struct {
		name      string
		t         time.Time
		date, clk string
	}{
		{"afternoon", time.Date(2020, 4, 28, 10, 25, 0, 0, time.UTC), "28/04/2020", "17:25"},
		{"UTC evening is next day", time.Date(2024, 12, 31, 17, 0, 0, 0, time.UTC), "01/01/2025", "00:00"},
		{"single digits padded", time.Date(2022, 9, 9, 2, 11, 0, 0, vn), "09/09/2022", "02:11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Date(tt.t, vn); got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if got := Clock(tt.t, vn); got != tt.clk {
				t.Errorf("Clock = %q, want %q", got, tt.clk)
			}
		})
	}
}

func TestRelative(t *testing.T) {
	vn := vietnamZone(t)
	now := time.Date(2025, 7, 15, 9, 30, 0, 0, vn)
	tests := []struct {
		name string
		ago  time.Duration
		want string
	}{
		{"now", 0, "Vừa xong"},
		{"future", -3 * time.Minute, "Vừa xong"},
		{"59 seconds", 59 * time.Second, "Vừa xong"},
		{"1 minute", time.Minute, "1 phút trước"},
		{"5 minutes 59 seconds", 5*time.Minute + 59*time.Second, "5 phút trước"},
		{"59 minutes 59 seconds", time.Hour - time.Second, "59 phút trước"},
		{"1 hour", time.Hour, "1 giờ trước"},
		{"3 hours", 3 * time.Hour, "3 giờ trước"},
		{"23 hours 59 minutes", 24*time.Hour - time.Minute, "23 giờ trước"},
		{"24 hours", 24 * time.Hour, "1 ngày trước"},
		{"2 days", 2*24*time.Hour + time.Hour, "2 ngày trước"},
		{"just under 7 days", 7*24*time.Hour - time.Second, "6 ngày trước"},
		{"7 days", 7 * 24 * time.Hour, "08/07/2025"},
		{"a year", 365 * 24 * time.Hour, "15/07/2024"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Relative(now.Add(-tt.ago), now, vn); got != tt.want {
				t.Errorf("Relative(now-%v) = %q, want %q", tt.ago, got, tt.want)
			}
		})
	}
}

func TestParseDay(t *testing.T) {
	vn := vietnamZone(t)
	good := []struct {
		name, in string
		want     time.Time
	}{
		{"ISO", "2020-04-28", time.Date(2020, 4, 28, 0, 0, 0, 0, vn)},
		{"day first", "28-04-2020", time.Date(2020, 4, 28, 0, 0, 0, 0, vn)},
		{"leap day", "2024-02-29", time.Date(2024, 2, 29, 0, 0, 0, 0, vn)},
		{"first year", "1900-01-01", time.Date(1900, 1, 1, 0, 0, 0, 0, vn)},
		{"last year", "31-12-2200", time.Date(2200, 12, 31, 0, 0, 0, 0, vn)},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDay(tt.in, vn)
			if err != nil {
				t.Fatalf("ParseDay(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) || got.Location() != vn {
				t.Errorf("ParseDay(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
	bad := []struct{ name, in string }{
		{"empty", ""},
		{"no such day", "2020-02-30"},
		{"not a leap year", "2023-02-29"},
		{"day 31 in April", "31-04-2020"},
		{"day zero", "2020-04-00"},
		{"month 13", "2020-13-01"},
		{"month zero", "2020-00-10"},
		{"year too early", "1899-12-31"},
		{"year too late", "2201-01-01"},
		{"unpadded", "2020-4-28"},
		{"slashes", "28/04/2020"},
		{"time attached", "2020-04-28T00:00"},
		{"too long", "2020-04-28 "},
		{"very long", strings.Repeat("2020-04-28", 100)},
		{"sign in field", "2020-+4-28"},
		{"space in field", "2020- 4-28"},
		{"letters", "abcd-ef-gh"},
		{"mixed shape", "2020-0428-"},
		{"non-ASCII digits", "2020-04-٢"},
	}
	for _, tt := range bad {
		t.Run("bad "+tt.name, func(t *testing.T) {
			if got, err := ParseDay(tt.in, vn); err == nil {
				t.Errorf("ParseDay(%q) = %v, want an error", tt.in, got)
			}
		})
	}
}
