package web

import "net/http"

// weatherRoutes serves the weather page and the popup's assets.
func (s *Server) weatherRoutes(mux *http.ServeMux) {}
