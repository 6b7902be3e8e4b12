package accounts

import (
	"context"
	"net/mail"
	"strings"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// maxEmail is the longest address SMTP carries (RFC 5321's path limit).
const maxEmail = 254

// CheckEmail returns raw as an account's sign-in address, trimmed and
// lower-cased, or a Vietnamese refusal. Addresses are plain ASCII: an
// address typed with Vietnamese marks ("hà@bao.vn") is a slip no mail
// service of the paper's accepts, and could be typed in NFC one day and
// NFD the next, leaving the account unreachable.
func CheckEmail(raw string) (string, error) {
	email := strings.ToLower(strings.TrimSpace(raw))
	a, err := mail.ParseAddress(email)
	switch {
	case email == "":
		return "", news.Errorf(news.Invalid, "Vui lòng nhập địa chỉ email")
	case strings.ContainsFunc(email, func(r rune) bool { return r > 0x7e || r < 0x21 }):
		return "", news.Errorf(news.Invalid, "Địa chỉ email %q không hợp lệ: chỉ dùng chữ không dấu, chữ số và các dấu . _ - + @", news.Clip(vietnamese.NFC(raw), 60))
	case err != nil || a.Address != email || len(email) > maxEmail:
		return "", news.Errorf(news.Invalid, "Địa chỉ email %q không hợp lệ", news.Clip(raw, 60))
	}
	return email, nil
}

// FindUser is the account that signs in with email, or a Vietnamese
// refusal naming the address: what the command line acts on.
func (s *Service) FindUser(ctx context.Context, email string) (news.User, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if news.ErrorCode(err) == news.NotFound {
		return u, news.Errorf(news.NotFound, "Không có tài khoản nào đăng nhập bằng email %q", news.Clip(strings.TrimSpace(email), 60))
	}
	return u, err
}

// target is the account an administrator acts on: not their own (their
// own they change on their account page, with their password), and one
// that exists.
func (s *Service) target(ctx context.Context, actor news.Actor, userID int64, own string) (news.User, error) {
	if err := actor.Require(news.ManageUsers); err != nil {
		return news.User{}, err
	}
	if !actor.System && actor.User.ID == userID {
		return news.User{}, news.Errorf(news.Invalid, "%s", own)
	}
	return s.store.UserByID(ctx, userID)
}

// SetPassword gives a member a password the shell's operator chose (read
// from standard input): it is checked by the password policy, clears any
// mark that the password must be changed, and ends every session and API
// token of the member.
func (s *Service) SetPassword(ctx context.Context, actor news.Actor, userID int64, password string) (store.Ended, error) {
	if _, err := s.target(ctx, actor, userID, "Hãy đổi mật khẩu của mình ở trang Tài khoản"); err != nil {
		return store.Ended{}, err
	}
	password = vietnamese.NFC(password)
	if err := auth.CheckPassword(password); err != nil {
		return store.Ended{}, err
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return store.Ended{}, err
	}
	return s.store.SetPassword(ctx, actor, userID, hash, "")
}

// ResetPassword gives a member a new one-time password, returned once for
// the administrator to hand over, to be changed at their next sign-in;
// every session and API token of theirs ends. A disabled account may be
// reset (the order that shuts out whoever knew the old password: reset,
// then enable); it stays disabled.
func (s *Service) ResetPassword(ctx context.Context, actor news.Actor, userID int64) (news.User, string, store.Ended, error) {
	u, err := s.target(ctx, actor, userID, "Bạn không thể tự đặt lại mật khẩu của mình; hãy đổi mật khẩu ở trang Tài khoản")
	if err != nil {
		return u, "", store.Ended{}, err
	}
	password := auth.NewPassword()
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return u, "", store.Ended{}, err
	}
	ended, err := s.store.ResetPassword(ctx, actor, userID, hash)
	if err != nil {
		return u, "", ended, err
	}
	u.MustChangePassword = true
	return u, password, ended, nil
}

// ResetSecondFactor turns two-factor sign-in off for a member who lost
// their authenticator, so they sign in with the password alone and set it
// up again; every session and API token of theirs ends.
func (s *Service) ResetSecondFactor(ctx context.Context, actor news.Actor, userID int64) (news.User, store.Ended, error) {
	u, err := s.target(ctx, actor, userID, "Bạn không thể tự tắt xác thực hai bước của mình ở đây; hãy tắt ở trang Tài khoản")
	if err != nil {
		return u, store.Ended{}, err
	}
	if u.TOTPSecret == "" {
		return u, store.Ended{}, news.Errorf(news.Invalid, "Tài khoản %s chưa bật xác thực hai bước", u.Email)
	}
	ended, err := s.store.ResetTOTP(ctx, actor, userID)
	u.TOTPSecret = ""
	return u, ended, err
}

// ChangeEmail gives a member the address they will sign in with, at an
// administrator's hand.
func (s *Service) ChangeEmail(ctx context.Context, actor news.Actor, userID int64, email string) (news.User, error) {
	u, err := s.target(ctx, actor, userID, "Hãy đổi email của mình ở trang Tài khoản")
	if err != nil {
		return u, err
	}
	return s.setEmail(ctx, actor, u, email)
}

// ChangeOwnEmail gives the session's member a new sign-in address, given
// their password.
func (s *Service) ChangeOwnEmail(ctx context.Context, ss *Session, ip, password, email string) (news.User, error) {
	if !passwordIs(ss.User, password) {
		return ss.User, news.Errorf(news.Invalid, "Mật khẩu không đúng")
	}
	return s.setEmail(ctx, ss.Actor(ip), ss.User, email)
}

func (s *Service) setEmail(ctx context.Context, actor news.Actor, u news.User, raw string) (news.User, error) {
	email, err := CheckEmail(raw)
	if err != nil {
		return u, err
	}
	if email == u.Email {
		return u, news.Errorf(news.Invalid, "%s đã là email đăng nhập của tài khoản này", email)
	}
	if err := s.store.SetEmail(ctx, actor, u.ID, email); err != nil {
		return u, err
	}
	u.Email = email
	return u, nil
}

// passwordIs reports whether password is u's, NFC or not, looking at no
// more than maxPassword bytes of it.
func passwordIs(u news.User, password string) bool {
	if len(password) > maxPassword {
		return false
	}
	ok, _ := auth.Verify(u.PasswordHash, vietnamese.NFC(password))
	return ok
}
