package newsroom

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// moderationPage is the comment queue, or one claimed comment.
type moderationPage struct {
	pageLayout
	Status   news.CommentStatus
	Statuses []news.CommentStatus
	Comments []news.Comment
	Reasons  []string
	One      bool // a single comment opened (and claimed) for work
	Error    string
	Settings news.CommentSettings
}

func (s *Server) moderationPage(r *http.Request, ss *session, title string) (moderationPage, error) {
	page := moderationPage{pageLayout: s.pageLayout(r, ss, title),
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
	return s.render(w, http.StatusOK, "comments", page)
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
	c, err := s.comments.Claim(r.Context(), actor(ss, r), id)
	if err != nil {
		return err
	}
	page.One, page.Comments, page.Status = true, []news.Comment{c}, c.Status
	return s.render(w, http.StatusOK, "comments", page)
}

func (s *Server) moderateComment(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	d := comment.Decision{Action: r.PostFormValue("action"), Body: r.PostFormValue("body"), Reason: r.PostFormValue("reason")}
	if _, err := s.comments.Moderate(r.Context(), actor(ss, r), id, d); err != nil {
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
			_, err = s.comments.Moderate(r.Context(), actor(ss, r), id, d)
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
	return s.render(w, http.StatusConflict, "comments", page)
}

func (s *Server) replyAsPaper(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	if _, err := s.comments.ReplyAsPaper(r.Context(), actor(ss, r), id, r.PostFormValue("body")); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/binh-luan?trang-thai=published&ok=tra-loi", http.StatusSeeOther)
	return nil
}

func (s *Server) showCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := moderationPage{pageLayout: s.pageLayout(r, ss, "Cài đặt bình luận")}
	var err error
	if page.Settings, err = s.comments.Settings(r.Context(), actor(ss, r)); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "comment_settings", page)
}

func (s *Server) saveCommentSettings(w http.ResponseWriter, r *http.Request, ss *session) error {
	lines := func(name string) []string { return strings.Split(r.PostFormValue(name), "\n") }
	settings := news.CommentSettings{Reasons: lines("reasons"), Banned: lines("banned"), Review: lines("review")}
	if err := s.comments.SaveSettings(r.Context(), actor(ss, r), settings); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page := moderationPage{pageLayout: s.pageLayout(r, ss, "Cài đặt bình luận"), Settings: settings, Error: news.ErrorMessage(err)}
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "comment_settings", page)
	}
	http.Redirect(w, r, "/toasoan/binh-luan/cai-dat?ok=cai-dat", http.StatusSeeOther)
	return nil
}

// setCommentMode opens, closes or hides an article's comments.
func (s *Server) setCommentMode(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	mode := news.CommentMode(r.PostFormValue("mode"))
	if mode != news.CommentsOpen && mode != news.CommentsClosed && mode != news.CommentsHidden {
		return news.Errorf(news.Invalid, "Chế độ bình luận không hợp lệ")
	}
	if err := s.store.SetCommentMode(r.Context(), actor(ss, r), id, mode); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/bai-viet/"+strconv.FormatInt(id, 10)+"?ok=binh-luan", http.StatusSeeOther)
	return nil
}
