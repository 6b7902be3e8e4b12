package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/transcode"
)

// An editor puts a library video into a story's body: "Chèn video" opens
// the library's videos (a failed one not among them), a search by title
// without marks finds the ready one, which shows in the body by its
// poster and title; saved, the body keeps only its block, and the
// published page plays it.
func TestEditorInsertsALibraryVideo(t *testing.T) {
	t.Parallel()
	ctx := chromiumFor(t, 2*time.Minute)
	av := startAVDesk(t, storetest.Sources(t)[0].Source, 0, false)
	d := av.desk
	bg := context.Background()
	video := readyVideo(t, d.store, av.media, "Lũ về trên sông La")
	failed, err := d.store.CreateMediaItem(bg, news.System(), news.MediaItem{Kind: news.VideoMedia, Title: "Lũ về hỏng", Source: "x"}, transcode.KindVideo, `{}`)
	if err != nil {
		t.Fatal(err)
	}
	for {
		job, ok, err := d.store.ClaimJob(bg, "test", []string{transcode.KindVideo}, time.Now(), time.Minute)
		if err != nil || !ok {
			t.Fatalf("claim: %v %v", ok, err)
		}
		if job.ID == failed.JobID {
			if _, err := d.store.FailJob(bg, job.ID, "test", "Tệp video bị hỏng", time.Now(), time.Time{}); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	chief := news.Actor{User: d.users["editor-in-chief"]}
	a, err := d.service.Create(bg, chief, editorial.ArticleInput{Title: "Nước sông La lên nhanh", Lead: "Mưa lớn.",
		Body: "<p>Nước lên từ đêm qua.</p>", SectionID: d.section.ID})
	if err != nil {
		t.Fatal(err)
	}
	id := itoa(a.ID)
	item := `.nr-picker-item[data-media-id="` + itoa(video.ID) + `"]`
	block := `.ed-content figure[data-media-id="` + itoa(video.ID) + `"]`

	signInAs(t, ctx, d, "editor-in-chief")
	run(t, ctx, "open the story and the video library",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/"+id),
		chromedp.WaitVisible(chromedp.CSS(".ed-content p")),
		chromedp.Click(chromedp.CSS(".ed-content p")),
		chromedp.Click(chromedp.CSS(".ed-btn-library-video")),
		chromedp.WaitVisible(chromedp.CSS(item+" img")),
	)
	if n := read(t, ctx, "count the offered videos", chromedp.Evaluate[string](`String(document.querySelectorAll(".nr-picker-item").length)`)); n != "1" {
		t.Errorf("the dialog offers %s videos, want the ready one only (not the failed one)", n)
	}
	run(t, ctx, "search without marks and pick the video",
		chromedp.SendKeys(chromedp.CSS(".ed-video-picker input[type=search]"), "song la"),
		chromedp.Click(chromedp.CSS(".ed-video-picker .nr-picker-search button")),
		chromedp.WaitVisible(chromedp.CSS(item)),
		chromedp.Click(chromedp.CSS(item)),
		chromedp.Poll[chromedp.Void](`(() => { const f = document.querySelector('`+block+`');
			return f && f.querySelector("img") && f.querySelector("img").complete && f.querySelector("img").naturalWidth > 0 &&
				f.textContent.includes("Lũ về trên sông La"); })()`),
		chromedp.Click(chromedp.CSS("#article-form button.nr-primary")),
	)
	notice(t, ctx, "save the story", "Đã lưu bài.")

	saved, err := d.store.Article(bg, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := `<figure class="video" data-media-id="` + itoa(video.ID) + `"></figure>`; !strings.Contains(saved.Body, want) ||
		!strings.Contains(saved.Body, "Nước lên từ đêm qua.") {
		t.Fatalf("saved body %q, want the text and %s", saved.Body, want)
	}
	for _, to := range []news.Status{news.Submitted, news.Edited, news.Published} {
		if _, err := d.service.Transition(bg, chief, a.ID, to, "", time.Time{}); err != nil {
			t.Fatal(err)
		}
	}
	resp, doc := get(t, d.url, d.articlePath(t, a.ID))
	player := doc.Find(`video[data-media-id="` + itoa(video.ID) + `"]`)
	if resp.StatusCode != http.StatusOK || player.Length() != 1 || player.Find(`source[src="/media/av/`+video.Fallback+`"]`).Length() != 1 {
		t.Fatalf("the published page (%d) has no player for video %d: %s", resp.StatusCode, video.ID, doc.Find("article").Text())
	}
	if r, _ := fetchPublic(t, d.url, "/media/av/"+video.Fallback); r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "video/mp4" {
		t.Errorf("the player's MP4: %d %q", r.StatusCode, r.Header.Get("Content-Type"))
	}
}
