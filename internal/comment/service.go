package comment

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service takes comments from readers and decisions from moderators.
type Service struct {
	store      *store.Store
	now        func() time.Time
	key        []byte // for hashing addresses: moderators see a hash, not the IP
	perAddress *auth.Limiter
	perBrowser *auth.Limiter
}

// New prepares the service; the hashing key is a server secret shared by
// every server on the database.
func New(ctx context.Context, s *store.Store, now func() time.Time) (*Service, error) {
	key, err := s.Secret(ctx, "comment-hash", auth.NewToken)
	if err != nil {
		return nil, err
	}
	return &Service{store: s, now: now, key: []byte(key),
		perAddress: auth.NewLimiter(10, 10*time.Minute, now),
		perBrowser: auth.NewLimiter(5, 10*time.Minute, now)}, nil
}

// Hash keys an address or browser id, so the database never holds them.
func (s *Service) Hash(v string) string {
	if v == "" {
		return ""
	}
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(v))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// Submission is what a reader sends.
type Submission struct {
	ArticleID int64
	ParentID  int64
	Name      string
	Email     string
	Body      string
	Honeypot  string // a field people never see; bots fill it
	Notify    bool
	IP        string
	Browser   string // the reader's browser id cookie
}

// Submit checks a reader's comment and stores it, pending moderation. A
// filled honeypot is answered as if accepted, and nothing is stored.
func (s *Service) Submit(ctx context.Context, sub Submission) (news.Comment, error) {
	c := news.Comment{ArticleID: sub.ArticleID, ParentID: sub.ParentID, Status: news.CommentPending, Notify: sub.Notify,
		Name: strings.Join(strings.Fields(vietnamese.NFC(sub.Name)), " "), Email: strings.TrimSpace(sub.Email),
		Body: strings.TrimSpace(vietnamese.NFC(sub.Body)), AddressHash: s.Hash(sub.IP), BrowserHash: s.Hash(sub.Browser)}
	if sub.Honeypot != "" {
		return c, nil
	}
	if err := s.checkAuthor(c); err != nil {
		return c, err
	}
	words, err := s.store.CommentWords(ctx)
	if err != nil {
		return c, err
	}
	if c.Flags, err = Inspect(c.Body, words); err != nil {
		return c, err
	}
	if err := s.checkPlace(ctx, &c); err != nil {
		return c, err
	}
	if dup, err := s.store.RecentDuplicate(ctx, c.BrowserHash, c.AddressHash, vietnamese.Fold(c.Body), s.now().Add(-24*time.Hour)); err != nil {
		return c, err
	} else if dup {
		return c, news.Errorf(news.Invalid, "Bạn đã gửi bình luận này rồi; bình luận đang chờ duyệt")
	}
	if !s.perAddress.Allow(c.AddressHash) || c.BrowserHash != "" && !s.perBrowser.Allow(c.BrowserHash) {
		return c, news.Errorf(news.TooMany, "Bạn gửi bình luận quá nhanh; vui lòng chờ ít phút rồi gửi lại")
	}
	return s.store.CreateComment(ctx, c)
}

func (s *Service) checkAuthor(c news.Comment) error {
	switch n := utf8.RuneCountInString(c.Name); {
	case n == 0:
		return news.Errorf(news.Invalid, "Vui lòng nhập tên của bạn")
	case n > MaxName:
		return news.Errorf(news.Invalid, "Tên dài quá %d ký tự", MaxName)
	case hasHiddenCharacters(c.Name) || strings.ContainsAny(c.Name, "<>"):
		return news.Errorf(news.Invalid, "Tên có ký tự không hợp lệ")
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > 254 {
			return news.Errorf(news.Invalid, "Địa chỉ email không hợp lệ (có thể để trống)")
		}
	}
	if c.Notify && c.Email == "" {
		return news.Errorf(news.Invalid, "Cần địa chỉ email để nhận thông báo")
	}
	return nil
}

// checkPlace checks the article takes comments and the parent is a
// published comment of the same article; a reply to a reply goes under
// the thread's top comment (threads are one level deep, like the papers).
func (s *Service) checkPlace(ctx context.Context, c *news.Comment) error {
	status, mode, err := s.store.ArticleState(ctx, c.ArticleID)
	if err != nil || status != news.Published || mode == news.CommentsHidden {
		return news.Errorf(news.NotFound, "Không tìm thấy bài viết")
	}
	if mode == news.CommentsClosed {
		return news.Errorf(news.Forbidden, "Bài viết này đã đóng bình luận")
	}
	if c.ParentID == 0 {
		return nil
	}
	p, err := s.store.Comment(ctx, c.ParentID)
	if err != nil || p.ArticleID != c.ArticleID || p.Status != news.CommentPublished {
		return news.Errorf(news.Invalid, "Bình luận bạn muốn trả lời không tồn tại hoặc chưa được đăng")
	}
	if p.ParentID != 0 {
		c.ParentID = p.ParentID
	}
	return nil
}

// Like records a reader's like, once per browser.
func (s *Service) Like(ctx context.Context, id int64, browser string) error {
	c, err := s.store.Comment(ctx, id)
	if err != nil || c.Status != news.CommentPublished {
		return news.Errorf(news.NotFound, "Không tìm thấy bình luận")
	}
	if browser == "" {
		return news.Errorf(news.Invalid, "Trình duyệt cần bật cookie để thích bình luận")
	}
	_, err = s.store.LikeComment(ctx, id, s.Hash(browser))
	return err
}

// Thread is one page of an article's published comments.
func (s *Service) Thread(ctx context.Context, articleID int64, order store.CommentOrder, page, perPage int) ([]news.Comment, int, error) {
	total, err := s.store.CountTopLevel(ctx, articleID)
	if err != nil {
		return nil, 0, fmt.Errorf("count comments: %w", err)
	}
	list, err := s.store.PublishedThread(ctx, articleID, order, perPage, (page-1)*perPage)
	return list, total, err
}
