package newsroom

import (
	"net/http"
	"strconv"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// pinsPage lets editors choose the lead and featured stories of the home
// page or a section page; empty slots follow publication time.
type pinsPage struct {
	pageLayout
	Scope      news.Key
	ScopeLabel string
	Sections   []news.Section
	Slots      []int64 // article id per slot, 0 for none
	Candidates []news.Article
}

// pinScope reads "?muc=" (a section id) into the page it arranges.
func (s *Server) pinScope(r *http.Request, raw string) (scope news.Key, label string, sectionID int64, err error) {
	if raw == "" || raw == "0" {
		return news.HomeKey, "Trang chủ", 0, nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return "", "", 0, news.Errorf(news.Invalid, "Chuyên mục không hợp lệ")
	}
	secs, err := s.store.Sections(r.Context())
	if err != nil {
		return "", "", 0, err
	}
	for _, sec := range secs {
		if sec.ID == id {
			return news.SectionKey(id), sec.Name, id, nil
		}
	}
	return "", "", 0, news.Errorf(news.NotFound, "Không tìm thấy chuyên mục")
}

func (s *Server) showPins(w http.ResponseWriter, r *http.Request, ss *session) error {
	scope, label, secID, err := s.pinScope(r, r.URL.Query().Get("muc"))
	if err != nil {
		return err
	}
	page := pinsPage{pageLayout: s.pageLayout(r, ss, "Bố cục "+label), Scope: scope, ScopeLabel: label, Slots: make([]int64, news.PinSlots)}
	if page.Sections, err = s.store.Sections(r.Context()); err != nil {
		return err
	}
	pins, err := s.store.Pins(r.Context(), scope)
	if err != nil {
		return err
	}
	for pos, a := range pins {
		if pos < news.PinSlots {
			page.Slots[pos] = a.ID
		}
	}
	f := store.ArticleFilter{Limit: 60}
	if secID != 0 {
		f.SectionIDs = []int64{secID}
	}
	if page.Candidates, err = s.store.PublishedArticles(r.Context(), f); err != nil {
		return err
	}
	return s.render(w, http.StatusOK, "pins", page)
}

func (s *Server) savePins(w http.ResponseWriter, r *http.Request, ss *session) error {
	scope, _, _, err := s.pinScope(r, r.PostFormValue("muc"))
	if err != nil {
		return err
	}
	ids := make([]int64, news.PinSlots)
	seen := map[int64]bool{}
	for i := range ids {
		id, err := web.FormID(r.PostFormValue("slot" + strconv.Itoa(i)))
		if err != nil {
			return news.Errorf(news.Invalid, "Bài được chọn không hợp lệ")
		}
		if id != 0 {
			a, err := s.store.Article(r.Context(), id)
			if err != nil || a.Status != news.Published {
				return news.Errorf(news.Invalid, "Chỉ ghim được bài đã đăng")
			}
			if seen[id] {
				return news.Errorf(news.Invalid, "Một bài chỉ được ghim vào một vị trí")
			}
			seen[id] = true
		}
		ids[i] = id
	}
	if err := s.store.SetPins(r.Context(), actor(ss, r), scope, ids); err != nil {
		return err
	}
	http.Redirect(w, r, "/toasoan/trang-chu?muc="+r.PostFormValue("muc")+"&ok=ghim", http.StatusSeeOther)
	return nil
}
