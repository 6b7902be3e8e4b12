// Package api is the newsroom's JSON API under /api/v1/: the same
// editorial actions as the newsroom pages, for scripts and other tools,
// authenticated by API tokens that act with their user's roles. Every rule
// lives in newsroom and news; this package only translates HTTP and JSON.
package api

import (
	"log/slog"
	"net/http"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/newsroom"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
)

// API holds the API's dependencies; its methods are the handlers.
type API struct {
	store    *store.Store
	newsroom *newsroom.Service
	comments *comment.Service
	search   *search.Service
	media    *media.Library
	log      *slog.Logger
}

// Deps are what New needs.
type Deps struct {
	Store    *store.Store
	Newsroom *newsroom.Service
	Comments *comment.Service
	Media    *media.Library
	Log      *slog.Logger // defaults to discarding
}

// New returns the API over d.
func New(d Deps) *API {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &API{store: d.Store, newsroom: d.Newsroom, comments: d.Comments, search: search.New(d.Store), media: d.Media, log: d.Log}
}

// Handler serves every path under /api/v1/, with JSON for every answer,
// errors, unknown paths and wrong methods included.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	a.routes(mux)
	return a.recoverPanics(jsonHeaders(mux))
}

// jsonHeaders sets the headers every answer carries. Answers depend on
// who asks (the token), so no cache may keep them.
func jsonHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic in a handler into a JSON 500 and one log
// line; the web server's own recovery would answer with an HTML page.
func (a *API) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				a.log.Error("api panic", "method", r.Method, "path", r.URL.Path, "value", v)
				writeError(w, http.StatusInternalServerError, errorBody{Code: "internal", Message: genericMessage()})
			}
		}()
		next.ServeHTTP(w, r)
	})
}
