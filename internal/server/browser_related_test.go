package server_test

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// An editor picks "Tin liên quan" in Chromium with the keyboard: searches
// published stories by title, picks one with Enter, removes a wrong pick,
// saves, and readers see the pick first on the story's page.
func TestRelatedPickerInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	main := d.storyWithTags(t, "Bão số 5 đổ bộ vào Hà Tĩnh", "Bão số 5")
	d.storyWithTags(t, "Tin bão cùng chủ đề", "Bão số 5")
	wanted := d.storyWithTags(t, "Sửa đê sau bão ở Thạch Hà")
	d.storyWithTags(t, "Sửa nhà văn hóa xã")
	d.story(t, "editor-in-chief", "Bản nháp sửa đê", d.section, nil) // a draft is never offered

	signInAs(t, ctx, d, "editor-in-chief")
	run(t, ctx, "search by title and pick with the keyboard",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/"+itoa(main)),
		chromedp.WaitVisible(chromedp.CSS("#related-search")),
		chromedp.Focus(chromedp.CSS("#related-search")),
		chromedp.KeyEvent("sua"),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(`.nr-related-choose[data-id="`+itoa(wanted)+`"]`)),
	)
	offered := read(t, ctx, "the results", chromedp.Evaluate[string](`[...document.querySelectorAll(".nr-related-choose .nr-related-title")].map(e => e.textContent).sort().join("|")`))
	if offered != "Sửa nhà văn hóa xã|Sửa đê sau bão ở Thạch Hà" {
		t.Fatalf("the picker offers %q", offered)
	}
	run(t, ctx, "pick two, remove the wrong one",
		chromedp.Focus(chromedp.CSS(`.nr-related-choose[data-id="`+itoa(wanted)+`"]`)),
		chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](`document.querySelector(".nr-related-picked input[name=related][value=\"`+itoa(wanted)+`\"]") !== null`),
		chromedp.Focus(chromedp.CSS(".nr-related-choose")),
		chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('.nr-related-picked input[name="related"]').length === 2`),
		chromedp.Focus(chromedp.CSS(".nr-related-picked li:nth-child(2) .nr-related-remove")),
		chromedp.KeyEvent("\r"),
		chromedp.Poll[chromedp.Void](`document.querySelectorAll('.nr-related-picked input[name="related"]').length === 1`),
	)
	if status := read(t, ctx, "the picker's status", chromedp.Text(chromedp.CSS("#related-status"))); status != "Đã bỏ “Sửa nhà văn hóa xã”." {
		t.Errorf("status after removing: %q", status)
	}
	run(t, ctx, "save", chromedp.Click(chromedp.CSS("#article-form button.nr-primary")))
	notice(t, ctx, "saved", "Đã lưu bài.")
	a, err := d.store.Article(context.Background(), main)
	if err != nil || len(a.RelatedIDs) != 1 || a.RelatedIDs[0] != wanted {
		t.Fatalf("stored picks: %v %v", a.RelatedIDs, err)
	}
	run(t, ctx, "the reader's page",
		chromedp.Navigate(d.url+d.articlePath(t, main)),
		chromedp.WaitVisible(chromedp.CSS(".related .titles a")),
	)
	first := read(t, ctx, "the first related story", chromedp.Text(chromedp.CSS(".related .titles a")))
	if first != "Sửa đê sau bão ở Thạch Hà" {
		t.Errorf("Tin liên quan starts with %q", first)
	}
}
