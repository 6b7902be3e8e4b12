package web

import "net/http"

// readerRoutes is the public site's route table. Article and tag URLs are
// "/{slug}-post{id}.html" and "/{slug}-tag{id}.html"; the standard router
// matches whole segments only, so showFile tells them apart. A section's
// stories of one day ("Các tin đã đưa") are "/{section}/?ngay=YYYY-MM-DD",
// the URL the day picker's plain form submits to.
func (s *Server) readerRoutes(mux *http.ServeMux) {
	mux.Handle("GET /{$}", s.cached(s.showHome))
	mux.Handle("GET /healthz", s.handle(s.health))
	mux.Handle("GET /static/{file}", s.handle(s.serveAsset))
	mux.Handle("GET /media/{dir}/{file}", s.handle(s.serveMedia))
	mux.Handle("GET /tac-gia/{slug}", s.cached(s.showAuthor))
	mux.Handle("GET /tim-kiem", s.handle(s.showSearch))
	mux.Handle("GET /{section}/{$}", s.cached(s.showSection))
	mux.Handle("GET /{file}", s.cached(s.showFile))
	mux.Handle("POST /bai-viet/{id}/binh-luan", s.handle(s.postComment))
	mux.Handle("POST /binh-luan/{id}/thich", s.handle(s.likeComment))
	mux.Handle("/", s.handle(s.notFound))
}
