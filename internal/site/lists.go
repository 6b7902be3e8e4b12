package site

import (
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// listPage is a tag's or an author's paged list of stories.
type listPage struct {
	Layout
	Kind     string // "Chủ đề" or "Tác giả"
	Heading  string
	Intro    string
	Photo    *news.Image // an author's portrait
	Articles []news.Article
	Pager    web.Pager
}

// listKind is what a list is of: its label, its share preview's type,
// its schema.org page type and its feed.
type listKind struct {
	label, ogType, schemaType string
	about                     string // what the list is, before its name, for a description: "Tin bài về chủ đề"
	feed                      feedLink
	person                    bool
}

func (s *Server) showTag(w http.ResponseWriter, r *http.Request, slug string, id int64) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	depend(r, news.TagKey(id))
	tag, err := s.store.TagByID(r.Context(), id)
	if err != nil {
		return err
	}
	if slug != tag.Slug {
		http.Redirect(w, r, tag.Path(), http.StatusMovedPermanently)
		return nil
	}
	kind := listKind{label: "Chủ đề", ogType: "website", schemaType: "CollectionPage", about: "Tin bài về chủ đề",
		feed: feedLink{Title: "Chủ đề: " + tag.Name, URL: feed.TagFeedPath(tag)}}
	return s.showList(w, r, n, kind, listPage{Heading: tag.Name}, tag.Path(), store.ArticleFilter{TagID: tag.ID})
}

func (s *Server) showAuthor(w http.ResponseWriter, r *http.Request) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	au, err := s.store.AuthorBySlug(r.Context(), r.PathValue("slug"))
	if err != nil {
		return err
	}
	depend(r, news.AuthorKey(au.ID))
	kind := listKind{label: "Tác giả", ogType: "profile", schemaType: "ProfilePage", about: "Tin bài của tác giả", person: true,
		feed: feedLink{Title: "Tác giả: " + au.Name, URL: feed.AuthorFeedPath(au)}}
	return s.showList(w, r, n, kind, listPage{Heading: au.Name, Intro: au.Bio, Photo: au.Photo}, au.Path(), store.ArticleFilter{AuthorID: au.ID})
}

func (s *Server) showList(w http.ResponseWriter, r *http.Request, n int, kind listKind, page listPage, path string, f store.ArticleFilter) error {
	total, err := s.store.CountPublished(r.Context(), f)
	if err != nil {
		return err
	}
	if page.Pager, err = web.NewPager(path, n, total); err != nil {
		return err
	}
	f.Limit, f.Offset = web.PerPage, page.Pager.Offset()
	if page.Articles, err = s.store.PublishedArticles(r.Context(), f); err != nil {
		return err
	}
	dependOnArticles(r, page.Articles)
	page.Kind = kind.label
	page.Layout = s.layout(r, page.Kind+": "+page.Heading)
	page.Description = news.Clip(strings.Join(strings.Fields(page.Intro), " "), maxDescription)
	if page.Description == "" {
		page.Description = kind.about + " " + page.Heading + " trên " + page.Site.Name + "."
	}
	page.Canonical = page.absolute(path)
	kind.feed.Title = page.Site.Name + " - " + kind.feed.Title
	kind.feed.URL = page.absolute(kind.feed.URL)
	page.ownFeed = &kind.feed
	page.Preview = page.websitePreview(page.Title, page.Description, page.Canonical)
	page.Preview.Type = kind.ogType
	if page.Photo != nil {
		page.Preview.Image = page.photoImage(*page.Photo, page.Heading)
	}
	page.JSONLD = page.graph(kind)
	return s.render(w, http.StatusOK, "list", page)
}
