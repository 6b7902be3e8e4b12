package newsroom

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/web"
)

// popupsPage lists the announcements, with the form to add one or to
// change the one being edited.
type popupsPage struct {
	pageLayout
	Popups      []news.Popup
	Form        popup.Form
	Editing     bool
	Error       string
	Pages       []news.PopupPages
	Frequencies []news.PopupFrequency
}

// popupsPage reads the list; form is what the form shows.
func (s *Server) popupsPage(r *http.Request, ss *session, form popup.Form) (popupsPage, error) {
	page := popupsPage{pageLayout: s.pageLayout(r, ss, "Thông báo"), Form: form, Editing: form.ID != "",
		Pages: news.PopupPageChoices(), Frequencies: news.PopupFrequencyChoices()}
	if page.Notice == "" {
		page.Notice = map[string]string{"thong-bao": "Đã lưu thông báo.", "xoa-thong-bao": "Đã xóa thông báo."}[r.URL.Query().Get("ok")]
	}
	var err error
	page.Popups, err = s.store.Popups(r.Context())
	return page, err
}

func (s *Server) showPopups(w http.ResponseWriter, r *http.Request, ss *session) error {
	page, err := s.popupsPage(r, ss, popup.Form{Pages: string(news.PopupAllPages), Frequency: string(news.PopupOnce)})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "popups", page)
}

// showPopupForm opens one announcement for editing.
func (s *Server) showPopupForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Thông báo không hợp lệ"))
	if err != nil {
		return err
	}
	p, err := s.store.Popup(r.Context(), id)
	if err != nil {
		return err
	}
	page, err := s.popupsPage(r, ss, popup.Form{})
	if err != nil {
		return err
	}
	page.Form, page.Editing = formOfPopup(p, page), true
	return s.render(w, http.StatusOK, "popups", page)
}

func formOfPopup(p news.Popup, page popupsPage) popup.Form {
	f := popup.Form{ID: strconv.FormatInt(p.ID, 10), Title: p.Title, Body: p.Body, Link: p.Link,
		StartsAt: p.StartsAt.In(page.Site.Location).Format("2006-01-02T15:04"),
		EndsAt:   p.EndsAt.In(page.Site.Location).Format("2006-01-02T15:04"),
		Pages:    string(p.Pages), Frequency: string(p.Frequency)}
	if p.ImageID != 0 {
		f.ImageID = strconv.FormatInt(p.ImageID, 10)
	}
	return f
}

// savePopup creates or changes an announcement; a refusal shows the form
// again as typed, with the reason, and writes nothing.
func (s *Server) savePopup(w http.ResponseWriter, r *http.Request, ss *session) error {
	form := popup.Form{ID: r.PostFormValue("id"), Title: r.PostFormValue("title"), Body: r.PostFormValue("body"),
		Link: r.PostFormValue("link"), ImageID: r.PostFormValue("image_id"), StartsAt: r.PostFormValue("starts_at"),
		EndsAt: r.PostFormValue("ends_at"), Pages: r.PostFormValue("pages"), Frequency: r.PostFormValue("frequency")}
	page, err := s.popupsPage(r, ss, form)
	if err != nil {
		return err
	}
	p, err := popup.Parse(form, page.Site.Location)
	if err == nil {
		_, err = s.popups.Save(r.Context(), actor(ss, r), p)
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound {
			return err
		}
		page.Error = news.ErrorMessage(err)
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "popups", page)
	}
	http.Redirect(w, r, "/toasoan/thong-bao?ok=thong-bao", http.StatusSeeOther)
	return nil
}

func (s *Server) deletePopup(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Thông báo không hợp lệ"))
	if err != nil {
		return err
	}
	if err := s.popups.Delete(r.Context(), actor(ss, r), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/thong-bao?ok=xoa-thong-bao", http.StatusSeeOther)
	return nil
}
