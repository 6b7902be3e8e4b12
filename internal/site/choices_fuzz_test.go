package site

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Whatever cookies a reader sends, the cache key is made of exactly what
// the page reads: a locality in the key if and only if the page shows
// one, and the closed announcements in the key parse to the page's.
func FuzzReadChoices(f *testing.F) {
	for _, seed := range [][2]string{{"", ""}, {"3", "12-1767225600"}, {strings.Repeat("0", 250) + "3", ""}, {"-3", "x"},
		{"３", "1-9999999999.1-9999999999"}, {"99999999999999999999", strings.Repeat("1-9999999999.", 300)}, {"3 ", "\xff"}} {
		f.Add(seed[0], seed[1])
	}
	now := time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, locality, closed string) {
		r, err := http.NewRequest(http.MethodGet, "/", nil)
		if err != nil {
			t.Fatal(err)
		}
		r.Header.Set("Cookie", localityCookie+"="+locality+"; toasoan_popup="+closed)
		c := readChoices(r, now)
		if (c.locality > 0) != strings.Contains(c.key, "|loc=") || c.locality < 0 {
			t.Fatalf("locality %d, key %q", c.locality, c.key)
		}
		if again := readChoices(r, now); again.key != c.key || again.locality != c.locality || again.closed.Value() != c.closed.Value() {
			t.Fatal("the same cookies read twice differ")
		}
		if v := c.closed.Value(); (v != "") != strings.Contains(c.key, "|popup="+v) {
			t.Fatalf("closed %q not in key %q", v, c.key)
		}
	})
}
