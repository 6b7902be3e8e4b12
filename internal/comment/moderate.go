package comment

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Actions a moderator takes on a comment.
const (
	Approve = "approve"
	Reject  = "reject"
	Spam    = "spam"
)

// ClaimTTL is how long a moderator holds a comment they opened, so two
// moderators never work on the same comment at once.
const ClaimTTL = 5 * time.Minute

// Decision is a moderator's action with an optional edit and reason.
type Decision struct {
	Action string
	Body   string // edited text, "" to keep
	Reason string // required to reject; one of the paper's reasons
}

// Moderate applies a decision on actor's authority. An edited comment
// keeps its original; readers see it marked "Đã biên tập".
func (s *Service) Moderate(ctx context.Context, actor news.Actor, id int64, d Decision) (news.Comment, error) {
	if err := actor.Require(news.ModerateComments); err != nil {
		return news.Comment{}, err
	}
	c, err := s.store.Comment(ctx, id)
	if err != nil {
		return c, err
	}
	if c.ClaimedBy != 0 && c.ClaimedBy != actor.User.ID && c.ClaimedUntil.After(s.now()) {
		return c, news.Errorf(news.Conflict, "%s đang xử lý bình luận này", c.ClaimedName)
	}
	m := store.Moderation{Body: strings.TrimSpace(vietnamese.NFC(d.Body))}
	if m.Body != "" {
		if hasHiddenCharacters(m.Body) || utf8.RuneCountInString(m.Body) > MaxBody {
			return c, news.Errorf(news.Invalid, "Nội dung sửa không hợp lệ (tối đa %d ký tự, không có ký tự ẩn)", MaxBody)
		}
	}
	if err := s.CheckDecision(ctx, d); err != nil {
		return c, err
	}
	switch d.Action {
	case Approve:
		m.Status = news.CommentPublished
		m.Mail = s.notifications(ctx, c)
	case Reject:
		m.Status, m.Reason = news.CommentRejected, d.Reason
	case Spam:
		m.Status = news.CommentSpam
	}
	return s.store.Moderate(ctx, actor, id, m)
}

// CheckDecision checks a decision before it touches any comment: a known
// action, and to reject, one of the paper's reasons. The queue's bulk
// form asks first, so a missing reason is one answer, not one per
// comment.
func (s *Service) CheckDecision(ctx context.Context, d Decision) error {
	switch d.Action {
	case Approve, Spam:
		return nil
	case Reject:
		if d.Reason == "" {
			return news.Errorf(news.Invalid, "Vui lòng chọn lý do từ chối")
		}
		reasons, err := s.store.RejectReasons(ctx)
		if err != nil {
			return err
		}
		if !slices.Contains(reasons, d.Reason) {
			return news.Errorf(news.Invalid, "Vui lòng chọn lý do từ chối trong danh sách")
		}
		return nil
	}
	return news.Errorf(news.Invalid, "Thao tác không hợp lệ: %q", news.Clip(d.Action, 40))
}

// PublicPath is where readers see a published comment: its article's
// page, on the page of the thread (newest first, as readers first see
// it) that shows the comment or the comment it answers, at the comment's
// anchor.
func (s *Service) PublicPath(ctx context.Context, actor news.Actor, id int64) (string, error) {
	if err := actor.Require(news.ModerateComments); err != nil {
		return "", err
	}
	c, err := s.store.Comment(ctx, id)
	if err != nil {
		return "", err
	}
	top := c
	if c.ParentID != 0 {
		if top, err = s.store.Comment(ctx, c.ParentID); err != nil {
			return "", err
		}
	}
	if c.Status != news.CommentPublished || top.Status != news.CommentPublished {
		return "", news.Errorf(news.NotFound, "Bình luận này chưa được đăng nên không có trên trang báo")
	}
	a, err := s.store.Article(ctx, c.ArticleID)
	if err != nil {
		return "", err
	}
	if a.Status != news.Published || a.CommentMode == news.CommentsHidden {
		return "", news.Errorf(news.NotFound, "Bài viết chưa đăng hoặc đang ẩn bình luận nên bạn đọc không thấy bình luận này")
	}
	newer, err := s.store.NewerInThread(ctx, top)
	if err != nil {
		return "", err
	}
	path := a.Path()
	if page := newer/ThreadPageSize + 1; page > 1 {
		path += "?binh-luan=" + string(store.NewestFirst) + "&trang-binh-luan=" + strconv.Itoa(page)
	}
	return path + "#bl-" + strconv.FormatInt(c.ID, 10), nil
}

