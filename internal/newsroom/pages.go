package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/web"
)

// pagesPage lists the paper's own pages (Giới thiệu, Liên hệ...).
type pagesPage struct {
	pageLayout
	Pages []news.Page
}

func (s *Server) showPages(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := pagesPage{pageLayout: s.pageLayout(r, ss, "Trang của báo")}
	if page.Notice == "" {
		page.Notice = map[string]string{"trang": "Đã lưu trang.", "xoa-trang": "Đã xóa trang."}[r.URL.Query().Get("ok")]
	}
	var err error
	if page.Pages, err = s.store.Pages(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "pages", page)
}

// pageFormPage is the form of one page: a new one (Page.ID 0) or one
// that exists, showing what was typed when it was refused.
type pageFormPage struct {
	pageLayout
	Page  news.Page // as stored
	Input pageForm
	Error string
}

// pageForm is the form's fields as typed.
type pageForm struct {
	Title, Slug, Body, Position string
	ShowInFooter                bool
}

func (s *Server) pageForm(r *http.Request, ss *session, p news.Page, in pageForm) pageFormPage {
	title := "Thêm trang"
	if p.ID != 0 {
		title = "Sửa trang " + p.Title
	}
	return pageFormPage{pageLayout: s.pageLayout(r, ss, title), Page: p, Input: in}
}

func (s *Server) showNewPage(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.render(w, http.StatusOK, "page_form", s.pageForm(r, ss, news.Page{}, pageForm{ShowInFooter: true}))
}

func (s *Server) showPageForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathPage(r)
	if err != nil {
		return err
	}
	in := pageForm{Title: p.Title, Slug: p.Slug, Body: p.Body, Position: strconv.Itoa(p.Position), ShowInFooter: p.ShowInFooter}
	return s.render(w, http.StatusOK, "page_form", s.pageForm(r, ss, p, in))
}

// pathPage is the page named by the path's {id}.
func (s *Server) pathPage(r *http.Request) (news.Page, error) {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Trang không hợp lệ"))
	if err != nil {
		return news.Page{}, err
	}
	return s.store.Page(r.Context(), id)
}

func (s *Server) createPage(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.savePageForm(w, r, ss, news.Page{})
}

func (s *Server) savePage(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathPage(r)
	if err != nil {
		return err
	}
	return s.savePageForm(w, r, ss, p)
}

// savePageForm stores the form over p (a new page when p.ID is 0); a
// refusal shows the form again as typed, with the reason, and stores
// nothing.
func (s *Server) savePageForm(w http.ResponseWriter, r *http.Request, ss *session, p news.Page) error {
	form := pageForm{Title: r.PostFormValue("title"), Slug: r.PostFormValue("slug"), Body: r.PostFormValue("body"),
		Position: strings.TrimSpace(r.PostFormValue("position")), ShowInFooter: r.PostFormValue("footer") != ""}
	in := paper.PageInput{ID: p.ID, Title: form.Title, Slug: form.Slug, Body: form.Body, ShowInFooter: form.ShowInFooter}
	var err error
	if form.Position != "" {
		in.PositionGiven = true
		if in.Position, err = strconv.Atoi(form.Position); err != nil {
			err = news.Errorf(news.Invalid, "Thứ tự ở chân trang phải là một số")
		}
	}
	if err == nil {
		_, err = s.paper.SavePage(r.Context(), actor(ss, r), in)
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound || code == news.Forbidden {
			return err
		}
		page := s.pageForm(r, ss, p, form)
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "page_form", page)
	}
	http.Redirect(w, r, "/toasoan/trang?ok=trang", http.StatusSeeOther)
	return nil
}

// confirmDeletePage asks before a page is deleted: its address will answer
// 404 to readers and to the links that search engines and other sites
// keep.
func (s *Server) confirmDeletePage(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathPage(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "page_delete", s.pageForm(r, ss, p, pageForm{}))
}

func (s *Server) deletePage(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Trang không hợp lệ"))
	if err != nil {
		return err
	}
	if err := s.paper.DeletePage(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/trang?ok=xoa-trang", http.StatusSeeOther)
	return nil
}
