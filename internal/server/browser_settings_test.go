package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// An administrator changes the paper's settings in Chromium: the menu
// leads to the page, a refused value comes back with the reason and
// what was typed, a corrected form is saved, and readers see the legal
// footer.
func TestSiteSettingsInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	signInAs(t, ctx, d, "admin")
	run(t, ctx, "open the settings from the menu",
		chromedp.Click(chromedp.CSS(`.nr-menu a[href="/toasoan/cai-dat"]`)),
		chromedp.WaitVisible(chromedp.CSS("#setting-governing_body")),
		chromedp.SendKeys(chromedp.CSS("#setting-governing_body"), "Tỉnh ủy <Hà Tĩnh>"),
		chromedp.SendKeys(chromedp.CSS("#setting-editor_in_chief"), "Nguyễn Văn Đức"),
		chromedp.SetValue(chromedp.CSS("#setting-licence_date"), "2020-01-31"),
		chromedp.SendKeys(chromedp.CSS("#setting-licence"), "123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp"),
		chromedp.Click(chromedp.CSS(`input[name="correctors"][value="editor"]`)),
		chromedp.Click(chromedp.CSS(".nr-form button.nr-primary")),
		chromedp.WaitVisible(chromedp.CSS(".nr-error")),
	)
	if got := read(t, ctx, "the refusal", chromedp.Text(chromedp.CSS(".nr-error"))); !strings.Contains(got, "Cơ quan chủ quản: không được có dấu < hoặc >") {
		t.Fatalf("refusal %q", got)
	}
	if got := read(t, ctx, "what was typed", chromedp.Value(chromedp.CSS("#setting-editor_in_chief"))); got != "Nguyễn Văn Đức" {
		t.Fatalf("the form lost what was typed: %q", got)
	}
	run(t, ctx, "correct and save",
		chromedp.SetValue(chromedp.CSS("#setting-governing_body"), "Tỉnh ủy Hà Tĩnh"),
		chromedp.Click(chromedp.CSS(".nr-form button.nr-primary")),
	)
	notice(t, ctx, "save", "Đã lưu cài đặt báo. Các máy chủ của báo áp dụng trong vòng hai giây.")
	site, err := d.store.Site(context.Background())
	if err != nil || site.Correctors != "editor,managing-editor,editor-in-chief" || site.LicenceDate != "2020-01-31" {
		t.Fatalf("stored: %+v %v", site, err)
	}
	run(t, ctx, "read the footer", chromedp.Navigate(d.url+"/"), chromedp.WaitVisible(chromedp.CSS(".footer-legal")))
	footer := read(t, ctx, "the footer", chromedp.Text(chromedp.CSS(".footer-legal")))
	for _, want := range []string{"Cơ quan chủ quản: Tỉnh ủy Hà Tĩnh", "Giấy phép số 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp ngày 31/01/2020", "Tổng biên tập: Nguyễn Văn Đức"} {
		if !strings.Contains(footer, want) {
			t.Errorf("the footer %q lacks %q", footer, want)
		}
	}
}
