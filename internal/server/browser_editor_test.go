package server_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestTheEditorNeverLosesAnEdit drives the editor in Chromium as a
// reporter would on a busy day: she saves a draft, adds a sentence, and
// while the page keeps it aside (autosave) and holds the story (edit lock)
// she presses "Gửi biên tập" without saving; the sentence is in the copy
// that moves on, and leaving the page frees the story. Then the managing
// editor gives the story a cover by its thumbnail in the library dialog,
// and publishes: readers see the thumbnail on the section page.
func TestTheEditorNeverLosesAnEdit(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	bg := context.Background()

	signInAs(t, ctx, d, "reporter")
	run(t, ctx, "write and save a draft",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/moi"),
		chromedp.WaitVisible(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS("#title"), "Chợ phiên vùng cao Hương Sơn"),
		chromedp.SendKeys(chromedp.CSS("#lead"), "Mỗi sáng chủ nhật, chợ phiên họp bên bờ sông Ngàn Phố."),
		chromedp.Click(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "Chợ họp từ lúc trời chưa sáng.\r"),
		chromedp.SetValue(chromedp.CSS("#section_id"), itoa(d.section.ID)),
		chromedp.Click(chromedp.CSS("#article-form button.nr-primary")),
	)
	notice(t, ctx, "save the draft", "Đã lưu bài.")
	id := mustID(t, read(t, ctx, "read the article's address", chromedp.Location()))

	const added = "Người dân mang măng rừng, mật ong ra chợ từ sớm."
	run(t, ctx, "add a sentence without saving",
		chromedp.WaitVisible(chromedp.CSS(".ed-content")),
		chromedp.Click(chromedp.CSS(".ed-content p")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), " "+added),
		chromedp.Poll[chromedp.Void](`document.getElementById("save-state").textContent.includes("Đã tự động giữ")`),
	)
	// Typing is slow on a loaded machine: an autosave may catch half the
	// sentence, and the next one the rest.
	var kept news.Autosave
	waitFor(t, "the autosave to hold the new sentence", func() bool {
		var ok bool
		var err error
		kept, ok, err = d.store.LastAutosave(bg, id, d.users["reporter"].ID)
		return err == nil && ok && strings.Contains(kept.Body, added)
	})
	if revs, _ := d.store.Revisions(bg, id); len(revs) != 1 {
		t.Fatalf("autosaving added revisions: %d, want 1", len(revs))
	}

	managing := d.signIn(t, "managing-editor")
	holder := func() string {
		resp, body := postJSON(t, managing, "/toasoan/bai-viet/"+itoa(id)+"/dang-sua")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("heartbeat: %d %s", resp.StatusCode, body)
		}
		var lock struct{ Holder string }
		if err := json.Unmarshal(body, &lock); err != nil {
			t.Fatal(err)
		}
		return lock.Holder
	}
	if h := holder(); h != d.users["reporter"].Name {
		t.Fatalf("while the reporter's editor is open the story is held by %q, want her", h)
	}

	run(t, ctx, "send to the editors without saving",
		chromedp.Click(chromedp.CSS(".nr-move-submitted")),
		chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-submitted")),
	)
	notice(t, ctx, "submitted", "Đã chuyển trạng thái bài.")
	a, err := d.store.Article(bg, id)
	if err != nil || a.Status != news.Submitted || !strings.Contains(a.Body, added) {
		t.Fatalf("submitted copy (%s): %s (%v); want the unsaved sentence in it", a.Status, a.Body, err)
	}
	if _, ok, _ := d.store.LastAutosave(bg, id, d.users["reporter"].ID); ok {
		t.Fatal("the autosave outlived the save")
	}
	waitFor(t, "the closed editor to give the story back", func() bool { return holder() == "" })
	signOut(t, ctx)

	signInAs(t, ctx, d, "managing-editor")
	run(t, ctx, "upload a photo from the picker",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/"+itoa(id)),
		chromedp.WaitVisible(chromedp.CSS(".nr-picker-choose")),
		chromedp.Click(chromedp.CSS(".nr-picker-choose")),
		chromedp.WaitVisible(chromedp.CSS(".nr-picker-dialog")),
		chromedp.SetUploadFiles(chromedp.CSS(".nr-picker-dialog input[type=file]"), []string{photoFile(t)}),
		chromedp.WaitVisible(chromedp.CSS(".nr-picker-preview img")),
	)
	uploaded := read(t, ctx, "read the chosen photo", chromedp.Value(chromedp.CSS("#cover_image_id")))
	run(t, ctx, "pick it again by its thumbnail",
		chromedp.Click(chromedp.CSS(".nr-picker-clear")),
		chromedp.WaitVisible(chromedp.CSS(".nr-picker-none")),
		chromedp.Click(chromedp.CSS(".nr-picker-choose")),
		chromedp.WaitVisible(chromedp.CSS(`.nr-picker-item[data-image-id="`+uploaded+`"] img`)),
		chromedp.Click(chromedp.CSS(`.nr-picker-item[data-image-id="`+uploaded+`"]`)),
		chromedp.WaitVisible(chromedp.CSS(".nr-picker-preview img")),
		chromedp.Click(chromedp.CSS("#article-form button.nr-primary")),
	)
	notice(t, ctx, "save the cover", "Đã lưu bài.")
	run(t, ctx, "edit and publish",
		chromedp.Click(chromedp.CSS(".nr-move-edited")),
		chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-edited")),
		chromedp.Click(chromedp.CSS(".nr-move-published")),
		chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-published")),
	)
	a, err = d.store.Article(bg, id)
	if err != nil || a.Cover == nil || itoa(a.CoverImageID) != uploaded {
		t.Fatalf("published with cover %d (%v), want %s", a.CoverImageID, err, uploaded)
	}
	run(t, ctx, "open the section as a reader", chromedp.Navigate(d.url+d.section.Path()))
	attr, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.CSS(`.row-photo[href="`+a.Path()+`"] img`), "src"))
	if err != nil {
		t.Fatalf("the story's thumbnail on the section page: %v", err)
	}
	// The thumbnail is a clean copy of the cover, never the original.
	base := strings.TrimSuffix(a.Cover.Key, path.Ext(a.Cover.Key))
	if src := attr.Value; !strings.HasPrefix(src, "/media/"+base+"-w") {
		t.Fatalf("the section page shows %q for the story, want a copy of its cover /media/%s", src, a.Cover.Key)
	}
}

// postJSON posts an empty form with the browser's CSRF token, asking for
// JSON, as the editor's script does.
func postJSON(t *testing.T, b *browser, path string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader("csrf="+b.csrf))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := b.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf strings.Builder
	if _, err := io.Copy(&buf, resp.Body); err != nil {
		t.Fatal(err)
	}
	return resp, []byte(buf.String())
}
