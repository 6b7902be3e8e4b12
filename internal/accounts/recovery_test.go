package accounts_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

const memberPassword = "mật khẩu của phóng viên"

// signedIn makes a reporter with memberPassword, signs them in twice (two
// browsers) and gives them an API token.
func signedIn(t *testing.T, s *store.Store, svc *accounts.Service, email string) (news.User, []*accounts.Session, string) {
	t.Helper()
	ctx := context.Background()
	u, _, err := svc.SaveUser(ctx, news.Shell(), accounts.UserInput{Email: email, Name: "Nguyễn Thu Hà", Roles: []news.Role{news.Reporter}, Password: memberPassword})
	if err != nil {
		t.Fatal(err)
	}
	var sessions []*accounts.Session
	for _, ip := range []string{"10.0.0.7", "10.0.0.8"} {
		cookie, _, err := svc.SignIn(ctx, email, memberPassword, ip, "thử")
		if err != nil {
			t.Fatal(err)
		}
		ss, err := svc.Current(ctx, cookie)
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, ss)
	}
	token, _, err := svc.CreateToken(ctx, news.Shell(), u.ID, "Kịch bản")
	if err != nil {
		t.Fatal(err)
	}
	return u, sessions, token
}

// assertSignedOut checks that none of sessions and not token still works.
func assertSignedOut(t *testing.T, s *store.Store, svc *accounts.Service, sessions []*accounts.Session, token string) {
	t.Helper()
	for _, ss := range sessions {
		if _, err := s.SessionByHash(context.Background(), ss.TokenHash, time.Now()); news.ErrorCode(err) != news.Unauthorized {
			t.Errorf("a session outlived the reset: %v", err)
		}
	}
	if _, err := svc.UserByToken(context.Background(), token); news.ErrorCode(err) != news.Unauthorized {
		t.Errorf("an API token outlived the reset: %v", err)
	}
}

func passwordIs(t *testing.T, s *store.Store, id int64, password string) bool {
	t.Helper()
	u, err := s.UserByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	ok, _ := auth.Verify(u.PasswordHash, password)
	return ok
}

// Addresses are checked the same way wherever they are typed: trimmed,
// lower-cased, plain ASCII, one address with no display name.
func TestCheckEmail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{" Thu.Ha@BaoHaTinh.VN ", "thu.ha@baohatinh.vn"},
		{"admin@localhost", "admin@localhost"},
		{"pv+the-thao@bao.vn", "pv+the-thao@bao.vn"},
	} {
		if got, err := accounts.CheckEmail(c.in); err != nil || got != c.want {
			t.Errorf("CheckEmail(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "   ", "thu-ha", "Hà <ha@bao.vn>", "hà@bao.vn", norm.NFD.String("hà@bao.vn"), "đức@bao.vn",
		"<script>alert(1)</script>@bao.vn", "x'); DROP TABLE users;--@bao.vn", "a@b.vn, c@d.vn", "thu ha@bao.vn", "ha@bao.vn\nBcc: x@y.vn",
		strings.Repeat("a", 250) + "@bao.vn", "ha@bao.vn\x00"} {
		if got, err := accounts.CheckEmail(bad); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), "email") {
			t.Errorf("CheckEmail(%q) = %q, %v; want a refusal", bad, got, err)
		}
	}
}

