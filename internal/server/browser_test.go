package server_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// chromium starts a headless Debian Chromium for a browser test. CI
// installs it; a developer machine without it skips, CI never does.
func chromium(t *testing.T) context.Context {
	t.Helper()
	return chromiumFor(t, 90*time.Second)
}

// chromiumFor is chromium with a limit of the test's own.
func chromiumFor(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI needs Chromium for the browser tests: apt-get install chromium")
		}
		t.Skip("chromium is not installed (LookPath)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-sync", true),
		// Every name but the test server's fails at once: a page naming
		// an outside host (a payload's image, an embed) waits for a
		// network this machine does not have otherwise.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	ctx, cancelTimeout := context.WithTimeout(ctx, limit)
	t.Cleanup(func() { cancelTimeout(); cancel(); cancelAlloc() })
	return ctx
}

func run(t *testing.T, ctx context.Context, step string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		html, _ := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS("main")))
		t.Fatalf("%s: %v\npage: %.2000s", step, err, html)
	}
}

// read runs one action that returns text.
func read(t *testing.T, ctx context.Context, step string, a chromedp.Action[string]) string {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return v
}

func signInAs(t *testing.T, ctx context.Context, d *desk, role string) {
	t.Helper()
	run(t, ctx, "sign in as "+role,
		chromedp.Navigate(d.url+"/toasoan/dang-nhap"),
		chromedp.SendKeys(chromedp.CSS("#email"), d.users[role].Email),
		chromedp.SendKeys(chromedp.CSS("#password"), d.password),
		chromedp.Click(chromedp.CSS(".nr-login button")),
		chromedp.WaitVisible(chromedp.CSS(".nr-who")),
	)
}

func signOut(t *testing.T, ctx context.Context) {
	t.Helper()
	run(t, ctx, "sign out", chromedp.Click(chromedp.CSS(".nr-logout button")), chromedp.WaitVisible(chromedp.CSS("#email")))
}

func notice(t *testing.T, ctx context.Context, step, want string) {
	t.Helper()
	run(t, ctx, step, chromedp.WaitVisible(chromedp.CSS(".nr-notice")))
	got := read(t, ctx, step, chromedp.Text(chromedp.CSS(".nr-notice")))
	if got != want {
		t.Fatalf("%s: notice %q, want %q", step, got, want)
	}
}

