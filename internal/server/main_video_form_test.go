package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/transcode"
)

// The article form's "Video chính" offers the videos that are ready or
// processing, not audio nor failed ones; a bad choice is refused with the
// form shown again, a good one saved.
func TestMainVideoInTheNewsroomForm(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		ids := map[string]int64{}
		for _, m := range []news.MediaItem{{Kind: news.VideoMedia, Title: "Phóng sự lũ"}, {Kind: news.AudioMedia, Title: "Bản tin sáng"}} {
			kind := transcode.KindVideo
			if m.Kind == news.AudioMedia {
				kind = transcode.KindAudio
			}
			m.Source = "x"
			made, err := d.store.CreateMediaItem(ctx, news.System(), m, kind, `{}`)
			if err != nil {
				t.Fatal(err)
			}
			ids[m.Title] = made.ID
		}
		b := d.signIn(t, "reporter")
		_, doc := b.get("/toasoan/bai-viet/moi")
		got := strings.Join(doc.Find("select#main_media_id option").Map(func(_ int, s *goquery.Selection) string { return s.Text() }), "|")
		if got != "Không có|Phóng sự lũ (đang xử lý)" {
			t.Errorf("Video chính offers %q", got)
		}
		form := articleForm(d.section.ID, "Bài có video")
		form.Set("main_media_id", itoa(ids["Bản tin sáng"]))
		resp, doc := b.post("/toasoan/bai-viet", form)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(errorText(doc), "không phải video") || doc.Find(`input[name="title"]`).AttrOr("value", "") != "Bài có video" {
			t.Errorf("an audio file as main video: %d %q", resp.StatusCode, errorText(doc))
		}
		form.Set("main_media_id", "abc")
		if resp, doc := b.post("/toasoan/bai-viet", form); resp.StatusCode < 400 || resp.StatusCode >= 500 || errorText(doc) != "Video chính không hợp lệ" {
			t.Errorf("a main video that is not a number: %d %q", resp.StatusCode, errorText(doc))
		}
		form.Set("main_media_id", itoa(ids["Phóng sự lũ"]))
		id := createArticle(t, b, form)
		a, err := d.store.Article(ctx, id)
		if err != nil || a.MainMediaID != ids["Phóng sự lũ"] {
			t.Errorf("saved main video %d: %v", a.MainMediaID, err)
		}
		if _, doc := b.get("/toasoan/bai-viet/" + itoa(id)); doc.Find("select#main_media_id option[selected]").Text() != "Phóng sự lũ (đang xử lý)" {
			t.Error("the form does not show the story's main video")
		}
	})
}
