package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/store"
)

// popupBox is the announcement a page shows, with what popup.js needs to
// remember it: the cookie's expiry (empty: until the browser closes) and
// whether being shown already counts as seen.
type popupBox struct {
	store.Popup
	Paragraphs []string
	Expires    string
	Seen       bool
	Here       string
}

// Popup reads the announcement for a page of kind "home", "article" or
// any other (which shows only announcements for every page). Nil when
// none runs, or the reader closed it.
func (b readerBoxes) Popup(kind string) *popupBox {
	if b.s == nil || b.s.popups == nil {
		return nil
	}
	page := map[string]store.PopupPages{"home": store.PopupHome, "article": store.PopupArticles}[kind]
	closed := func(id int64) bool {
		_, err := b.r.Cookie(popup.CookieName(id))
		return err == nil
	}
	now := b.s.now()
	p, err := b.s.popups.ForPage(b.r.Context(), page, now, closed)
	if err != nil {
		b.s.log.Error("popup", "err", err)
		return nil
	}
	if p == nil {
		return nil
	}
	box := &popupBox{Popup: *p, Here: here(b.r), Seen: p.Frequency != store.PopupVisit}
	if t := popup.Expiry(p.Frequency, now, b.loc); !t.IsZero() {
		box.Expires = t.UTC().Format(http.TimeFormat)
	}
	for _, para := range strings.Split(p.Body, "\n") {
		if para = strings.TrimSpace(para); para != "" {
			box.Paragraphs = append(box.Paragraphs, para)
		}
	}
	return box
}

// closePopup is the close button without JavaScript: it sets the cookie
// popup.js would have set and sends the reader back to the page.
func (s *Server) closePopup(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10) // the form is one hidden path
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.Invalid, "Thông báo không hợp lệ")
	}
	p, err := s.store.Popup(r.Context(), id)
	if err != nil {
		return err
	}
	site, err := s.store.Site(r.Context())
	if err != nil {
		return err
	}
	c := &http.Cookie{Name: popup.CookieName(p.ID), Value: "1", Path: "/", HttpOnly: false,
		Secure: s.secureCookies(r), SameSite: http.SameSiteLaxMode}
	if t := popup.Expiry(p.Frequency, s.now(), site.Location); !t.IsZero() {
		c.Expires, c.MaxAge = t, max(int(t.Sub(s.now())/time.Second), 1)
	}
	http.SetCookie(w, c)
	http.Redirect(w, r, returnTo(r, "/"), http.StatusSeeOther)
	return nil
}
