package popup

import (
	"testing"
	"time"
)

// Whatever a reader's cookie holds, parsing it never fails, keeps at most
// twice maxClosed closings, and its normal form (Value) parses back to
// itself: what the cache key is made of is exactly what the page reads.
func FuzzParseClosed(f *testing.F) {
	for _, seed := range []string{"", "12-1767225600", "1-9999999999.2-9999999999", "1-1.2-2", "-1-5", "12-", "a-b.c",
		"1-99999999999999999999", "đã-tắt", "1-9999999999." + "2-9999999999.", "\xff"} {
		f.Add(seed)
	}
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, v string) {
		c := ParseClosed(v, now)
		if len(c) > 2*maxClosed {
			t.Fatalf("%d closings kept", len(c))
		}
		for id, until := range c {
			if id <= 0 || !until.After(now) {
				t.Fatalf("kept %d until %v", id, until)
			}
		}
		canonical := c.Value()
		again := ParseClosed(canonical, now)
		if again.Value() != canonical || len(again) > maxClosed {
			t.Fatalf("%q → %q → %q", v, canonical, again.Value())
		}
	})
}