func photoFile(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for x := range 320 {
		for y := range 200 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 120, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "cau-moi.png")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestNewsroomInTheBrowser drives the whole editorial flow through the
// real UI in Chromium: a reporter writes an article with a captioned photo
// in the rich-text editor and submits it; an editor edits it and passes it
// on; the managing editor schedules it; the scheduler publishes it at its
// minute with nobody touching anything; readers see it.
func TestNewsroomInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	jobs, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	go d.service.RunScheduler(jobs, 50*time.Millisecond, slog.New(slog.DiscardHandler))

	signInAs(t, ctx, d, "reporter")
	run(t, ctx, "write the article",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/moi"),
		chromedp.WaitVisible(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS("#title"), "Cầu Hộ Độ mới thông xe trước Tết"),
		chromedp.SendKeys(chromedp.CSS("#lead"), "Cây cầu nối hai bờ sông Rào Cái đã hoàn thành sớm hai tháng."),
		chromedp.Click(chromedp.CSS(".ed-content")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "Sáng nay, người dân hai xã đã đi qua cầu mới.\r"),
		chromedp.Click(chromedp.CSS(".ed-btn-h2")),
		chromedp.SendKeys(chromedp.CSS(".ed-content"), "Niềm vui của người dân"),
		chromedp.SetUploadFiles(chromedp.CSS(".ed input[type=file]"), []string{photoFile(t)}),
		chromedp.WaitVisible(chromedp.CSS(".ed-figure-caption")),
		chromedp.SendKeys(chromedp.CSS(".ed-figure-caption"), "Xe đầu tiên qua cầu Hộ Độ"),
		chromedp.SendKeys(chromedp.CSS(".ed-figure-credit"), "Ảnh: Thu Hà"),
		chromedp.SetValue(chromedp.CSS("#section_id"), itoa(d.section.ID)),
		chromedp.Click(chromedp.CSS("#article-form button.nr-primary")),
	)
	notice(t, ctx, "save the draft", "Đã lưu bài.")
	path := read(t, ctx, "read the article's address", chromedp.Location())
	id := mustID(t, path)
	a, err := d.store.Article(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<h2>Niềm vui của người dân</h2>", "Xe đầu tiên qua cầu Hộ Độ", `<span class="credit">Ảnh: Thu Hà</span>`, "<figure data-image-id="} {
		if !strings.Contains(a.Body, want) {
			t.Fatalf("saved body lacks %q: %s", want, a.Body)
		}
	}
	run(t, ctx, "submit", chromedp.Click(chromedp.CSS(".nr-move-submitted")), chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-submitted")))
	notice(t, ctx, "submit", "Đã chuyển trạng thái bài.")
	signOut(t, ctx)

	signInAs(t, ctx, d, "editor")
	run(t, ctx, "edit",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/"+itoa(id)),
		chromedp.WaitVisible(chromedp.CSS(".ed-content")),
		chromedp.SetValue(chromedp.CSS("#title"), "Cầu Hộ Độ thông xe sớm hai tháng"),
		chromedp.Click(chromedp.CSS("#article-form button.nr-primary")),
	)
	notice(t, ctx, "save the edit", "Đã lưu bài.")
	run(t, ctx, "pass on", chromedp.Click(chromedp.CSS(".nr-move-edited")), chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-edited")))
	notice(t, ctx, "pass on", "Đã chuyển trạng thái bài.")
	signOut(t, ctx)

	signInAs(t, ctx, d, "managing-editor")
	site, _ := d.store.Site(context.Background())
	at := d.clock.now().Add(5 * time.Minute).In(site.Location).Format("2006-01-02T15:04")
	run(t, ctx, "schedule",
		chromedp.Navigate(d.url+"/toasoan/bai-viet/"+itoa(id)),
		chromedp.WaitVisible(chromedp.CSS("#at")),
		chromedp.SetValue(chromedp.CSS("#at"), at),
		chromedp.Click(chromedp.CSS(".nr-move-scheduled")),
		chromedp.WaitVisible(chromedp.CSS(".nr-meta .st-scheduled")),
	)
	notice(t, ctx, "schedule", "Đã chuyển trạng thái bài.")
	a, _ = d.store.Article(context.Background(), id)
	if a.Status != news.Scheduled {
		t.Fatalf("after scheduling: %s", a.Status)
	}

	// The minute comes; nobody touches anything.
	d.clock.advance(6 * time.Minute)
	d.service.Wake()
	waitFor(t, "the scheduler to publish", func() bool {
		a, _ := d.store.Article(context.Background(), id)
		return a.Status == news.Published
	})
	run(t, ctx, "open it as a reader", chromedp.Navigate(d.url+a.Path()))
	title := read(t, ctx, "read the title", chromedp.Text(chromedp.CSS("h1.story-title")))
	caption := read(t, ctx, "read the caption", chromedp.Text(chromedp.CSS(".story-body figcaption")))
	if title != "Cầu Hộ Độ thông xe sớm hai tháng" || !strings.Contains(caption, "Xe đầu tiên qua cầu Hộ Độ") || !strings.Contains(caption, "Ảnh: Thu Hà") {
		t.Fatalf("reader sees %q / %q", title, caption)
	}
	revs, _ := d.store.Revisions(context.Background(), id)
	log, _ := d.store.AuditLog(context.Background(), auditOf(id))
	if len(revs) != 6 || len(log) != 6 {
		t.Errorf("%d revisions and %d audit entries, want 6 each (create, submit, save, edited, scheduled, published)", len(revs), len(log))
	}
}
