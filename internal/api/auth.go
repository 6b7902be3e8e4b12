package api

import (
	"net"
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/newsroom"
)

// userHandler is a handler for a request whose token has been checked;
// u is the token's user, with their roles.
type userHandler func(w http.ResponseWriter, r *http.Request, u news.User) error

// maxTokenLen bounds what is hashed and looked up: real tokens are 43
// characters (auth.NewToken).
const maxTokenLen = 256

// authed runs h for requests that carry a live token of an enabled user,
// and answers 401 to every other.
func (a *API) authed(h userHandler) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, err := a.authenticate(r)
		if err != nil {
			return err
		}
		return h(w, r, u)
	}
}

func (a *API) authenticate(r *http.Request) (news.User, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return news.User{}, news.Errorf(news.Unauthorized, "Thiếu khóa API: hãy gửi tiêu đề “Authorization: Bearer <khóa>”")
	}
	if len(token) > maxTokenLen {
		return news.User{}, news.Errorf(news.Unauthorized, "Khóa API không hợp lệ hoặc đã bị thu hồi")
	}
	u, err := a.store.UserByAPIToken(r.Context(), auth.HashToken(token))
	if news.ErrorCode(err) == news.NotFound {
		// The token's user row is gone: the token is as good as revoked.
		return news.User{}, news.Errorf(news.Unauthorized, "Khóa API không hợp lệ hoặc đã bị thu hồi")
	}
	if err != nil {
		return news.User{}, err
	}
	if u.Disabled {
		return news.User{}, news.Errorf(news.Unauthorized, "Tài khoản của khóa API này đã bị khóa")
	}
	return u, nil
}

// actor is who acts in r, for permissions and the audit log.
func actor(r *http.Request, u news.User) newsroom.Actor {
	return newsroom.Actor{User: u, IP: clientAddress(r)}
}

// clientAddress is the request's peer address, for the audit log and
// comment rate limits.
func clientAddress(r *http.Request) string {
	ip, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return ip
}

// canReadNewsroom guards copy that readers do not see yet: unpublished
// articles and their revisions are for the roles that work on copy.
// Moderators and administrators have their own parts of the newsroom.
func canReadNewsroom(u news.User) error {
	if !news.CanWrite(u) {
		return news.Errorf(news.Forbidden, "Bạn không có quyền xem bài trong tòa soạn")
	}
	return nil
}
