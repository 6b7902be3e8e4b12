package site

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// homePage is the front page: the lead story, featured stories, a block
// per section and the latest news.
type homePage struct {
	Layout
	Lead     *news.Article
	Featured []news.Article
	Blocks   []sectionBlock
	Latest   []news.Article
}

type sectionBlock struct {
	Section  news.Section
	Articles []news.Article
}

func (s *Server) showHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	depend(r, news.HomeKey, news.LatestKey)
	l := s.layout(r, "")
	l.Home = true
	l.Title = l.Site.Name + " - " + l.Site.Description
	l.Description = l.Site.Description
	l.Canonical = l.absolute("/")
	l.JSONLD = l.siteGraph()
	l.Preview = &openGraph{Type: "website", Title: l.Site.Name, Description: l.Site.Description, URL: l.Canonical}
	page := homePage{Layout: l}

	var featured, latest []news.Article
	var pins map[int]news.Article
	blocks := make([]sectionBlock, len(l.Nav))
	reads := []func() error{
		func() (err error) {
			featured, err = s.store.PublishedArticles(ctx, store.ArticleFilter{FeaturedOnly: true, Limit: 5})
			return err
		},
		func() (err error) {
			latest, err = s.store.PublishedArticles(ctx, store.ArticleFilter{Limit: 15})
			return err
		},
		func() (err error) {
			pins, err = s.store.Pins(ctx, news.HomeKey)
			return err
		},
	}
	for i, item := range l.Nav {
		depend(r, news.SectionKey(item.ID))
		reads = append(reads, func() (err error) {
			blocks[i] = sectionBlock{Section: item.Section}
			blocks[i].Articles, err = s.store.PublishedArticles(ctx, store.ArticleFilter{SectionIDs: l.withChildren(item.Section), Limit: 4})
			return err
		})
	}
	if err := s.store.ReadAll(reads...); err != nil {
		return err
	}
	page.Lead, page.Featured = arrange(pins, featured, latest)
	shown := map[int64]bool{}
	if page.Lead != nil {
		shown[page.Lead.ID] = true
	}
	for _, a := range page.Featured {
		shown[a.ID] = true
	}
	for _, a := range latest {
		if !shown[a.ID] && len(page.Latest) < 10 {
			page.Latest = append(page.Latest, a)
		}
	}
	for _, b := range blocks {
		if len(b.Articles) > 0 {
			page.Blocks = append(page.Blocks, b)
		}
	}
	if page.Lead != nil {
		dependOnArticles(r, []news.Article{*page.Lead})
	}
	dependOnArticles(r, page.Featured, page.Latest)
	for _, b := range page.Blocks {
		dependOnArticles(r, b.Articles)
	}
	return s.render(w, http.StatusOK, "home", page)
}

// arrange fills the lead and the four featured places: pinned stories in
// their places, then the newest featured stories, then the newest at all.
func arrange(pins map[int]news.Article, featured, latest []news.Article) (*news.Article, []news.Article) {
	slots := make([]*news.Article, news.PinSlots)
	used := map[int64]bool{}
	for pos, a := range pins {
		if pos < news.PinSlots {
			slots[pos] = &a
			used[a.ID] = true
		}
	}
	fill := func(from []news.Article) {
		for i := range from {
			for pos := range slots {
				if slots[pos] == nil && !used[from[i].ID] {
					slots[pos], used[from[i].ID] = &from[i], true
				}
			}
		}
	}
	fill(featured)
	if slots[0] == nil {
		fill(latest[:min(len(latest), 1)])
	}
	var rest []news.Article
	for _, a := range slots[1:] {
		if a != nil {
			rest = append(rest, *a)
		}
	}
	return slots[0], rest
}
