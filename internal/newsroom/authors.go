package newsroom

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/web"
)

// authorsPage lists the paper's bylines, for those who manage them.
type authorsPage struct {
	pageLayout
	Authors []news.Author
	Members map[int64][]news.User // the members writing under each byline
	Input   paper.AuthorInput     // the new byline's form after a refusal
	Error   string
}

// authorPage edits one byline: a member's own pen name, or any for those
// who manage bylines.
type authorPage struct {
	pageLayout
	Author    news.Author
	Input     paper.AuthorInput
	Users     []news.User // to tie the byline to a member; empty for who may not
	Members   []news.User // who writes under it now
	Error     string
	CanManage bool
}

func (s *Server) showAuthors(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.authorsPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "authors", page)
}

func (s *Server) authorsPage(r *http.Request, ss *session) (authorsPage, error) {
	page := authorsPage{pageLayout: s.pageLayout(r, ss, "Tác giả"), Members: map[int64][]news.User{}}
	var users []news.User
	err := s.store.ReadAll(
		func() (err error) { page.Authors, err = s.store.Authors(r.Context()); return err },
		func() (err error) { users, err = s.store.Users(r.Context()); return err },
	)
	for _, u := range users {
		if u.AuthorID != 0 {
			page.Members[u.AuthorID] = append(page.Members[u.AuthorID], u)
		}
	}
	return page, err
}

// authorInput reads the byline form.
func authorInput(r *http.Request) (paper.AuthorInput, error) {
	in := paper.AuthorInput{Name: r.PostFormValue("name"), Slug: r.PostFormValue("slug"), Bio: r.PostFormValue("bio")}
	var err error
	if in.PhotoImageID, err = web.FormID(r.PostFormValue("photo_image_id")); err != nil {
		return in, news.Errorf(news.Invalid, "Ảnh tác giả không hợp lệ")
	}
	if in.UserID, err = web.FormID(r.PostFormValue("user_id")); err != nil {
		return in, news.Errorf(news.Invalid, "Thành viên không hợp lệ")
	}
	return in, nil
}

func (s *Server) createAuthor(w http.ResponseWriter, r *http.Request, ss *session) error {
	in, err := authorInput(r)
	if err == nil {
		var au news.Author
		if au, err = s.paper.SaveAuthor(r.Context(), actor(ss, r), in); err == nil {
			http.Redirect(w, r, "/toasoan/tac-gia/"+strconv.FormatInt(au.ID, 10)+"?ok=tac-gia", http.StatusSeeOther)
			return nil
		}
	}
	if news.ErrorCode(err) == news.Internal {
		return err
	}
	page, perr := s.authorsPage(r, ss)
	if perr != nil {
		return perr
	}
	page.Input, page.Error = in, news.ErrorMessage(err)
	return s.render(w, web.StatusOf(news.ErrorCode(err)), "authors", page)
}

func (s *Server) showAuthor(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.authorPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "author", page)
}

// authorPage reads the byline of the path, if ss's member may edit it.
func (s *Server) authorPage(r *http.Request, ss *session) (authorPage, error) {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy tác giả"))
	if err != nil {
		return authorPage{}, err
	}
	if err := paper.MayEditAuthor(actor(ss, r), id); err != nil {
		return authorPage{}, err
	}
	au, err := s.store.AuthorByID(r.Context(), id)
	if err != nil {
		return authorPage{}, err
	}
	page := authorPage{pageLayout: s.pageLayout(r, ss, "Tác giả: "+au.Name), Author: au, CanManage: news.Can(ss.User, news.ManageAuthors),
		Input: paper.AuthorInput{ID: au.ID, Name: au.Name, Slug: au.Slug, Bio: au.Bio, PhotoImageID: au.PhotoImageID}}
	users, err := s.store.Users(r.Context())
	if err != nil {
		return page, err
	}
	for _, u := range users {
		if u.AuthorID == au.ID {
			page.Members = append(page.Members, u)
		}
	}
	if page.CanManage {
		page.Users = users
	}
	return page, nil
}

func (s *Server) saveAuthor(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.authorPage(r, ss)
	if err != nil {
		return err
	}
	in, err := authorInput(r)
	in.ID = page.Author.ID
	if err == nil {
		if _, err = s.paper.SaveAuthor(r.Context(), actor(ss, r), in); err == nil {
			http.Redirect(w, r, "/toasoan/tac-gia/"+strconv.FormatInt(in.ID, 10)+"?ok=tac-gia", http.StatusSeeOther)
			return nil
		}
	}
	if news.ErrorCode(err) == news.Internal {
		return err
	}
	page.Input, page.Error = in, news.ErrorMessage(err)
	return s.render(w, web.StatusOf(news.ErrorCode(err)), "author", page)
}
