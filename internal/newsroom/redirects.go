package newsroom

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/web"
)

// redirectsPage is the old addresses' table: the list with its search and
// pages, the form to add one, the tester and the CSV upload.
type redirectsPage struct {
	pageLayout
	Redirects    []news.Redirect
	Total        int
	Query        string
	Pager        web.Pager
	Form         redirectForm
	Error        string // the add form's refusal
	Tested       string // the address tested, as typed
	Answer       *redirects.Answer
	TestError    string
	Imported     string   // an upload's summary
	ImportError  string   // an upload's refusal
	Problems     []string // its first problems, line by line
	MoreProblems int      // and how many more
}

// redirectForm is the add form as typed.
type redirectForm struct {
	Old, Target, Status string
}

// redirectsPage reads the list the request asks for (?q=, ?trang=).
func (s *Server) redirectsPage(r *http.Request, ss *session) (redirectsPage, error) {
	page := redirectsPage{pageLayout: s.pageLayout(r, ss, "Chuyển hướng địa chỉ cũ"), Form: redirectForm{Status: "301"},
		Query: strings.TrimSpace(r.URL.Query().Get("q"))}
	if page.Notice == "" {
		page.Notice = map[string]string{"chuyen-huong": "Đã lưu chuyển hướng.", "thay-chuyen-huong": "Đã thay chuyển hướng cũ của địa chỉ này.",
			"xoa-chuyen-huong": "Đã xóa chuyển hướng: địa chỉ cũ trả lời 404 trở lại."}[r.URL.Query().Get("ok")]
	}
	n, err := web.PageNumber(r)
	if err != nil {
		return page, err
	}
	list, total, err := s.redirects.List(r.Context(), actor(ss, r), page.Query, web.PerPage, (n-1)*web.PerPage)
	if err != nil {
		return page, err
	}
	path := "/toasoan/chuyen-huong"
	if page.Query != "" {
		path += "?" + url.Values{"q": {page.Query}}.Encode()
	}
	if page.Pager, err = web.NewPager(path, n, total); err != nil {
		return page, err
	}
	page.Redirects, page.Total = list, total
	return page, nil
}

// showRedirects is the list, and what the site answers at ?thu=ADDRESS.
func (s *Server) showRedirects(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.redirectsPage(r, ss)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if address, ok := r.URL.Query()["thu"]; ok {
		page.Tested = address[0]
		answer, err := s.redirects.Test(r.Context(), page.Tested)
		switch code := news.ErrorCode(err); {
		case err == nil:
			page.Answer = &answer
		case code == news.Invalid:
			page.TestError, status = news.ErrorMessage(err), http.StatusBadRequest
		default:
			return err
		}
	}
	return s.render(w, status, "redirects", page)
}

// addRedirect adds (or replaces) an old address's redirect; a refusal
// shows the form again as typed, with the reason, and writes nothing.
func (s *Server) addRedirect(w http.ResponseWriter, r *http.Request, ss *session) error {
	form := redirectForm{Old: r.PostFormValue("old"), Target: r.PostFormValue("target"), Status: r.PostFormValue("status")}
	status := news.Moved
	if form.Status == "410" {
		status = news.Gone
	} else if form.Status != "301" {
		status = 0 // refused by the redirect's check, in Vietnamese
	}
	_, replaced, err := s.redirects.Add(r.Context(), actor(ss, r), form.Old, form.Target, status)
	if code := news.ErrorCode(err); code == news.Invalid {
		page, perr := s.redirectsPage(r, ss)
		if perr != nil {
			return perr
		}
		page.Form, page.Error = form, news.ErrorMessage(err)
		return s.render(w, http.StatusBadRequest, "redirects", page)
	} else if err != nil {
		return err
	}
	ok := "chuyen-huong"
	if replaced {
		ok = "thay-chuyen-huong"
	}
	http.Redirect(w, r, "/toasoan/chuyen-huong?ok="+ok, http.StatusSeeOther)
	return nil
}

func (s *Server) removeRedirect(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.NotFound, "Không tìm thấy chuyển hướng"))
	if err != nil {
		return err
	}
	if err := s.redirects.Remove(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/chuyen-huong?ok=xoa-chuyen-huong", http.StatusSeeOther)
	return nil
}

// importRedirects reads an uploaded CSV file: its summary, or its
// problems line by line with nothing written.
func (s *Server) importRedirects(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.redirectsPage(r, ss)
	if err != nil {
		return err
	}
	f, _, err := r.FormFile("file")
	if err != nil {
		page.ImportError = "Vui lòng chọn một tệp CSV."
		return s.render(w, http.StatusBadRequest, "redirects", page)
	}
	defer f.Close()
	sum, err := s.redirects.ImportCSV(r.Context(), actor(ss, r), f)
	if err != nil {
		code := news.ErrorCode(err)
		if code != news.Invalid && code != news.TooLarge {
			return err
		}
		page.ImportError = news.ErrorMessage(err)
		if ie, ok := errors.AsType[*redirects.ImportError](err); ok {
			page.ImportError, page.Problems, page.MoreProblems = ie.Heading, ie.Problems, ie.Total-len(ie.Problems)
		}
		return s.render(w, web.StatusOf(code), "redirects", page)
	}
	if page, err = s.redirectsPage(r, ss); err != nil { // the list with what was imported
		return err
	}
	page.Imported = sum.String()
	return s.render(w, http.StatusOK, "redirects", page)
}
