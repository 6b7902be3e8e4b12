package site

import (
	"context"
	"fmt"
	"net/http"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// tvPath lists the video stories ("Truyền hình"). Each story keeps its own
// address, /{slug}-post{id}.html, whose page plays the video first: one
// canonical address per story, whatever list it is in.
const tvPath = "/tv/"

// tvPage is the list of video stories, newest first, each with its poster.
type tvPage struct {
	Layout
	Stories []tvStory
	Pager   web.Pager
}

// tvStory is a story of the list with its video's poster and length.
type tvStory struct {
	news.Article
	Poster   string
	Duration string // "1:05"
}

func (s *Server) showTV(w http.ResponseWriter, r *http.Request) error {
	n, err := web.PageNumber(r)
	if err != nil {
		return err
	}
	// A video becoming ready adds its story; a story's change reaches
	// the feeds' key.
	depend(r, news.VideosKey, news.FeedsKey, news.LatestKey)
	ctx := r.Context()
	f := store.ArticleFilter{MainVideo: true}
	total, err := s.store.CountPublished(ctx, f)
	if err != nil {
		return err
	}
	page := tvPage{}
	if page.Pager, err = web.NewPager(tvPath, n, total); err != nil {
		return err
	}
	f.Limit, f.Offset = web.PerPage, page.Pager.Offset()
	articles, err := s.store.PublishedArticles(ctx, f)
	if err != nil {
		return err
	}
	dependOnArticles(r, articles)
	if page.Stories, err = s.tvStories(ctx, articles); err != nil {
		return err
	}
	page.Layout = s.layout(r, "Truyền hình")
	page.Description = "Video tin tức, phóng sự và chương trình truyền hình của " + page.Site.Name + "."
	page.Canonical = page.absolute(tvPath)
	page.Active = "tv"
	page.Preview = page.websitePreview(page.Title, page.Description, page.Canonical)
	items := make([]jsonLD, len(articles))
	for i, a := range articles {
		items[i] = jsonLD{"@type": "ListItem", "position": page.Pager.Offset() + i + 1, "url": page.absolute(a.Path()), "name": a.Title}
	}
	page.JSONLD = []jsonLD{{"@context": "https://schema.org", "@type": "CollectionPage", "name": page.Title, "url": page.Canonical,
		"description": page.Description, "inLanguage": "vi", "mainEntity": jsonLD{"@type": "ItemList", "itemListElement": items}},
		page.breadcrumb("Truyền hình", page.Canonical)}
	return s.render(w, http.StatusOK, "tv", page)
}

func (s *Server) tvStories(ctx context.Context, articles []news.Article) ([]tvStory, error) {
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.MainMediaID
	}
	items, err := s.store.MediaItemsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]tvStory, len(articles))
	for i, a := range articles {
		out[i] = tvStory{Article: a}
		if m, ok := items[a.MainMediaID]; ok {
			out[i].Poster, out[i].Duration = media.AVURL(m.Poster), clockDuration(m)
		}
	}
	return out, nil
}

// clockDuration is a video's length as players print it: "0:05", "1:02:03".
func clockDuration(m news.MediaItem) string {
	sec := int(m.Duration.Seconds() + 0.5)
	if sec >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", sec/3600, sec%3600/60, sec%60)
	}
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}

func (s *Server) showVideoSitemap(w http.ResponseWriter, r *http.Request) error {
	depend(r, news.VideosKey)
	return s.serveSitemap(w, r, func(ctx context.Context, site news.Site) ([]byte, error) {
		return s.feeds().VideoSitemap(ctx, site, media.AVURL)
	})
}
