package site

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/web"
)

// popupBox is the announcement a page shows, with what popup.js needs to
// remember it: until when (Unix seconds) a closing lasts, and whether
// being shown already counts as seen.
type popupBox struct {
	news.Popup
	Paragraphs []string
	Until      int64
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
	depend(b.r, news.PopupsKey)
	page := map[string]news.PopupPages{"home": news.PopupHome, "article": news.PopupArticles}[kind]
	now := b.s.now()
	p, err := b.s.popups.ForPage(b.r.Context(), page, now, b.s.choicesOf(b.r).closed.Has)
	if err != nil {
		b.s.log.Error("popup", "err", err)
		return nil
	}
	if p == nil {
		return nil
	}
	box := &popupBox{Popup: *p, Here: here(b.r), Seen: p.Frequency != news.PopupVisit,
		Until: popup.Expiry(p.Frequency, now, b.loc).Unix()}
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
	now := s.now()
	closed := readChoices(r, now).closed
	closed[p.ID] = popup.Expiry(p.Frequency, now, site.Location)
	until := closed.Expires()
	// Not HttpOnly: popup.js adds to the same cookie.
	http.SetCookie(w, &http.Cookie{Name: popup.CookieName, Value: closed.Value(), Path: "/", Expires: until,
		MaxAge: max(int(until.Sub(now)/time.Second), 1), Secure: web.SecureCookies(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, returnTo(r, "/"), http.StatusSeeOther)
	return nil
}
