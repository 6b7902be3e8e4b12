package server_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// TestCommentsInTheBrowser drives both sides in Chromium: a reader's
// unaccented comment is refused with the notice, an accented one waits
// unseen and uncounted; a moderator edits and approves it; it shows with
// "Đã biên tập" and the count becomes 1; a reply shows under it.
func TestCommentsInTheBrowser(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	d := startDesk(t, storetest.Sources(t)[0].Source)
	id := d.publishedArticle(t, "Chợ phiên cuối năm ở phường Thành Sen")
	a, _ := d.store.Article(context.Background(), id)

	run(t, ctx, "open the article",
		chromedp.Navigate(d.url+a.Path()),
		chromedp.WaitVisible(chromedp.CSS("#comment-body")),
		chromedp.SendKeys(chromedp.CSS("#comment-body"), "bai viet rat hay cam on bao"),
		chromedp.SendKeys(chromedp.CSS("#comment-name"), "Trần Minh"),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".comment-error")),
	)
	if got := read(t, ctx, "refusal", chromedp.Text(chromedp.CSS(".comment-error"))); got != "Vui lòng gõ tiếng Việt có dấu" {
		t.Fatalf("refusal %q", got)
	}
	if got := read(t, ctx, "kept text", chromedp.Value(chromedp.CSS("#comment-body"))); got != "bai viet rat hay cam on bao" {
		t.Fatalf("the box lost the text: %q", got)
	}
	run(t, ctx, "write it with diacritics",
		chromedp.SetValue(chromedp.CSS("#comment-body"), "Bài viết rất hay, cảm ơn báo đã đưa tin về chợ phiên."),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".comment-sent-notice")),
	)
	if got := read(t, ctx, "notice", chromedp.Text(chromedp.CSS(".comment-sent-notice"))); got != "Bình luận của bạn đang chờ duyệt" {
		t.Fatalf("notice %q", got)
	}
	if got := read(t, ctx, "count", chromedp.TextContent(chromedp.CSS("#so-binh-luan"))); got != "0 bình luận" {
		t.Fatalf("count while pending %q", got)
	}

	moderator := chromium(t)
	signInAs(t, moderator, d, "moderator")
	run(t, moderator, "edit and approve",
		chromedp.Navigate(d.url+"/toasoan/binh-luan"),
		chromedp.WaitVisible(chromedp.CSS(".nr-comment textarea")),
		chromedp.SetValue(chromedp.CSS(".nr-comment textarea"), "Bài viết rất hay. Cảm ơn báo đã đưa tin về chợ phiên."),
		chromedp.Click(chromedp.CSS(`.nr-comment button[value="approve"]`)),
		chromedp.WaitVisible(chromedp.CSS(".nr-notice")),
	)

	run(t, ctx, "reload", chromedp.Navigate(d.url+a.Path()), chromedp.WaitVisible(chromedp.CSS(".comment-list .comment")))
	meta := read(t, ctx, "meta", chromedp.Text(chromedp.CSS(".comment-list .comment-meta")))
	if !strings.HasPrefix(meta, "Trần Minh - ") || !strings.Contains(meta, "Đã biên tập") {
		t.Fatalf("published comment meta %q", meta)
	}
	if got := read(t, ctx, "count", chromedp.TextContent(chromedp.CSS("#so-binh-luan"))); got != "1 bình luận" {
		t.Fatalf("count after approval %q", got)
	}
	run(t, ctx, "reply",
		chromedp.Click(chromedp.CSS(".comment-reply")),
		chromedp.WaitVisible(chromedp.CSS(".comment-replying")),
		chromedp.SendKeys(chromedp.CSS("#comment-body"), "Đồng ý, chợ năm nay đông vui hơn mọi năm."),
		chromedp.SetValue(chromedp.CSS("#comment-name"), "Lê Hoa"),
		chromedp.Click(chromedp.CSS(".comment-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".comment-sent-notice")),
	)
	run(t, moderator, "approve the reply",
		chromedp.Navigate(d.url+"/toasoan/binh-luan"),
		chromedp.WaitVisible(chromedp.CSS(".nr-comment textarea")),
		chromedp.Click(chromedp.CSS(`.nr-comment button[value="approve"]`)),
		chromedp.WaitVisible(chromedp.CSS(".nr-notice")),
	)
	run(t, ctx, "see the reply", chromedp.Navigate(d.url+a.Path()), chromedp.WaitVisible(chromedp.CSS(".comment-replies .comment")))
	if got := read(t, ctx, "reply", chromedp.Text(chromedp.CSS(".comment-replies .comment-name"))); got != "Lê Hoa" {
		t.Fatalf("reply by %q", got)
	}
	if got := read(t, ctx, "count", chromedp.TextContent(chromedp.CSS("#so-binh-luan"))); got != "2 bình luận" {
		t.Fatalf("count with the reply %q", got)
	}
}
