package popup

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// CookieName is the one cookie that remembers which announcements the
// reader closed; the page cache keeps a copy of a page per value of it.
const CookieName = "toasoan_popup"

// maxClosed bounds the cookie: closings that run out soonest go first.
const maxClosed = 10

// Closed is the cookie's content: announcement id → when its closing runs
// out. The value is "ID-UNIXTIME" pairs joined by dots ("12-1767225600"),
// characters a cookie carries as they are; popup.js writes the same.
type Closed map[int64]time.Time

// ParseClosed reads the cookie, dropping closings that ran out by now and
// anything that is not a pair of numbers.
func ParseClosed(v string, now time.Time) Closed {
	c := Closed{}
	for _, pair := range strings.Split(v, ".") {
		id, until, ok := strings.Cut(pair, "-")
		n, err1 := strconv.ParseInt(id, 10, 64)
		u, err2 := strconv.ParseInt(until, 10, 64)
		if ok && err1 == nil && err2 == nil && n > 0 && time.Unix(u, 0).After(now) && len(c) < 2*maxClosed {
			c[n] = time.Unix(u, 0).UTC()
		}
	}
	return c
}

// Has reports whether the reader closed announcement id.
func (c Closed) Has(id int64) bool {
	_, ok := c[id]
	return ok
}

// Value is the cookie value, with at most maxClosed closings.
func (c Closed) Value() string {
	ids := make([]int64, 0, len(c))
	for id := range c {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b int64) int { return c[b].Compare(c[a]) })
	ids = ids[:min(len(ids), maxClosed)]
	slices.Sort(ids)
	pairs := make([]string, len(ids))
	for i, id := range ids {
		pairs[i] = strconv.FormatInt(id, 10) + "-" + strconv.FormatInt(c[id].Unix(), 10)
	}
	return strings.Join(pairs, ".")
}

// Expires is when the cookie itself may go: when the last closing runs out.
func (c Closed) Expires() time.Time {
	var last time.Time
	for _, t := range c {
		if t.After(last) {
			last = t
		}
	}
	return last
}