// An administrator resets a member's password: a one-time password comes
// back once, the member must change it, the old password and every
// session and token of theirs stop working, and the log says who did it.
// Nobody else may, nor may an administrator reset their own.
func TestResetPassword(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		u, sessions, token := signedIn(t, s, svc, "pv@bao.vn")
		other, _, _ := signedIn(t, s, svc, "bv@bao.vn")

		if _, _, _, err := svc.ResetPassword(ctx, news.Actor{User: other}, u.ID); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a reporter resetting a colleague: %v", err)
		}
		if _, _, _, err := svc.ResetPassword(ctx, by, by.User.ID); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), "trang Tài khoản") {
			t.Errorf("an administrator resetting their own password: %v", err)
		}
		if _, _, _, err := svc.ResetPassword(ctx, by, 99999); news.ErrorCode(err) != news.NotFound {
			t.Errorf("a reset of nobody: %v", err)
		}
		if !passwordIs(t, s, u.ID, memberPassword) {
			t.Fatal("a refused reset changed the password")
		}

		_, password, ended, err := svc.ResetPassword(ctx, by, u.ID)
		if err != nil || auth.CheckPassword(password) != nil || ended != (store.Ended{Sessions: 2, Tokens: 1}) {
			t.Fatalf("reset: %q %+v %v", password, ended, err)
		}
		stored, err := s.UserByID(ctx, u.ID)
		if err != nil || !stored.MustChangePassword || passwordIs(t, s, u.ID, memberPassword) || !passwordIs(t, s, u.ID, password) {
			t.Fatalf("after the reset: must change %v, err %v", stored.MustChangePassword, err)
		}
		assertSignedOut(t, s, svc, sessions, token)
		entries, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "user", ObjectID: u.ID})
		if err != nil || entries[0].Action != "user.password_reset" || entries[0].UserID != by.User.ID || !strings.Contains(entries[0].Detail, "2 phiên") {
			t.Fatalf("audit: %+v %v", entries, err)
		}
		if strings.Contains(entries[0].Detail, password) {
			t.Error("the one-time password is in the audit log")
		}

		// The member signs in with it and sets their own: the mark goes.
		cookie, _, err := svc.SignIn(ctx, "pv@bao.vn", password, "10.0.0.7", "thử")
		if err != nil {
			t.Fatal(err)
		}
		ss, err := svc.Current(ctx, cookie)
		if err != nil || !ss.User.MustChangePassword {
			t.Fatalf("signed in with the one-time password: %+v %v", ss, err)
		}
		if _, err := svc.ChangePassword(ctx, ss, "10.0.0.7", password, password, password); news.ErrorCode(err) != news.Invalid {
			t.Errorf("keeping the one-time password: %v", err)
		}
		if _, err := svc.ChangePassword(ctx, ss, "10.0.0.7", password, "mật khẩu riêng của Hà", "mật khẩu riêng của Hà"); err != nil {
			t.Fatal(err)
		}
		if stored, _ := s.UserByID(ctx, u.ID); stored.MustChangePassword {
			t.Error("the mark stayed after the change")
		}
	})
}

// A disabled account can be reset (reset, then enable, shuts out whoever
// knew the old password); it stays disabled until enabled.
func TestResetDisabledAccount(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		u, _, _ := signedIn(t, s, svc, "pv@bao.vn")
		in := accounts.UserInput{ID: u.ID, Name: u.Name, Roles: u.Roles, Disabled: true}
		if _, _, err := svc.SaveUser(ctx, by, in); err != nil {
			t.Fatal(err)
		}
		got, password, _, err := svc.ResetPassword(ctx, by, u.ID)
		if err != nil || !got.Disabled {
			t.Fatalf("reset of a disabled account: %+v %v", got, err)
		}
		if _, _, err := svc.SignIn(ctx, "pv@bao.vn", password, "10.0.0.9", "thử"); news.ErrorCode(err) != news.Unauthorized {
			t.Errorf("a disabled account signed in with its one-time password: %v", err)
		}
		in.Disabled = false
		if _, _, err := svc.SaveUser(ctx, by, in); err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.SignIn(ctx, "pv@bao.vn", password, "10.0.0.9", "thử"); err != nil {
			t.Errorf("enabled, the one-time password: %v", err)
		}
	})
}

