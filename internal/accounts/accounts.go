// Package accounts is the one front door to newsroom accounts: creating
// and changing members, passwords, two-factor sign-in, API tokens, and
// signing in and out. The newsroom's pages, the API and the command line
// all come through it, so an account is checked by the same rules
// whichever way it is made.
package accounts

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service carries out what concerns accounts.
type Service struct {
	store  *store.Store
	hasher auth.Hasher
	now    func() time.Time
	limits limits
}

// New returns the service; hasher is auth.DefaultHasher() in production,
// now the clock.
func New(s *store.Store, hasher auth.Hasher, now func() time.Time) *Service {
	return &Service{store: s, hasher: hasher, now: now, limits: newLimits(now)}
}

// UserInput is an account as an administrator's form or the command line
// gives it.
type UserInput struct {
	ID         int64 // 0 for a new account
	Email      string
	Name       string
	Roles      []news.Role
	SectionIDs []int64 // sections an editor may work on; none: all
	AuthorID   int64   // the byline the member writes under; 0: none
	Disabled   bool
	// Password is a new account's password; empty gives it a one-time
	// password, returned once by SaveUser, that must be changed at the
	// first sign-in.
	Password string
}

// maxName bounds a member's name.
const maxName = 200

// SaveUser creates an account (in.ID 0) or changes one, and returns it
// with the one-time password of a new account created without one.
func (s *Service) SaveUser(ctx context.Context, actor news.Actor, in UserInput) (news.User, string, error) {
	if err := actor.Require(news.ManageUsers); err != nil {
		return news.User{}, "", err
	}
	u, err := s.checkUser(ctx, in)
	if err != nil {
		return u, "", err
	}
	if in.ID != 0 {
		if in.ID == actor.User.ID && (!slices.Contains(u.Roles, news.Admin) || u.Disabled) {
			return u, "", news.Errorf(news.Invalid, "Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình")
		}
		return u, "", s.store.UpdateUser(ctx, actor, u)
	}
	password, oneTime := vietnamese.NFC(in.Password), false
	if password == "" {
		password, oneTime = auth.NewPassword(), true
	}
	u.MustChangePassword = oneTime
	if err := auth.CheckPassword(password); err != nil {
		return u, "", err
	}
	if u.PasswordHash, err = s.hasher.Hash(password); err != nil {
		return u, "", err
	}
	if u, err = s.store.CreateUser(ctx, actor, u); err != nil {
		return u, "", err
	}
	if !oneTime {
		password = ""
	}
	return u, password, nil
}

// checkUser normalizes and checks an account's fields, and that its
// sections and byline exist.
func (s *Service) checkUser(ctx context.Context, in UserInput) (news.User, error) {
	u := news.User{ID: in.ID, Name: strings.Join(strings.Fields(vietnamese.NFC(in.Name)), " "),
		Email: strings.ToLower(strings.TrimSpace(in.Email)), Disabled: in.Disabled, AuthorID: in.AuthorID}
	switch n := utf8.RuneCountInString(u.Name); {
	case n == 0 || n > maxName:
		return u, news.Errorf(news.Invalid, "Vui lòng nhập họ tên (tối đa %d ký tự)", maxName)
	case strings.ContainsFunc(u.Name, unicode.IsControl) || strings.ContainsAny(u.Name, "<>"):
		return u, news.Errorf(news.Invalid, "Họ tên có ký tự không hợp lệ")
	}
	if in.ID == 0 {
		var err error
		if u.Email, err = CheckEmail(in.Email); err != nil {
			return u, err
		}
	}
	for _, r := range in.Roles {
		if _, err := news.ParseRole(string(r)); err != nil {
			return u, err
		}
		if !slices.Contains(u.Roles, r) {
			u.Roles = append(u.Roles, r)
		}
	}
	if len(u.Roles) == 0 {
		return u, news.Errorf(news.Invalid, "Vui lòng chọn ít nhất một vai trò")
	}
	if len(in.SectionIDs) > 0 {
		sections, err := s.store.Sections(ctx)
		if err != nil {
			return u, err
		}
		for _, id := range in.SectionIDs {
			if !slices.ContainsFunc(sections, func(sec news.Section) bool { return sec.ID == id }) {
				return u, news.Errorf(news.Invalid, "Chuyên mục không tồn tại")
			}
			if !slices.Contains(u.SectionIDs, id) {
				u.SectionIDs = append(u.SectionIDs, id)
			}
		}
	}
	if in.AuthorID != 0 {
		authors, err := s.store.Authors(ctx)
		if err != nil {
			return u, err
		}
		if !slices.ContainsFunc(authors, func(a news.Author) bool { return a.ID == in.AuthorID }) {
			return u, news.Errorf(news.Invalid, "Tác giả không tồn tại")
		}
	}
	return u, nil
}

// EnsureAdmin gives a new installation its first account: an
// administrator (also editor-in-chief, so one person can run a small
// paper) signing in with email and a one-time password, returned once,
// that must be changed at the first sign-in. On a paper that has accounts
// it does nothing and returns "".
func (s *Service) EnsureAdmin(ctx context.Context, email string) (news.User, string, error) {
	n, err := s.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return news.User{}, "", err
	}
	return s.SaveUser(ctx, news.System(), UserInput{Email: email, Name: "Quản trị viên",
		Roles: []news.Role{news.Admin, news.EditorInChief}})
}

// ChangePassword replaces the session member's own password, given the
// current one. Their other sessions end and their API tokens are
// revoked; this session stays.
func (s *Service) ChangePassword(ctx context.Context, ss *Session, ip, current, next, confirm string) (store.Ended, error) {
	if !passwordIs(ss.User, current) {
		return store.Ended{}, news.Errorf(news.Invalid, "Mật khẩu hiện tại không đúng")
	}
	next = vietnamese.NFC(next)
	if next != vietnamese.NFC(confirm) {
		return store.Ended{}, news.Errorf(news.Invalid, "Hai lần nhập mật khẩu mới không khớp")
	}
	if next == vietnamese.NFC(current) {
		return store.Ended{}, news.Errorf(news.Invalid, "Mật khẩu mới phải khác mật khẩu hiện tại")
	}
	if err := auth.CheckPassword(next); err != nil {
		return store.Ended{}, err
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return store.Ended{}, err
	}
	return s.store.SetPassword(ctx, ss.Actor(ip), ss.User.ID, hash, ss.TokenHash)
}

// EnableSecondFactor turns two-factor sign-in on for the session's member
// with secret, once code shows their authenticator app has it. Their other
// sessions end and their API tokens are revoked.
func (s *Service) EnableSecondFactor(ctx context.Context, ss *Session, ip, secret, code string) (store.Ended, error) {
	secret = strings.TrimSpace(secret)
	if _, ok := auth.VerifyTOTP(secret, strings.TrimSpace(code), s.now()); !ok {
		return store.Ended{}, news.Errorf(news.Invalid, "Mã xác thực không đúng; hãy kiểm tra giờ trên điện thoại và thử lại")
	}
	return s.store.SetTOTP(ctx, ss.Actor(ip), ss.User.ID, secret, ss.TokenHash)
}

// DisableSecondFactor turns two-factor sign-in off for the session's
// member, given their password.
func (s *Service) DisableSecondFactor(ctx context.Context, ss *Session, ip, password string) error {
	if !passwordIs(ss.User, password) {
		return news.Errorf(news.Invalid, "Mật khẩu không đúng")
	}
	_, err := s.store.SetTOTP(ctx, ss.Actor(ip), ss.User.ID, "", ss.TokenHash)
	return err
}
