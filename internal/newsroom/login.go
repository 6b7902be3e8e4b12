package newsroom

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// loginPage is the sign-in form, and the two-factor step after it.
type loginPage struct {
	pageLayout
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
	page := loginPage{pageLayout: s.pageLayout(r, nil, "Đăng nhập"), Next: safeNext(r.URL.Query().Get("tiep"))}
	return s.render(w, http.StatusOK, "login", page)
}

// login checks email and password. Every refusal says the same thing, so
// the form does not reveal which addresses have accounts.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	if err := web.ParseBoundedForm(w, r); err != nil {
		return err
	}
	email := strings.ToLower(strings.TrimSpace(r.PostFormValue("email")))
	page := loginPage{pageLayout: s.pageLayout(r, nil, "Đăng nhập"), Email: email, Next: safeNext(r.PostFormValue("tiep"))}
	token, pending, err := s.accounts.SignIn(r.Context(), email, r.PostFormValue("password"), web.ClientIP(r), r.UserAgent())
	if code := news.ErrorCode(err); code == news.TooMany || code == news.Unauthorized {
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(code), "login", page)
	}
	if err != nil {
		return err
	}
	setSessionCookie(w, r, token)
	if pending {
		http.Redirect(w, r, "/toasoan/xac-thuc?tiep="+url.QueryEscape(page.Next), http.StatusSeeOther)
		return nil
	}
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
	page := loginPage{pageLayout: s.pageLayout(r, nil, "Xác thực hai bước"), Pending: true, Next: safeNext(r.URL.Query().Get("tiep"))}
	page.CSRF = ss.CSRFToken
	return s.render(w, http.StatusOK, "login", page)
}

func (s *Server) secondFactor(w http.ResponseWriter, r *http.Request) error {
	ss, err := s.currentSession(r)
	if err != nil || !ss.SecondFactorPending {
		return news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
	}
	if err := web.ParseBoundedForm(w, r); err != nil {
		return err
	}
	if !auth.Equal(r.PostFormValue("csrf"), ss.CSRFToken) {
		return news.Errorf(news.Forbidden, "Yêu cầu không hợp lệ; hãy tải lại trang")
	}
	page := loginPage{pageLayout: s.pageLayout(r, nil, "Xác thực hai bước"), Pending: true, Next: safeNext(r.PostFormValue("tiep"))}
	page.CSRF = ss.CSRFToken
	err = s.accounts.SecondFactor(r.Context(), ss, r.PostFormValue("code"), web.ClientIP(r))
	if code := news.ErrorCode(err); code == news.TooMany || code == news.Unauthorized {
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(code), "login", page)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, page.Next, http.StatusSeeOther)
	return nil
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := s.accounts.SignOut(r.Context(), ss, web.ClientIP(r)); err != nil {
		return err
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/toasoan/dang-nhap", http.StatusSeeOther)
	return nil
}

// logoutEverywhere ends every session of the member, this one included.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, ss *session) error {
	if _, err := s.accounts.SignOutEverywhere(r.Context(), ss, web.ClientIP(r)); err != nil {
		return err
	}
	clearSessionCookie(w, r)
	http.Redirect(w, r, "/toasoan/dang-nhap", http.StatusSeeOther)
	return nil
}
