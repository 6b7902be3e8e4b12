package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/newsroom"
	"github.com/toasoan/toasoan/internal/store"
)

// Session cookie and lifetimes. Sessions live in the database, so signing
// out everywhere or disabling a user takes effect at once.
const (
	sessionCookie  = "toasoan_session"
	sessionIdle    = 12 * time.Hour
	sessionTouch   = 5 * time.Minute
	pendingTimeout = 10 * time.Minute // to type the two-factor code
)

// session is a signed-in newsroom member.
type session struct {
	store.Session
	User news.User
}

func (ss *session) actor(r *http.Request) newsroom.Actor {
	return newsroom.Actor{User: ss.User, IP: clientIP(r)}
}

// newsroomHandler is a newsroom page: it runs only for a signed-in member.
type newsroomHandler func(w http.ResponseWriter, r *http.Request, ss *session) error

// member adapts a newsroomHandler: no session sends a browser to the
// sign-in page; any state-changing request must carry the session's
// CSRF token (form field "csrf" or header X-CSRF-Token).
func (s *Server) member(h newsroomHandler) http.Handler {
	return s.handle(func(w http.ResponseWriter, r *http.Request) error {
		ss, err := s.currentSession(r)
		if err != nil || ss.SecondFactorPending {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/toasoan/dang-nhap?tiep="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return nil
			}
			return news.Errorf(news.Unauthorized, "Phiên đăng nhập đã hết hạn; vui lòng đăng nhập lại")
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := parseBoundedForm(w, r); err != nil {
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
		w.Header().Set("Cache-Control", "no-store")
		return h(w, r, ss)
	})
}

// currentSession reads the session cookie, checks the session and its
// user, and slides the expiry forward now and then.
func (s *Server) currentSession(r *http.Request) (*session, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil || c.Value == "" || len(c.Value) > 100 {
		return nil, news.Errorf(news.Unauthorized, "Chưa đăng nhập")
	}
	now := s.now()
	st, err := s.store.SessionByHash(r.Context(), auth.HashToken(c.Value), now)
	if err != nil {
		return nil, err
	}
	u, err := s.store.UserByID(r.Context(), st.UserID)
	if err != nil || u.Disabled {
		return nil, news.Errorf(news.Unauthorized, "Tài khoản đã bị khóa")
	}
	if !st.SecondFactorPending && now.Sub(st.LastSeen) > sessionTouch {
		s.store.TouchSession(r.Context(), st.TokenHash, now, now.Add(sessionIdle))
	}
	return &session{Session: st, User: u}, nil
}

// startSession creates a session for u and sets its cookie. With
// two-factor sign-in on, the session waits for the code first.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u news.User, pending bool) error {
	token := auth.NewToken()
	now := s.now()
	expires := now.Add(sessionIdle)
	if pending {
		expires = now.Add(pendingTimeout)
	}
	err := s.store.CreateSession(r.Context(), store.Session{
		TokenHash: auth.HashToken(token), UserID: u.ID, CSRFToken: auth.NewToken(), SecondFactorPending: pending,
		IP: clientIP(r), UserAgent: truncate(r.UserAgent(), 300), CreatedAt: now, LastSeen: now, ExpiresAt: expires,
	})
	if err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
	return nil
}

func (s *Server) endSession(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.store.DeleteSession(r.Context(), auth.HashToken(c.Value))
	}
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode})
}

// secureCookies marks cookies Secure whenever the paper is reached over
// HTTPS, directly or through the reverse proxy.
func (s *Server) secureCookies(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

// clientIP is the address a request came from, for rate limits and the
// audit log.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// Limits on a newsroom request's body: photos may be large, forms not.
const (
	maxFormBytes   = 2 << 20
	maxUploadBytes = 25 << 20
)

// parseBoundedForm reads a POST's form within its size limit, so an
// oversized or malformed body gets a clear 4xx instead of a partial read.
func parseBoundedForm(w http.ResponseWriter, r *http.Request) error {
	limit := int64(maxFormBytes)
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	if multipart {
		limit = maxUploadBytes
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if multipart {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return news.Errorf(news.TooLarge, "Dữ liệu gửi lên quá lớn (tối đa %d MB)", limit>>20)
	case err != nil:
		return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
	}
	return nil
}
