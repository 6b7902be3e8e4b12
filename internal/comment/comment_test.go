package comment_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

const good = "Cảm ơn báo đã đưa tin kịp thời về con đường mới của xã."

type fixture struct {
	store     *store.Store
	svc       *comment.Service
	article   news.Article
	other     news.Article
	moderator news.User
	reporter  news.User
}

func setup(t *testing.T, s *store.Store) fixture {
	t.Helper()
	ctx := context.Background()
	f := fixture{store: s}
	sec, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	if err != nil {
		t.Fatal(err)
	}
	f.article, _ = s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai", Title: "Đường mới", SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now()})
	f.other, _ = s.CreateArticle(ctx, news.System(), news.Article{Slug: "bai-khac", Title: "Bài khác", SectionID: sec.ID, Status: news.Published, PublishedAt: time.Now()})
	f.moderator, _ = s.CreateUser(ctx, news.System(), news.User{Email: "kd@bao.vn", Name: "Kiểm duyệt", PasswordHash: "x", Roles: []news.Role{news.Moderator}})
	f.reporter, _ = s.CreateUser(ctx, news.System(), news.User{Email: "pv@bao.vn", Name: "Phóng viên", PasswordHash: "x", Roles: []news.Role{news.Reporter}})
	if f.svc, err = comment.New(ctx, s, time.Now); err != nil {
		t.Fatal(err)
	}
	return f
}

func (f fixture) submit(t *testing.T, sub comment.Submission) (news.Comment, error) {
	t.Helper()
	if sub.ArticleID == 0 {
		sub.ArticleID = f.article.ID
	}
	if sub.Name == "" {
		sub.Name = "Nguyễn Lan"
	}
	if sub.IP == "" {
		sub.IP = "203.0.113.9"
	}
	return f.svc.Submit(context.Background(), sub)
}

func TestInspect(t *testing.T) {
	t.Parallel()
	words := news.CommentSettings{Banned: []string{"ngu", "lừa đảo"}, Review: []string{"tham nhũng"}}
	tests := []struct {
		name, body string
		refused    string // part of the refusal message, "" if accepted
		flags      []string
	}{
		{"accented", good, "", nil},
		{"short reply", "Đúng vậy", "", nil},
		{"unaccented", "cam on bao da dua tin ve con duong moi", "tiếng Việt có dấu", nil},
		{"telex leftovers", "Bafi vieets raats hay, tieengs Vieetj", "có dấu", nil},
		{"decomposed input", norm.NFD.String(good), "", nil},
		{"empty", "   ", "nhập nội dung", nil},
		{"too long", strings.Repeat("Rất hay. ", 400), "dài quá", nil},
		{"zero-width space", "Bài viết\u200b rất hay", "ký tự ẩn", nil},
		{"right-to-left override", "Bài viết \u202erất hay", "ký tự ẩn", nil},
		{"family emoji is fine", "Cả nhà tôi đều đọc báo 👨\u200d👩\u200d👧", "", nil},
		{"one link", "Xem thêm tại https://example.vn/bai-viet về chuyện này", "", []string{comment.FlagLink}},
		{"three links", "Xem https://a.vn và https://b.vn và https://c.vn nhé", "quá nhiều liên kết", nil},
		{"banned word", "Người viết bài này thật ngu", "không phù hợp", nil},
		// Written without its marks inside an accented comment, a listed
		// phrase may be the word or an ordinary one: flagged, not refused.
		{"banned without marks", "Đây là trò lua dao rõ ràng", "", []string{comment.FlagReview}},
		{"banned spaced out", "Người viết thật n g u", "không phù hợp", nil},
		{"banned inside another word is fine", "Chúng tôi nguyện góp sức", "", nil},
		{"review word", "Cần làm rõ chuyện tham nhũng ở đây", "", []string{comment.FlagReview}},
		{"markup flagged, kept as text", "Tôi đồng ý <script>alert(1)</script> với bài viết", "", []string{comment.FlagMarkup}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			flags, err := comment.Inspect(norm.NFC.String(tt.body), words)
			if tt.refused == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if strings.Join(flags, ",") != strings.Join(tt.flags, ",") {
					t.Fatalf("flags %v, want %v", flags, tt.flags)
				}
				return
			}
			if news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), tt.refused) {
				t.Fatalf("got %v, want a refusal about %q", err, tt.refused)
			}
		})
	}
}