// A member who lost their phone has two-factor sign-in turned off by an
// administrator or the shell; a member who has none is told so.
func TestResetSecondFactor(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		u, _, _ := signedIn(t, s, svc, "pv@bao.vn")
		if _, _, err := svc.ResetSecondFactor(ctx, by, u.ID); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), "chưa bật") {
			t.Errorf("a reset of two-factor that is off: %v", err)
		}
		if _, err := s.SetTOTP(ctx, news.System(), u.ID, auth.NewTOTPSecret(), ""); err != nil {
			t.Fatal(err)
		}
		// A browser waiting for the code, and a token.
		cookie, pending, err := svc.SignIn(ctx, "pv@bao.vn", memberPassword, "10.0.0.7", "thử")
		if err != nil || !pending {
			t.Fatalf("sign-in with two-factor: %v %v", pending, err)
		}
		waiting, err := svc.Current(ctx, cookie)
		if err != nil {
			t.Fatal(err)
		}
		token, _, err := svc.CreateToken(ctx, news.Shell(), u.ID, "Kịch bản")
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := svc.ResetSecondFactor(ctx, news.Actor{User: u}, u.ID); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a reporter resetting their own two-factor here: %v", err)
		}
		if _, _, err := svc.ResetSecondFactor(ctx, by, by.User.ID); news.ErrorCode(err) != news.Invalid {
			t.Errorf("an administrator resetting their own: %v", err)
		}
		_, ended, err := svc.ResetSecondFactor(ctx, news.Shell(), u.ID)
		if err != nil || ended != (store.Ended{Sessions: 1, Tokens: 1}) {
			t.Fatalf("reset: %+v %v", ended, err)
		}
		assertSignedOut(t, s, svc, []*accounts.Session{waiting}, token)
		if _, pending, err := svc.SignIn(ctx, "pv@bao.vn", memberPassword, "10.0.0.7", "thử"); err != nil || pending {
			t.Fatalf("sign-in after the reset: pending %v, %v", pending, err)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "user", ObjectID: u.ID, Limit: 5})
		if err != nil || !hasAction(entries, "user.2fa_reset", news.CommandLine) {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

func hasAction(entries []news.AuditEntry, action, ip string) bool {
	for _, e := range entries {
		if e.Action == action && e.IP == ip {
			return true
		}
	}
	return false
}

// The shell sets a password the operator typed, by the same policy as
// everywhere; it clears the mark of a one-time password.
func TestSetPassword(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		u, _, err := svc.EnsureAdmin(ctx, "admin@localhost")
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"", "ngắn quá", norm.NFD.String("mật khẩu"), strings.Repeat("ậ", 70), "          ", "mật\xffkhẩu dài đủ"} {
			if _, err := svc.SetPassword(ctx, news.Shell(), u.ID, bad); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), "Mật khẩu") {
				t.Errorf("password %q: %v", bad, err)
			}
		}
		if stored, _ := s.UserByID(ctx, u.ID); !stored.MustChangePassword {
			t.Fatal("a refused password cleared the mark")
		}
		// Ten letters in NFD are more than ten code points; in NFC ten.
		chosen := norm.NFD.String("Đồng Hới ạ")
		if _, err := svc.SetPassword(ctx, news.Shell(), u.ID, chosen); err != nil {
			t.Fatal(err)
		}
		stored, _ := s.UserByID(ctx, u.ID)
		if stored.MustChangePassword || !passwordIs(t, s, u.ID, norm.NFC.String(chosen)) {
			t.Fatalf("after passwd: mark %v", stored.MustChangePassword)
		}
		if _, err := svc.SetPassword(ctx, news.Actor{User: stored}, u.ID, "mật khẩu khác nữa"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("an administrator setting their own password without the current one: %v", err)
		}
		if _, err := svc.FindUser(ctx, "khong-co@bao.vn"); news.ErrorCode(err) != news.NotFound || !strings.Contains(news.ErrorMessage(err), "khong-co@bao.vn") {
			t.Errorf("an unknown address: %v", err)
		}
	})
}

