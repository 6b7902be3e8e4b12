package web

import "net/http"

// discoveryRoutes serves what brings readers to the paper: feeds,
// sitemaps and robots.txt. The literal paths win over the reader's
// "/{file}" and "/{section}/" patterns, being more specific. A section
// whose slug is "home" has no feed of its own: home.rss is the paper's.
// Feeds and sitemaps are cached like pages; any change to a published
// article (key "feeds") or to the paper ("site") drops them.
func (s *Server) discoveryRoutes(mux *http.ServeMux) {
	mux.Handle("GET /robots.txt", s.handle(s.showRobots))
	mux.Handle("GET /rss/home.rss", s.cached(s.showHomeFeed))
	mux.Handle("GET /rss/{file}", s.cached(s.showSectionFeed))
	mux.Handle("GET /sitemap.xml", s.cached(s.showSitemapIndex))
	mux.Handle("GET /sitemap/sections.xml", s.cached(s.showSectionsSitemap))
	mux.Handle("GET /sitemap/news.xml", s.cached(s.showNewsSitemap))
	mux.Handle("GET /sitemap/{file}", s.cached(s.showMonthSitemap))
}