func TestSubmit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		c, err := f.submit(t, comment.Submission{Body: good, Email: "lan@example.vn", Browser: "trinh-duyet-1"})
		if err != nil {
			t.Fatal(err)
		}
		if c.Status != news.CommentPending || c.AddressHash == "" || c.AddressHash == "203.0.113.9" {
			t.Fatalf("stored %+v", c)
		}
		a, _ := s.Article(ctx, f.article.ID)
		if a.CommentCount != 0 {
			t.Fatalf("a pending comment was counted: %d", a.CommentCount)
		}
		if _, err := f.submit(t, comment.Submission{Body: good, Browser: "trinh-duyet-1"}); err == nil || !strings.Contains(news.ErrorMessage(err), "đã gửi") {
			t.Fatalf("duplicate: %v", err)
		}
		before, _ := s.Comments(ctx, store.CommentFilter{})
		refusals := []struct {
			name string
			sub  comment.Submission
			code news.Code
		}{
			{"empty name", comment.Submission{Name: " ", Body: good}, news.Invalid},
			{"name with markup", comment.Submission{Name: "<b>Lan</b>", Body: good}, news.Invalid},
			{"bad email", comment.Submission{Email: "khong-phai-email", Body: good}, news.Invalid},
			{"notify without email", comment.Submission{Notify: true, Body: "Tôi muốn nhận tin khi có trả lời."}, news.Invalid},
			{"unknown article", comment.Submission{ArticleID: 999999, Body: good}, news.NotFound},
			{"reply to a pending comment", comment.Submission{ParentID: c.ID, Body: "Tôi đồng ý với bạn."}, news.Invalid},
			{"unaccented", comment.Submission{Body: "bai viet rat hay va bo ich"}, news.Invalid},
		}
		for _, r := range refusals {
			if _, err := f.submit(t, r.sub); news.ErrorCode(err) != r.code {
				t.Errorf("%s: %v, want %s", r.name, err, r.code)
			}
		}
		after, _ := s.Comments(ctx, store.CommentFilter{})
		if len(after) != len(before) {
			t.Fatalf("refused comments were stored: %d → %d", len(before), len(after))
		}
		if c, err := f.submit(t, comment.Submission{Body: "Bài hay quá, cảm ơn tác giả!", Honeypot: "http://spam.example"}); err != nil || c.ID != 0 {
			t.Fatalf("honeypot: %+v %v", c, err)
		}
	})
}

