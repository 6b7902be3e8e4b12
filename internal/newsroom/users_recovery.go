package newsroom

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// pathUserID is the member a users page URL names.
func pathUserID(r *http.Request) (int64, error) {
	return web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy người dùng"))
}

// resetPassword gives a member a new one-time password, shown once to
// the administrator, to be changed at the member's next sign-in; every
// session and API token of theirs ends.
func (s *Server) resetPassword(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := pathUserID(r)
	if err != nil {
		return err
	}
	u, password, ended, err := s.accounts.ResetPassword(r.Context(), actor(ss, r), id)
	if err != nil {
		return s.refuseUsers(w, r, ss, err)
	}
	notice := "Đã đặt lại mật khẩu của " + u.Email + "; " + ended.String() + ". Người dùng phải đổi mật khẩu này khi đăng nhập."
	if u.Disabled {
		notice += " Tài khoản vẫn đang bị khóa: bỏ khóa để người dùng đăng nhập được."
	}
	return s.showOneTimePassword(w, r, ss, password, notice)
}

// resetSecondFactor turns two-factor sign-in off for a member who lost
// their authenticator; every session and API token of theirs ends.
func (s *Server) resetSecondFactor(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := pathUserID(r)
	if err != nil {
		return err
	}
	if _, _, err := s.accounts.ResetSecondFactor(r.Context(), actor(ss, r), id); err != nil {
		return s.refuseUsers(w, r, ss, err)
	}
	http.Redirect(w, r, "/toasoan/nguoi-dung?ok=hai-buoc", http.StatusSeeOther)
	return nil
}

// changeUserEmail gives a member a new sign-in address.
func (s *Server) changeUserEmail(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := pathUserID(r)
	if err != nil {
		return err
	}
	if _, err := s.accounts.ChangeEmail(r.Context(), actor(ss, r), id, r.PostFormValue("email")); err != nil {
		return s.refuseUsers(w, r, ss, err)
	}
	http.Redirect(w, r, "/toasoan/nguoi-dung?ok=email", http.StatusSeeOther)
	return nil
}
