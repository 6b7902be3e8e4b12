package server_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestModerationShortcutsInTheBrowser: a moderator signs in, lands on the
// queue with its shortcuts listed, and works it from the keyboard: j/k
// move, r without a reason is answered beside the comment and sends
// nothing, a digit chooses the reason and r rejects, a approves, x ticks
// and s marks spam. With the mouse, rejecting without a reason (a
// comment's button or the bulk form) is answered in place too.
func TestModerationShortcutsInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	id := d.publishedArticle(t, "Hội chợ nông sản Hà Tĩnh")
	var c []int64
	for _, body := range []string{"Hội chợ năm nay đông vui.", "Giá vé gửi xe quá đắt.", "Mua bưởi Phúc Trạch ở đâu ạ?"} {
		c = append(c, d.pendingComment(t, news.Comment{ArticleID: id, Name: "Bạn đọc", Body: body}).ID)
	}
	item := func(i int) string { return "#c" + itoa(c[i]) }
	status := func(i int) news.CommentStatus {
		got, err := d.store.Comment(context.Background(), c[i])
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}
	reasons, _ := d.store.RejectReasons(context.Background())
	// onQueue: the page is the queue, not the answer to a form's POST.
	onQueue := func(step string) bool {
		u, err := url.Parse(read(t, ctx, step, chromedp.Location()))
		return err == nil && u.Path == "/toasoan/binh-luan"
	}

	signInAs(t, ctx, d, "moderator")
	if !onQueue("landing") {
		t.Fatal("a moderator does not land on the queue")
	}
	listed := strings.Join(strings.Fields(read(t, ctx, "shortcuts", chromedp.Text(chromedp.CSS(".nr-shortcuts dl")))), " ")
	for _, want := range []string{"j / k bình luận sau / trước", "a duyệt", "1–9 chọn lý do từ chối", "r từ chối với lý do đã chọn", "s đánh dấu rác", "x chọn"} {
		if !strings.Contains(listed, want) {
			t.Errorf("shortcuts listed %q lack %q", listed, want)
		}
	}

	run(t, ctx, "j moves to the second comment",
		chromedp.WaitVisible(chromedp.CSS(item(0)+".nr-current")),
		chromedp.KeyEvent("j"),
		chromedp.WaitVisible(chromedp.CSS(item(1)+".nr-current")),
	)
	run(t, ctx, "r without a reason", chromedp.KeyEvent("r"), chromedp.WaitVisible(chromedp.CSS(item(1)+" .nr-error")))
	if got := read(t, ctx, "error", chromedp.Text(chromedp.CSS(item(1)+" .nr-error"))); got != "Vui lòng chọn lý do từ chối" {
		t.Fatalf("error beside the comment: %q", got)
	}
	if !onQueue("still on the queue") || status(1) != news.CommentPending {
		t.Fatalf("r without a reason sent something: %s", status(1))
	}
	run(t, ctx, "2 chooses the second reason",
		chromedp.KeyEvent("2"),
		chromedp.WaitNotPresent(chromedp.CSS(item(1)+" .nr-error")),
	)
	if got := read(t, ctx, "reason", chromedp.Value(chromedp.CSS(item(1)+` select[name="reason"]`))); got != reasons[1] {
		t.Fatalf("reason chosen %q, want %q", got, reasons[1])
	}
	run(t, ctx, "r rejects", chromedp.KeyEvent("r"), chromedp.WaitNotPresent(chromedp.CSS(item(1))))
	notice(t, ctx, "after rejecting", "Đã xử lý bình luận.")
	if got, _ := d.store.Comment(context.Background(), c[1]); got.Status != news.CommentRejected || got.RejectReason != reasons[1] {
		t.Fatalf("after r: %s %q", got.Status, got.RejectReason)
	}

	run(t, ctx, "a approves the first", chromedp.WaitVisible(chromedp.CSS(item(0)+".nr-current")), chromedp.KeyEvent("a"),
		chromedp.WaitNotPresent(chromedp.CSS(item(0))))
	if status(0) != news.CommentPublished {
		t.Fatalf("after a: %s", status(0))
	}

	run(t, ctx, "the mouse rejects without a reason",
		chromedp.Click(chromedp.CSS(item(2)+` button[value="reject"]`)),
		chromedp.WaitVisible(chromedp.CSS(item(2)+" .nr-error")),
	)
	if !onQueue("still on the queue") || status(2) != news.CommentPending {
		t.Fatalf("the reject button without a reason sent something: %s", status(2))
	}
	run(t, ctx, "x ticks it; the bulk form rejects without a reason",
		chromedp.Focus(chromedp.CSS(item(2))),
		chromedp.KeyEvent("x"),
		chromedp.SetValue(chromedp.CSS(`#bulk select[name="action"]`), "reject"),
		chromedp.Click(chromedp.CSS("#bulk button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".nr-error + #bulk")),
	)
	if got := read(t, ctx, "bulk error", chromedp.Evaluate[string](`document.querySelector("#bulk").previousElementSibling.textContent`)); got != "Vui lòng chọn lý do từ chối" {
		t.Fatalf("error beside the bulk form: %q", got)
	}
	if checked := read(t, ctx, "ticked", chromedp.Evaluate[string](`String(document.querySelector('`+item(2)+` input[name="ids"]').checked)`)); checked != "true" {
		t.Fatal("x did not tick the comment")
	}
	if !onQueue("still on the queue") || status(2) != news.CommentPending {
		t.Fatalf("the bulk form without a reason sent something: %s", status(2))
	}
	run(t, ctx, "e edits: an s typed there is text, Esc leaves the box",
		chromedp.Focus(chromedp.CSS(item(2))),
		chromedp.KeyEvent("e"),
		chromedp.KeyEvent(" ạ"),
		chromedp.KeyEvent(kb.Escape),
	)
	if got := read(t, ctx, "edited text", chromedp.Value(chromedp.CSS(item(2)+" textarea[name=body]"))); !strings.Contains(got, " ạ") || status(2) != news.CommentPending {
		t.Fatalf("typing in the box: %q, %s", got, status(2))
	}
	run(t, ctx, "s marks spam", chromedp.KeyEvent("s"), chromedp.WaitNotPresent(chromedp.CSS(item(2))))
	if status(2) != news.CommentSpam {
		t.Fatalf("after s: %s", status(2))
	}
}
