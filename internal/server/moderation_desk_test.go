package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// waitingBadge is the count beside "Bình luận" in the newsroom menu.
func waitingBadge(doc *goquery.Document) string {
	return text(doc, `.nr-menu a[href="/toasoan/binh-luan"] .nr-badge`)
}

// queueItem is the queue's entry for one comment.
func queueItem(doc *goquery.Document, id int64) *goquery.Selection {
	return doc.Find("#c" + itoa(id))
}

// pendingComment stores a reader's comment waiting for a moderator, as
// the article page's form does once the rules pass.
func (d *desk) pendingComment(t *testing.T, c news.Comment) news.Comment {
	t.Helper()
	c.Status = news.CommentPending
	if c.Name == "" {
		c.Name = "Bạn đọc"
	}
	c, err := d.store.CreateComment(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// decide moderates a comment through the service as the desk's moderator.
func (d *desk) decide(t *testing.T, id int64, action string) {
	t.Helper()
	reason := ""
	if action == comment.Reject {
		reasons, _ := d.store.RejectReasons(context.Background())
		reason = reasons[0]
	}
	if _, err := d.comments.Moderate(context.Background(), news.Actor{User: d.users["moderator"]}, id, comment.Decision{Action: action, Reason: reason}); err != nil {
		t.Fatal(err)
	}
}

// TestModerationQueueContext: beside a reply, the comment it answers;
// beside every comment, what became of the reader's other comments,
// found by browser or by e-mail address; in the menu, the count of
// comments waiting, which follows comments arriving and moderated.
func TestModerationQueueContext(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Đường ven biển Thạch Hải thông xe")
		moderator := d.signIn(t, "moderator")
		_, doc := moderator.get("/toasoan/binh-luan")
		if got := waitingBadge(doc); got != "" {
			t.Fatalf("badge with nothing waiting: %q", got)
		}

		// One reader, one browser, one address: three comments approved,
		// rejected and marked spam, then a fourth from another browser with
		// the address in capitals.
		lan := d.browser(t)
		var sent []int64
		for i, body := range []string{"Con đường đẹp quá, cảm ơn tỉnh.", "Bài viết này chưa nói hết chuyện đền bù.", "Mua đất nền ven biển, giá tốt."} {
			lan.from = "10.7.0." + itoa(int64(i+1))
			if resp, msg := postComment(t, lan, id, url.Values{"name": {"Nguyễn Lan"}, "email": {"lan@example.vn"}, "body": {body}}); resp.StatusCode != http.StatusAccepted {
				t.Fatalf("comment %d: %d %q", i, resp.StatusCode, msg)
			}
			list, _ := d.store.Comments(ctx, store.CommentFilter{Status: news.CommentPending})
			sent = append(sent, list[len(list)-1].ID)
		}
		_, doc = moderator.get("/toasoan/binh-luan")
		if got := waitingBadge(doc); got != "3 đang chờ" {
			t.Fatalf("badge with three waiting: %q", got)
		}
		d.decide(t, sent[0], comment.Approve)
		d.decide(t, sent[1], comment.Reject)
		d.decide(t, sent[2], comment.Spam)
		_, doc = moderator.get("/toasoan/binh-luan")
		if got := waitingBadge(doc); got != "" {
			t.Fatalf("badge once all are moderated: %q", got)
		}

		again := d.browser(t)
		again.from = "10.7.1.1"
		postComment(t, again, id, url.Values{"name": {"Lan"}, "email": {"LAN@example.vn"}, "body": {"Tôi góp ý thêm: cần làm rõ tiến độ đền bù."}})
		// Another reader answers the approved comment, from a browser that
		// never commented, without an e-mail.
		hung := d.browser(t)
		hung.from = "10.7.2.1"
		postComment(t, hung, id, url.Values{"name": {"Trần Hùng"}, "body": {"Tôi đồng ý, đường rất đẹp."}, "parent_id": {itoa(sent[0])}})
		// And the first browser comments twice more, without its e-mail.
		for i, body := range []string{"Cảm ơn báo đã trả lời bạn đọc.", "Mong báo theo dõi tiếp chuyện đền bù."} {
			lan.from = "10.7.0." + itoa(int64(i+10))
			postComment(t, lan, id, url.Values{"name": {"Lan"}, "body": {body}})
		}
		pending, _ := d.store.Comments(ctx, store.CommentFilter{Status: news.CommentPending})
		if len(pending) != 4 {
			t.Fatalf("%d comments waiting", len(pending))
		}
		byEmail, reply, byBrowser := pending[0].ID, pending[1].ID, pending[2].ID

		for _, role := range []string{"moderator", "managing-editor", "editor-in-chief"} {
			_, doc := d.signIn(t, role).get("/toasoan/binh-luan")
			if got := waitingBadge(doc); got != "4 đang chờ" {
				t.Errorf("%s's badge: %q", role, got)
			}
		}
		if _, doc := d.signIn(t, "reporter").get("/toasoan/tai-khoan"); doc.Find(".nr-badge").Length() != 0 {
			t.Error("a reporter sees the moderators' count")
		}

		_, doc = moderator.get("/toasoan/binh-luan")
		history := func(id int64) string {
			return strings.Join(strings.Fields(queueItem(doc, id).Find(".nr-history").Text()), " ")
		}
		if got := history(byEmail); got != "Bạn đọc này: 1 đã đăng · 1 bị từ chối · 1 rác (theo email hoặc trình duyệt)" {
			t.Errorf("history by e-mail: %q", got)
		}
		if got := history(byBrowser); got != "Bạn đọc này: 1 đã đăng · 1 bị từ chối · 1 rác · 1 đang chờ (theo email hoặc trình duyệt)" {
			t.Errorf("history by browser: %q", got)
		}
		if got := history(reply); got != "Bạn đọc này: bình luận đầu tiên" {
			t.Errorf("a new reader's history: %q", got)
		}
		parent := queueItem(doc, reply).Find("blockquote.nr-parent")
		if got := strings.Join(strings.Fields(parent.Find(".nr-parent-body").Text()), " "); got != "Con đường đẹp quá, cảm ơn tỉnh." {
			t.Errorf("the parent's text beside the reply: %q", got)
		}
		if meta := parent.Find(".nr-meta").Text(); !strings.Contains(meta, "Trả lời Nguyễn Lan") {
			t.Errorf("the parent's author: %q", meta)
		}
		if strings.Contains(doc.Text(), "trả lời bình luận #") {
			t.Error("the queue still names the parent by number")
		}
		if queueItem(doc, byEmail).Find("blockquote.nr-parent").Length() != 0 {
			t.Error("a top-level comment shows a parent")
		}

		// Another comment arrives: the count follows, on any newsroom page.
		d.pendingComment(t, news.Comment{ArticleID: id, Body: "Một ý kiến nữa về con đường."})
		if _, doc := moderator.get("/toasoan/binh-luan/cai-dat"); waitingBadge(doc) != "5 đang chờ" {
			t.Errorf("badge after a comment arrived: %q", waitingBadge(doc))
		}
		if resp, _ := moderator.post("/toasoan/binh-luan/"+itoa(reply), url.Values{"action": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("approving: %d", resp.StatusCode)
		}
		if _, doc := moderator.get("/toasoan/binh-luan"); waitingBadge(doc) != "4 đang chờ" {
			t.Errorf("badge after a comment was moderated: %q", waitingBadge(doc))
		}
	})
}

// TestModerationQueueFilters: by article and by section, with the state,
// through links and the filter form; hostile filters are refused with a
// Vietnamese answer, not run.
func TestModerationQueueFilters(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		first := d.publishedArticle(t, "Chợ phiên Thành Sen")
		second := d.publishedArticleIn(t, "Giải bóng đá thiếu niên", d.other.ID)
		var onFirst, onSecond []int64
		for i := range 3 {
			onFirst = append(onFirst, d.pendingComment(t, news.Comment{ArticleID: first, Body: "Chợ đông vui " + itoa(int64(i))}).ID)
		}
		for i := range 2 {
			onSecond = append(onSecond, d.pendingComment(t, news.Comment{ArticleID: second, Body: "Trận đấu hay " + itoa(int64(i))}).ID)
		}
		d.decide(t, onFirst[0], comment.Approve)
		moderator := d.signIn(t, "moderator")
		shown := func(doc *goquery.Document) []string {
			var ids []string
			doc.Find(".nr-comment").Each(func(_ int, s *goquery.Selection) { ids = append(ids, s.AttrOr("data-id", "")) })
			return ids
		}
		want := func(ids ...int64) []string {
			var out []string
			for _, id := range ids {
				out = append(out, itoa(id))
			}
			return out
		}
		_, doc := moderator.get("/toasoan/binh-luan")
		if got := shown(doc); strings.Join(got, ",") != strings.Join(want(onFirst[1], onFirst[2], onSecond[0], onSecond[1]), ",") {
			t.Fatalf("the whole queue: %v", got)
		}
		options := doc.Find(`select[name="bai"] option`).Map(func(_ int, s *goquery.Selection) string { return s.Text() })
		if strings.Join(options, "|") != "Tất cả|Chợ phiên Thành Sen (2)|Giải bóng đá thiếu niên (2)" && strings.Join(options, "|") != "Tất cả|Giải bóng đá thiếu niên (2)|Chợ phiên Thành Sen (2)" {
			t.Errorf("article filter options: %q", options)
		}
		link := queueItem(doc, onSecond[0]).Find(".nr-filter-article").AttrOr("href", "")
		_, doc = moderator.get(link)
		if got := shown(doc); strings.Join(got, ",") != strings.Join(want(onSecond...), ",") {
			t.Errorf("filtered by article through %q: %v", link, got)
		}
		if doc.Find(`select[name="bai"] option[selected]`).AttrOr("value", "") != itoa(second) {
			t.Error("the article filter is not shown as chosen")
		}
		_, doc = moderator.get("/toasoan/binh-luan?chuyen-muc=" + itoa(d.section.ID))
		if got := shown(doc); strings.Join(got, ",") != strings.Join(want(onFirst[1], onFirst[2]), ",") {
			t.Errorf("filtered by section: %v", got)
		}
		_, doc = moderator.get("/toasoan/binh-luan?trang-thai=published&bai=" + itoa(first))
		if got := shown(doc); strings.Join(got, ",") != itoa(onFirst[0]) {
			t.Errorf("published, by article: %v", got)
		}
		// The state tabs keep the other filters.
		if href := doc.Find(`nav.nr-filters a[aria-current]`).AttrOr("href", ""); !strings.Contains(href, "bai="+itoa(first)) {
			t.Errorf("the current tab's link %q drops the article", href)
		}

		for _, bad := range []struct {
			query  string
			status int
		}{
			{"bai=" + url.QueryEscape("<script>alert(1)</script>"), http.StatusBadRequest},
			{"bai=" + url.QueryEscape("1 OR 1=1"), http.StatusBadRequest},
			{"chuyen-muc=" + url.QueryEscape("1;DROP TABLE comments"), http.StatusBadRequest},
			{"chuyen-muc=-1", http.StatusBadRequest},
			{"trang-thai=" + url.QueryEscape("<img src=x onerror=alert(1)>"), http.StatusBadRequest},
			{"trang-thai=" + url.QueryEscape("chờ duyệt"), http.StatusBadRequest},
			{"trang=0", http.StatusBadRequest},
			{"trang=abc", http.StatusBadRequest},
			{"bai=999999999", http.StatusNotFound},
			{"chuyen-muc=999999999", http.StatusNotFound},
		} {
			resp, doc := moderator.get("/toasoan/binh-luan?" + bad.query)
			if resp.StatusCode != bad.status || doc.Find("script:not([src]), img[onerror]").Length() != 0 {
				t.Errorf("?%s: %d, want %d", bad.query, resp.StatusCode, bad.status)
			}
			if msg := doc.Text(); !strings.Contains(msg, "không hợp lệ") && !strings.Contains(msg, "Không tìm thấy") {
				t.Errorf("?%s answered without a Vietnamese reason", bad.query)
			}
		}
		// A page past the end shows the last page, not an error.
		if resp, doc := moderator.get("/toasoan/binh-luan?trang=99"); resp.StatusCode != http.StatusOK || len(shown(doc)) != 4 {
			t.Errorf("page past the end: %d, %d comments", resp.StatusCode, len(shown(doc)))
		}
	})
}

