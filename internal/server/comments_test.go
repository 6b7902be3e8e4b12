package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

func postComment(t *testing.T, b *browser, id int64, form url.Values) (*http.Response, string) {
	t.Helper()
	resp, doc := b.post("/bai-viet/"+itoa(id)+"/binh-luan", form)
	return resp, text(doc, ".comment-error") + text(doc, ".comment-sent-notice") + text(doc, ".error-page h1 + p")
}

// TestCommentsOnTheArticlePage walks the comment flow through the article
// page's plain forms, as a reader without JavaScript does.
func TestCommentsOnTheArticlePage(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Đường về xã Thạch Lạc")
		a, _ := d.store.Article(ctx, id)
		reader := d.browser(t)
		_, doc := reader.get(a.Path())
		if text(doc, "#so-binh-luan") != "0 bình luận" || doc.Find("form.comment-form").Length() != 1 {
			t.Fatalf("comment area: %q, %d forms", text(doc, "#so-binh-luan"), doc.Find("form.comment-form").Length())
		}

		resp, msg := postComment(t, reader, id, url.Values{"name": {"Lan"}, "body": {"cam on bao da dua tin ve con duong"}})
		if resp.StatusCode != http.StatusBadRequest || msg != "Vui lòng gõ tiếng Việt có dấu" {
			t.Fatalf("unaccented: %d %q", resp.StatusCode, msg)
		}
		_, doc = reader.post("/bai-viet/"+itoa(id)+"/binh-luan", url.Values{"name": {"Lan"}, "body": {"cam on bao da dua tin ve con duong"}})
		if got := doc.Find("#comment-body").Text(); got != "cam on bao da dua tin ve con duong" {
			t.Errorf("the refused text is not kept in the box: %q", got)
		}

		body := "Cảm ơn báo đã đưa tin, con đường mới giúp bà con đi chợ dễ hơn."
		resp, doc = reader.post("/bai-viet/"+itoa(id)+"/binh-luan", url.Values{"name": {"Nguyễn Lan"}, "email": {"lan@example.vn"}, "body": {body}})
		if resp.StatusCode != http.StatusAccepted || text(doc, ".comment-sent-notice") != "Bình luận của bạn đang chờ duyệt" || text(doc, ".comment-copy") != body {
			t.Fatalf("accented: %d %q %q", resp.StatusCode, text(doc, ".comment-sent-notice"), text(doc, ".comment-copy"))
		}
		if doc.Find(".comment-list .comment").Length() != 0 || text(doc, "#so-binh-luan") != "0 bình luận" {
			t.Fatal("a pending comment is shown or counted")
		}
		if strings.Contains(doc.Text(), "lan@example.vn") && doc.Find(`#comment-email`).AttrOr("value", "") != "lan@example.vn" {
			t.Error("the email is shown")
		}

		pending, _ := d.store.Comments(ctx, store.CommentFilter{Status: news.CommentPending})
		if len(pending) != 1 {
			t.Fatalf("%d pending comments", len(pending))
		}
		moderator := d.signIn(t, "moderator")
		_, doc = moderator.get("/toasoan/binh-luan/" + itoa(pending[0].ID))
		if doc.Find("textarea[name=body]").Text() != body {
			t.Fatalf("moderation page lacks the text")
		}
		edited := "Cảm ơn báo đã đưa tin. Con đường mới giúp bà con đi chợ dễ hơn."
		if resp, _ := moderator.post("/toasoan/binh-luan/"+itoa(pending[0].ID), url.Values{"action": {"approve"}, "body": {edited}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approve: %d", resp.StatusCode)
		}
		_, doc = reader.get(a.Path())
		if text(doc, "#so-binh-luan") != "1 bình luận" {
			t.Fatalf("count after approval: %q", text(doc, "#so-binh-luan"))
		}
		meta := text(doc, ".comment-list .comment-meta")
		if !strings.HasPrefix(meta, "Nguyễn Lan - Vừa xong") || !strings.Contains(meta, "Đã biên tập") {
			t.Fatalf("comment meta %q", meta)
		}
		if text(doc, ".comment-list .comment-body") != edited {
			t.Fatalf("published text %q", text(doc, ".comment-list .comment-body"))
		}

		// A reply, from the "Trả lời" link's form, shows under its parent.
		replyLink := doc.Find(".comment-reply").First().AttrOr("href", "")
		_, doc = reader.get(replyLink)
		parent := doc.Find(`form.comment-form input[name="parent_id"]`).AttrOr("value", "")
		if parent != itoa(pending[0].ID) || !strings.Contains(text(doc, ".comment-replying"), "Nguyễn Lan") {
			t.Fatalf("reply form: parent %q, %q", parent, text(doc, ".comment-replying"))
		}
		other := d.browser(t)
		if resp, msg := postComment(t, other, id, url.Values{"name": {"Hùng"}, "body": {"Đúng vậy, tôi cũng đi đường này hằng ngày."}, "parent_id": {parent}}); resp.StatusCode != http.StatusAccepted {
			t.Fatalf("reply: %d %q", resp.StatusCode, msg)
		}
		replies, _ := d.store.Comments(ctx, store.CommentFilter{Status: news.CommentPending})
		moderator.post("/toasoan/binh-luan/"+itoa(replies[0].ID), url.Values{"action": {"approve"}})
		_, doc = reader.get(a.Path())
		if text(doc, ".comment-replies .comment-name") != "Hùng" || text(doc, "#so-binh-luan") != "2 bình luận" {
			t.Fatalf("reply under its parent: %q, count %q", text(doc, ".comment-replies .comment-name"), text(doc, "#so-binh-luan"))
		}

		// One like per browser.
		for range 2 {
			reader.post("/binh-luan/"+itoa(pending[0].ID)+"/thich", url.Values{})
		}
		_, doc = reader.get(a.Path())
		if text(doc, ".comment-list > li > .comment .comment-likes") != "1" {
			t.Fatalf("likes %q", text(doc, ".comment-list > li > .comment .comment-likes"))
		}
	})
}

