package api

import (
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// userHandler is a handler for a request whose token has been checked;
// u is the token's user, with their roles.
type userHandler func(w http.ResponseWriter, r *http.Request, u news.User) error

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

// authenticate is the user of the request's bearer token.
func (a *API) authenticate(r *http.Request) (news.User, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return news.User{}, news.Errorf(news.Unauthorized, "Thiếu khóa API: hãy gửi tiêu đề “Authorization: Bearer <khóa>”")
	}
	return a.accounts.UserByToken(r.Context(), token)
}

// actor is who acts in r, for permissions and the audit log.
func actor(r *http.Request, u news.User) news.Actor {
	return news.Actor{User: u, IP: web.ClientIP(r)}
}

// canReadNewsroom guards the newsroom's list of copy: it is for the roles
// that work on copy, each seeing what news.CanRead lets them open.
func canReadNewsroom(u news.User) error { return news.Require(u, news.ReadCopy) }

// readable is the article id if u may open it (news.CanRead), the same
// rule as the newsroom's pages.
func (a *API) readable(r *http.Request, u news.User, id int64) (news.Article, error) {
	art, err := a.store.Article(r.Context(), id)
	if err != nil {
		return art, err
	}
	return art, news.CanRead(u, art)
}