func TestModeration(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		c, err := f.submit(t, comment.Submission{Body: "Con đường này giúp bà con đi lại dễ hơn nhiều.", Email: "lan@example.vn", Notify: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Moderate(ctx, news.Actor{User: f.reporter}, c.ID, comment.Decision{Action: comment.Approve}); news.ErrorCode(err) != news.Forbidden {
			t.Fatalf("a reporter moderating: %v", err)
		}
		if _, err := f.svc.Moderate(ctx, news.Actor{User: f.moderator}, c.ID, comment.Decision{Action: comment.Reject, Reason: "Tôi không thích"}); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("reason outside the list: %v", err)
		}
		other, _ := s.CreateUser(ctx, news.System(), news.User{Email: "kd2@bao.vn", Name: "Kiểm duyệt 2", PasswordHash: "x", Roles: []news.Role{news.Moderator}})
		if _, err := f.svc.Claim(ctx, news.Actor{User: other}, c.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Moderate(ctx, news.Actor{User: f.moderator}, c.ID, comment.Decision{Action: comment.Approve}); news.ErrorCode(err) != news.Conflict {
			t.Fatalf("a comment claimed by another moderator: %v", err)
		}
		edited := "Con đường này giúp bà con đi lại dễ dàng hơn nhiều."
		got, err := f.svc.Moderate(ctx, news.Actor{User: other, IP: "10.0.0.2"}, c.ID, comment.Decision{Action: comment.Approve, Body: edited})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != news.CommentPublished || !got.Edited || got.Body != edited || got.OriginalBody != c.Body {
			t.Fatalf("after approving with an edit: %+v", got)
		}
		a, _ := s.Article(ctx, f.article.ID)
		if a.CommentCount != 1 {
			t.Fatalf("count %d after approval", a.CommentCount)
		}
		log, _ := s.AuditLog(ctx, store.AuditFilter{ObjectType: "comment", ObjectID: c.ID})
		if len(log) != 1 || !strings.Contains(log[0].Detail, edited) || !strings.Contains(log[0].Detail, c.Body) {
			t.Fatalf("audit of the edit: %+v", log)
		}
		mail, _ := s.UnsentMail(ctx, time.Now(), 5, 10)
		if len(mail) != 1 || mail[0].Mail.To != "lan@example.vn" {
			t.Fatalf("notification: %+v", mail)
		}

		reply, err := f.svc.ReplyAsPaper(ctx, news.Actor{User: f.moderator}, c.ID, "Cảm ơn bạn đã đọc và góp ý.")
		if err != nil || !reply.Staff || reply.Name != "Báo Hà Tĩnh" {
			t.Fatalf("paper's reply: %+v %v", reply, err)
		}
		reader, err := f.submit(t, comment.Submission{ParentID: c.ID, Body: "Tôi cũng thấy vậy, đường đẹp lắm.", IP: "198.51.100.7"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.submit(t, comment.Submission{ArticleID: f.other.ID, ParentID: c.ID, Body: "Trả lời nhầm bài khác.", IP: "198.51.100.8"}); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("reply across articles: %v", err)
		}
		if _, err := f.svc.Moderate(ctx, news.Actor{User: f.moderator}, reader.ID, comment.Decision{Action: comment.Approve}); err != nil {
			t.Fatal(err)
		}
		thread, total, err := f.svc.Thread(ctx, f.article.ID, store.NewestFirst, 1, 20)
		if err != nil || total != 1 || len(thread) != 1 || len(thread[0].Replies) != 2 {
			t.Fatalf("thread: %d top, %v, %+v", total, err, thread)
		}
		a, _ = s.Article(ctx, f.article.ID)
		if a.CommentCount != 3 {
			t.Fatalf("count %d with two replies", a.CommentCount)
		}
		reasons, _ := s.RejectReasons(ctx)
		if _, err := f.svc.Moderate(ctx, news.Actor{User: f.moderator}, c.ID, comment.Decision{Action: comment.Reject, Reason: reasons[0]}); err != nil {
			t.Fatal(err)
		}
		a, _ = s.Article(ctx, f.article.ID)
		if a.CommentCount != 0 {
			t.Fatalf("count %d after rejecting the thread's top comment", a.CommentCount)
		}
		if _, err := f.submit(t, comment.Submission{ParentID: c.ID, Body: "Trả lời bình luận đã bị từ chối.", IP: "198.51.100.9"}); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("reply to a rejected comment: %v", err)
		}
	})
}

func TestCommentModes(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := setup(t, s)
		if err := s.SetCommentMode(ctx, news.System(), f.article.ID, news.CommentsClosed); err != nil {
			t.Fatal(err)
		}
		if _, err := f.submit(t, comment.Submission{Body: good}); news.ErrorCode(err) != news.Forbidden {
			t.Fatalf("closed article: %v", err)
		}
		if err := s.SetCommentMode(ctx, news.System(), f.article.ID, news.CommentsHidden); err != nil {
			t.Fatal(err)
		}
		if _, err := f.submit(t, comment.Submission{Body: good}); news.ErrorCode(err) != news.NotFound {
			t.Fatalf("hidden comments: %v", err)
		}
	})
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		f := setup(t, s)
		var last error
		for i := range 12 {
			_, last = f.submit(t, comment.Submission{Body: "Ý kiến số " + string(rune('A'+i)) + " về con đường mới của xã.", Browser: "cung-trinh-duyet"})
		}
		if news.ErrorCode(last) != news.TooMany {
			t.Fatalf("twelfth comment in a row: %v", last)
		}
	})
}
