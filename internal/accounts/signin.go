package accounts

import (
	"context"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Session lifetimes. Sessions live in the database, so signing out
// everywhere or disabling a user takes effect at once.
const (
	SessionIdle    = 12 * time.Hour
	sessionTouch   = 5 * time.Minute
	pendingTimeout = 10 * time.Minute // to type the two-factor code
	maxUserAgent   = 300
	maxPassword    = 1024 // bytes looked at; the policy allows 200
)

// Session is a signed-in browser and its member.
type Session struct {
	store.Session
	User news.User
}

// Actor is the session's member acting from ip.
func (ss *Session) Actor(ip string) news.Actor { return news.Actor{User: ss.User, IP: ip} }

// The sign-in policy. Guessing is slowed where it happens without
// locking the owner out:
//   - one address may get an account's password wrong pairMax times in
//     limitWindow; after that, that address may not try that account
//     (others may, the owner among them);
//   - one address may get passwords wrong addressMax times in limitWindow,
//     whatever the accounts; after that it may not try any;
//   - an account wrong accountFree times in limitWindow, from anywhere (a
//     guess spread over many addresses), makes every next try on it wait a
//     delay that doubles with each failure, up to maxDelay: slower guessing,
//     never a lock.
//
// A right password clears the account's and its address's counts.
const (
	limitWindow = 15 * time.Minute
	pairMax     = 5
	addressMax  = 30
	accountFree = 10
	maxDelay    = time.Minute
)

// limits count failed sign-ins.
type limits struct {
	pair    *auth.Limiter // account and address
	address *auth.Limiter
	account *auth.Limiter // counts only: accountDelay decides
	totp    *auth.Limiter // wrong two-factor codes per account
}

func newLimits(now func() time.Time) limits {
	return limits{
		pair:    auth.NewLimiter(pairMax, limitWindow, now),
		address: auth.NewLimiter(addressMax, limitWindow, now),
		account: auth.NewLimiter(1000, limitWindow, now),
		totp:    auth.NewLimiter(5, limitWindow, now),
	}
}

// wait is how long the account's next try must wait: zero until it has
// accountFree recent failures, then a second doubled for each failure
// past them, up to maxDelay, counted from the last failure.
func (l limits) wait(email string, now time.Time) time.Duration {
	n, last := l.account.Recent(email)
	if n < accountFree {
		return 0
	}
	delay := maxDelay
	if shift := n - accountFree; shift < 6 {
		delay = min(time.Second<<shift, maxDelay)
	}
	return max(last.Add(delay).Sub(now), 0)
}

// Refusals of a sign-in, the same whatever was wrong, so the form does not
// reveal which addresses have accounts.
var (
	errTooManyTries = news.Errorf(news.TooMany, "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại.")
	errBadLogin     = news.Errorf(news.Unauthorized, "Email hoặc mật khẩu không đúng.")
	errBadCode      = news.Errorf(news.Unauthorized, "Mã xác thực không đúng hoặc đã được dùng.")
)

// SignIn checks email and password sent from ip by a browser calling
// itself userAgent, and starts a session: its token is the cookie's value.
// With two-factor sign-in on, the session waits for the code (see
// SecondFactor) and pending is true.
func (s *Service) SignIn(ctx context.Context, email, password, ip, userAgent string) (token string, pending bool, err error) {
	email = strings.ToLower(strings.TrimSpace(email))
	pair := email + "\x00" + ip
	if s.limits.address.Blocked(ip) || s.limits.pair.Blocked(pair) {
		if err := s.store.Audit(ctx, news.AuditEntry{Action: "session.login_blocked", Detail: email, IP: ip}); err != nil {
			return "", false, err
		}
		return "", false, errTooManyTries
	}
	if wait := s.limits.wait(email, s.now()); wait > 0 {
		return "", false, news.Errorf(news.TooMany, "Tài khoản này vừa bị thử sai mật khẩu nhiều lần. Vui lòng chờ %d giây rồi thử lại.", int(wait.Seconds())+1)
	}
	password = vietnamese.NFC(password)
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && news.ErrorCode(err) != news.NotFound {
		return "", false, err
	}
	ok := false
	if err == nil && !u.Disabled && len(password) <= maxPassword {
		ok, _ = auth.Verify(u.PasswordHash, password)
	}
	if !ok {
		s.limits.address.Allow(ip)
		s.limits.pair.Allow(pair)
		s.limits.account.Allow(email)
		if err := s.store.Audit(ctx, news.AuditEntry{Action: "session.login_failed", Detail: email, IP: ip}); err != nil {
			return "", false, err
		}
		return "", false, errBadLogin
	}
	s.limits.pair.Reset(pair)
	s.limits.account.Reset(email)
	var rehash string
	if s.hasher.NeedsRehash(u.PasswordHash) {
		if rehash, err = s.hasher.Hash(password); err != nil {
			return "", false, err
		}
	}
	pending = u.TOTPSecret != ""
	now := s.now()
	expires := now.Add(SessionIdle)
	if pending {
		expires = now.Add(pendingTimeout)
	}
	token = auth.NewToken()
	ss := store.Session{TokenHash: auth.HashToken(token), UserID: u.ID, CSRFToken: auth.NewToken(), SecondFactorPending: pending,
		IP: ip, UserAgent: clip(userAgent, maxUserAgent), CreatedAt: now, LastSeen: now, ExpiresAt: expires}
	if err := s.store.CreateSession(ctx, news.Actor{User: u, IP: ip}, ss, rehash); err != nil {
		return "", false, err
	}
	return token, pending, nil
}

// SecondFactor completes a pending session with the authenticator app's
// code, sent from ip.
func (s *Service) SecondFactor(ctx context.Context, ss *Session, code, ip string) error {
	key := ss.User.Email
	if s.limits.totp.Blocked(key) {
		return news.Errorf(news.TooMany, "Bạn đã nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại.")
	}
	step, ok := auth.VerifyTOTP(ss.User.TOTPSecret, strings.TrimSpace(code), s.now())
	if !ok {
		s.limits.totp.Allow(key)
		return errBadCode
	}
	err := s.store.CompleteSecondFactor(ctx, ss.Actor(ip), ss.TokenHash, step)
	if news.ErrorCode(err) == news.Unauthorized {
		s.limits.totp.Allow(key)
		return errBadCode
	}
	return err
}

// Current is the live session whose cookie holds token, with its member;
// its expiry slides forward now and then. A disabled member has none.
func (s *Service) Current(ctx context.Context, token string) (*Session, error) {
	if token == "" || len(token) > 100 {
		return nil, news.Errorf(news.Unauthorized, "Chưa đăng nhập")
	}
	now := s.now()
	st, err := s.store.SessionByHash(ctx, auth.HashToken(token), now)
	if err != nil {
		return nil, err
	}
	u, err := s.store.UserByID(ctx, st.UserID)
	if news.ErrorCode(err) == news.NotFound || err == nil && u.Disabled {
		return nil, news.Errorf(news.Unauthorized, "Tài khoản đã bị khóa")
	}
	if err != nil {
		return nil, err
	}
	if !st.SecondFactorPending && now.Sub(st.LastSeen) > sessionTouch {
		if err := s.store.TouchSession(ctx, st.TokenHash, now, now.Add(SessionIdle)); err != nil {
			return nil, err
		}
	}
	return &Session{Session: st, User: u}, nil
}

// SignOut ends the session whose cookie holds token.
func (s *Service) SignOut(ctx context.Context, ss *Session, ip string) error {
	return s.store.DeleteSession(ctx, ss.Actor(ip), ss.TokenHash)
}

// SignOutEverywhere ends every session of the member, this one included,
// and returns how many ended.
func (s *Service) SignOutEverywhere(ctx context.Context, ss *Session, ip string) (int, error) {
	return s.store.DeleteUserSessions(ctx, ss.Actor(ip), ss.User.ID)
}

// clip keeps at most n bytes of s, whole characters only.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}
