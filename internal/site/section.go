package site

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
	"github.com/toasoan/toasoan/internal/web"
)

// sectionPage is a section's paged list, or its stories of one day
// ("Các tin đã đưa"), with the day picker.
type sectionPage struct {
	Layout
	Section  news.Section
	Parent   *news.Section
	Children []news.Section
	Articles []news.Article
	Pager    web.Pager
	Day      time.Time // set on the day view
	Days     []time.Time
	DayValue string // the picker's value, YYYY-MM-DD
	Today    string // the picker's maximum
	MostRead mostReadLists
}

func (s *Server) sectionLayout(r *http.Request) (sectionPage, error) {
	sec, err := s.store.SectionBySlug(r.Context(), r.PathValue("section"))
	if err != nil {
		return sectionPage{}, err
	}
	l := s.layout(r, sec.Name)
	l.Description = sec.Description
	l.Active = sec.Slug
	page := sectionPage{Layout: l, Section: sec, Parent: l.parentOf(sec), MostRead: s.mostRead(r, 0)}
	for _, item := range l.Nav {
		if item.ID == sec.ID {
			page.Children = item.Children
		}
	}
	today := s.now().In(l.Site.Location)
	page.Today = today.Format("2006-01-02")
	page.DayValue = page.Today
	for i := range 7 {
		d := today.AddDate(0, 0, -i)
		page.Days = append(page.Days, time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, l.Site.Location))
	}
	return page, nil
}

func (s *Server) showSection(w http.ResponseWriter, r *http.Request) error {
	if r.URL.Query().Has("ngay") {
		return s.showSectionDay(w, r)
	}
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	page, err := s.sectionLayout(r)
	if err != nil {
		return err
	}
	page.Canonical = page.absolute(page.Section.Path())
	depend(r, news.SectionKey(page.Section.ID))
	page.JSONLD = page.siteGraph()
	page.Preview = page.websitePreview(page.Section.Name+" - "+page.Site.Name, page.Section.Description, page.Canonical)
	f := store.ArticleFilter{SectionIDs: page.withChildren(page.Section)}
	total, err := s.store.CountPublished(r.Context(), f)
	if err != nil {
		return err
	}
	if page.Pager, err = web.NewPager(page.Section.Path(), n, total); err != nil {
		return err
	}
	f.Limit, f.Offset = web.PerPage, page.Pager.Offset()
	if n == 1 {
		// The section's pinned stories lead its first page, in their
		// slots' order; the list then follows publication time.
		pins, err := s.store.Pins(r.Context(), news.SectionKey(page.Section.ID))
		if err != nil {
			return err
		}
		for pos := range news.PinSlots {
			if a, ok := pins[pos]; ok {
				page.Articles = append(page.Articles, a)
				f.ExcludeIDs = append(f.ExcludeIDs, a.ID)
			}
		}
		f.Limit = max(web.PerPage-len(page.Articles), 1)
	}
	rest, err := s.store.PublishedArticles(r.Context(), f)
	if err != nil {
		return err
	}
	page.Articles = append(page.Articles, rest...)
	dependOnArticles(r, page.Articles)
	return s.render(w, http.StatusOK, "section", page)
}

// showSectionDay lists a section's stories of one day, oldest first as the
// day unfolded is less useful to readers than newest first, so newest first.
func (s *Server) showSectionDay(w http.ResponseWriter, r *http.Request) error {
	page, err := s.sectionLayout(r)
	if err != nil {
		return err
	}
	raw := r.URL.Query().Get("ngay")
	day, err := vietnamese.ParseDay(raw, page.Site.Location)
	if err != nil {
		return news.Errorf(news.Invalid, "Ngày không hợp lệ. Vui lòng chọn một ngày theo dạng ngày/tháng/năm.")
	}
	canonical := dayPath(page.Section, day)
	if r.URL.RawQuery != "ngay="+day.Format("2006-01-02") {
		http.Redirect(w, r, canonical, http.StatusMovedPermanently)
		return nil
	}
	depend(r, news.SectionKey(page.Section.ID))
	page.Day, page.DayValue = day, day.Format("2006-01-02")
	page.Title = "Các tin đã đưa ngày " + vietnamese.Date(day, page.Site.Location) + " - " + page.Section.Name + " - " + page.Site.Name
	page.Canonical = page.absolute(canonical)
	page.Preview = page.websitePreview(page.Title, page.Section.Description, page.Canonical)
	page.Articles, err = s.store.PublishedArticles(r.Context(), store.ArticleFilter{
		SectionIDs:    page.withChildren(page.Section),
		PublishedFrom: day, PublishedBefore: day.AddDate(0, 0, 1), Limit: 200,
	})
	if err != nil {
		return err
	}
	dependOnArticles(r, page.Articles)
	return s.render(w, http.StatusOK, "section", page)
}

// dayPath is the URL of a section's stories of one day.
func dayPath(sec news.Section, day time.Time) string {
	return sec.Path() + "?ngay=" + day.Format("2006-01-02")
}
