package site

import (
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Layout is what every page shares: the paper, its sections for the menu,
// and the page's head.
type Layout struct {
	Site        news.Site
	Nav         []navItem
	MenuTopics  []news.Topic // the topics ("Dòng sự kiện") the menu links to, after the sections
	Title       string
	Description string
	Canonical   string
	NoIndex     bool
	Active      string // slug of the section the page belongs to
	Home        bool   // the home page: "Trang chủ" in the menu is the current page
	Now         time.Time
	JSONLD      []jsonLD   // schema.org data for the page
	Preview     *openGraph // Open Graph and Twitter card, for share previews
	ownFeed     *feedLink  // a tag's or an author's feed, announced with the others

	// Reader is the weather box and the popup, read when a template asks.
	Reader readerBoxes

	// FooterPages are the paper's own pages the footer links to.
	FooterPages []news.Page
}

// navItem is a top-level section with its children.
type navItem struct {
	news.Section
	Children []news.Section
}

// layout reads the site and sections for the page head and menu. It never
// fails: an error page must still render when the database is down.
func (s *Server) layout(r *http.Request, title string) Layout {
	site, err := s.store.Site(r.Context())
	if err != nil {
		site = store.DefaultSite()
		site.Location = time.FixedZone("GMT+7", 7*3600)
		s.log.Warn("site settings unavailable", "err", err)
	}
	if site.BaseURL == "" {
		site.BaseURL = requestOrigin(r)
	}
	l := Layout{Site: site, Title: title, Now: s.now()}
	l.Reader = readerBoxes{s: s, r: r, loc: site.Location}
	if title != site.Name {
		l.Title = title + " - " + site.Name
	}
	if sections, err := s.store.Sections(r.Context()); err == nil {
		l.Nav = navigation(sections)
	}
	l.FooterPages, _ = s.store.FooterPages(r.Context()) // without them, the footer has no links to the pages
	l.MenuTopics, _ = s.store.MenuTopics(r.Context())   // without them, the menu has the sections only
	return l
}

// navigation groups sections under their parents, keeping their order.
func navigation(sections []news.Section) []navItem {
	var items []navItem
	index := map[int64]int{}
	for _, sec := range sections {
		if sec.ParentID == 0 {
			index[sec.ID] = len(items)
			items = append(items, navItem{Section: sec})
		}
	}
	for _, sec := range sections {
		if i, ok := index[sec.ParentID]; ok && sec.ParentID != 0 {
			items[i].Children = append(items[i].Children, sec)
		}
	}
	return items
}

// withChildren returns the ids of sec and of the sections under it, so a
// section page lists its sub-sections' stories too.
func (l Layout) withChildren(sec news.Section) []int64 {
	ids := []int64{sec.ID}
	for _, item := range l.Nav {
		if item.ID == sec.ID {
			for _, c := range item.Children {
				ids = append(ids, c.ID)
			}
		}
	}
	return ids
}

// parentOf finds the section above sec in the menu, for breadcrumbs.
func (l Layout) parentOf(sec news.Section) *news.Section {
	for _, item := range l.Nav {
		if item.ID == sec.ParentID {
			p := item.Section
			return &p
		}
	}
	return nil
}

// absolute makes a path into a full URL on the paper's base URL.
func (l Layout) absolute(path string) string { return l.Site.BaseURL + path }

// requestOrigin is the scheme and host the reader used, for a paper that
// has not set its base URL yet (a demo on a laptop).
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}
