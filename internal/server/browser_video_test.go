package server_test

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A video story's main video plays in Chromium by each of the player's
// three ways: hls.js over Media Source Extensions (Chrome, Firefox,
// Android), the browser's own HLS where there is no MSE (Safari on an
// iPhone; Chromium plays HLS itself too), and the MP4 where there is
// neither. The page breaks none of its Content-Security-Policy doing so.
func TestVideoStoryPlaysInTheBrowser(t *testing.T) {
	t.Parallel()
	browser := chromiumFor(t, 3*time.Minute)
	av := startAVDesk(t, storetest.Sources(t)[0].Source, 0, false)
	d := av.desk
	video := readyVideo(t, d.store, av.media, "Lũ về trên sông La")
	story := publishStory(t, d, editorial.ArticleInput{Title: "Nước sông La lên nhanh", Lead: "Mưa lớn làm nước sông La dâng cao.",
		Body: "<p>Nội dung.</p>", MainMediaID: video.ID})
	if _, doc := get(t, d.url, "/tv/"); doc.Find(`.tv-item a[href="`+d.articlePath(t, story)+`"]`).Length() != 1 {
		t.Fatal("the story is not listed under /tv/")
	}

	// Each way in a tab of its own, whose scripts run before the page's.
	const watchCSP = `window.cspViolations = [];
		document.addEventListener("securitypolicyviolation", e => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));`
	ways := []struct{ player, before, source string }{
		{"hls.js", "", "blob:"},
		{"native", `delete window.MediaSource; delete window.ManagedMediaSource;`, "/media/av/" + video.Master},
		{"mp4", `delete window.MediaSource; delete window.ManagedMediaSource;
			const canPlay = HTMLMediaElement.prototype.canPlayType;
			HTMLMediaElement.prototype.canPlayType = function (type) { return type.includes("mpegurl") ? "" : canPlay.call(this, type); };`, "/media/av/" + video.Fallback},
	}
	for _, way := range ways {
		ctx, cancel := chromedp.NewContext(browser)
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watchCSP + way.before}); err != nil {
			cancel()
			t.Fatal(err)
		}
		const v = `document.querySelector(".story > .player video")`
		run(t, ctx, way.player+": open the story", chromedp.Navigate(d.url+d.articlePath(t, story)),
			chromedp.Poll[chromedp.Void](v+`.dataset.player === "`+way.player+`"`))
		if got := read(t, ctx, way.player+": nothing loaded yet", chromedp.Evaluate[string](`String(`+v+`.currentTime) + " " + `+v+`.paused`)); got != "0 true" {
			t.Errorf("%s: before the reader presses play the video is at %s", way.player, got)
		}
		// Muted, as a page may start a video without a gesture; a reader's
		// press on play does the same with sound.
		run(t, ctx, way.player+": play", chromedp.Evaluate[chromedp.Void](v+`.muted = true; `+v+`.play(); undefined`),
			chromedp.Poll[chromedp.Void](v+`.currentTime > 0.5`))
		// Still played the way it started: hls.js gives the element a
		// blob: of its MediaSource, the others the file's address.
		if got := read(t, ctx, way.player+": what played", chromedp.Evaluate[string](v+`.dataset.player + " " + `+v+`.currentSrc`)); !strings.HasPrefix(got, way.player+" ") ||
			!strings.Contains(got, way.source) {
			t.Errorf("%s: played %q, want its source to have %q", way.player, got, way.source)
		}
		var violations []string
		if err := json.Unmarshal([]byte(read(t, ctx, way.player+": CSP", chromedp.Evaluate[string](`JSON.stringify(window.cspViolations)`))), &violations); err != nil || len(violations) != 0 {
			t.Errorf("%s: the page broke its policy: %v %v", way.player, violations, err)
		}
		cancel()
	}
}

// /tv/, a video story (its player, a body block) and /truc-tuyen with
// streams are valid HTML.
func TestVideoPagesAreValidHTML(t *testing.T) {
	t.Parallel()
	jar := vnuJar(t)
	av := startAVDesk(t, storetest.Sources(t)[0].Source, 0, false)
	d := av.desk
	ctx := context.Background()
	video := readyVideo(t, d.store, av.media, "Lũ về trên sông La")
	story := publishStory(t, d, editorial.ArticleInput{Title: "Nước sông La lên nhanh", Lead: "Mưa lớn làm nước sông La dâng cao.",
		Body:        `<p>Nội dung.</p><figure class="video" data-media-id="` + strconv.FormatInt(video.ID, 10) + `"><figcaption>Cảnh lũ <span class="credit">Video: An</span></figcaption></figure>`,
		MainMediaID: video.ID})
	site, err := d.store.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	site.LiveTVURL, site.LiveRadioURL = "https://live.baohatinh.vn/tv/index.m3u8", "https://live.baohatinh.vn/fm/index.m3u8"
	if err := d.store.SaveSite(ctx, news.System(), site); err != nil {
		t.Fatal(err)
	}
	validateHTML(t, jar, d.url, map[string]string{"tv": "/tv/", "video-story": d.articlePath(t, story), "live": "/truc-tuyen"}, nil)
}