// TestRejectWithoutReasonKeepsThePlace: a moderator on page 2 of one
// article's queue rejects without a reason, by the comment's form and by
// the bulk form: the same page comes back with a 400, the error beside
// the comment (or the bulk form), the edit, the ticks and the filters
// kept, and nothing changed. Then the forms work, and return to the page.
func TestRejectWithoutReasonKeepsThePlace(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Mùa lúa mới ở Cẩm Xuyên")
		other := d.publishedArticle(t, "Bài khác")
		var ids []int64
		for i := range 35 {
			ids = append(ids, d.pendingComment(t, news.Comment{ArticleID: id, Body: fmt.Sprintf("Ý kiến số %d về mùa lúa.", i)}).ID)
		}
		d.pendingComment(t, news.Comment{ArticleID: other, Body: "Ý kiến về bài khác."})
		moderator := d.signIn(t, "moderator")
		place := "/toasoan/binh-luan?bai=" + itoa(id) + "&trang=2"
		_, doc := moderator.get(place)
		target := ids[31]
		action := queueItem(doc, target).Find("form.nr-moderate").AttrOr("action", "")
		if want := "/toasoan/binh-luan/" + itoa(target) + "?bai=" + itoa(id) + "&trang=2#c" + itoa(target); action != want {
			t.Fatalf("the comment's form posts to %q, want %q", action, want)
		}
		postTo, _, _ := strings.Cut(action, "#")
		edited := "Ý kiến số 31 về mùa lúa (đã sửa)."

		resp, doc := moderator.post(postTo, url.Values{"action": {"reject"}, "reason": {""}, "body": {edited}})
		if resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("reject without a reason: %d", resp.StatusCode)
		}
		item := queueItem(doc, target)
		if got := text(doc, ".pager span"); got != "Trang 2/2" {
			t.Errorf("the page after the refusal: %q", got)
		}
		if got := strings.TrimSpace(item.Find(".nr-error").Text()); got != "Vui lòng chọn lý do từ chối" {
			t.Errorf("error beside the comment: %q", got)
		}
		if item.Find("textarea[name=body]").Text() != edited {
			t.Error("the moderator's edit was lost")
		}
		if doc.Find(`select[name="bai"] option[selected]`).AttrOr("value", "") != itoa(id) || doc.Find(".nr-comment").Length() != 5 {
			t.Error("the article filter was lost")
		}
		if doc.Find(`.nr-comment[data-error]`).Length() != 1 || doc.Find("#loi").Length() != 0 {
			t.Error("the error is not beside its comment alone")
		}
		if c, _ := d.store.Comment(ctx, target); c.Status != news.CommentPending || c.Body == edited {
			t.Fatalf("the refused decision changed the comment: %+v", c)
		}

		reasons, _ := d.store.RejectReasons(ctx)
		resp, _ = moderator.post(postTo, url.Values{"action": {"reject"}, "reason": {reasons[1]}, "body": {edited}})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "bai="+itoa(id)) || !strings.Contains(loc, "trang=2") {
			t.Fatalf("reject with a reason: %d → %q", resp.StatusCode, loc)
		}
		if c, _ := d.store.Comment(ctx, target); c.Status != news.CommentRejected || c.RejectReason != reasons[1] {
			t.Fatalf("after rejecting: %+v", c)
		}

		// The bulk form, on the same page.
		bulk := "/toasoan/binh-luan/hang-loat?bai=" + itoa(id) + "&trang=2"
		if got := doc.Find("form#bulk").AttrOr("action", ""); got != bulk {
			t.Errorf("the bulk form posts to %q, want %q", got, bulk)
		}
		ticked := []string{itoa(ids[30]), itoa(ids[32])}
		resp, doc = moderator.post(bulk, url.Values{"action": {"reject"}, "reason": {""}, "ids": ticked})
		if resp.StatusCode != http.StatusBadRequest || text(doc, "#loi") != "Vui lòng chọn lý do từ chối" || text(doc, ".pager span") != "Trang 2/2" {
			t.Fatalf("bulk reject without a reason: %d %q %q", resp.StatusCode, text(doc, "#loi"), text(doc, ".pager span"))
		}
		checked := doc.Find(`input[name="ids"][checked]`).Map(func(_ int, s *goquery.Selection) string { return s.AttrOr("value", "") })
		if strings.Join(checked, ",") != strings.Join(ticked, ",") || doc.Find(`form#bulk select[name="action"] option[selected]`).AttrOr("value", "") != "reject" {
			t.Errorf("ticks and choice after the refusal: %v", checked)
		}
		for _, v := range []int64{ids[30], ids[32]} {
			if c, _ := d.store.Comment(ctx, v); c.Status != news.CommentPending {
				t.Errorf("bulk refusal changed #%d", v)
			}
		}
		for _, bad := range []struct {
			name string
			form url.Values
			want string
		}{
			{"nothing ticked", url.Values{"action": {"approve"}}, "Vui lòng chọn ít nhất một bình luận"},
			{"unknown action", url.Values{"action": {"<script>alert(1)</script>"}, "ids": ticked}, "Thao tác không hợp lệ"},
			{"reason outside the list", url.Values{"action": {"reject"}, "reason": {"' OR 1=1 --"}, "ids": ticked}, "trong danh sách"},
		} {
			resp, doc := moderator.post(bulk, bad.form)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(text(doc, "#loi"), bad.want) || doc.Find("script:not([src])").Length() != 0 {
				t.Errorf("bulk, %s: %d %q", bad.name, resp.StatusCode, text(doc, "#loi"))
			}
		}
		if resp, _ := moderator.post(bulk, url.Values{"action": {"approve"}, "ids": {"mot"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("bulk with an id that is not a number: %d", resp.StatusCode)
		}
		tooMany := url.Values{"action": {"approve"}}
		for i := range 101 {
			tooMany.Add("ids", itoa(int64(i+1)))
		}
		waiting, _ := d.store.CountComments(ctx, store.CommentFilter{Status: news.CommentPending})
		if resp, doc := moderator.post(bulk, tooMany); resp.StatusCode != http.StatusBadRequest || !strings.Contains(text(doc, "#loi"), "tối đa 100") {
			t.Errorf("bulk with 101 comments: %d %q", resp.StatusCode, text(doc, "#loi"))
		}
		if after, _ := d.store.CountComments(ctx, store.CommentFilter{Status: news.CommentPending}); after != waiting {
			t.Errorf("a refused bulk action moderated comments: %d → %d waiting", waiting, after)
		}
		resp, _ = moderator.post(bulk, url.Values{"action": {"spam"}, "ids": ticked})
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "trang=2") {
			t.Fatalf("bulk spam: %d → %q", resp.StatusCode, loc)
		}
		if c, _ := d.store.Comment(ctx, ids[30]); c.Status != news.CommentSpam {
			t.Errorf("after bulk spam: %s", c.Status)
		}

		// Held by another moderator: 409, beside the comment, nothing done.
		held := ids[33]
		if _, err := d.comments.Claim(ctx, news.Actor{User: d.users["managing-editor"]}, held); err != nil {
			t.Fatal(err)
		}
		resp, doc = moderator.post("/toasoan/binh-luan/"+itoa(held)+"?bai="+itoa(id)+"&trang=2", url.Values{"action": {"approve"}})
		if resp.StatusCode != http.StatusConflict || !strings.Contains(queueItem(doc, held).Find(".nr-error").Text(), "đang xử lý") {
			t.Errorf("a held comment: %d %q", resp.StatusCode, queueItem(doc, held).Find(".nr-error").Text())
		}
		// The comment opened alone answers alone.
		resp, doc = moderator.post("/toasoan/binh-luan/"+itoa(ids[0])+"?mot=1", url.Values{"action": {"reject"}})
		if resp.StatusCode != http.StatusBadRequest || doc.Find(".nr-comment").Length() != 1 || text(doc, "#c"+itoa(ids[0])+" .nr-error") != "Vui lòng chọn lý do từ chối" {
			t.Errorf("one comment, no reason: %d, %d comments", resp.StatusCode, doc.Find(".nr-comment").Length())
		}

		// Who may not, and what does not exist.
		before, _ := d.store.CountComments(ctx, store.CommentFilter{Status: news.CommentPending})
		forged := url.Values{"action": {"spam"}, "csrf": {"gia-mao"}}
		if resp, _ := moderator.post("/toasoan/binh-luan/"+itoa(ids[1]), forged); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged token: %d", resp.StatusCode)
		}
		if resp, _ := moderator.post(bulk, url.Values{"action": {"spam"}, "ids": {itoa(ids[1])}, "csrf": {""}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("bulk without a token: %d", resp.StatusCode)
		}
		if resp, _ := d.signIn(t, "reporter").post(bulk, url.Values{"action": {"spam"}, "ids": {itoa(ids[1])}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter's bulk action: %d", resp.StatusCode)
		}
		if resp, _ := d.browser(t).post("/toasoan/binh-luan/"+itoa(ids[1]), url.Values{"action": {"spam"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("a reader: %d", resp.StatusCode)
		}
		for _, path := range []string{"/toasoan/binh-luan/999999999", "/toasoan/binh-luan/abc", "/toasoan/binh-luan/-1"} {
			if resp, _ := moderator.post(path, url.Values{"action": {"approve"}}); resp.StatusCode != http.StatusNotFound {
				t.Errorf("POST %s: %d", path, resp.StatusCode)
			}
		}
		if resp, _ := moderator.post("/toasoan/binh-luan/"+itoa(ids[1])+"?bai=<script>", url.Values{"action": {"spam"}}); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("a hostile place in the form's address: %d", resp.StatusCode)
		}
		if after, _ := d.store.CountComments(ctx, store.CommentFilter{Status: news.CommentPending}); after != before {
			t.Errorf("refused requests moderated comments: %d → %d waiting", before, after)
		}
	})
}

