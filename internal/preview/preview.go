// Package preview is the paper's preview links: an address an editor
// sends to someone outside the newsroom (a source checking a quote, a
// lawyer, the printer) that shows one story as readers would see it,
// before it is published, for a limited time.
//
// A link is signed, not stored: the token carries the article, the
// revision it was made at, the generation of the article's links and its
// expiry, signed with HMAC-SHA256 under a server secret every server on
// the database shares. Making one is written in the audit log, since it
// discloses copy. A link stops working when it expires, when the
// newsroom revokes the article's links, and for good once the story goes
// back to draft or is taken down after the link was made (even if it is
// sent on again later: the rewrite was never shared).
package preview

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service makes, revokes and opens preview links.
type Service struct {
	store *store.Store
	now   func() time.Time
	// failures counts, per address, the tokens that were not ours: a
	// signature cannot be guessed, and this keeps anyone from trying.
	failures *auth.Limiter

	mu  sync.Mutex
	key []byte // read once from the store's secrets
}

// Limits on tokens that fail their signature, per address.
const (
	maxBadTokens   = 20
	badTokenWindow = 10 * time.Minute
)

// New returns the service; now is the clock (time.Now in production).
func New(s *store.Store, now func() time.Time) *Service {
	return &Service{store: s, now: now, failures: auth.NewLimiter(maxBadTokens, badTokenWindow, now)}
}

// Validity is one choice of how long a link works.
type Validity struct {
	Value, Label string
	Duration     time.Duration
}

// Validities are the choices the newsroom offers, shortest first.
func Validities() []Validity {
	return []Validity{
		{"1h", "1 giờ", time.Hour},
		{"24h", "24 giờ", 24 * time.Hour},
		{"7d", "7 ngày", 7 * 24 * time.Hour},
	}
}

func validity(value string) (Validity, error) {
	for _, v := range Validities() {
		if v.Value == value {
			return v, nil
		}
	}
	return Validity{}, news.Errorf(news.Invalid, "Hãy chọn thời hạn của liên kết: 1 giờ, 24 giờ hoặc 7 ngày")
}

// Link is a preview link as made.
type Link struct {
	ArticleID int64
	Path      string // "/xem-truoc/{token}", on the reader's site
	Expires   time.Time
}

// MayShare says whether u may make a preview link to a: who may read the
// copy in the newsroom (news.ReadCopy and news.CanRead) may show it, once
// it has left the author's draft and while it is not taken down.
func MayShare(u news.User, a news.Article) error {
	if err := news.Require(u, news.ReadCopy); err != nil {
		return err
	}
	if err := news.CanRead(u, a); err != nil {
		return err
	}
	return shareable(a)
}

func shareable(a news.Article) error {
	switch a.Status {
	case news.Draft:
		return news.Errorf(news.Invalid, "Bài còn là bản nháp: chỉ chia sẻ được bản xem trước khi bài đã gửi biên tập")
	case news.Unpublished:
		return news.Errorf(news.Invalid, "Bài đã bị gỡ: không chia sẻ bản xem trước của bài này")
	}
	return nil
}

// Create makes a preview link to an article, valid for one of
// Validities, and writes it in the audit log.
func (s *Service) Create(ctx context.Context, by news.Actor, articleID int64, valid string) (Link, error) {
	a, err := s.readCopy(ctx, by, articleID)
	if err != nil {
		return Link{}, err
	}
	v, err := validity(valid)
	if err != nil {
		return Link{}, err
	}
	if err := shareable(a); err != nil {
		return Link{}, err
	}
	key, err := s.secret(ctx)
	if err != nil {
		return Link{}, err
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return Link{}, err
	}
	expires := s.now().Add(v.Duration).Truncate(time.Second).UTC()
	detail := fmt.Sprintf("Liên kết xem trước (%s), hết hạn %s", v.Label, vietnamese.DateTime(expires, site.Location))
	generation, err := s.store.RecordPreviewLink(ctx, by, a.ID, detail)
	if err != nil {
		return Link{}, err
	}
	token := sign(key, claims{ArticleID: a.ID, Revision: a.Revision, Generation: generation, Expires: expires})
	return Link{ArticleID: a.ID, Path: "/xem-truoc/" + token, Expires: expires}, nil
}

