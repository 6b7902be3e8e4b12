package newsroom

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/web"
)

// programmesPage lists the radio programmes ("Chương trình phát thanh").
type programmesPage struct {
	pageLayout
	Programmes []news.Programme
}

func (s *Server) showProgrammes(w http.ResponseWriter, r *http.Request, ss *session) error {
	page := programmesPage{pageLayout: s.pageLayout(r, ss, "Chương trình phát thanh")}
	if page.Notice == "" {
		page.Notice = map[string]string{"luu": "Đã lưu chương trình.", "xoa": "Đã xóa chương trình."}[r.URL.Query().Get("ok")]
	}
	var err error
	if page.Programmes, err = s.store.Programmes(r.Context()); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "programmes", page)
}

// programmeFormPage is the form of one programme: a new one (ID 0) or one
// that exists, showing what was typed when it was refused.
type programmeFormPage struct {
	pageLayout
	Programme    news.Programme // as stored
	Input        programmeForm
	Categories   []struct{ Name, Label string }
	CoverWarning string // a cover podcast apps would refuse
	Error        string
}

// programmeForm is the form's fields as typed.
type programmeForm struct {
	Title, Slug, Description, Author, Cover, Category, Position string
	Explicit                                                    bool
}

// CoverID is the typed cover as the photo picker wants it.
func (f programmeForm) CoverID() int64 {
	id, _ := strconv.ParseInt(f.Cover, 10, 64)
	return id
}

func (s *Server) programmeForm(r *http.Request, ss *session, p news.Programme, in programmeForm) programmeFormPage {
	title := "Thêm chương trình phát thanh"
	if p.ID != 0 {
		title = "Sửa chương trình " + p.Title
	}
	page := programmeFormPage{pageLayout: s.pageLayout(r, ss, title), Programme: p, Input: in, Categories: news.PodcastCategories}
	if page.Notice == "" && r.URL.Query().Get("ok") == "luu" {
		page.Notice = "Đã lưu chương trình."
	}
	if p.CoverImageID != 0 {
		if im, err := s.store.Image(r.Context(), p.CoverImageID); err == nil {
			page.CoverWarning = news.CoverWarning(&im)
		}
	}
	return page
}

func (s *Server) showNewProgramme(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.render(w, http.StatusOK, "programme_form", s.programmeForm(r, ss, news.Programme{}, programmeForm{Category: "News"}))
}

func (s *Server) showProgrammeForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathProgramme(r)
	if err != nil {
		return err
	}
	in := programmeForm{Title: p.Title, Slug: p.Slug, Description: p.Description, Author: p.Author, Category: p.Category,
		Position: strconv.Itoa(p.Position), Explicit: p.Explicit}
	if p.CoverImageID != 0 {
		in.Cover = strconv.FormatInt(p.CoverImageID, 10)
	}
	return s.render(w, http.StatusOK, "programme_form", s.programmeForm(r, ss, p, in))
}

// pathProgramme is the programme named by the path's {id}.
func (s *Server) pathProgramme(r *http.Request) (news.Programme, error) {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Chương trình không hợp lệ"))
	if err != nil {
		return news.Programme{}, err
	}
	return s.store.Programme(r.Context(), id)
}

func (s *Server) createProgramme(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.saveProgrammeForm(w, r, ss, news.Programme{})
}

func (s *Server) saveProgramme(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathProgramme(r)
	if err != nil {
		return err
	}
	return s.saveProgrammeForm(w, r, ss, p)
}

// saveProgrammeForm stores the form over p (a new programme when p.ID is
// 0); a refusal shows the form again as typed, with the reason, and
// stores nothing.
func (s *Server) saveProgrammeForm(w http.ResponseWriter, r *http.Request, ss *session, p news.Programme) error {
	form := programmeForm{Title: r.PostFormValue("title"), Slug: r.PostFormValue("slug"), Description: r.PostFormValue("description"),
		Author: r.PostFormValue("author"), Cover: strings.TrimSpace(r.PostFormValue("cover_image_id")),
		Category: r.PostFormValue("category"), Position: strings.TrimSpace(r.PostFormValue("position")),
		Explicit: r.PostFormValue("explicit") != ""}
	in, err := programmeInput(p.ID, form)
	var saved news.Programme
	if err == nil {
		saved, err = s.paper.SaveProgramme(r.Context(), actor(ss, r), in)
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound || code == news.Forbidden {
			return err
		}
		page := s.programmeForm(r, ss, p, form)
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "programme_form", page)
	}
	http.Redirect(w, r, "/toasoan/phat-thanh/"+strconv.FormatInt(saved.ID, 10)+"?ok=luu", http.StatusSeeOther)
	return nil
}

// programmeInput reads the form's numbers; the rest is checked by
// paper.SaveProgramme.
func programmeInput(id int64, form programmeForm) (paper.ProgrammeInput, error) {
	in := paper.ProgrammeInput{ID: id, Title: form.Title, Slug: form.Slug, Description: form.Description, Author: form.Author,
		Category: form.Category, Explicit: form.Explicit}
	var err error
	if in.CoverImageID, err = web.FormID(form.Cover); err != nil {
		return in, news.Errorf(news.Invalid, "Ảnh bìa phải là số ảnh trong thư viện")
	}
	if form.Position != "" {
		if in.Position, err = strconv.Atoi(form.Position); err != nil {
			return in, news.Errorf(news.Invalid, "Thứ tự phải là một số")
		}
	}
	return in, nil
}

// confirmDeleteProgramme asks before a programme is deleted: its page and
// feed will answer 404, podcast apps lose it. The stories and their
// audio stay.
func (s *Server) confirmDeleteProgramme(w http.ResponseWriter, r *http.Request, ss *session) error {
	p, err := s.pathProgramme(r)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "programme_delete", s.programmeForm(r, ss, p, programmeForm{}))
}

func (s *Server) deleteProgramme(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Chương trình không hợp lệ"))
	if err != nil {
		return err
	}
	if err := s.paper.DeleteProgramme(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/phat-thanh?ok=xoa", http.StatusSeeOther)
	return nil
}
