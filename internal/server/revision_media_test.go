package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/transcode"
)

// A revision keeps the story's main video, audio version and programme:
// the comparison names a changed main video in words ("Video chính") and
// restoring the old revision brings its video, audio and programme back.
func TestRevisionKeepsMainVideoAndAudio(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		item := func(kind news.MediaKind, title string) int64 {
			job := transcode.KindVideo
			if kind == news.AudioMedia {
				job = transcode.KindAudio
			}
			m, err := d.store.CreateMediaItem(ctx, news.System(), news.MediaItem{Kind: kind, Title: title, Source: "x"}, job, `{}`)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.store.MediaItemReady(ctx, m.ID, store.MediaOutputs{Dir: "ab/x", Master: "ab/x/master.m4a"}); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
		flood, fire, bulletin := item(news.VideoMedia, "Phóng sự lũ"), item(news.VideoMedia, "Cháy rừng Hương Sơn"), item(news.AudioMedia, "Bản tin sáng")
		programme, err := d.store.SaveProgramme(ctx, news.System(), news.Programme{Slug: "thoi-su", Title: "Thời sự tối", Category: "News", Language: "vi"})
		if err != nil {
			t.Fatal(err)
		}
		editor := news.Actor{User: d.users["editor"]}
		a, err := d.service.Create(ctx, editor, editorial.ArticleInput{Title: "Lũ về", Lead: "Sapô.", Body: "<p>Nội dung.</p>",
			SectionID: d.section.ID, MainMediaID: flood, AudioMediaID: bulletin, ProgrammeID: programme.ID})
		if err != nil {
			t.Fatal(err)
		}
		revs, err := d.store.Revisions(ctx, a.ID)
		if err != nil || len(revs) != 1 {
			t.Fatalf("revisions %+v: %v", revs, err)
		}
		first := revs[0]
		if first.MainMediaID != flood || first.AudioMediaID != bulletin || first.ProgrammeID != programme.ID {
			t.Fatalf("the first revision keeps %d, %d, %d", first.MainMediaID, first.AudioMediaID, first.ProgrammeID)
		}
		in := editorial.InputOf(a)
		in.MainMediaID, in.AudioMediaID, in.ProgrammeID = fire, 0, 0
		if a, err = d.service.Save(ctx, editor, a.ID, a.Revision, in); err != nil {
			t.Fatal(err)
		}

		b := d.signIn(t, "editor")
		_, doc := b.get("/toasoan/bai-viet/" + itoa(a.ID) + "/so-sanh?tu=" + itoa(first.ID) + "&den=0")
		sections := map[string]string{}
		for _, s := range doc.Find("section.diff").EachIter() {
			sections[strings.TrimSpace(s.Find("h2").Text())] = strings.Join(strings.Fields(s.Find("table").Text()), " ")
		}
		for name, want := range map[string][]string{
			"Video chính":             {"Video số " + itoa(flood) + ": Phóng sự lũ", "Video số " + itoa(fire) + ": Cháy rừng Hương Sơn"},
			"Bản âm thanh":            {"Âm thanh số " + itoa(bulletin) + ": Bản tin sáng", "Không có"},
			"Chương trình phát thanh": {"Thời sự tối", "Không có"},
		} {
			for _, w := range want {
				if !strings.Contains(sections[name], w) {
					t.Errorf("comparison %q: %q lacks %q (sections %q)", name, sections[name], w, sections)
				}
			}
		}
		_, data := fetchPublic(t, d.url, "/api/v1/articles/"+itoa(a.ID)+"/revisions/"+itoa(first.ID), "Authorization", "Bearer "+apiToken(t, b))
		var fromAPI struct {
			MainMediaID  int64 `json:"main_media_id"`
			AudioMediaID int64 `json:"audio_media_id"`
			ProgrammeID  int64 `json:"programme_id"`
		}
		mustJSON(t, data, &fromAPI)
		if fromAPI.MainMediaID != flood || fromAPI.AudioMediaID != bulletin || fromAPI.ProgrammeID != programme.ID {
			t.Errorf("the API's revision: %s", data)
		}
		if _, ok := sections["Tiêu đề (không đổi)"]; !ok {
			t.Errorf("the unchanged title is not marked: %q", sections)
		}

		if resp, doc := b.post("/toasoan/bai-viet/"+itoa(a.ID)+"/khoi-phuc", url.Values{"revision_id": {itoa(first.ID)}, "revision": {itoa(int64(a.Revision))}}); resp.StatusCode != 303 {
			t.Fatalf("restore: %d %q", resp.StatusCode, errorText(doc))
		}
		restored, err := d.store.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if restored.MainMediaID != flood || restored.AudioMediaID != bulletin || restored.ProgrammeID != programme.ID {
			t.Errorf("restored story has %d, %d, %d; want %d, %d, %d", restored.MainMediaID, restored.AudioMediaID, restored.ProgrammeID,
				flood, bulletin, programme.ID)
		}
	})
}
