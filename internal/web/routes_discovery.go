package web

import "net/http"

// discoveryRoutes serves what brings readers to the paper: feeds,
// sitemaps and robots.txt.
func (s *Server) discoveryRoutes(mux *http.ServeMux) {}
