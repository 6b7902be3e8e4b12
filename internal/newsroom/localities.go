package newsroom

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

// localitiesPage is the newsroom's list of the weather box's localities.
type localitiesPage struct {
	pageLayout
	Rows  []localityRow
	Error string
	Form  struct{ Name, Latitude, Longitude string } // the add form, refilled after a refusal
}

// localityRow is a locality with the time its data was last fetched.
type localityRow struct {
	news.Locality
	UpdatedAt time.Time
}

func (s *Server) localitiesPage(r *http.Request, ss *session) (localitiesPage, error) {
	page := localitiesPage{pageLayout: s.pageLayout(r, ss, "Thời tiết")}
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
	page, err := s.localitiesPage(r, ss)
	if err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "weather", page)
}

// saveLocality adds a locality (no id) or changes one's name and place.
func (s *Server) saveLocality(w http.ResponseWriter, r *http.Request, ss *session) error {
	id, err := web.FormID(r.PostFormValue("id"))
	if err != nil {
		return news.Errorf(news.Invalid, "Địa phương không hợp lệ")
	}
	l, err := weather.ParseLocality(r.PostFormValue("name"), r.PostFormValue("latitude"), r.PostFormValue("longitude"))
	if err == nil {
		l.ID = id
		_, err = s.weather.SaveLocality(r.Context(), actor(ss, r), l)
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
		return s.render(w, web.StatusOf(news.ErrorCode(err)), "weather", page)
	}
	http.Redirect(w, r, "/toasoan/thoi-tiet?ok=dia-phuong", http.StatusSeeOther)
	return nil
}

// localityButton runs one of the list's buttons (delete, move, default)
// on the locality of the path and goes back to the list with notice.
func (s *Server) localityButton(w http.ResponseWriter, r *http.Request, notice string, change func(id int64) error) error {
	id, err := web.PathID(r, news.Errorf(news.Invalid, "Địa phương không hợp lệ"))
	if err != nil {
		return err
	}
	if err := change(id); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/thoi-tiet?ok="+notice, http.StatusSeeOther)
	return nil
}

func (s *Server) deleteLocality(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.localityButton(w, r, "xoa-dia-phuong", func(id int64) error {
		return s.weather.DeleteLocality(r.Context(), actor(ss, r), id)
	})
}

func (s *Server) moveLocality(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.localityButton(w, r, "thu-tu-dia-phuong", func(id int64) error {
		step := map[string]int{"len": -1, "xuong": 1}[r.PostFormValue("huong")]
		return s.weather.MoveLocality(r.Context(), actor(ss, r), id, step)
	})
}

func (s *Server) setDefaultLocality(w http.ResponseWriter, r *http.Request, ss *session) error {
	return s.localityButton(w, r, "mac-dinh-dia-phuong", func(id int64) error {
		return s.weather.SetDefaultLocality(r.Context(), actor(ss, r), id)
	})
}
