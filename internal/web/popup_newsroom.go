package web

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/store"
)

// popupsPage lists the announcements, with the form to add one or to
// change the one being edited.
type popupsPage struct {
	newsroomLayout
	Popups      []store.Popup
	Form        popup.Form
	Editing     bool
	Error       string
	Pages       []store.PopupPages
	Frequencies []store.PopupFrequency
}

// popupsPage reads the list; form is what the form shows.
func (s *Server) popupsPage(r *http.Request, ss *session, form popup.Form) (popupsPage, error) {
	page := popupsPage{newsroomLayout: s.newsroomLayout(r, ss, "Thông báo"), Form: form, Editing: form.ID != "",
		Pages: store.PopupPageChoices(), Frequencies: store.PopupFrequencyChoices()}
	if page.Notice == "" {
		page.Notice = map[string]string{"thong-bao": "Đã lưu thông báo.", "xoa-thong-bao": "Đã xóa thông báo."}[r.URL.Query().Get("ok")]
	}
	var err error
	page.Popups, err = s.store.Popups(r.Context())
	return page, err
}

func (s *Server) showPopups(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	page, err := s.popupsPage(r, ss, popup.Form{Pages: string(store.PopupAllPages), Frequency: string(store.PopupOnce)})
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/popups", page)
}

// showPopupForm opens one announcement for editing.
func (s *Server) showPopupForm(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.Invalid, "Thông báo không hợp lệ")
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
	return s.render(w, http.StatusOK, "newsroom/popups", page)
}

func formOfPopup(p store.Popup, page popupsPage) popup.Form {
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
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	form := popup.Form{ID: r.PostFormValue("id"), Title: r.PostFormValue("title"), Body: r.PostFormValue("body"),
		Link: r.PostFormValue("link"), ImageID: r.PostFormValue("image_id"), StartsAt: r.PostFormValue("starts_at"),
		EndsAt: r.PostFormValue("ends_at"), Pages: r.PostFormValue("pages"), Frequency: r.PostFormValue("frequency")}
	page, err := s.popupsPage(r, ss, form)
	if err != nil {
		return err
	}
	p, err := popup.Parse(form, page.Site.Location)
	var id int64
	if err == nil {
		id, err = s.popups.Save(r.Context(), p, ss.User.ID)
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound {
			return err
		}
		page.Error = news.ErrorMessage(err)
		return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/popups", page)
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "popup.save", ObjectType: "popup", ObjectID: id, Detail: p.Title, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/thong-bao?ok=thong-bao", http.StatusSeeOther)
	return nil
}

func (s *Server) deletePopup(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.Invalid, "Thông báo không hợp lệ")
	}
	p, err := s.store.Popup(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.store.DeletePopup(r.Context(), id); err != nil {
		return err
	}
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: "popup.delete", ObjectType: "popup", ObjectID: id, Detail: p.Title, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/thong-bao?ok=xoa-thong-bao", http.StatusSeeOther)
	return nil
}
