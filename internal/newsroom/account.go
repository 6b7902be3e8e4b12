package newsroom

import (
	"html/template"
	"net/http"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// accountPage is a member's own settings: password, sign-in address,
// two-factor sign-in, API tokens, and signing out everywhere. A member
// whose password must be changed sees the password form alone.
type accountPage struct {
	pageLayout
	Tokens    []store.APIToken
	NewToken  string // shown once, right after creation
	TOTPSetup string // a proposed secret while enabling two-factor
	// TOTPURI is the otpauth: link authenticator apps read; html/template
	// would blank an unknown scheme in an href, and this one is built
	// here (auth.TOTPURI escapes the site's name and the address).
	TOTPURI template.URL
	TOTPQR  template.HTML // TOTPURI as a QR code, an inline SVG
	PenName *news.Author  // the byline the member writes under
	Error   string
}

func (s *Server) accountPage(r *http.Request, ss *session) (accountPage, error) {
	page := accountPage{pageLayout: s.pageLayout(r, ss, "Tài khoản")}
	if ss.User.MustChangePassword {
		return page, nil
	}
	var err error
	if ss.User.AuthorID != 0 {
		au, err := s.store.AuthorByID(r.Context(), ss.User.AuthorID)
		if err != nil {
			return page, err
		}
		page.PenName = &au
	}
	if ss.User.TOTPSecret == "" {
		page.TOTPSetup = auth.NewTOTPSecret()
		uri := auth.TOTPURI(page.TOTPSetup, "Tòa soạn "+page.Site.Name, ss.User.Email)
		page.TOTPURI = template.URL(uri)
		if page.TOTPQR, err = qrSVG(uri, "Mã QR để thêm tài khoản vào ứng dụng xác thực"); err != nil {
			return page, err
		}
	}
	page.Tokens, err = s.store.APITokens(r.Context(), ss.User.ID)
	return page, err
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.accountPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "account", page)
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
	return s.render(w, web.StatusOf(news.ErrorCode(err)), "account", page)
}

func (s *Server) changePassword(w http.ResponseWriter, r *http.Request, ss *session) error {
	if _, err := s.accounts.ChangePassword(r.Context(), ss, web.ClientIP(r), r.PostFormValue("current"), r.PostFormValue("new"), r.PostFormValue("confirm")); err != nil {
		return s.refuseAccount(w, r, ss, err)
	}
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=mat-khau", http.StatusSeeOther)
	return nil
}

// changeOwnEmail gives the member a new sign-in address, given their
// password.
func (s *Server) changeOwnEmail(w http.ResponseWriter, r *http.Request, ss *session) error {
	if _, err := s.accounts.ChangeOwnEmail(r.Context(), ss, web.ClientIP(r), r.PostFormValue("password"), r.PostFormValue("email")); err != nil {
		return s.refuseAccount(w, r, ss, err)
	}
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=email", http.StatusSeeOther)
	return nil
}

// setSecondFactor turns two-factor sign-in on (with the proposed secret
// and a code proving the app has it) or off (with the password).
func (s *Server) setSecondFactor(w http.ResponseWriter, r *http.Request, ss *session) error {
	if r.PostFormValue("action") == "off" {
		if err := s.accounts.DisableSecondFactor(r.Context(), ss, web.ClientIP(r), r.PostFormValue("password")); err != nil {
			return s.refuseAccount(w, r, ss, err)
		}
		http.Redirect(w, r, "/toasoan/tai-khoan?ok=2fa-tat", http.StatusSeeOther)
		return nil
	}
	if _, err := s.accounts.EnableSecondFactor(r.Context(), ss, web.ClientIP(r), r.PostFormValue("secret"), r.PostFormValue("code")); err != nil {
		return s.refuseAccount(w, r, ss, err)
	}
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=2fa-bat", http.StatusSeeOther)
	return nil
}

func (s *Server) createAPIToken(w http.ResponseWriter, r *http.Request, ss *session) error {
	token, _, err := s.accounts.CreateToken(r.Context(), actor(ss, r), ss.User.ID, r.PostFormValue("name"))
	if err != nil {
		return s.refuseAccount(w, r, ss, err)
	}
	page, err := s.accountPage(r, ss)
	if err != nil {
		return err
	}
	page.NewToken = token
	return s.render(w, http.StatusOK, "account", page)
}

func (s *Server) revokeAPIToken(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy khóa API"))
	if err != nil {
		return err
	}
	if err := s.accounts.RevokeToken(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/tai-khoan?ok=khoa-api", http.StatusSeeOther)
	return nil
}