// TestModeratorsLandOnTheQueue: a member whose only newsroom work is the
// comments goes to the queue on signing in and from the desk's address;
// everyone else keeps the desk.
func TestModeratorsLandOnTheQueue(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		both := news.User{Email: "kd-pv@bao.vn", Name: "Vừa viết vừa duyệt", PasswordHash: d.users["moderator"].PasswordHash,
			Roles: []news.Role{news.Moderator, news.Reporter}}
		if _, err := d.store.CreateUser(context.Background(), news.System(), both); err != nil {
			t.Fatal(err)
		}
		for _, who := range []struct {
			email, lands string
		}{
			{d.users["moderator"].Email, "/toasoan/binh-luan"},
			{both.Email, ""},
			{d.users["managing-editor"].Email, ""},
			{d.users["editor-in-chief"].Email, ""},
			{d.users["reporter"].Email, ""},
			{d.users["admin"].Email, ""},
		} {
			b := d.browser(t)
			resp, _ := b.post("/toasoan/dang-nhap", url.Values{"email": {who.email}, "password": {d.password}})
			next := resp.Header.Get("Location")
			resp, doc := b.get(next)
			if who.lands != "" {
				if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != who.lands {
					t.Errorf("%s after signing in (%s): %d → %q", who.email, next, resp.StatusCode, resp.Header.Get("Location"))
				}
				if resp, doc := b.get(who.lands); resp.StatusCode != http.StatusOK || text(doc, "h1") != "Bình luận: Chờ duyệt" {
					t.Errorf("%s's queue: %d %q", who.email, resp.StatusCode, text(doc, "h1"))
				}
				continue
			}
			if resp.StatusCode != http.StatusOK || text(doc, "h1") != "Bàn làm việc" {
				t.Errorf("%s's desk: %d %q", who.email, resp.StatusCode, text(doc, "h1"))
			}
		}
	})
}

