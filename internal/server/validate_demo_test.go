package server_test

import (
	"context"
	"net/http"
	"testing"
)

// TestDemoPagesAreValidHTML checks with the Nu HTML Checker the pages
// whose markup depends on content the small test paper lacks: the home
// page's section blocks and the forecast page of the demo paper, with a
// reader's commune chosen, and an article with its text-size control.
func TestDemoPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	jar := vnuJar(t)
	paper := startDemoPaper(t)
	pages := map[string]string{"home": "/", "forecast": "/thoi-tiet", "section": "/nong-thon-moi/", "article": ""}
	_, home := get(t, paper.url, "/")
	pages["article"] = home.Find(".lead-title a").AttrOr("href", "")
	locs, err := paper.store.Localities(context.Background())
	if err != nil || len(locs) < 3 {
		t.Fatalf("localities: %d %v", len(locs), err)
	}
	validateHTML(t, jar, paper.url, pages, http.Header{"Cookie": {"toasoan_dia_phuong=" + itoa(locs[2].ID)}})
}