// Addresses change: a member's own with their password, anyone's by an
// administrator; an address someone has, or an invalid one, is refused
// and nothing changes.
func TestChangeEmail(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		u, sessions, _ := signedIn(t, s, svc, "pv@bao.vn")
		signedIn(t, s, svc, "bv@bao.vn")
		for _, c := range []struct {
			email string
			code  news.Code
		}{
			{"BV@bao.vn", news.Conflict}, {"pv@bao.vn", news.Invalid}, {"hà@bao.vn", news.Invalid}, {"<b>x</b>@bao.vn", news.Invalid}, {"", news.Invalid},
		} {
			if _, err := svc.ChangeEmail(ctx, by, u.ID, c.email); news.ErrorCode(err) != c.code {
				t.Errorf("address %q: %v, want %s", c.email, err, c.code)
			}
		}
		if _, err := svc.ChangeEmail(ctx, news.Actor{User: u}, u.ID, "moi@bao.vn"); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("a reporter through the administrators' door: %v", err)
		}
		if _, err := svc.ChangeEmail(ctx, by, by.User.ID, "moi@bao.vn"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("an administrator's own address without a password: %v", err)
		}
		if stored, _ := s.UserByID(ctx, u.ID); stored.Email != "pv@bao.vn" {
			t.Fatalf("a refused change wrote %q", stored.Email)
		}
		if _, err := svc.ChangeEmail(ctx, by, u.ID, " Thu.Ha@Bao.VN "); err != nil {
			t.Fatal(err)
		}
		if _, err := s.UserByEmail(ctx, "thu.ha@bao.vn"); err != nil {
			t.Fatalf("the new address: %v", err)
		}

		ss := sessions[0]
		ss.User.Email = "thu.ha@bao.vn"
		if _, err := svc.ChangeOwnEmail(ctx, ss, "10.0.0.7", "sai mật khẩu rồi", "ha@bao.vn"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("own address with a wrong password: %v", err)
		}
		if _, err := svc.ChangeOwnEmail(ctx, ss, "10.0.0.7", strings.Repeat("x", 5000), "ha@bao.vn"); news.ErrorCode(err) != news.Invalid {
			t.Errorf("own address with an absurd password: %v", err)
		}
		if _, err := svc.ChangeOwnEmail(ctx, ss, "10.0.0.7", norm.NFD.String(memberPassword), "Ha@Bao.vn"); err != nil {
			t.Fatalf("own address with the password typed in NFD: %v", err)
		}
		if _, _, err := svc.SignIn(ctx, "ha@bao.vn", memberPassword, "10.0.0.7", "thử"); err != nil {
			t.Fatalf("sign-in with the new address: %v", err)
		}
		entries, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "user", ObjectID: u.ID, Limit: 10})
		if err != nil || !hasAction(entries, "user.email", "10.0.0.7") || !hasAction(entries, "user.email", by.IP) {
			t.Fatalf("audit: %+v %v", entries, err)
		}
	})
}

// A new account given a one-time password must change it; one given a
// password by the shell's operator need not.
func TestNewAccountsOneTimePassword(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := accounts.New(s, auth.TestHasher(), time.Now)
		by := admin(t, s)
		a, password, err := svc.SaveUser(ctx, by, accounts.UserInput{Email: "a@bao.vn", Name: "A", Roles: []news.Role{news.Reporter}})
		if err != nil || password == "" {
			t.Fatal(err)
		}
		b, _, err := svc.SaveUser(ctx, by, accounts.UserInput{Email: "b@bao.vn", Name: "B", Roles: []news.Role{news.Reporter}, Password: memberPassword})
		if err != nil {
			t.Fatal(err)
		}
		sa, _ := s.UserByID(ctx, a.ID)
		sb, _ := s.UserByID(ctx, b.ID)
		if !sa.MustChangePassword || sb.MustChangePassword {
			t.Fatalf("one-time %v, chosen %v", sa.MustChangePassword, sb.MustChangePassword)
		}
		// Changing an account's roles keeps the mark.
		if _, _, err := svc.SaveUser(ctx, by, accounts.UserInput{ID: a.ID, Name: "A", Roles: []news.Role{news.Editor}}); err != nil {
			t.Fatal(err)
		}
		if sa, _ = s.UserByID(ctx, a.ID); !sa.MustChangePassword {
			t.Error("an edit cleared the mark")
		}
	})
}
