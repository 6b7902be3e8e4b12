package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// usersPage administers newsroom accounts.
type usersPage struct {
	pageLayout
	Users    []news.User
	Sections []news.Section
	Authors  []news.Author
	Roles    []news.Role
	Error    string
	Password string // a new account's one-time password, shown once
}

func (s *Server) usersPage(r *http.Request, ss *session) (usersPage, error) {
	page := usersPage{pageLayout: s.pageLayout(r, ss, "Người dùng"), Roles: news.Roles()}
	err := s.store.ReadAll(
		func() (err error) { page.Users, err = s.store.Users(r.Context()); return err },
		func() (err error) { page.Sections, err = s.store.Sections(r.Context()); return err },
		func() (err error) { page.Authors, err = s.store.Authors(r.Context()); return err },
	)
	return page, err
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.usersPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "users", page)
}

// saveUser creates an account (id empty) with a one-time password, or
// changes one's roles, sections, byline and whether it is disabled.
func (s *Server) saveUser(w http.ResponseWriter, r *http.Request, ss *session) error {
	in := accounts.UserInput{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Disabled: r.PostFormValue("disabled") == "1"}
	for _, v := range r.PostForm["roles"] {
		in.Roles = append(in.Roles, news.Role(v))
	}
	for _, v := range r.PostForm["section_ids"] {
		id, err := web.FormID(v)
		if err != nil {
			return news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
		}
		in.SectionIDs = append(in.SectionIDs, id)
	}
	var err error
	if in.AuthorID, err = web.FormID(r.PostFormValue("author_id")); err != nil {
		return news.Errorf(news.Invalid, "Tác giả không hợp lệ")
	}
	if in.ID, err = web.FormID(r.PostFormValue("id")); err != nil {
		return news.Errorf(news.Invalid, "Người dùng không hợp lệ")
	}
	u, password, err := s.accounts.SaveUser(r.Context(), actor(ss, r), in)
	if err != nil {
		return s.refuseUsers(w, r, ss, err)
	}
	if password == "" {
		http.Redirect(w, r, "/toasoan/nguoi-dung?ok=nguoi-dung", http.StatusSeeOther)
		return nil
	}
	return s.showOneTimePassword(w, r, ss, password, "Đã tạo tài khoản "+u.Email+".")
}

// refuseUsers shows the users page again with a refusal.
func (s *Server) refuseUsers(w http.ResponseWriter, r *http.Request, ss *session, err error) error {
	if news.ErrorCode(err) == news.Internal {
		return err
	}
	page, perr := s.usersPage(r, ss)
	if perr != nil {
		return perr
	}
	page.Error = news.ErrorMessage(err)
	return s.render(w, web.StatusOf(news.ErrorCode(err)), "users", page)
}

// showOneTimePassword shows the users page with a one-time password, in
// the answer to the POST that made it: no URL or later page holds it.
func (s *Server) showOneTimePassword(w http.ResponseWriter, r *http.Request, ss *session, password, notice string) error {
	page, err := s.usersPage(r, ss)
	if err != nil {
		return err
	}
	page.Password, page.Notice = password, notice
	return s.render(w, http.StatusOK, "users", page)
}

// sectionsPage administers the paper's sections.
type sectionsPage struct {
	pageLayout
	Sections []news.Section
	Error    string
}

func (s *Server) showSections(w http.ResponseWriter, r *http.Request, ss *session) error {
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "sections", sectionsPage{pageLayout: s.pageLayout(r, ss, "Chuyên mục"), Sections: secs})
}

func (s *Server) saveSection(w http.ResponseWriter, r *http.Request, ss *session) error {
	in := paper.SectionInput{Name: r.PostFormValue("name"), Slug: r.PostFormValue("slug"), Description: r.PostFormValue("description")}
	var err error
	if in.ParentID, err = web.FormID(r.PostFormValue("parent_id")); err != nil {
		return news.Errorf(news.Invalid, "Chuyên mục cha không hợp lệ")
	}
	if position := strings.TrimSpace(r.PostFormValue("position")); position != "" {
		if in.Position, err = strconv.Atoi(position); err != nil {
			return news.Errorf(news.Invalid, "Thứ tự phải là một số")
		}
		in.PositionGiven = true
	}
	if in.ID, err = web.FormID(r.PostFormValue("id")); err != nil {
		return news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
	}
	if _, err := s.paper.SaveSection(r.Context(), actor(ss, r), in); err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		secs, serr := s.store.Sections(r.Context())
		if serr != nil {
			return serr
		}
		page := sectionsPage{pageLayout: s.pageLayout(r, ss, "Chuyên mục"), Sections: secs, Error: news.ErrorMessage(err)}
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "sections", page)
	}
	http.Redirect(w, r, "/toasoan/chuyen-muc?ok=chuyen-muc", http.StatusSeeOther)
	return nil
}

// auditPage lists the audit log.
type auditPage struct {
	pageLayout
	Entries []news.AuditEntry
	Pager   web.Pager
}

func (s *Server) showAuditLog(w http.ResponseWriter, r *http.Request, ss *session) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	f := store.AuditFilter{ObjectType: r.URL.Query().Get("loai"), Limit: 100, Offset: (n - 1) * 100}
	f.ObjectID, _ = strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	entries, err := s.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	page := auditPage{pageLayout: s.pageLayout(r, ss, "Nhật ký"), Entries: entries, Pager: web.Pager{Page: n, Pages: n}}
	if n > 1 {
		page.Pager.PrevURL = "/toasoan/nhat-ky?trang=" + strconv.Itoa(n-1)
	}
	if len(entries) == 100 {
		page.Pager.NextURL, page.Pager.Pages = "/toasoan/nhat-ky?trang="+strconv.Itoa(n+1), n+1
	}
	return s.render(w, http.StatusOK, "audit", page)
}
