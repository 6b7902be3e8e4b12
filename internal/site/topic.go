package site

import (
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// topicPage is a topic ("Dòng sự kiện") as readers see it: the pinned
// stories on its first page, then its tag's stories, paged.
type topicPage struct {
	Layout
	Topic  news.Topic
	Cover  *news.Image
	Pinned []news.Article
	Rest   []news.Article
	Pager  web.Pager
}

// topicsPage is the list of the topics going on.
type topicsPage struct {
	Layout
	Topics []news.Topic
}

// showTopics draws "/dong-su-kien/": the topics going on, in the menu's
// order.
func (s *Server) showTopics(w http.ResponseWriter, r *http.Request) error {
	depend(r, news.TopicsKey)
	topics, err := s.store.ActiveTopics(r.Context())
	if err != nil {
		return err
	}
	l := s.layout(r, "Dòng sự kiện")
	l.Description = "Các dòng sự kiện đang diễn ra trên " + l.Site.Name + "."
	l.Canonical = l.absolute(news.TopicsPath)
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	l.JSONLD = []jsonLD{l.breadcrumb("Dòng sự kiện", l.Canonical)}
	return s.render(w, http.StatusOK, "topics", topicsPage{Layout: l, Topics: topics})
}

// showTopic draws "/dong-su-kien/{slug}". The page depends on the topic,
// on every story it shows and on its tag, so that a story newly published
// with the tag shows up at once.
func (s *Server) showTopic(w http.ResponseWriter, r *http.Request) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	t, err := s.store.TopicBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	depend(r, news.TopicKey(t.ID))
	if t.TagID != 0 {
		depend(r, news.TagKey(t.TagID))
	}
	page := topicPage{Topic: t}
	pinned, rest, total, err := s.store.TopicStories(r.Context(), t, web.PerPage, (n-1)*web.PerPage)
	if err != nil {
		return err
	}
	if page.Pager, err = web.NewPager(t.Path(), n, total); err != nil {
		return err
	}
	if n == 1 {
		page.Pinned = pinned
	}
	page.Rest = rest
	dependOnArticles(r, page.Pinned, page.Rest)
	if t.CoverImageID != 0 {
		if im, err := s.store.Image(r.Context(), t.CoverImageID); err == nil {
			page.Cover = &im
		}
	}
	l := s.layout(r, "Dòng sự kiện: "+t.Title)
	l.Description = news.Clip(strings.Join(strings.Fields(t.Intro), " "), maxDescription)
	if l.Description == "" {
		l.Description = "Tin bài về " + t.Title + " trên " + l.Site.Name + "."
	}
	l.Canonical = l.absolute(t.Path())
	l.ownFeed = &feedLink{Title: l.Site.Name + " - Dòng sự kiện: " + t.Title, URL: l.absolute(feed.TopicFeedPath(t))}
	l.Preview = l.websitePreview(l.Title, l.Description, l.Canonical)
	if page.Cover != nil {
		l.Preview.Image = l.photoImage(*page.Cover, t.Title)
	}
	page.Layout = l
	page.JSONLD = page.graph()
	return s.render(w, http.StatusOK, "topic", page)
}

// graph is the topic's CollectionPage, listing the stories the page
// shows, and the breadcrumb.
func (p topicPage) graph() []jsonLD {
	var items []jsonLD
	for i, a := range append(append([]news.Article(nil), p.Pinned...), p.Rest...) {
		items = append(items, jsonLD{"@type": "ListItem", "position": i + 1, "url": p.absolute(a.Path()), "name": a.Title})
	}
	page := jsonLD{"@context": "https://schema.org", "@type": "CollectionPage", "name": p.Topic.Title, "url": p.Canonical,
		"description": p.Description, "inLanguage": "vi", "image": p.Preview.Image.imageObject(),
		"isPartOf":   jsonLD{"@type": "WebSite", "name": p.Site.Name, "url": p.absolute("/")},
		"about":      jsonLD{"@type": "Event", "name": p.Topic.Title},
		"mainEntity": jsonLD{"@type": "ItemList", "itemListElement": items}}
	return []jsonLD{page, p.breadcrumb("Dòng sự kiện: "+p.Topic.Title, p.absolute(p.Topic.Path()))}
}

// showTopicFeed serves "/rss/dong-su-kien/{slug}.rss".
func (s *Server) showTopicFeed(w http.ResponseWriter, r *http.Request) error {
	slug, ok := strings.CutSuffix(r.PathValue("file"), ".rss")
	if !ok || slug == "" {
		return errNoFeed()
	}
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	t, err := s.store.TopicBySlug(r.Context(), slug)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey, news.TopicKey(t.ID))
	doc, err := s.feeds().TopicRSS(r.Context(), site, t)
	if err != nil {
		return err
	}
	return writeDocument(w, r, rssType, doc.Body, doc.Modified)
}
