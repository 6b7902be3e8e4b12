package newsroom

import (
	"net/http"
	"net/url"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// sessionCookie holds a session's token; the database holds its hash.
const sessionCookie = "toasoan_session"

// session is a signed-in newsroom member.
type session = accounts.Session

// actor is the session's member acting through r.
func actor(ss *session, r *http.Request) news.Actor { return ss.Actor(web.ClientIP(r)) }

// memberHandler is a newsroom page: it runs only for a signed-in member.
type memberHandler func(w http.ResponseWriter, r *http.Request, ss *session) error

// member adapts a memberHandler: no session sends a browser to the
// sign-in page; a member without the permission gets 403; any
// state-changing request must carry the session's CSRF token (form field
// "csrf" or header X-CSRF-Token).
func (s *Server) member(permission news.Permission, h memberHandler) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		ss, err := s.currentSession(r)
		if news.ErrorCode(err) == news.Unauthorized || err == nil && ss.SecondFactorPending {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/toasoan/dang-nhap?tiep="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
		}
		if err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
		if ss.User.MustChangePassword && !beforePasswordChange[r.Pattern] {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/toasoan/tai-khoan?ok=phai-doi", http.StatusSeeOther)
				return nil
			}
			return news.Errorf(news.Forbidden, "Bạn cần đặt mật khẩu mới (ở trang Tài khoản) trước khi làm việc tiếp")
		}
		if permission != "" {
			if err := news.Require(ss.User, permission); err != nil {
				return err
			}
		}
		if streamedUploads[r.Pattern] {
			// The body is a file too large to parse first: the handler
			// checks the token (header, or the form's first part).
			return h(w, r, ss)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := web.ParseBoundedForm(w, r); err != nil {
				return err
			}
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				token = r.PostFormValue("csrf")
			}
			if !auth.Equal(token, ss.CSRFToken) {
				return news.Errorf(news.Forbidden, "Yêu cầu không hợp lệ (mã chống giả mạo không khớp); hãy tải lại trang rồi thử lại")
			}
		}
		return h(w, r, ss)
	})
}

// streamedUploads are the routes whose body the handler streams (videos
// of gigabytes); each checks the CSRF token itself, with checkCSRF,
// before it reads the file.
var streamedUploads = map[string]bool{"POST /toasoan/video": true, "POST /toasoan/tai-len": true,
	"HEAD /toasoan/tai-len/{id}": true, "PATCH /toasoan/tai-len/{id}": true, "DELETE /toasoan/tai-len/{id}": true}

// checkCSRF compares a token sent with a streamed upload with the
// session's.
func checkCSRF(ss *session, token string) error {
	if !auth.Equal(token, ss.CSRFToken) {
		return news.Errorf(news.Forbidden, "Yêu cầu không hợp lệ (mã chống giả mạo không khớp); hãy tải lại trang rồi thử lại")
	}
	return nil
}

// beforePasswordChange are the routes open to a member whose password
// must be changed (a one-time password from an administrator or the first
// start): the page to change it, and signing out.
var beforePasswordChange = map[string]bool{
	"GET /toasoan/tai-khoan":           true,
	"POST /toasoan/tai-khoan/mat-khau": true,
	"POST /toasoan/dang-xuat":          true,
	"POST /toasoan/dang-xuat-tat-ca":   true,
}

// currentSession is the session of the request's cookie.
func (s *Server) currentSession(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return nil, news.Errorf(news.Unauthorized, "Chưa đăng nhập")
	}
	return s.accounts.Current(r.Context(), c.Value)
}

// setSessionCookie gives the browser its session's token.
func setSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: web.SecureCookies(r), SameSite: http.SameSiteLaxMode})
}

// clearSessionCookie makes the browser forget its session.
func clearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: web.SecureCookies(r), SameSite: http.SameSiteLaxMode})
}
