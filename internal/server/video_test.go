package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/transcode"
)

// publishStory creates a story through the editorial service and takes it
// through the workflow to published.
func publishStory(t *testing.T, d *desk, in editorial.ArticleInput) int64 {
	t.Helper()
	ctx := context.Background()
	chief := news.Actor{User: d.users["editor-in-chief"]}
	in.SectionID = d.section.ID
	a, err := d.service.Create(ctx, chief, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []news.Status{news.Submitted, news.Edited, news.Published} {
		if _, err := d.service.Transition(ctx, chief, a.ID, to, "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	return a.ID
}

// jsonLDOf is the page's JSON-LD objects.
func jsonLDOf(t *testing.T, doc *goquery.Document) []map[string]any {
	t.Helper()
	var out []map[string]any
	doc.Find(`script[type="application/ld+json"]`).Each(func(_ int, s *goquery.Selection) {
		var o map[string]any
		if err := json.Unmarshal([]byte(s.Text()), &o); err != nil {
			t.Fatalf("JSON-LD %q: %v", s.Text(), err)
		}
		out = append(out, o)
	})
	return out
}

// A story whose main video is ready is listed under /tv/ and plays it
// first, with a VideoObject, og:video and the video sitemap; the API and
// the editorial service refuse a main video that is unknown, audio or
// failed; a video still processing may be attached and shows a notice;
// video blocks in a body become players; pages carry the CSP the player
// needs and nothing third-party.
func TestVideoStories(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			av := startAVDesk(t, src.Source, 0, false)
			d := av.desk
			ctx := context.Background()
			video := readyVideo(t, d.store, av.media, "Lũ về trên sông La")
			processing, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Title: "Đang xử lý", Source: "b.mp4"}, transcode.KindVideo, `{}`)
			if err != nil {
				t.Fatal(err)
			}
			audio, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.AudioMedia, Title: "Bản tin", Source: "c.mp3"}, transcode.KindAudio, `{}`)
			if err != nil {
				t.Fatal(err)
			}

			// The API: bad main videos are refused with a reason in
			// Vietnamese, and nothing is created.
			token := apiToken(t, d.signIn(t, "editor-in-chief"))
			call := func(method, path, body string) (int, map[string]any) {
				t.Helper()
				req, _ := http.NewRequest(method, d.url+path, strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var out map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&out)
				return resp.StatusCode, out
			}
			before, _ := d.store.CountArticles(ctx)
			for _, c := range []struct {
				id   int64
				want string
			}{{987654, "không tồn tại"}, {-3, "không tồn tại"}, {audio.ID, "âm thanh"}} {
				status, out := call(http.MethodPost, "/api/v1/articles", `{"title": "Bài video", "section_id": `+strconv.FormatInt(d.section.ID, 10)+`, "main_media_id": `+strconv.FormatInt(c.id, 10)+`}`)
				if msg, _ := json.Marshal(out); status != http.StatusBadRequest && status != http.StatusUnprocessableEntity || !strings.Contains(string(msg), c.want) {
					t.Errorf("main_media_id %d: %d %s, want a 4xx saying %q", c.id, status, msg, c.want)
				}
			}
			if after, _ := d.store.CountArticles(ctx); after != before {
				t.Errorf("refused stories were created: %d articles, %d before", after, before)
			}
			status, out := call(http.MethodPost, "/api/v1/articles", `{"title": "Bài có video", "section_id": `+strconv.FormatInt(d.section.ID, 10)+`, "main_media_id": `+strconv.FormatInt(video.ID, 10)+`}`)
			if status != http.StatusCreated || out["main_media_id"] != float64(video.ID) {
				t.Errorf("a story with a ready main video: %d %v", status, out)
			}

			story := publishStory(t, d, editorial.ArticleInput{Title: "Nước sông La lên nhanh", Lead: "Mưa lớn làm nước sông La dâng cao.",
				Body: `<p>Nội dung.</p><figure class="video" data-media-id="` + strconv.FormatInt(video.ID, 10) + `"><figcaption>Cảnh lũ</figcaption></figure>` +
					`<figure class="video" data-media-id="987654"></figure><figure class="video" data-media-id="` + strconv.FormatInt(processing.ID, 10) + `"></figure>`,
				MainMediaID: video.ID})
			waiting := publishStory(t, d, editorial.ArticleInput{Title: "Phóng sự đang dựng", Lead: "Sapô.", Body: "<p>Nội dung.</p>", MainMediaID: processing.ID})
			plain := publishStory(t, d, editorial.ArticleInput{Title: "Tin không có video", Lead: "Sapô.", Body: "<p>Nội dung.</p>"})

			// /tv/ lists the story with a ready video, no other.
			resp, doc := get(t, d.url, "/tv/")
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("/tv/: %d", resp.StatusCode)
			}
			listed := doc.Find(".tv-item .tv-title").Map(func(_ int, s *goquery.Selection) string { return s.Text() })
			if len(listed) != 1 || listed[0] != "Nước sông La lên nhanh" {
				t.Errorf("/tv/ lists %q, want only the story with a ready video", listed)
			}
			if got := doc.Find(".tv-item .tv-duration").Text(); !strings.Contains(got, "0:05") {
				t.Errorf("/tv/ duration %q", got)
			}

			// The story's page plays the video first.
			resp, doc = get(t, d.url, d.articlePath(t, story))
			v := doc.Find(".story > .player video").First()
			hls, _ := v.Attr("data-hls")
			mp4, _ := v.Find(`source[type="video/mp4"]`).Attr("src")
			poster, _ := v.Attr("poster")
			if hls != "/media/av/"+video.Master || mp4 != "/media/av/"+video.Fallback || poster != "/media/av/"+video.Poster {
				t.Errorf("main player: hls %q mp4 %q poster %q", hls, mp4, poster)
			}
			if p, _ := v.Attr("preload"); p != "none" || v.AttrOr("playsinline", "x") == "x" || v.AttrOr("autoplay", "none") != "none" {
				t.Errorf("the player must wait for the reader: preload %q, playsinline, no autoplay", p)
			}
			if doc.Find(".story > .player").Nodes[0] != doc.Find(".story .player").Nodes[0] || doc.Find(".story-cover").Length() != 0 {
				t.Error("the main video is not first in the story")
			}
			if doc.Find(`script[src*="player."][data-hls-lib*="hls."]`).Length() != 1 {
				t.Error("the page does not load player.js with hls.js's address")
			}
			for _, path := range []string{hls, mp4, poster} {
				r, err := http.Get(d.url + path)
				if err != nil {
					t.Fatal(err)
				}
				_ = r.Body.Close()
				if r.StatusCode != http.StatusOK {
					t.Errorf("%s: %d", path, r.StatusCode)
				}
			}
			// The body's blocks: a player for the ready video with its
			// caption, a notice for the one processing, nothing for the
			// unknown one.
			if n := doc.Find(".story-body .player video[data-hls]").Length(); n != 1 {
				t.Errorf("%d players in the body, want 1", n)
			}
			if got := doc.Find(".story-body .player figcaption").Text(); got != "Cảnh lũ" {
				t.Errorf("the body player's caption %q", got)
			}
			if doc.Find(".story-body .video-notice").Length() != 1 || strings.Contains(doc.Find(".story-body").Text(), "987654") {
				t.Errorf("body notices: %q", doc.Find(".story-body").Text())
			}

			// JSON-LD: a VideoObject beside the NewsArticle.
			var found map[string]any
			for _, o := range jsonLDOf(t, doc) {
				if o["@type"] == "VideoObject" {
					found = o
				}
			}
			thumbs, _ := found["thumbnailUrl"].([]any)
			if found == nil || found["duration"] != "PT5S" || len(thumbs) != 1 || !strings.HasSuffix(thumbs[0].(string), "/media/av/"+video.Poster) ||
				!strings.HasSuffix(found["contentUrl"].(string), "/media/av/"+video.Fallback) || found["uploadDate"] == "" || found["name"] != "Nước sông La lên nhanh" {
				t.Errorf("VideoObject %v", found)
			}
			// og:video for share previews.
			meta := func(p string) string { return doc.Find(`meta[property="`+p+`"]`).AttrOr("content", "") }
			if !strings.HasSuffix(meta("og:video"), "/media/av/"+video.Fallback) || meta("og:video:type") != "video/mp4" ||
				meta("og:video:width") != strconv.Itoa(video.Width) || meta("og:video:height") != strconv.Itoa(video.Height) {
				t.Errorf("og:video %q %q %q×%q", meta("og:video"), meta("og:video:type"), meta("og:video:width"), meta("og:video:height"))
			}
			// The policy lets the player's blob: in, frames from the three
			// players only, and no other origin.
			csp := resp.Header.Get("Content-Security-Policy")
			for _, want := range []string{"media-src 'self' blob:;", "worker-src 'self' blob:;", "connect-src 'self';", "script-src 'self';",
				"frame-src https://www.youtube-nocookie.com https://www.facebook.com https://www.tiktok.com;"} {
				if !strings.Contains(csp, want) {
					t.Errorf("CSP %q lacks %q", csp, want)
				}
			}

			// A story whose video is processing says so, with no player,
			// no VideoObject and no og:video.
			_, doc = get(t, d.url, d.articlePath(t, waiting))
			if doc.Find(".story .video-notice").Length() != 1 || doc.Find("video").Length() != 0 || doc.Find(`meta[property="og:video"]`).Length() != 0 {
				t.Error("a story whose video is processing")
			}
			for _, o := range jsonLDOf(t, doc) {
				if o["@type"] == "VideoObject" {
					t.Error("a VideoObject for a video not ready")
				}
			}
			if _, doc = get(t, d.url, d.articlePath(t, plain)); doc.Find("video, .video-notice, script[src*='player.']").Length() != 0 {
				t.Error("a story without video has a player")
			}

			// The video sitemap, named in the index, parses and lists the
			// story with its video.
			resp, err = http.Get(d.url + "/sitemap/video.xml")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			_ = resp.Body.Close()
			xmlFile := filepath.Join(t.TempDir(), "video.xml")
			if err := os.WriteFile(xmlFile, body, 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("xmllint", "--noout", xmlFile).CombinedOutput(); err != nil {
				t.Errorf("xmllint: %v %s", err, out)
			}
			for _, want := range []string{`xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"`, "<video:duration>5</video:duration>",
				"<video:title>Nước sông La lên nhanh</video:title>", "/media/av/" + video.Fallback + "</video:content_loc>",
				"/media/av/" + video.Poster + "</video:thumbnail_loc>", "<video:publication_date>", d.articlePath(t, story) + "</loc>"} {
				if !strings.Contains(string(body), want) {
					t.Errorf("video sitemap lacks %q:\n%s", want, body)
				}
			}
			if strings.Contains(string(body), "Phóng sự đang dựng") {
				t.Error("the video sitemap lists a video not ready")
			}
			_, doc = get(t, d.url, "/sitemap.xml")
			if !strings.Contains(doc.Text(), "/sitemap/video.xml") {
				t.Errorf("the sitemap index does not name the video sitemap: %s", doc.Text())
			}
		})
	}
}

