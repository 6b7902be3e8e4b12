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

// requireRole refuses members without any of roles.
func requireRole(ss *session, roles ...news.Role) error {
	if !ss.User.HasAny(roles...) {
		return news.Errorf(news.Forbidden, "Bạn không có quyền vào trang này")
	}
	return nil
}

// usersPage administers newsroom accounts.
type usersPage struct {
	newsroomLayout
	Users    []news.User
	Sections []news.Section
	Authors  []news.Author
	Roles    []news.Role
	Error    string
	Password string // a new account's one-time password, shown once
}

func (s *Server) usersPage(r *http.Request, ss *session) (usersPage, error) {
	page := usersPage{newsroomLayout: s.newsroomLayout(r, ss, "Người dùng"), Roles: news.Roles()}
	var err error
	if page.Users, err = s.store.Users(r.Context()); err != nil {
		return page, err
	}
	if page.Sections, err = s.store.Sections(r.Context()); err != nil {
		return page, err
	}
	page.Authors, err = s.store.Authors(r.Context())
	return page, err
}

func (s *Server) showUsers(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireRole(ss, news.Admin); err != nil {
		return err
	}
	page, err := s.usersPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/users", page)
}

// saveUser creates an account (id empty) with a one-time password, or
// changes one's roles, sections, byline and whether it is disabled.
func (s *Server) saveUser(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireRole(ss, news.Admin); err != nil {
		return err
	}
	u := news.User{Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.TrimSpace(r.PostFormValue("email")),
		Disabled: r.PostFormValue("disabled") == "1"}
	for _, v := range r.PostForm["roles"] {
		role, err := news.ParseRole(v)
		if err != nil {
			return err
		}
		u.Roles = append(u.Roles, role)
	}
	for _, v := range r.PostForm["section_ids"] {
		id, err := formID(v)
		if err != nil {
			return news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
		}
		u.SectionIDs = append(u.SectionIDs, id)
	}
	var err error
	if u.AuthorID, err = formID(r.PostFormValue("author_id")); err != nil {
		return news.Errorf(news.Invalid, "Tác giả không hợp lệ")
	}
	if u.ID, err = formID(r.PostFormValue("id")); err != nil {
		return news.Errorf(news.Invalid, "Người dùng không hợp lệ")
	}
	if u.Name == "" || len(u.Name) > 200 {
		return news.Errorf(news.Invalid, "Vui lòng nhập họ tên (tối đa 200 ký tự)")
	}
	page, perr := s.usersPage(r, ss)
	if perr != nil {
		return perr
	}
	action := "user.update"
	if u.ID == 0 {
		action = "user.create"
		if !strings.Contains(u.Email, "@") || len(u.Email) > 254 {
			return news.Errorf(news.Invalid, "Địa chỉ email không hợp lệ")
		}
		page.Password = auth.NewPassword()
		if u.PasswordHash, err = s.hasher.Hash(page.Password); err != nil {
			return err
		}
		u, err = s.store.CreateUser(r.Context(), u)
	} else {
		if u.ID == ss.User.ID && (!containsRole(u.Roles, news.Admin) || u.Disabled) {
			return news.Errorf(news.Invalid, "Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình")
		}
		err = s.store.UpdateUser(r.Context(), u)
		if err == nil && u.Disabled {
			s.store.DeleteUserSessions(r.Context(), u.ID)
		}
	}
	if err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		page.Error, page.Password = news.ErrorMessage(err), ""
		return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/users", page)
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: action, ObjectType: "user", ObjectID: u.ID,
		Detail: u.Email + " " + strings.Join(u.RoleLabels(), ", "), IP: clientIP(r)})
	if page.Password == "" {
		http.Redirect(w, r, "/toasoan/nguoi-dung?ok=nguoi-dung", http.StatusSeeOther)
		return nil
	}
	page.Users, _ = s.store.Users(r.Context())
	page.Notice = "Đã tạo tài khoản " + u.Email + "."
	return s.render(w, http.StatusOK, "newsroom/users", page)
}

func containsRole(roles []news.Role, r news.Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}

