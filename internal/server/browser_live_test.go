package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// The acceptance: an entry added through the API appears on the
// live story's page open in Chromium, on top, announced, without a
// reload. The tab becoming visible again makes live.js ask at once, as
// its 15-second turn would.
func TestLiveEntryAppearsWithoutReload(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	editor := news.Actor{User: d.users["editor"]}
	story := d.publishedArticle(t, "Bão số 3 đổ bộ Quảng Ninh")
	if _, err := d.service.SetLive(context.Background(), editor, story, true); err != nil {
		t.Fatal(err)
	}
	if _, err := d.service.AddLiveEntry(context.Background(), editor, story, "<p>Gió mạnh ở Móng Cái.</p>"); err != nil {
		t.Fatal(err)
	}
	token := apiToken(t, d.signIn(t, "editor"))
	run(t, ctx, "open the live story",
		chromedp.Navigate(d.url+d.articlePath(t, story)),
		chromedp.WaitVisible(chromedp.CSS(".live-badge")),
		chromedp.WaitVisible(chromedp.CSS(".live-entry")),
	)
	if resp := liveAPI(t, d, "POST", "/api/v1/articles/"+itoa(story)+"/entries", token,
		`{"body": "<p>Nước biển dâng cao 1,5 m ở Hạ Long.</p>"}`, nil); resp.StatusCode != http.StatusCreated {
		t.Fatalf("add entry: %d", resp.StatusCode)
	}
	read(t, ctx, "the tab is looked at again", chromedp.Evaluate[string](`document.dispatchEvent(new Event("visibilitychange")) ? document.visibilityState : "cancelled"`))
	run(t, ctx, "the new entry appears",
		chromedp.WaitVisible(chromedp.Search(`//li[contains(@class, "live-entry")][contains(., "Nước biển dâng cao 1,5 m ở Hạ Long.")]`)),
	)
	first := read(t, ctx, "the entry on top", chromedp.Text(chromedp.CSS(".live-entry .live-body")))
	if first != "Nước biển dâng cao 1,5 m ở Hạ Long." {
		t.Errorf("entry on top %q", first)
	}
	announced := read(t, ctx, "the announcement", chromedp.TextContent(chromedp.CSS("[data-live-status]")))
	if !strings.HasPrefix(announced, "Có 1 diễn biến mới lúc ") {
		t.Errorf("announcement %q", announced)
	}
	if n := read(t, ctx, "count", chromedp.Evaluate[string](`String(document.querySelectorAll(".live-entry").length)`)); n != "2" {
		t.Errorf("%s entries on the page, want 2", n)
	}
}
