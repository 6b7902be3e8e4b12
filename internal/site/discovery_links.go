package site

import (
	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// feedLink is a feed a page announces in its head, for browsers and feed
// readers that discover feeds from a page's address.
type feedLink struct {
	Title string
	URL   string
}

// Feeds are the page's feeds: the whole paper's always, on a section's
// pages and its articles the section's too, and a tag's or an author's
// on theirs. The section comes from Active and the menu the layout
// already read, so no section page needs to fill anything in.
func (l Layout) Feeds() []feedLink {
	links := []feedLink{{Title: l.Site.Name, URL: l.absolute(feed.HomeFeedPath)}}
	if sec, ok := l.activeSection(); ok {
		links = append(links, feedLink{Title: feed.SectionTitle(l.Site, sec), URL: l.absolute(feed.SectionFeedPath(sec.Slug))})
	}
	if l.ownFeed != nil {
		links = append(links, *l.ownFeed)
	}
	return links
}

// activeSection finds the page's section in the menu, top level or below.
func (l Layout) activeSection() (news.Section, bool) {
	if l.Active == "" {
		return news.Section{}, false
	}
	for _, item := range l.Nav {
		if item.Slug == l.Active {
			return item.Section, true
		}
		for _, c := range item.Children {
			if c.Slug == l.Active {
				return c, true
			}
		}
	}
	return news.Section{}, false
}
