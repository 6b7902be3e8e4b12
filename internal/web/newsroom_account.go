package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// accountPage is a member's own settings: password, two-factor sign-in,
// API tokens, and signing out everywhere.
type accountPage struct {
	newsroomLayout
	Tokens    []store.APIToken
	NewToken  string // shown once, right after creation
	TOTPSetup string // a proposed secret while enabling two-factor
	TOTPURI   string
	Error     string
}

func (s *Server) accountPage(r *http.Request, ss *session) (accountPage, error) {
	page := accountPage{newsroomLayout: s.newsroomLayout(r, ss, "Tài khoản")}
	var err error
	page.Tokens, err = s.store.APITokens(r.Context(), ss.User.ID)
	if ss.User.TOTPSecret == "" {
		page.TOTPSetup = auth.NewTOTPSecret()
		page.TOTPURI = auth.TOTPURI(page.TOTPSetup, "Tòa soạn "+page.Site.Name, ss.User.Email)
	}
	return page, err
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.accountPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/account", page)
}

// refuseAccount shows the account page again with a refusal.
func (s *Server) refuseAccount(w http.ResponseWriter, r *http.Request, ss *session, err error) error {
	if news.ErrorCode(err) == news.Internal {
		return err
	}
	page, perr := s.accountPage(r, ss)
	if perr != nil {
		return perr
	}
	page.Error = news.ErrorMessage(err)
	return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/account", page)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, ss *session) error {
	current := vietnamese.NFC(r.PostFormValue("current"))
	next := vietnamese.NFC(r.PostFormValue("new"))
	if ok, _ := auth.Verify(ss.User.PasswordHash, current); !ok {
		return s.refuseAccount(w, r, ss, news.Errorf(news.Invalid, "Mật khẩu hiện tại không đúng"))
	}
	if next != vietnamese.NFC(r.PostFormValue("confirm")) {
		return s.refuseAccount(w, r, ss, news.Errorf(news.Invalid, "Hai lần nhập mật khẩu mới không khớp"))
	}
	if err := auth.CheckPassword(next); err != nil {
		return s.refuseAccount(w, r, ss, err)
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(r.Context(), ss.User.ID, hash); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "user.password", ObjectType: "user", ObjectID: ss.User.ID, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=mat-khau", http.StatusSeeOther)
	return nil
}

// setSecondFactor turns two-factor sign-in on (with the proposed secret
// and a code proving the app has it) or off (with the password).
func (s *Server) setSecondFactor(w http.ResponseWriter, r *http.Request, ss *session) error {
	if r.PostFormValue("action") == "off" {
		if ok, _ := auth.Verify(ss.User.PasswordHash, vietnamese.NFC(r.PostFormValue("password"))); !ok {
			return s.refuseAccount(w, r, ss, news.Errorf(news.Invalid, "Mật khẩu không đúng"))
		}
		if err := s.store.SetTOTP(r.Context(), ss.User.ID, ""); err != nil {
			return err
		}
		s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "user.2fa_off", ObjectType: "user", ObjectID: ss.User.ID, IP: clientIP(r)})
		http.Redirect(w, r, "/toasoan/tai-khoan?ok=2fa-tat", http.StatusSeeOther)
		return nil
	}
	secret := strings.TrimSpace(r.PostFormValue("secret"))
	if _, ok := auth.VerifyTOTP(secret, strings.TrimSpace(r.PostFormValue("code")), s.now()); !ok {
		return s.refuseAccount(w, r, ss, news.Errorf(news.Invalid, "Mã xác thực không đúng; hãy kiểm tra giờ trên điện thoại và thử lại"))
	}
	if err := s.store.SetTOTP(r.Context(), ss.User.ID, secret); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "user.2fa_on", ObjectType: "user", ObjectID: ss.User.ID, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=2fa-bat", http.StatusSeeOther)
	return nil
}

func (s *Server) createAPIToken(w http.ResponseWriter, r *http.Request, ss *session) error {
	name := strings.TrimSpace(vietnamese.NFC(r.PostFormValue("name")))
	if name == "" || len(name) > 100 {
		return s.refuseAccount(w, r, ss, news.Errorf(news.Invalid, "Vui lòng đặt tên cho khóa (tối đa 100 ký tự)"))
	}
	token := auth.NewToken()
	t, err := s.store.CreateAPIToken(r.Context(), ss.User.ID, auth.HashToken(token), name)
	if err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "token.create", ObjectType: "token", ObjectID: t.ID, Detail: name, IP: clientIP(r)})
	page, err := s.accountPage(r, ss)
	if err != nil {
		return err
	}
	page.NewToken = token
	return s.render(w, http.StatusOK, "newsroom/account", page)
}

func (s *Server) revokeAPIToken(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return news.Errorf(news.NotFound, "Không tìm thấy khóa API")
	}
	if err := s.store.RevokeAPIToken(r.Context(), ss.User.ID, id); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "token.revoke", ObjectType: "token", ObjectID: id, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=khoa-api", http.StatusSeeOther)
	return nil
}
