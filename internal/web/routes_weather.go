package web

import "net/http"

// weatherRoutes serves the weather page, the weather box's locality
// picker and the popup's close button for readers without JavaScript.
// The newsroom's pages for both are in newsroomRoutes.
func (s *Server) weatherRoutes(mux *http.ServeMux) {
	mux.Handle("GET /thoi-tiet", s.handle(s.showWeather))
	mux.Handle("GET /thoi-tiet/chon", s.handle(s.chooseLocality))
	mux.Handle("POST /thong-bao/{id}/tat", s.handle(s.closePopup))
}
