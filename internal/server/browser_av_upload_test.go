package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// A reporter's upload broke off a third of the way yesterday evening;
// she opens "Video và âm thanh" again and sends the same file: the page
// asks the server where that upload stands and sends only the rest (the
// old upload is the one that completes, no new one is made), then shows
// the item processing.
func TestResumableUploadInTheBrowser(t *testing.T) {
	t.Parallel()
	needFFmpeg(t)
	ctx := chromium(t)
	d := startAVDesk(t, storetest.Sources(t)[0].Source, 64<<20, false)
	clip := testClip(t, 5)
	file := filepath.Join(t.TempDir(), "ban-tin-toi.mp4")
	if err := os.WriteFile(file, clip, 0o600); err != nil {
		t.Fatal(err)
	}
	modified := time.Date(2026, 11, 30, 18, 5, 0, 0, time.UTC)
	if err := os.Chtimes(file, modified, modified); err != nil {
		t.Fatal(err)
	}

	c := newsroomTus(t, d.signIn(t, "reporter"))
	path := c.start(len(clip), "Bản tin tối")
	third := len(clip) / 3
	resp, body := c.must(http.MethodPatch, path, bytes.NewReader(clip[:third]),
		"Content-Type", "application/offset+octet-stream", "Upload-Offset", "0")
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Upload-Offset") != strconv.Itoa(third) {
		t.Fatalf("first third: %d %v %s", resp.StatusCode, resp.Header, body)
	}

	signInAs(t, ctx, d.desk, "reporter")
	key := fmt.Sprintf("toasoan-tai-len:ban-tin-toi.mp4:%d:%d", len(clip), modified.UnixMilli())
	run(t, ctx, "send the same file again",
		chromedp.Navigate(d.url+"/toasoan/video"),
		chromedp.WaitVisible(chromedp.CSS("form.nr-upload")),
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`localStorage.setItem(%q, JSON.stringify({url: %q, at: Date.now()}))`, key, path)),
		chromedp.SendKeys(chromedp.CSS("#av-title"), "Bản tin tối"),
		chromedp.SetUploadFiles(chromedp.CSS("#av-file"), []string{file}),
		chromedp.Click(chromedp.CSS("form.nr-upload button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(`.nr-av li[data-status="processing"]`)),
	)
	if got := c.offset(path); got != len(clip) {
		t.Fatalf("the broken upload stands at %d of %d: the page did not resume it", got, len(clip))
	}
	items, err := d.store.MediaItems(context.Background(), store.MediaItemFilter{Limit: 10})
	if err != nil || len(items) != 1 || items[0].Bytes != int64(len(clip)) || items[0].Title != "Bản tin tối" {
		t.Fatalf("items %+v %v", items, err)
	}
	if left := read(t, ctx, "the kept address", chromedp.Evaluate[string](fmt.Sprintf(`String(localStorage.getItem(%q))`, key))); left != "null" {
		t.Fatalf("the finished upload's address is still kept: %s", left)
	}
}