func TestCommentFormBadInput(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		id := d.publishedArticle(t, "Bài có bình luận")
		b := d.browser(t)
		resp, _ := b.post("/bai-viet/"+itoa(id)+"/binh-luan", url.Values{"name": {"Lan"}, "body": {strings.Repeat("ả", 1<<20)}})
		if resp.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("1 MB body: %d", resp.StatusCode)
		}
		if resp, msg := postComment(t, b, id, url.Values{"name": {""}, "body": {"Bài viết rất hay."}}); resp.StatusCode != http.StatusBadRequest || !strings.Contains(msg, "tên") {
			t.Errorf("empty name: %d %q", resp.StatusCode, msg)
		}
		if resp, _ := postComment(t, b, 999999, url.Values{"name": {"Lan"}, "body": {"Bài viết rất hay."}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("unknown article: %d", resp.StatusCode)
		}
		// Markup is shown as text once published.
		hostile := "Tôi đồng ý <script>alert(1)</script> và xem https://example.vn/a nhé"
		if resp, msg := postComment(t, b, id, url.Values{"name": {"Lan"}, "body": {hostile}}); resp.StatusCode != http.StatusAccepted {
			t.Fatalf("hostile text: %d %q", resp.StatusCode, msg)
		}
		list, _ := d.store.Comments(context.Background(), store.CommentFilter{Status: news.CommentPending})
		if !strings.Contains(strings.Join(list[0].Flags, ","), "liên kết") {
			t.Errorf("flags %v", list[0].Flags)
		}
		moderator := d.signIn(t, "moderator")
		moderator.post("/toasoan/binh-luan/"+itoa(list[0].ID), url.Values{"action": {"approve"}})
		a, _ := d.store.Article(context.Background(), id)
		_, doc := b.get(a.Path())
		if doc.Find(".comment-body script").Length() != 0 || !strings.Contains(text(doc, ".comment-body"), "<script>alert(1)</script>") {
			t.Error("markup was not shown as text")
		}
		if rel := doc.Find(".comment-body a").AttrOr("rel", ""); rel != "ugc nofollow noopener" {
			t.Errorf("link rel %q", rel)
		}
		// A reader cannot moderate, and a forged moderation without the token fails.
		if resp, _ := b.post("/toasoan/binh-luan/"+itoa(list[0].ID), url.Values{"action": {"spam"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("reader moderating: %d", resp.StatusCode)
		}
		reporter := d.signIn(t, "reporter")
		if resp, _ := reporter.post("/toasoan/binh-luan/"+itoa(list[0].ID), url.Values{"action": {"spam"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reporter moderating: %d", resp.StatusCode)
		}
		// Closed comments: the thread stays, the form goes, posts are refused.
		chief := d.signIn(t, "editor-in-chief")
		chief.post("/toasoan/bai-viet/"+itoa(id)+"/binh-luan", url.Values{"mode": {"closed"}})
		_, doc = b.get(a.Path())
		if doc.Find("form.comment-form").Length() != 0 || text(doc, ".comment-closed") == "" || doc.Find(".comment-list .comment").Length() != 1 {
			t.Error("closed comments still show the form or lost the thread")
		}
		if resp, _ := postComment(t, b, id, url.Values{"name": {"Lan"}, "body": {"Tôi muốn góp ý thêm về bài này."}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("post to a closed article: %d", resp.StatusCode)
		}
	})
}
