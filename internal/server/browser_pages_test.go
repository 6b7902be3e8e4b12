package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// The editor-in-chief writes "Liên hệ" in Chromium with the articles'
// editor (a paragraph, a sub-heading, bold), saves it from the menu's
// list, and readers follow the footer's link to it; deleting asks first.
func TestPagesInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	signInAs(t, ctx, d, "editor-in-chief")
	run(t, ctx, "write a page with the editor",
		chromedp.Click(chromedp.CSS(`.nr-menu a[href="/toasoan/trang"]`)),
		chromedp.WaitVisible(chromedp.CSS(`a[href="/toasoan/trang/moi"]`)),
		chromedp.Click(chromedp.CSS(`a[href="/toasoan/trang/moi"]`)),
		chromedp.WaitVisible(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS("#page-title"), "Liên hệ"),
		chromedp.Click(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "Tòa soạn luôn mong nhận tin, bài của bạn đọc.\r"),
		chromedp.Click(chromedp.CSS(".ed-btn-h2")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "Đường dây nóng\r"),
		chromedp.Click(chromedp.CSS(".ed-btn-bold")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "0239 3 855 446"),
		chromedp.Click(chromedp.CSS(".nr-form button.nr-primary")),
	)
	notice(t, ctx, "save the page", "Đã lưu trang.")
	p, err := d.store.PageBySlug(context.Background(), "lien-he")
	if err != nil || !strings.Contains(p.Body, "<h2>Đường dây nóng</h2>") || !strings.Contains(p.Body, "<strong>0239 3 855 446</strong>") || !p.ShowInFooter {
		t.Fatalf("stored: %+v %v", p, err)
	}
	run(t, ctx, "follow the footer's link",
		chromedp.Navigate(d.url+"/"),
		chromedp.Click(chromedp.CSS(`.footer-pages a[href="/lien-he.html"]`)),
		chromedp.WaitVisible(chromedp.CSS(".static-page h2")),
	)
	if got := read(t, ctx, "the page's heading", chromedp.Text(chromedp.CSS(".static-page h1"))); got != "Liên hệ" {
		t.Errorf("heading %q", got)
	}
	run(t, ctx, "delete it after the question",
		chromedp.Navigate(d.url+"/toasoan/trang/"+itoa(p.ID)),
		chromedp.Click(chromedp.CSS(`.nr-meta a[href$="/xoa"]`)),
		chromedp.WaitVisible(chromedp.CSS(".nr-warning")),
		chromedp.Click(chromedp.CSS(".nr-form button.nr-primary")),
	)
	notice(t, ctx, "delete the page", "Đã xóa trang.")
	if _, err := d.store.PageBySlug(context.Background(), "lien-he"); err == nil {
		t.Error("the page is still there")
	}
}