// notifications are the emails an approval sends: to the commenter, and
// to the author of the comment it answers, when they asked for them.
func (s *Service) notifications(ctx context.Context, c news.Comment) []store.Mail {
	var out []store.Mail
	if c.Notify && c.Email != "" && c.Status != news.CommentPublished {
		out = append(out, store.Mail{To: c.Email, Subject: "Bình luận của bạn đã được đăng",
			Body: "Chào " + c.Name + ",\n\nBình luận của bạn về bài “" + c.ArticleTitle + "” đã được đăng.\n\n" + c.Body + "\n"})
	}
	if c.ParentID != 0 {
		if p, err := s.store.Comment(ctx, c.ParentID); err == nil && p.Notify && p.Email != "" {
			out = append(out, store.Mail{To: p.Email, Subject: "Có người trả lời bình luận của bạn",
				Body: "Chào " + p.Name + ",\n\n" + c.Name + " đã trả lời bình luận của bạn về bài “" + c.ArticleTitle + "”:\n\n" + c.Body + "\n"})
		}
	}
	return out
}

// Claim gives the comment to actor for ClaimTTL, unless another
// moderator holds it; the returned comment says who holds it.
func (s *Service) Claim(ctx context.Context, actor news.Actor, id int64) (news.Comment, error) {
	if err := actor.Require(news.ModerateComments); err != nil {
		return news.Comment{}, err
	}
	return s.store.ClaimComment(ctx, id, actor.User.ID, ClaimTTL)
}

// ReplyAsPaper publishes the paper's own answer under a comment, shown
// with the paper's badge.
func (s *Service) ReplyAsPaper(ctx context.Context, actor news.Actor, parentID int64, body string) (news.Comment, error) {
	if err := actor.Require(news.ModerateComments); err != nil {
		return news.Comment{}, err
	}
	body = strings.TrimSpace(vietnamese.NFC(body))
	if body == "" || utf8.RuneCountInString(body) > MaxBody || hasHiddenCharacters(body) {
		return news.Comment{}, news.Errorf(news.Invalid, "Vui lòng nhập câu trả lời (tối đa %d ký tự)", MaxBody)
	}
	p, err := s.store.Comment(ctx, parentID)
	if err != nil || p.Status != news.CommentPublished {
		return news.Comment{}, news.Errorf(news.Invalid, "Chỉ trả lời được bình luận đã đăng")
	}
	if p.ParentID != 0 {
		parentID = p.ParentID
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return news.Comment{}, err
	}
	return s.store.ReplyAsPaper(ctx, actor, news.Comment{ArticleID: p.ArticleID, ParentID: parentID, Name: site.Name, Body: body})
}

// Settings reads the refusal reasons and the word lists for the
// settings page.
func (s *Service) Settings(ctx context.Context, actor news.Actor) (news.CommentSettings, error) {
	if err := actor.Require(news.EditCommentSettings); err != nil {
		return news.CommentSettings{}, err
	}
	return s.store.CommentSettings(ctx)
}

// SaveSettings replaces the refusal reasons and the word lists as one
// change: lines are trimmed and empty ones dropped before they are
// checked.
func (s *Service) SaveSettings(ctx context.Context, actor news.Actor, c news.CommentSettings) error {
	if err := actor.Require(news.EditCommentSettings); err != nil {
		return err
	}
	for _, list := range []*[]string{&c.Reasons, &c.Banned, &c.Review} {
		var kept []string
		for _, line := range *list {
			if line = strings.TrimSpace(vietnamese.NFC(line)); line != "" {
				kept = append(kept, line)
			}
		}
		*list = kept
	}
	if err := c.Validate(); err != nil {
		return err
	}
	return s.store.SaveCommentSettings(ctx, actor, c)
}
