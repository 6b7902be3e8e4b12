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
	MostRead mostReadLists // "Đọc nhiều" of 24 hours and 7 days
}

// latestSize and blockSize are how many stories "Tin mới" and each
// section's block show.
const latestSize, blockSize = 10, 4

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
	l.Preview = l.websitePreview(l.Site.Name, l.Site.Description, l.Canonical)
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
			latest, err = s.store.PublishedArticles(ctx, store.ArticleFilter{Limit: latestSize + news.PinSlots})
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
			// Enough to fill the block after leaving out the stories
			// shown higher up the page.
			blocks[i].Articles, err = s.store.PublishedArticles(ctx, store.ArticleFilter{SectionIDs: l.withChildren(item.Section), Limit: blockSize + news.PinSlots + latestSize})
			return err
		})
	}
	if err := s.store.ReadAll(reads...); err != nil {
		return err
	}
	page.Lead, page.Featured = arrange(pins, featured, latest)
	// Each story appears once on the page, in its highest place: a phone
	// reader scrolls past every repeat.
	shown := map[int64]bool{}
	if page.Lead != nil {
		shown[page.Lead.ID] = true
	}
	for _, a := range page.Featured {
		shown[a.ID] = true
	}
	page.Latest = unshown(latest, shown, latestSize)
	page.MostRead = s.mostRead(r, 0)
	for _, b := range blocks {
		if b.Articles = unshown(b.Articles, shown, blockSize); len(b.Articles) > 0 {
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

// unshown is up to n stories of from not yet shown, marking them shown.
func unshown(from []news.Article, shown map[int64]bool, n int) []news.Article {
	var out []news.Article
	for _, a := range from {
		if len(out) == n {
			break
		}
		if !shown[a.ID] {
			shown[a.ID] = true
			out = append(out, a)
		}
	}
	return out
}