// Revoke ends every preview link made so far to an article.
func (s *Service) Revoke(ctx context.Context, by news.Actor, articleID int64) error {
	a, err := s.readCopy(ctx, by, articleID)
	if err != nil {
		return err
	}
	return s.store.RevokePreviewLinks(ctx, by, a.ID)
}

// readCopy reads the article if by may read its copy in the newsroom:
// who may make or revoke its preview links.
func (s *Service) readCopy(ctx context.Context, by news.Actor, articleID int64) (news.Article, error) {
	if err := by.Require(news.ReadCopy); err != nil {
		return news.Article{}, err
	}
	a, err := s.store.Article(ctx, articleID)
	if err != nil {
		return a, err
	}
	return a, news.CanRead(by.User, a)
}

// Gone is a link that was good and no longer is (expired, revoked, the
// story withdrawn): the site answers it with 410. It is a NotFound
// news.Error underneath, so anything that does not know it still answers
// 404.
type Gone struct{ err *news.Error }

func (g *Gone) Error() string { return g.err.Error() }

func (g *Gone) Unwrap() error { return g.err }

// Message is what to tell the person who opened the link.
func (g *Gone) Message() string { return g.err.Message }

func gone(format string, args ...any) error {
	return &Gone{news.Errorf(news.NotFound, format, args...)}
}

// Open reads the article a token shows, to someone from address. Only a
// token with our signature reaches the database, and an address that
// sends many that are not is refused for a while.
func (s *Service) Open(ctx context.Context, token, address string) (news.Article, error) {
	if s.failures.Blocked(address) {
		wait := max(s.failures.RetryAfter(address).Round(time.Minute), time.Minute)
		return news.Article{}, news.Errorf(news.TooMany, "Bạn đã mở quá nhiều liên kết xem trước không đúng. Vui lòng thử lại sau %d phút.", int(wait.Minutes()))
	}
	key, err := s.secret(ctx)
	if err != nil {
		return news.Article{}, err
	}
	c, err := parse(key, token)
	if err != nil {
		s.failures.Allow(address)
		return news.Article{}, news.Errorf(news.NotFound, "Liên kết xem trước không đúng: có thể nó bị chép thiếu hoặc bị sửa. Hãy xin người gửi một liên kết mới.")
	}
	if !s.now().Before(c.Expires) {
		return news.Article{}, gone("Liên kết xem trước này đã hết hạn. Hãy xin người gửi một liên kết mới.")
	}
	a, err := s.store.Article(ctx, c.ArticleID)
	if news.ErrorCode(err) == news.NotFound {
		return a, gone("Bài của liên kết xem trước này không còn nữa.")
	}
	if err != nil {
		return a, err
	}
	generation, err := s.store.PreviewGeneration(ctx, a.ID)
	if err != nil {
		return a, err
	}
	if c.Generation < generation {
		return a, gone("Tòa soạn đã thu hồi liên kết xem trước này.")
	}
	withdrawn, err := s.store.WithdrawnSince(ctx, a.ID, c.Revision)
	if err != nil {
		return a, err
	}
	if withdrawn || shareable(a) != nil {
		return a, gone("Bài đã được tòa soạn rút lại; liên kết xem trước này không còn dùng được.")
	}
	return a, nil
}

// secret is the signing key, read from the store once.
func (s *Service) secret(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	key, err := s.store.Secret(ctx, "preview-link", auth.NewToken)
	if err != nil {
		return nil, err
	}
	if key == "" {
		return nil, errors.New("preview: empty signing key")
	}
	s.key = []byte(key)
	return s.key, nil
}
