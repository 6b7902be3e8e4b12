package site

import (
	"net/http"

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
	return s.showList(w, r, n, listPage{Kind: "Chủ đề", Heading: tag.Name}, tag.Path(), store.ArticleFilter{TagID: tag.ID})
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
	return s.showList(w, r, n, listPage{Kind: "Tác giả", Heading: au.Name, Intro: au.Bio, Photo: au.Photo}, au.Path(), store.ArticleFilter{AuthorID: au.ID})
}

func (s *Server) showList(w http.ResponseWriter, r *http.Request, n int, page listPage, path string, f store.ArticleFilter) error {
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
	page.Layout = s.layout(r, page.Kind+": "+page.Heading)
	page.Description = page.Intro
	page.Canonical = page.absolute(path)
	return s.render(w, http.StatusOK, "list", page)
}