// sectionsPage administers the paper's sections.
type sectionsPage struct {
	newsroomLayout
	Sections []news.Section
	Error    string
}

func (s *Server) showSections(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireRole(ss, news.Admin); err != nil {
		return err
	}
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/sections", sectionsPage{newsroomLayout: s.newsroomLayout(r, ss, "Chuyên mục"), Sections: secs})
}

func (s *Server) saveSection(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireRole(ss, news.Admin); err != nil {
		return err
	}
	sec := news.Section{Name: strings.TrimSpace(vietnamese.NFC(r.PostFormValue("name"))), Description: strings.TrimSpace(r.PostFormValue("description"))}
	sec.Slug = vietnamese.Slug(r.PostFormValue("slug"))
	if sec.Slug == "" {
		sec.Slug = vietnamese.Slug(sec.Name)
	}
	var err error
	if sec.ParentID, err = formID(r.PostFormValue("parent_id")); err != nil {
		return news.Errorf(news.Invalid, "Chuyên mục cha không hợp lệ")
	}
	if sec.Position, err = strconv.Atoi(r.PostFormValue("position")); err != nil && r.PostFormValue("position") != "" {
		return news.Errorf(news.Invalid, "Thứ tự phải là một số")
	}
	if id, err := formID(r.PostFormValue("id")); err != nil {
		return news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
	} else {
		sec.ID = id
	}
	switch {
	case sec.Name == "" || len(sec.Name) > 100:
		err = news.Errorf(news.Invalid, "Vui lòng nhập tên chuyên mục (tối đa 100 ký tự)")
	case reservedSlug(sec.Slug):
		err = news.Errorf(news.Invalid, "Đường dẫn %q trùng với một trang của hệ thống", sec.Slug)
	case sec.ID != 0 && sec.ParentID == sec.ID:
		err = news.Errorf(news.Invalid, "Chuyên mục không thể là cha của chính nó")
	case sec.ID == 0:
		sec, err = s.store.CreateSection(r.Context(), sec)
	default:
		err = s.store.UpdateSection(r.Context(), sec)
	}
	if err != nil {
		if news.ErrorCode(err) == news.Internal {
			return err
		}
		secs, _ := s.store.Sections(r.Context())
		page := sectionsPage{newsroomLayout: s.newsroomLayout(r, ss, "Chuyên mục"), Sections: secs, Error: news.ErrorMessage(err)}
		return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/sections", page)
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "section.save", ObjectType: "section", ObjectID: sec.ID, Detail: sec.Name, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/chuyen-muc?ok=chuyen-muc", http.StatusSeeOther)
	return nil
}

// reservedSlug keeps section URLs off the paths the site itself uses.
func reservedSlug(slug string) bool {
	switch slug {
	case "toasoan", "api", "static", "media", "tac-gia", "healthz", "rss", "tim-kiem", "thoi-tiet", "sitemap":
		return true
	}
	return false
}

// auditPage lists the audit log.
type auditPage struct {
	newsroomLayout
	Entries []news.AuditEntry
	Pager   pager
}

func (s *Server) showAuditLog(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireRole(ss, news.Admin, news.EditorInChief, news.ManagingEditor); err != nil {
		return err
	}
	n, err := pageNumber(r)
	if err != nil {
		return err
	}
	f := store.AuditFilter{ObjectType: r.URL.Query().Get("loai"), Limit: 100, Offset: (n - 1) * 100}
	f.ObjectID, _ = strconv.ParseInt(r.URL.Query().Get("id"), 10, 64)
	entries, err := s.store.AuditLog(r.Context(), f)
	if err != nil {
		return err
	}
	page := auditPage{newsroomLayout: s.newsroomLayout(r, ss, "Nhật ký"), Entries: entries, Pager: pager{Page: n, Pages: n}}
	if n > 1 {
		page.Pager.PrevURL = "/toasoan/nhat-ky?trang=" + strconv.Itoa(n-1)
	}
	if len(entries) == 100 {
		page.Pager.NextURL, page.Pager.Pages = "/toasoan/nhat-ky?trang="+strconv.Itoa(n+1), n+1
	}
	return s.render(w, http.StatusOK, "newsroom/audit", page)
}
