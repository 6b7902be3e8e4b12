package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/weather"
)

// localitiesPage is the newsroom's list of the weather box's localities.
type localitiesPage struct {
	newsroomLayout
	Rows  []localityRow
	Error string
	Form  struct{ Name, Latitude, Longitude string } // the add form, refilled after a refusal
}

// localityRow is a locality with the time its data was last fetched.
type localityRow struct {
	store.Locality
	UpdatedAt time.Time
}

// requireSiteEditor lets through the roles that run the weather box and
// the popups: both speak for the paper on every page.
func requireSiteEditor(ss *session) error {
	return requireRole(ss, news.Admin, news.EditorInChief)
}

func (s *Server) localitiesPage(r *http.Request, ss *session) (localitiesPage, error) {
	page := localitiesPage{newsroomLayout: s.newsroomLayout(r, ss, "Thời tiết")}
	if page.Notice == "" {
		page.Notice = map[string]string{"dia-phuong": "Đã lưu địa phương.", "xoa-dia-phuong": "Đã xóa địa phương.",
			"thu-tu-dia-phuong": "Đã đổi thứ tự.", "mac-dinh-dia-phuong": "Đã đổi địa phương mặc định."}[r.URL.Query().Get("ok")]
	}
	locs, err := s.store.Localities(r.Context())
	if err != nil {
		return page, err
	}
	reports, err := s.store.WeatherReports(r.Context())
	if err != nil {
		return page, err
	}
	for _, l := range locs {
		page.Rows = append(page.Rows, localityRow{Locality: l, UpdatedAt: reports[l.ID].FetchedAt})
	}
	return page, nil
}

func (s *Server) showLocalities(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	page, err := s.localitiesPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "newsroom/weather", page)
}

// saveLocality adds a locality (no id) or changes one's name and place.
func (s *Server) saveLocality(w http.ResponseWriter, r *http.Request, ss *session) error {
	if err := requireSiteEditor(ss); err != nil {
		return err
	}
	id, err := formID(r.PostFormValue("id"))
	if err != nil {
		return news.Errorf(news.Invalid, "Địa phương không hợp lệ")
	}
	l, err := weather.ParseLocality(r.PostFormValue("name"), r.PostFormValue("latitude"), r.PostFormValue("longitude"))
	if err == nil {
		l.ID = id
		if id == 0 {
			l, err = s.store.CreateLocality(r.Context(), l)
		} else {
			err = s.store.UpdateLocality(r.Context(), l)
		}
	}
	if err != nil {
		if code := news.ErrorCode(err); code == news.Internal || code == news.NotFound {
			return err
		}
		page, perr := s.localitiesPage(r, ss)
		if perr != nil {
			return perr
		}
		page.Error = news.ErrorMessage(err)
		if id == 0 {
			page.Form.Name, page.Form.Latitude, page.Form.Longitude = r.PostFormValue("name"), r.PostFormValue("latitude"), r.PostFormValue("longitude")
		}
		return s.render(w, statusOf(news.ErrorCode(err)), "newsroom/weather", page)
	}
	return s.localityDone(w, r, ss, "weather.locality_save", l.ID, l.Name, "dia-phuong")
}

// changeLocality runs one of the list's buttons: delete, move, default.
func (s *Server) changeLocality(change func(r *http.Request, id int64) error, action, notice string) newsroomHandler {
	return func(w http.ResponseWriter, r *http.Request, ss *session) error {
		if err := requireSiteEditor(ss); err != nil {
			return err
		}
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil || id <= 0 {
			return news.Errorf(news.Invalid, "Địa phương không hợp lệ")
		}
		l, err := s.store.Locality(r.Context(), id)
		if err != nil {
			return err
		}
		if err := change(r, id); err != nil {
			return err
		}
		return s.localityDone(w, r, ss, action, id, l.Name, notice)
	}
}

func (s *Server) deleteLocality(r *http.Request, id int64) error {
	return s.store.DeleteLocality(r.Context(), id)
}

func (s *Server) moveLocality(r *http.Request, id int64) error {
	switch r.PostFormValue("huong") {
	case "len":
		return s.store.MoveLocality(r.Context(), id, -1)
	case "xuong":
		return s.store.MoveLocality(r.Context(), id, 1)
	}
	return news.Errorf(news.Invalid, "Hướng chuyển không hợp lệ")
}

func (s *Server) setDefaultLocality(r *http.Request, id int64) error {
	return s.store.SetDefaultLocality(r.Context(), id)
}

// localityDone logs the change and goes back to the list.
func (s *Server) localityDone(w http.ResponseWriter, r *http.Request, ss *session, action string, id int64, name, notice string) error {
	s.store.Audit(r.Context(), news.AuditEntry{UserID: ss.User.ID, Action: action, ObjectType: "locality", ObjectID: id, Detail: name, IP: clientIP(r)})
	http.Redirect(w, r, "/toasoan/thoi-tiet?ok="+notice, http.StatusSeeOther)
	return nil
}
