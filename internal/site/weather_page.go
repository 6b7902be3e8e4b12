package site

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

// weatherPage is "/thoi-tiet": the weather now and the 3-day forecast of
// every locality of the paper, the reader's own first.
type weatherPage struct {
	Layout
	Reports []weather.Report
	Chosen  bool // the first report is the locality the reader chose in the weather box
}

func (s *Server) showWeather(w http.ResponseWriter, r *http.Request) error {
	l := s.layout(r, "Thời tiết")
	l.Description = "Thời tiết hiện tại và dự báo 3 ngày tới tại các địa phương trong tỉnh."
	l.Canonical = l.absolute("/thoi-tiet")
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	t := s.now().In(l.Site.Location)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	reports, err := s.weather.Reports(r.Context(), today)
	if err != nil {
		return err
	}
	page := weatherPage{Layout: l, Reports: reports}
	page.Chosen = putFirst(reports, s.choicesOf(r).locality)
	return s.render(w, http.StatusOK, "weather", page)
}

// putFirst moves the report of the locality chosen (else the paper's
// default) to the front, so that a phone reader sees their commune
// without scrolling past ten others; it reports whether chosen was found.
func putFirst(reports []weather.Report, chosen int64) bool {
	at, found := -1, false
	for i, rep := range reports {
		if rep.Locality.ID == chosen && chosen != 0 {
			at, found = i, true
			break
		}
		if rep.Locality.Default && at < 0 {
			at = i
		}
	}
	if at > 0 {
		first := reports[at]
		copy(reports[1:at+1], reports[:at])
		reports[0] = first
	}
	return found
}

// chooseLocality is the picker's plain GET form: it remembers the
// locality in a cookie for a year and sends the reader back.
func (s *Server) chooseLocality(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.URL.Query().Get("dia-phuong"), 10, 64)
	if err != nil || id <= 0 {
		return news.Errorf(news.Invalid, "Địa phương không hợp lệ")
	}
	if _, err := s.store.Locality(r.Context(), id); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: localityCookie, Value: strconv.FormatInt(id, 10), Path: "/",
		MaxAge: 365 * 24 * 3600, HttpOnly: true, Secure: web.SecureCookies(r), SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, returnTo(r, "/thoi-tiet"), http.StatusSeeOther)
	return nil
}

// returnTo is where a reader goes back after a choice: the page named in
// the form's "tiep" field, else the Referer when it is this site, else
// fallback. Only a path on this site is ever used, so neither can send
// a reader to another site.
func returnTo(r *http.Request, fallback string) string {
	if p, ok := sitePath(r.FormValue("tiep")); ok {
		return p
	}
	if ref, err := url.Parse(r.Referer()); err == nil && ref.Host == r.Host && (ref.Scheme == "http" || ref.Scheme == "https") {
		if p, ok := sitePath(ref.RequestURI()); ok {
			return p
		}
	}
	return fallback
}

// sitePath accepts "/path?query" and nothing that a browser could read
// as another host: "//host", "/\host", schemes, control characters.
func sitePath(v string) (string, bool) {
	if v == "" || len(v) > web.MaxPathBytes+web.MaxQueryBytes || !strings.HasPrefix(v, "/") || strings.HasPrefix(v, "//") ||
		strings.ContainsAny(v, "\\") || strings.ContainsFunc(v, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return "", false
	}
	u, err := url.Parse(v)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || !strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	return u.RequestURI(), true
}
