package paper

import (
	"slices"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
)

// Editors pin stories by number or by address, one a line; anything else
// is refused with the line it could not read.
func TestParsePins(t *testing.T) {
	t.Parallel()
	ids, err := ParsePins("12\r\n\n /bao-so-3-post34.html \nhttps://baohatinh.vn/ky-hop-post56.html?utm=x\n")
	if err != nil || !slices.Equal(ids, []int64{12, 34, 56}) {
		t.Fatalf("ParsePins = %v, %v", ids, err)
	}
	for _, bad := range []string{"bài hay", "-3", "0", "/bao-so-3-tag4.html", "/bao-post.html", "/gioi-thieu.html"} {
		if _, err := ParsePins(bad); news.ErrorCode(err) != news.Invalid {
			t.Errorf("ParsePins(%q) = %v, want Invalid", bad, err)
		}
	}
	if !ReservedSlug("dong-su-kien") {
		t.Error("a section could take the topics' address /dong-su-kien/")
	}
}