// TestCommentInPlaceOnTheSite: the queue links each published comment to
// where readers see it: the thread's page that shows it, at its anchor.
func TestCommentInPlaceOnTheSite(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		id := d.publishedArticle(t, "Lễ hội cầu ngư ở Cẩm Nhượng")
		var top []int64
		for i := range comment.ThreadPageSize + 5 {
			c := d.pendingComment(t, news.Comment{ArticleID: id, Body: fmt.Sprintf("Lễ hội năm nay rất vui, ý kiến %d.", i)})
			d.decide(t, c.ID, comment.Approve)
			top = append(top, c.ID)
		}
		reply := d.pendingComment(t, news.Comment{ArticleID: id, ParentID: top[0], Body: "Đồng ý với bạn."})
		d.decide(t, reply.ID, comment.Approve)
		waiting := d.pendingComment(t, news.Comment{ArticleID: id, Body: "Chưa duyệt."})
		a, _ := d.store.Article(ctx, id)

		moderator := d.signIn(t, "moderator")
		_, doc := moderator.get("/toasoan/binh-luan?trang-thai=published")
		if href := queueItem(doc, reply.ID).Find("a.nr-on-site").AttrOr("href", ""); href != "/toasoan/binh-luan/"+itoa(reply.ID)+"/tren-bao" {
			t.Errorf("link of a published reply: %q", href)
		}
		_, doc = moderator.get("/toasoan/binh-luan")
		if queueItem(doc, waiting.ID).Find("a.nr-on-site").Length() != 0 {
			t.Error("a waiting comment links to the site")
		}
		reader := d.browser(t)
		for _, tt := range []struct {
			id   int64
			want string
		}{
			{top[len(top)-1], a.Path() + "#bl-" + itoa(top[len(top)-1])}, // the newest, on the first page
			{top[0], a.Path() + "?binh-luan=moi&trang-binh-luan=2#bl-" + itoa(top[0])},
			{reply.ID, a.Path() + "?binh-luan=moi&trang-binh-luan=2#bl-" + itoa(reply.ID)},
		} {
			resp, _ := moderator.get("/toasoan/binh-luan/" + itoa(tt.id) + "/tren-bao")
			loc := resp.Header.Get("Location")
			if resp.StatusCode != http.StatusSeeOther || loc != tt.want {
				t.Errorf("comment %d: %d → %q, want %q", tt.id, resp.StatusCode, loc, tt.want)
				continue
			}
			page, anchor, _ := strings.Cut(loc, "#")
			if resp, doc := reader.get(page); resp.StatusCode != http.StatusOK || doc.Find("#"+anchor).Length() != 1 {
				t.Errorf("%s does not show #%s", page, anchor)
			}
		}
		for _, bad := range []struct {
			path   string
			status int
		}{
			{"/toasoan/binh-luan/" + itoa(waiting.ID) + "/tren-bao", http.StatusNotFound},
			{"/toasoan/binh-luan/999999999/tren-bao", http.StatusNotFound},
			{"/toasoan/binh-luan/abc/tren-bao", http.StatusNotFound},
		} {
			if resp, doc := moderator.get(bad.path); resp.StatusCode != bad.status || !strings.Contains(strings.ToLower(doc.Text()), "bình luận") {
				t.Errorf("GET %s: %d", bad.path, resp.StatusCode)
			}
		}
		if resp, _ := d.signIn(t, "reporter").get("/toasoan/binh-luan/" + itoa(top[0]) + "/tren-bao"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reporter: %d", resp.StatusCode)
		}
	})
}

