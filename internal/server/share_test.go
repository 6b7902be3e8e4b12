package server_test

import (
	"io"
	"math"
	"net/http"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// relativeLuminance is WCAG 2's luminance of a "#rrggbb" colour.
func relativeLuminance(t *testing.T, hex string) float64 {
	t.Helper()
	if len(hex) == 4 { // "#fff"
		hex = "#" + strings.Repeat(hex[1:2], 2) + strings.Repeat(hex[2:3], 2) + strings.Repeat(hex[3:4], 2)
	}
	n, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil || len(hex) != 7 {
		t.Fatalf("colour %q", hex)
	}
	channel := func(v uint64) float64 {
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*channel(n>>16&0xff) + 0.7152*channel(n>>8&0xff) + 0.0722*channel(n&0xff)
}

// contrast is WCAG 2's contrast ratio of two colours.
func contrast(t *testing.T, a, b string) float64 {
	la, lb := relativeLuminance(t, a), relativeLuminance(t, b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func TestContrastFormula(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		a, b string
		want float64
	}{{"#000", "#fff", 21}, {"#fff", "#fff", 1}, {"#767676", "#fff", 4.54}, {"#1877f2", "#fff", 4.23}} {
		if got := contrast(t, tt.a, tt.b); math.Abs(got-tt.want) > 0.01 {
			t.Errorf("contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// Every share button of an article is white text on a background the
// stylesheet gives it, at 4.5:1 or more (WCAG 1.4.3), and is named by its
// visible text (WCAG 2.5.3: no aria-label saying something else).
func TestShareButtonsContrastAndNames(t *testing.T) {
	t.Parallel()
	w := startSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	_, doc := get(t, w.url, w.articles[4].Path())
	resp, err := http.Get(w.url + doc.Find(`link[rel="stylesheet"]`).AttrOr("href", ""))
	if err != nil {
		t.Fatal(err)
	}
	css, _ := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	text := regexp.MustCompile(`\.share a \{[^}]*[^-]color: (#[0-9a-fA-F]{3,6})`).FindSubmatch(css)
	if text == nil || !strings.EqualFold(string(text[1]), "#fff") {
		t.Fatalf("the share buttons' text colour: %q", text)
	}
	backgrounds := map[string]string{}
	for _, m := range regexp.MustCompile(`\.(share-[a-z]+) \{ background: (#[0-9a-fA-F]{3,6}); \}`).FindAllSubmatch(css, -1) {
		backgrounds[string(m[1])] = string(m[2])
	}
	links := doc.Find(".share a")
	if links.Length() < 5 {
		t.Fatalf("%d share links", links.Length())
	}
	links.Each(func(_ int, a *goquery.Selection) {
		class := a.AttrOr("class", "")
		visible := strings.TrimSpace(a.Text())
		bg, ok := backgrounds[class]
		if !ok {
			t.Errorf("%q (%s): no background in the stylesheet", visible, class)
		} else if c := contrast(t, "#fff", bg); c < 4.5 {
			t.Errorf("%q: white on %s is %.2f:1, under 4.5:1", visible, bg, c)
		}
		if label, has := a.Attr("aria-label"); has && !strings.HasPrefix(strings.ToLower(label), strings.ToLower(visible)) {
			t.Errorf("%q is named %q: the name must begin with the visible text", visible, label)
		}
		if visible == "" {
			t.Errorf("a share link (%s) without text", class)
		}
	})
}
