package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// moderationPage is the comment queue, or one claimed comment.
type moderationPage struct {
	newsroomLayout
	Status   news.CommentStatus
	Statuses []news.CommentStatus
	Comments []news.Comment
	Reasons  []string
	One      bool // a single comment opened (and claimed) for work
	Error    string
	Words    store.WordLists
}

func (s *Server) moderationPage(r *http.Request, ss *session, title string) (moderationPage, error) {
	if !comment.CanModerate(ss.User) {
		return moderationPage{}, news.Errorf(news.Forbidden, "Bạn không có quyền kiểm duyệt bình luận")
	}
	page := moderationPage{newsroomLayout: s.newsroomLayout(r, ss, title),
		Statuses: []news.CommentStatus{news.CommentPending, news.CommentPublished, news.CommentRejected, news.CommentSpam}}
	var err error
	page.Reasons, err = s.store.RejectReasons(r.Context())
	return page, err
}

func (s *Server) showModeration(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.moderationPage(r, ss, "Bình luận")
	if err != nil {
		return err
	}
	page.Status = news.CommentPending
	if v := r.URL.Query().Get("trang-thai"); v != "" {
		page.Status = news.CommentStatus(v)
		if !slices.Contains(page.Statuses, page.Status) {
			return news.Errorf(news.Invalid, "Trạng thái bình luận không hợp lệ")
		}
	}
	if page.Comments, err = s.store.Comments(r.Context(), store.CommentFilter{Status: page.Status, Limit: 100}); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/comments", page)
}

// openComment claims a comment for this moderator and shows it alone.
func (s *Server) openComment(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.moderationPage(r, ss, "Kiểm duyệt bình luận")
	if err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	c, err := s.comments.Claim(r.Context(), ss.User, id)
	if err != nil {
		return err
	}
	page.One, page.Comments, page.Status = true, []news.Comment{c}, c.Status
	return s.render(w, http.StatusOK, "newsroom/comments", page)
}

func (s *Server) moderateComment(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	d := comment.Decision{Action: r.PostFormValue("action"), Body: r.PostFormValue("body"), Reason: r.PostFormValue("reason")}
	if _, err := s.comments.Moderate(r.Context(), ss.User, clientIP(r), id, d); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/binh-luan?ok=binh-luan", http.StatusSeeOther)
	return nil
}

// moderateMany applies one action to every ticked comment; each is its
// own transaction, and the page says which could not be done.
func (s *Server) moderateMany(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.moderationPage(r, ss, "Bình luận")
	if err != nil {
		return err
	}
	d := comment.Decision{Action: r.PostFormValue("action"), Reason: r.PostFormValue("reason")}
	var failed []string
	for _, v := range r.PostForm["ids"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err == nil {
			_, err = s.comments.Moderate(r.Context(), ss.User, clientIP(r), id, d)
		}
		if err != nil {
			if news.ErrorCode(err) == news.Internal {
				return err
			}
			failed = append(failed, "#"+v+": "+news.ErrorMessage(err))
		}
	}
	if len(failed) == 0 {
		http.Redirect(w, r, "/toasoan/binh-luan?ok=binh-luan", http.StatusSeeOther)
		return nil
	}
	page.Status, page.Error = news.CommentPending, "Không xử lý được: "+strings.Join(failed, "; ")
	page.Comments, _ = s.store.Comments(r.Context(), store.CommentFilter{Status: news.CommentPending, Limit: 100})
	return s.render(w, http.StatusConflict, "newsroom/comments", page)
}

func (s *Server) replyAsPaper(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	if _, err := s.comments.ReplyAsPaper(r.Context(), ss.User, id, r.PostFormValue("body")); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/binh-luan?trang-thai=published&ok=tra-loi", http.StatusSeeOther)
	return nil
}

func (s *Server) showCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.moderationPage(r, ss, "Cài đặt bình luận")
	if err != nil {
		return err
	}
	if page.Words, err = s.store.CommentWords(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/comment_settings", page)
}

func (s *Server) saveCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	if !ss.User.HasAny(news.Moderator, news.EditorInChief, news.Admin) {
		return news.Errorf(news.Forbidden, "Bạn không có quyền sửa cài đặt bình luận")
	}
	lines := func(name string) []string {
		var out []string
		for _, l := range strings.Split(r.PostFormValue(name), "\n") {
			if l = strings.TrimSpace(l); l != "" && len(l) <= 200 {
				out = append(out, l)
			}
		}
		return out
	}
	reasons := lines("reasons")
	if len(reasons) == 0 || len(reasons) > 50 {
		return news.Errorf(news.Invalid, "Cần từ 1 đến 50 lý do từ chối")
	}
	ctx := r.Context()
	for _, err := range []error{
		s.store.SetRejectReasons(ctx, reasons),
		s.store.SetCommentWords(ctx, "banned", lines("banned")),
		s.store.SetCommentWords(ctx, "review", lines("review")),
	} {
		if err != nil {
			return err
		}
	}
	s.store.Audit(ctx, news.AuditEntry{UserID: ss.User.ID, Action: "comment.settings", IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/binh-luan/cai-dat?ok=cai-dat", http.StatusSeeOther)
	return nil
}

// setCommentMode opens, closes or hides an article's comments.
func (s *Server) setCommentMode(w http.ResponseWriter, r *http.Request, ss *session) error {
	if !ss.User.HasAny(news.Editor, news.ManagingEditor, news.EditorInChief, news.Moderator) {
		return news.Errorf(news.Forbidden, "Bạn không có quyền đổi chế độ bình luận")
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	mode := news.CommentMode(r.PostFormValue("mode"))
	if mode != news.CommentsOpen && mode != news.CommentsClosed && mode != news.CommentsHidden {
		return news.Errorf(news.Invalid, "Chế độ bình luận không hợp lệ")
	}
	if err := s.store.SetCommentMode(r.Context(), id, mode, store.Change{UserID: ss.User.ID, IP: clientIP(r)}); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(id, 10)+"?ok=binh-luan", http.StatusSeeOther)
	return nil
}
