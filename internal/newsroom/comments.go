package newsroom

import (
	"net/http"
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
	Filter     queueFilter
	Statuses   []news.CommentStatus
	Items      []queueItem
	Reasons    []string
	Sections   []news.Section
	Articles   []store.CommentArticle
	Pager      web.Pager
	One        bool   // a single comment opened (and claimed) for work
	Error      string // about the page, or the bulk form
	BulkAction string // the bulk form's choices, kept after a refusal
	BulkReason string
}

func (s *Server) moderationPage(r *http.Request, ss *session, title string) (moderationPage, error) {
	page := moderationPage{pageLayout: s.pageLayout(r, ss, title), Statuses: commentStatuses, Filter: queueFilter{Status: news.CommentPending, Page: 1}}
	var err error
	page.Reasons, err = s.store.RejectReasons(r.Context())
	return page, err
}

// commentID reads the {id} of a comment's route.
func commentID(r *http.Request) (int64, error) {
	return web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy bình luận"))
}

// openComment claims a comment for this moderator and shows it alone.
func (s *Server) openComment(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := commentID(r)
	if err != nil {
		return err
	}
	f, err := parseQueueFilter(r.URL.Query())
	if err != nil {
		return err
	}
	c, err := s.comments.Claim(r.Context(), actor(ss, r), id)
	if err != nil {
		return err
	}
	page, err := s.oneComment(r, ss, f, c, queueAnswer{})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "comments", page)
}

func (s *Server) oneComment(r *http.Request, ss *session, f queueFilter, c news.Comment, ans queueAnswer) (moderationPage, error) {
	page, err := s.moderationPage(r, ss, "Kiểm duyệt bình luận")
	if err != nil {
		return page, err
	}
	page.One, page.Filter = true, f
	page.Items, err = s.queueItems(r, []news.Comment{c}, ans)
	return page, err
}

// moderateComment applies a moderator's decision and returns to their
// place in the queue. A refusal they can mend (no reason chosen, a
// comment another moderator holds) is shown beside the comment on the
// same page of the queue, with their edit and choices kept.
func (s *Server) moderateComment(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := commentID(r)
	if err != nil {
		return err
	}
	f, err := parseQueueFilter(r.URL.Query())
	if err != nil {
		return err
	}
	d := comment.Decision{Action: r.PostFormValue("action"), Body: r.PostFormValue("body"), Reason: r.PostFormValue("reason")}
	_, refusal := s.comments.Moderate(r.Context(), actor(ss, r), id, d)
	if refusal == nil {
		http.Redirect(w, r, f.link("ok", "binh-luan"), http.StatusSeeOther)
		return nil
	}
	if code := news.ErrorCode(refusal); code != news.Invalid && code != news.Conflict {
		return refusal
	}
	ans := queueAnswer{CommentID: id, Draft: d.Body, Reason: d.Reason, Error: news.ErrorMessage(refusal)}
	var page moderationPage
	if r.URL.Query().Get("mot") != "" {
		c, err := s.store.Comment(r.Context(), id)
		if err != nil {
			return err
		}
		if page, err = s.oneComment(r, ss, f, c, ans); err != nil {
			return err
		}
	} else if page, err = s.queuePage(r, ss, f, ans); err != nil {
		return err
	}
	return s.render(w, web.StatusOf(news.ErrorCode(refusal)), "comments", page)
}

// maxBulk is how many comments one bulk action takes: two pages and more.
const maxBulk = 100

// moderateMany applies one action to every ticked comment; each is its
// own transaction. A decision that cannot apply to any (reject without a
// reason) is refused before any is touched; either way a refusal is shown
// on the same page of the queue with the ticks kept.
func (s *Server) moderateMany(w http.ResponseWriter, r *http.Request, ss *session) error {
	f, err := parseQueueFilter(r.URL.Query())
	if err != nil {
		return err
	}
	d := comment.Decision{Action: r.PostFormValue("action"), Reason: r.PostFormValue("reason")}
	ans := queueAnswer{Action: d.Action, BulkReason: d.Reason}
	var ids []int64
	for _, v := range r.PostForm["ids"] {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil || id <= 0 {
			return news.Errorf(news.Invalid, "Mã bình luận không hợp lệ")
		}
		ids = append(ids, id)
	}
	ans.Checked = ids
	status := http.StatusBadRequest
	switch err := s.comments.CheckDecision(r.Context(), d); {
	case len(ids) == 0:
		ans.PageError = "Vui lòng chọn ít nhất một bình luận"
	case len(ids) > maxBulk:
		ans.PageError = "Mỗi lần chỉ xử lý được tối đa " + strconv.Itoa(maxBulk) + " bình luận"
	case news.ErrorCode(err) == news.Invalid:
		ans.PageError = news.ErrorMessage(err)
	case err != nil:
		return err
	default:
		var failed []string
		for _, id := range ids {
			if _, err := s.comments.Moderate(r.Context(), actor(ss, r), id, d); err != nil {
				if news.ErrorCode(err) == news.Internal {
					return err
				}
				failed = append(failed, "#"+strconv.FormatInt(id, 10)+": "+news.ErrorMessage(err))
			}
		}
		if len(failed) == 0 {
			http.Redirect(w, r, f.link("ok", "binh-luan"), http.StatusSeeOther)
			return nil
		}
		ans.PageError, status = "Không xử lý được: "+strings.Join(failed, "; "), http.StatusConflict
	}
	page, err := s.queuePage(r, ss, f, ans)
	if err != nil {
		return err
	}
	return s.render(w, status, "comments", page)
}

// showCommentOnSite sends the moderator to a published comment where
// readers see it.
func (s *Server) showCommentOnSite(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := commentID(r)
	if err != nil {
		return err
	}
	path, err := s.comments.PublicPath(r.Context(), actor(ss, r), id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
	return nil
}

func (s *Server) replyAsPaper(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := commentID(r)
	if err != nil {
		return err
	}
	if _, err := s.comments.ReplyAsPaper(r.Context(), actor(ss, r), id, r.PostFormValue("body")); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/binh-luan?trang-thai=published&ok=tra-loi", http.StatusSeeOther)
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
