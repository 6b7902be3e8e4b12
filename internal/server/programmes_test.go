package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/transcode"
)

// audioTools is the transcoder of a test: Debian's ffmpeg and ffprobe,
// which CI installs; a developer machine without them skips, CI never.
func audioTools(t *testing.T) transcode.Config {
	t.Helper()
	for _, name := range []string{"ffmpeg", "ffprobe"} {
		if _, err := exec.LookPath(name); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("CI needs %s for the audio tests: apt-get install ffmpeg", name)
			}
			t.Skipf("%s is not installed (LookPath)", name)
		}
	}
	return transcode.Config{FFmpeg: "ffmpeg", FFprobe: "ffprobe", Timeout: 2 * time.Minute}
}

// readyAudio makes a ready audio item as an upload's job would: a
// 5-second tone made by ffmpeg, normalised by transcode.Audio into the
// media folder, recorded with its outputs.
func readyAudio(t *testing.T, st *store.Store, mediaDir, title string) news.MediaItem {
	t.Helper()
	ctx := context.Background()
	tools := audioTools(t)
	src := filepath.Join(t.TempDir(), "nguon.wav")
	if out, err := exec.Command("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440",
		"-t", "5", src).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	dir := "ab/ab" + strings.Repeat("0", 29) + "1"
	res, err := tools.Audio(ctx, src, filepath.Join(mediaDir, filepath.FromSlash(dir)), nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.AudioMedia, Title: title, Source: "nguon.wav", Bytes: 1000},
		transcode.KindAudio, `{"source":"nguon.wav"}`)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MediaItemReady(ctx, m.ID, store.MediaOutputs{Dir: dir, Master: dir + "/" + res.Audio, Duration: res.Duration}); err != nil {
		t.Fatal(err)
	}
	if m, err = st.MediaItem(ctx, m.ID); err != nil || m.Status != news.MediaReady {
		t.Fatalf("audio item: %+v %v", m, err)
	}
	return m
}

// podcastFeed is a programme's feed as a podcast app reads it, the iTunes
// tags by their namespace.
type podcastFeed struct {
	XMLName xml.Name `xml:"rss"`
	Channel struct {
		Title string `xml:"title"`
		Self  struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"` // before Link, which would take it too
		Link     string `xml:"link"`
		Language string `xml:"language"`
		Author   string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd author"`
		Image    struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd image"`
		Category struct {
			Text string `xml:"text,attr"`
		} `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd category"`
		Explicit string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd explicit"`
		Items    []struct {
			Title string `xml:"title"`
			Link  string `xml:"link"`
			GUID  struct {
				IsPermaLink string `xml:"isPermaLink,attr"`
				Value       string `xml:",chardata"`
			} `xml:"guid"`
			PubDate   string `xml:"pubDate"`
			Enclosure struct {
				URL    string `xml:"url,attr"`
				Length int64  `xml:"length,attr"`
				Type   string `xml:"type,attr"`
			} `xml:"enclosure"`
			Duration    string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd duration"`
			EpisodeType string `xml:"http://www.itunes.com/dtds/podcast-1.0.dtd episodeType"`
		} `xml:"item"`
	} `xml:"channel"`
}

