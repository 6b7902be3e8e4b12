package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// loginLimits slow down password guessing: per account and per address.
type loginLimits struct {
	account *auth.Limiter
	address *auth.Limiter
}

func newLoginLimits(now func() time.Time) loginLimits {
	return loginLimits{
		account: auth.NewLimiter(5, 15*time.Minute, now),
		address: auth.NewLimiter(30, 15*time.Minute, now),
	}
}

// loginPage is the sign-in form, and the two-factor step after it.
type loginPage struct {
	newsroomLayout
	Email   string
	Next    string
	Error   string
	Pending bool // asking for the two-factor code
}

// safeNext keeps the after-sign-in redirect inside the newsroom.
func safeNext(next string) string {
	if strings.HasPrefix(next, "/toasoan/") && !strings.HasPrefix(next, "//") && !strings.ContainsAny(next, "\\\r\n") {
		return next
	}
	return "/toasoan/"
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) error {
	page := loginPage{newsroomLayout: s.newsroomLayout(r, nil, "Đăng nhập"), Next: safeNext(r.URL.Query().Get("tiep"))}
	return s.render(w, http.StatusOK, "newsroom/login", page)
}

// login checks email and password. Every refusal says the same thing, so
// the form does not reveal which addresses have accounts.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	page := loginPage{newsroomLayout: s.newsroomLayout(r, nil, "Đăng nhập"), Email: email, Next: safeNext(r.PostFormValue("tiep"))}
	ip := clientIP(r)
	if s.logins.address.Blocked(ip) || s.logins.account.Blocked(email) {
		page.Error = "Bạn đã thử đăng nhập quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại."
		s.store.Audit(r.Context(), news.AuditEntry{Action: "session.login_blocked", Detail: email, IP: ip})
		return s.render(w, http.StatusTooManyRequests, "newsroom/login", page)
	}
	u, err := s.store.UserByEmail(r.Context(), email)
	password := vietnamese.NFC(r.PostFormValue("password"))
	ok := false
	if err == nil && !u.Disabled && len(password) <= 1024 {
		ok, _ = auth.Verify(u.PasswordHash, password)
	}
	if !ok {
		s.logins.address.Allow(ip)
		s.logins.account.Allow(email)
		s.store.Audit(r.Context(), news.AuditEntry{Action: "session.login_failed", Detail: email, IP: ip})
		page.Error = "Email hoặc mật khẩu không đúng."
		return s.render(w, http.StatusUnauthorized, "newsroom/login", page)
	}
	s.logins.account.Reset(email)
	if s.hasher.NeedsRehash(u.PasswordHash) {
		if h, err := s.hasher.Hash(password); err == nil {
			s.store.SetPassword(r.Context(), u.ID, h)
		}
	}
	pending := u.TOTPSecret != ""
	if err := s.startSession(w, r, u, pending); err != nil {
		return err
	}
	if pending {
		http.Redirect(w, r, "/toasoan/xac-thuc?tiep="+url.QueryEscape(page.Next), http.StatusSeeOther)
		return nil
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: u.ID, Action: "session.login", ObjectType: "user", ObjectID: u.ID, IP: ip})
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

// showSecondFactor asks for the authenticator app's code.
func (s *Server) showSecondFactor(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.currentSession(r)
	if err != nil || !ss.SecondFactorPending {
		http.Redirect(w, r, "/toasoan/dang-nhap", http.StatusSeeOther)
		return nil
	}
	page := loginPage{newsroomLayout: s.newsroomLayout(r, nil, "Xác thực hai bước"), Pending: true, Next: safeNext(r.URL.Query().Get("tiep"))}
	page.CSRF = ss.CSRFToken
	return s.render(w, http.StatusOK, "newsroom/login", page)
}

func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.currentSession(r)
	if err != nil || !ss.SecondFactorPending {
		return news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
	}
	if !auth.Equal(r.PostFormValue("csrf"), ss.CSRFToken) {
		return news.Errorf(news.Forbidden, "Yêu cầu không hợp lệ; hãy tải lại trang")
	}
	page := loginPage{newsroomLayout: s.newsroomLayout(r, nil, "Xác thực hai bước"), Pending: true, Next: safeNext(r.PostFormValue("tiep"))}
	page.CSRF = ss.CSRFToken
	key := "totp:" + ss.User.Email
	if s.logins.account.Blocked(key) {
		page.Error = "Bạn đã nhập sai quá nhiều lần. Vui lòng chờ 15 phút rồi thử lại."
		return s.render(w, http.StatusTooManyRequests, "newsroom/login", page)
	}
	step, ok := auth.VerifyTOTP(ss.User.TOTPSecret, strings.TrimSpace(r.PostFormValue("code")), s.now())
	if ok {
		ok = s.store.UseTOTPStep(r.Context(), ss.User.ID, step) == nil
	}
	if !ok {
		s.logins.account.Allow(key)
		page.Error = "Mã xác thực không đúng hoặc đã được dùng."
		return s.render(w, http.StatusUnauthorized, "newsroom/login", page)
	}
	if err := s.store.CompleteSecondFactor(r.Context(), ss.TokenHash); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "session.login", ObjectType: "user", ObjectID: ss.User.ID, Detail: "hai bước", IP: clientIP(r)})
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, ss *session) error {
	s.endSession(w, r)
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "session.logout", ObjectType: "user", ObjectID: ss.User.ID, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/dang-nhap", http.StatusSeeOther)
	return nil
}

// logoutEverywhere ends every session of the member, this one included.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, ss *session) error {
	n, err := s.store.DeleteUserSessions(r.Context(), ss.User.ID)
	if err != nil {
		return err
	}
	s.endSession(w, r)
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "session.logout_everywhere", ObjectType: "user", ObjectID: ss.User.ID,
		Detail: strconv.Itoa(n) + " phiên", IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/dang-nhap", http.StatusSeeOther)
	return nil
}
