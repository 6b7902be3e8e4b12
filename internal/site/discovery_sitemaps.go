package site

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/feed"
	"github.com/toasoan/toasoan/internal/news"
)

// sitemapBuilder is one of feed.Builder's sitemap methods.
type sitemapBuilder func(ctx context.Context, site news.Site) ([]byte, error)

// serveSitemap builds a sitemap for the request's paper and sends it.
func (s *Server) serveSitemap(w http.ResponseWriter, r *http.Request, build sitemapBuilder) error {
	site, err := s.discoverySite(r)
	if err != nil {
		return err
	}
	depend(r, news.FeedsKey)
	body, err := build(r.Context(), site)
	if err != nil {
		return err
	}
	return writeDocument(w, r, xmlType, body, time.Time{})
}

func (s *Server) showSitemapIndex(w http.ResponseWriter, r *http.Request) error {
	depend(r, news.VideosKey) // the video sitemap is named once there is a video story
	return s.serveSitemap(w, r, s.feeds().Index)
}

func (s *Server) showSectionsSitemap(w http.ResponseWriter, r *http.Request) error {
	depend(r, news.SiteKey, news.TopicsKey, news.ProgrammesKey) // sections and pages come and go with the site's key, topics and programmes with theirs
	return s.serveSitemap(w, r, s.feeds().SectionsSitemap)
}

func (s *Server) showNewsSitemap(w http.ResponseWriter, r *http.Request) error {
	return s.serveSitemap(w, r, s.feeds().NewsSitemap)
}

// showMonthSitemap serves "/sitemap/articles-2026-11.xml". A malformed
// month is a 404 like a month without stories: neither sitemap exists.
func (s *Server) showMonthSitemap(w http.ResponseWriter, r *http.Request) error {
	name, ok := strings.CutPrefix(r.PathValue("file"), "articles-")
	name, isXML := strings.CutSuffix(name, ".xml")
	if !ok || !isXML {
		return news.Errorf(news.NotFound, "Không tìm thấy sơ đồ trang bạn yêu cầu.")
	}
	m, err := feed.ParseMonth(name)
	if err != nil {
		return err
	}
	return s.serveSitemap(w, r, func(ctx context.Context, site news.Site) ([]byte, error) {
		return s.feeds().MonthSitemap(ctx, site, m)
	})
}