// A radio programme made in the newsroom, whose episodes are published
// stories with a ready audio version: the form and the API refuse bad
// input in Vietnamese and write nothing; the programme's page lists the
// episodes with their players; the story's page has its player; the
// podcast feed parses as RSS with the iTunes tags and an enclosure per
// episode whose URL serves the audio's bytes; and with the page cache on,
// an episode published shows at once.
func TestRadioProgrammes(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			mediaDir := t.TempDir()
			pages := pagecache.New(8<<20, time.Hour, time.Now)
			d := startDeskBehind(t, src.Source, "127.0.0.1, ::1", func(deps *server.Deps) {
				lib, err := media.New(mediaDir)
				if err != nil {
					t.Fatal(err)
				}
				av, err := avmedia.New(avmedia.Deps{Store: deps.Store, Inbox: t.TempDir(), Media: mediaDir})
				if err != nil {
					t.Fatal(err)
				}
				deps.Media, deps.Cache, deps.AV = lib, pages, av
				deps.Store.Subscribe(pages.Changed)
			})
			ctx := context.Background()
			audio := readyAudio(t, d.store, mediaDir, "Bản tin sáng 5 giây")
			processing, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.AudioMedia, Title: "Đang xử lý", Source: "b.mp3"},
				transcode.KindAudio, `{"source":"b.mp3"}`)
			if err != nil {
				t.Fatal(err)
			}
			video, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.VideoMedia, Title: "Một video", Source: "c.mp4"},
				transcode.KindVideo, `{"source":"c.mp4"}`)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.store.MediaItemReady(ctx, video.ID, store.MediaOutputs{Dir: "cd/x", Master: "cd/x/master.m3u8", Duration: 5 * time.Second}); err != nil {
				t.Fatal(err)
			}
			cover, err := d.store.CreateImage(ctx, news.System(), news.Image{Key: "ab/0123456789abcdef0123456789abcdef.jpg", MIME: "image/jpeg",
				Width: 1200, Height: 675, Bytes: 1000, Alt: "Phòng thu"})
			if err != nil {
				t.Fatal(err)
			}

			// The newsroom's form.
			managing := d.signIn(t, "managing-editor")
			_, form := managing.get("/toasoan/phat-thanh/moi")
			if form.Find(`form.nr-form input[name="csrf"]`).Length() != 1 || form.Find(`select[name="category"] option[value="Society & Culture"]`).Length() != 1 {
				t.Fatal("the form lacks its CSRF field or the iTunes categories")
			}
			good := url.Values{"title": {"Thời sự Hà Tĩnh"}, "description": {"Bản tin phát thanh <b>mỗi sáng</b>."}, "author": {"Ban Thời sự"},
				"cover_image_id": {itoa(cover.ID)}, "category": {"News"}, "position": {"1"}}
			good.Set("description", "Bản tin phát thanh mỗi sáng.\n\nDo Ban Thời sự thực hiện.")
			with := func(field, value string) url.Values {
				v := cloneForm(good)
				v.Set(field, value)
				return v
			}
			for _, c := range []struct {
				name   string
				form   url.Values
				status int
				says   string
			}{
				{"empty title", with("title", "  "), http.StatusBadRequest, "Vui lòng nhập tên chương trình"},
				{"script title", with("title", "<script>alert(1)</script>"), http.StatusBadRequest, "không được chứa thẻ HTML"},
				{"script description", with("description", "Nghe <script>alert(1)</script>"), http.StatusBadRequest, "không được chứa thẻ HTML"},
				{"unknown category", with("category", "Comedy<script>"), http.StatusBadRequest, "chọn thể loại"},
				{"unknown cover", with("cover_image_id", "999999"), http.StatusBadRequest, "không có trong thư viện"},
				{"bad position", with("position", "một"), http.StatusBadRequest, "Thứ tự"},
				{"forged", with("csrf", "gia-mao"), http.StatusForbidden, ""},
			} {
				resp, doc := managing.post("/toasoan/phat-thanh", c.form)
				if resp.StatusCode != c.status || !strings.Contains(doc.Text(), c.says) {
					t.Errorf("%s: %d %q, want %d saying %q", c.name, resp.StatusCode, strings.TrimSpace(doc.Find(".nr-error").Text()), c.status, c.says)
				}
				if c.status == http.StatusBadRequest && doc.Find(`input[name="title"]`).AttrOr("value", "") != c.form.Get("title") {
					t.Errorf("%s: the form was not shown again as typed", c.name)
				}
			}
			if resp, _ := d.signIn(t, "editor").post("/toasoan/phat-thanh", good); resp.StatusCode != http.StatusForbidden {
				t.Errorf("an editor made a programme: %d", resp.StatusCode)
			}
			if list, _ := d.store.Programmes(ctx); len(list) != 0 {
				t.Fatalf("a refused form wrote a programme: %+v", list)
			}
			resp, _ := managing.post("/toasoan/phat-thanh", good)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("create: %d", resp.StatusCode)
			}
			p, err := d.store.ProgrammeBySlug(ctx, "thoi-su-ha-tinh")
			if err != nil || p.Title != "Thời sự Hà Tĩnh" || p.Category != "News" || p.Author != "Ban Thời sự" || p.Language != "vi" {
				t.Fatalf("stored: %+v %v", p, err)
			}
			if resp, _ := managing.post("/toasoan/phat-thanh", with("slug", "thoi-su-ha-tinh")); resp.StatusCode != http.StatusConflict {
				t.Errorf("a taken slug: %d", resp.StatusCode)
			}
			if _, edit := managing.get(resp.Header.Get("Location")); !strings.Contains(edit.Find(".nr-warning").Text(), "không vuông") {
				t.Errorf("no warning about a 1200×675 cover: %q", edit.Find(".nr-warning").Text())
			}

			// The API refuses audio that is not a ready audio item.
			token := apiToken(t, d.signIn(t, "editor-in-chief"))
			call := func(method, path string, body any) (int, map[string]any) {
				t.Helper()
				raw, _ := json.Marshal(body)
				req, _ := http.NewRequest(method, d.url+path, bytes.NewReader(raw))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var out map[string]any
				_ = json.NewDecoder(resp.Body).Decode(&out)
				return resp.StatusCode, out
			}
			story := map[string]any{"title": "Bản tin sáng thứ hai", "lead": "Tin chính trong ngày.", "body": "<p>Nội dung.</p>",
				"section_id": d.section.ID, "audio_media_id": audio.ID, "programme_id": p.ID}
			for _, c := range []struct {
				name  string
				field string
				value any
				says  string
			}{
				{"unknown audio", "audio_media_id", 999999, "Không có tệp âm thanh"},
				{"processing audio", "audio_media_id", processing.ID, "đang được xử lý"},
				{"video as audio", "audio_media_id", video.ID, "không phải âm thanh"},
				{"unknown programme", "programme_id", 999999, "Không có chương trình"},
				{"negative", "audio_media_id", -1, "không hợp lệ"},
			} {
				bad := map[string]any{}
				for k, v := range story {
					bad[k] = v
				}
				bad[c.field] = c.value
				status, out := call(http.MethodPost, "/api/v1/articles", bad)
				if status < 400 || status >= 500 || !strings.Contains(strings.ToLower(string(asJSON(out))), strings.ToLower(c.says)) {
					t.Errorf("%s: %d %v, want 4xx saying %q", c.name, status, out, c.says)
				}
			}
			if n, _ := d.store.CountArticles(ctx); n != 0 {
				t.Fatalf("a refused story was written: %d", n)
			}
			status, out := call(http.MethodPost, "/api/v1/articles", story)
			if status != http.StatusCreated || out["audio_media_id"] != float64(audio.ID) || out["programme_id"] != float64(p.ID) {
				t.Fatalf("create with audio: %d %v", status, out)
			}
			id := int64(out["id"].(float64))
			_, editor := managing.get("/toasoan/bai-viet/" + itoa(id))
			block := editor.Find("fieldset.nr-audio")
			if block.Find(`select[name="audio_media_id"] option[value="`+itoa(audio.ID)+`"][selected]`).Length() != 1 ||
				block.Find(`option[value="`+itoa(processing.ID)+`"]`).Length() != 0 || block.Find(`option[value="`+itoa(video.ID)+`"]`).Length() != 0 ||
				block.Find(`select[name="programme_id"] option[value="`+itoa(p.ID)+`"][selected]`).Length() != 1 {
				t.Errorf("the editor's Bản âm thanh block: %s", block.Text())
			}

			// The programme's page, cached before its first episode is out.
			_, doc := get(t, d.url, p.Path())
			if doc.Find(".episode").Length() != 0 || !strings.Contains(doc.Find(".empty").Text(), "chưa có số nào") {
				t.Fatal("a draft is listed as an episode")
			}
			chief := news.Actor{User: d.users["editor-in-chief"]}
			for _, to := range []news.Status{news.Submitted, news.Edited, news.Published} {
				if _, err := d.service.Transition(ctx, chief, id, to, "", time.Time{}); err != nil {
					t.Fatal(err)
				}
			}
			a, err := d.store.Article(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			_, doc = get(t, d.url, p.Path())
			episode := doc.Find(".episode")
			player := episode.Find(`audio[controls][preload="none"]`)
			if episode.Length() != 1 || episode.Find(`a[href="`+a.Path()+`"]`).Text() != a.Title || player.AttrOr("src", "") == "" ||
				player.Is("[autoplay]") || episode.Find(".audio-duration").Text() != "00:00:05" {
				t.Fatalf("the published episode on the cached page: %q", episode.Text())
			}
			if doc.Find("h1").Text() != "Phát thanh: Thời sự Hà Tĩnh" || doc.Find(".intro").Length() != 2 {
				t.Errorf("title %q, description paragraphs %d", doc.Find("h1").Text(), doc.Find(".intro").Length())
			}
			feedURL := d.url + "/rss/phat-thanh/thoi-su-ha-tinh.rss"
			if doc.Find(`link[rel="alternate"][type="application/rss+xml"][href="`+feedURL+`"]`).Length() != 1 {
				t.Error("the page does not announce its podcast feed")
			}
			series := graphs(t, doc)["PodcastSeries"]
			if series == nil || series["name"] != "Thời sự Hà Tĩnh" || series["webFeed"] != feedURL || len(series["episode"].([]any)) != 1 {
				t.Errorf("PodcastSeries: %v", series)
			}
			if og := doc.Find(`meta[property="og:image"]`).AttrOr("content", ""); !strings.Contains(og, "/media/ab/0123456789abcdef0123456789abcdef") {
				t.Errorf("og:image %q is not the cover", og)
			}
			if _, list := get(t, d.url, "/phat-thanh/"); list.Find(`.programme-list a[href="`+p.Path()+`"]`).Length() != 1 {
				t.Error("the list of programmes does not link to it")
			}

			// The story's own page: its player, named as an episode.
			_, storyPage := get(t, d.url, a.Path())
			section := storyPage.Find(".audio-version")
			if section.Find(`audio[controls][preload="none"]`).AttrOr("src", "") != player.AttrOr("src", "") || section.Find("audio[autoplay]").Length() != 0 ||
				!strings.Contains(section.Find("h2").Text(), "Bản phát thanh") || section.Find(`a[href="`+p.Path()+`"]`).Length() != 1 {
				t.Errorf("the story's player: %q", section.Text())
			}
			if og := storyPage.Find(`meta[property="og:audio"]`).AttrOr("content", ""); og != d.url+player.AttrOr("src", "") {
				t.Errorf("og:audio %q", og)
			}
			if g := graphs(t, storyPage)["NewsArticle"]; g == nil || g["audio"].(map[string]any)["@type"] != "AudioObject" {
				t.Errorf("NewsArticle audio: %v", g)
			}

			// The programme is in the sitemap of the paper's pages.
			var sitemap struct {
				Locs []string `xml:"url>loc"`
			}
			fetchXML(t, d.url, "/sitemap/sections.xml", "application/xml; charset=utf-8", &sitemap)
			if !slices.Contains(sitemap.Locs, d.url+p.Path()) {
				t.Errorf("the sitemap does not list the programme: %q", sitemap.Locs)
			}

			// The podcast feed.
			var rss podcastFeed
			raw := fetchXML(t, d.url, "/rss/phat-thanh/thoi-su-ha-tinh.rss", rssType, &rss)
			xmllintWellFormed(t, raw)
			ch := rss.Channel
			if ch.Title != "Thời sự Hà Tĩnh" || ch.Language != "vi" || ch.Author != "Ban Thời sự" || ch.Category.Text != "News" || ch.Explicit != "false" ||
				!strings.Contains(ch.Image.Href, "/media/ab/0123456789abcdef0123456789abcdef") || ch.Link != d.url+p.Path() || ch.Self.Href != feedURL {
				t.Errorf("channel: %+v", ch)
			}
			if len(ch.Items) != 1 {
				t.Fatalf("feed items: %d", len(ch.Items))
			}
			item := ch.Items[0]
			if item.Title != a.Title || item.Link != d.url+a.Path() || item.GUID.IsPermaLink != "false" || item.GUID.Value == "" ||
				item.Duration != "00:00:05" || item.EpisodeType != "full" || item.Enclosure.Type != "audio/mp4" || item.PubDate == "" {
				t.Errorf("item: %+v", item)
			}
			resp, body := fetchBody(t, item.Enclosure.URL, "", nil)
			if resp.StatusCode != http.StatusOK || int64(len(body)) != item.Enclosure.Length || resp.Header.Get("Content-Type") != "audio/mp4" {
				t.Errorf("the enclosure: %d, %d bytes (feed says %d), %q", resp.StatusCode, len(body), item.Enclosure.Length, resp.Header.Get("Content-Type"))
			}
			if file, err := os.ReadFile(filepath.Join(mediaDir, filepath.FromSlash(audio.Master))); err != nil || !bytes.Equal(file, body) {
				t.Errorf("the enclosure is not the normalised file: %v", err)
			}
			if resp, _ := fetchBody(t, d.url, "/media/av/ab/%2e%2e/passwd.m4a", nil); resp.StatusCode != http.StatusNotFound {
				t.Errorf("a path out of the media folder: %d", resp.StatusCode)
			}

			// A rename in the newsroom reaches the cached story page; a
			// deletion takes the programme's page and feed.
			if resp, _ := managing.post("/toasoan/phat-thanh/"+itoa(p.ID), with("title", "Thời sự sáng")); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("edit: %d", resp.StatusCode)
			}
			if _, storyPage := get(t, d.url, a.Path()); storyPage.Find(`.audio-programme a`).Text() != "Thời sự sáng" {
				t.Errorf("the story page names the programme %q", storyPage.Find(`.audio-programme a`).Text())
			}
			if resp, _ := managing.post("/toasoan/phat-thanh/"+itoa(p.ID)+"/xoa", nil); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("delete: %d", resp.StatusCode)
			}
			for _, path := range []string{p.Path(), "/rss/phat-thanh/thoi-su-ha-tinh.rss"} {
				if resp, _ := get(t, d.url, path); resp.StatusCode != http.StatusNotFound {
					t.Errorf("%s of a deleted programme: %d", path, resp.StatusCode)
				}
			}
			if _, storyPage := get(t, d.url, a.Path()); !strings.Contains(storyPage.Find(".audio-version h2").Text(), "Nghe bài viết") {
				t.Error("the story lost its audio with its programme")
			}
		})
	}
}

func asJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// radioEpisode makes programme "thoi-su" with one published episode in
// section, for pages that only show it (no file is served), and returns
// the episode's path.
func radioEpisode(t *testing.T, st *store.Store, section int64) string {
	t.Helper()
	ctx := context.Background()
	m, err := st.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: news.AudioMedia, Title: "Bản tin", Source: "a.mp3"},
		transcode.KindAudio, `{"source":"a.mp3"}`)
	if err != nil {
		t.Fatal(err)
	}
	dir := "ef/ef" + strings.Repeat("0", 30)
	if err := st.MediaItemReady(ctx, m.ID, store.MediaOutputs{Dir: dir, Master: dir + "/audio.m4a", Duration: 185 * time.Second}); err != nil {
		t.Fatal(err)
	}
	p, err := st.SaveProgramme(ctx, news.System(), news.Programme{Slug: "thoi-su", Title: "Thời sự", Description: "Bản tin mỗi sáng.",
		Author: "Ban Thời sự", Category: "News", Language: "vi"})
	if err != nil {
		t.Fatal(err)
	}
	a, err := st.CreateArticle(ctx, news.System(), news.Article{Slug: "ban-tin-sang", Title: "Bản tin sáng", Lead: "Tin chính.",
		Body: "<p>Nội dung.</p>", SectionID: section, Status: news.Published, PublishedAt: time.Now().UTC().Add(-time.Hour),
		AudioMediaID: m.ID, ProgrammeID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	return a.Path()
}
