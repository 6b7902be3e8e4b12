package web

import "net/http"

// discoveryRoutes serves what brings readers to the paper: feeds,
// sitemaps and robots.txt. The literal paths win over the reader's
// "/{file}" and "/{section}/" patterns, being more specific. A section
// whose slug is "home" has no feed of its own: home.rss is the paper's.
func (s *Server) discoveryRoutes(mux *http.ServeMux) {
	mux.Handle("GET /robots.txt", s.handle(s.showRobots))
	mux.Handle("GET /rss/home.rss", s.handle(s.showHomeFeed))
	mux.Handle("GET /rss/{file}", s.handle(s.showSectionFeed))
	mux.Handle("GET /sitemap.xml", s.handle(s.showSitemapIndex))
	mux.Handle("GET /sitemap/sections.xml", s.handle(s.showSectionsSitemap))
	mux.Handle("GET /sitemap/news.xml", s.handle(s.showNewsSitemap))
	mux.Handle("GET /sitemap/{file}", s.handle(s.showMonthSitemap))
}