// /truc-tuyen plays the station's streams from the settings, letting
// only that page's policy reach the streaming server; unset, it says
// so; an http stream is refused.
func TestLiveStreams(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		resp, doc := get(t, d.url, "/truc-tuyen")
		if resp.StatusCode != http.StatusOK || !strings.Contains(doc.Find("main").Text(), "Hiện chưa phát truyền hình trực tiếp") ||
			!strings.Contains(doc.Find("main").Text(), "Hiện chưa phát thanh trực tiếp") || doc.Find("video, audio").Length() != 0 {
			t.Errorf("/truc-tuyen without streams: %d %q", resp.StatusCode, doc.Find("main").Text())
		}
		site, err := d.store.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bad := site
		bad.LiveTVURL = "http://live.baohatinh.vn/tv/index.m3u8"
		if err := bad.Validate(); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), "https://") {
			t.Errorf("an http stream: %v", err)
		}
		site.LiveTVURL = "https://live.baohatinh.vn/tv/index.m3u8"
		site.LiveRadioURL = "https://radio.baohatinh.vn:8443/fm/index.m3u8"
		if err := d.store.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		resp, doc = get(t, d.url, "/truc-tuyen")
		if got := doc.Find("video[data-hls]").AttrOr("data-hls", ""); got != site.LiveTVURL {
			t.Errorf("TV player %q", got)
		}
		if got := doc.Find("audio[data-hls]").AttrOr("data-hls", ""); got != site.LiveRadioURL {
			t.Errorf("radio player %q", got)
		}
		if doc.Find(`script[src*="player."]`).Length() != 1 {
			t.Error("/truc-tuyen does not load the player")
		}
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"media-src 'self' blob: https://live.baohatinh.vn https://radio.baohatinh.vn:8443;",
			"connect-src 'self' https://live.baohatinh.vn https://radio.baohatinh.vn:8443;"} {
			if !strings.Contains(csp, want) {
				t.Errorf("/truc-tuyen CSP %q lacks %q", csp, want)
			}
		}
		resp, _ = get(t, d.url, "/")
		if csp := resp.Header.Get("Content-Security-Policy"); strings.Contains(csp, "baohatinh.vn") {
			t.Errorf("the home page lets the stream's origin in: %q", csp)
		}
	})
}