// TestCommentSettingsPage: each list is shown with its level and stays
// editable; a comment tried on the page says what the rules make of it
// and which entry it matched; entries typed decomposed are stored and
// matched composed.
func TestCommentSettingsPage(t *testing.T) {
	t.Parallel()
	eachDesk(t, func(t *testing.T, d *desk) {
		ctx := context.Background()
		moderator := d.signIn(t, "moderator")
		words, _ := d.store.CommentWords(ctx)
		_, doc := moderator.get("/toasoan/binh-luan/cai-dat")
		if got := text(doc, ".nr-words-refuse legend"); got != fmt.Sprintf("Mức «Từ chối» %d mục", len(words.Banned)) {
			t.Errorf("refuse level: %q", got)
		}
		if got := text(doc, ".nr-words-flag legend"); got != fmt.Sprintf("Mức «Đánh dấu» %d mục", len(words.Review)) {
			t.Errorf("flag level: %q", got)
		}
		if !strings.Contains(doc.Find("textarea#banned").Text(), "đồ ngu\n") || !strings.Contains(doc.Find("textarea#review").Text(), "tham nhũng\n") {
			t.Error("the starter lists are not in their boxes")
		}
		for _, tt := range []struct{ try, verdict string }{
			{"Đồ ngu", "Bị từ chối: Bình luận có từ ngữ không phù hợp; vui lòng sửa lại. Khớp mục «đồ ngu» (mức Từ chối)."},
			{"Tối nay tôi đi ngủ sớm.", "Được nhận."},
			{"Mùa đông nhớ mua đồ ngủ ấm.", "Được nhận."},
			{"Bài hay, do ngu gì đâu mà chê", "Được nhận, đánh dấu: có từ cần xem. Khớp mục «đồ ngu» (đánh dấu để xem)."},
			{"Tôi đồng ý <script>alert(1)</script>", "Được nhận, đánh dấu: có mã HTML."},
		} {
			resp, doc := moderator.get("/toasoan/binh-luan/cai-dat?thu=" + url.QueryEscape(tt.try))
			if resp.StatusCode != http.StatusOK || text(doc, ".nr-verdict") != tt.verdict || doc.Find("script:not([src])").Length() != 0 {
				t.Errorf("trying %q: %d %q", tt.try, resp.StatusCode, text(doc, ".nr-verdict"))
			}
		}
		if resp, _ := moderator.get("/toasoan/binh-luan/cai-dat?thu=" + strings.Repeat("a", comment.MaxBody+1)); resp.StatusCode != http.StatusBadRequest {
			t.Errorf("an oversized try: %d", resp.StatusCode)
		}

		// Edit: decomposed, upper case, spaced; the page shows them composed.
		form := url.Values{"reasons": {"Ngôn từ thiếu văn hóa\nQuảng cáo"}, "banned": {"ĐỒ   NGU\r\n" + norm.NFD.String("Thằng khốn") + "\n"}, "review": {norm.NFD.String("Tham nhũng")}}
		if resp, _ := moderator.post("/toasoan/binh-luan/cai-dat", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("saving: %d", resp.StatusCode)
		}
		_, doc = moderator.get("/toasoan/binh-luan/cai-dat?thu=" + url.QueryEscape("Thằng khốn này"))
		if got := doc.Find("textarea#banned").Text(); got != "thằng khốn\nđồ ngu\n" {
			t.Errorf("saved list %q", got)
		}
		if !strings.HasPrefix(text(doc, ".nr-verdict"), "Bị từ chối") {
			t.Errorf("the saved entry does not refuse: %q", text(doc, ".nr-verdict"))
		}
		if resp, _ := moderator.post("/toasoan/binh-luan/cai-dat", url.Values{"reasons": {"x"}, "banned": {""}, "csrf": {"gia-mao"}}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("forged settings: %d", resp.StatusCode)
		}
		if got, _ := d.store.CommentWords(ctx); len(got.Banned) != 2 {
			t.Errorf("a forged form changed the lists: %q", got.Banned)
		}
	})
}
