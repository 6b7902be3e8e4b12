// Package api is the newsroom's JSON API under /api/v1/: the same
// editorial actions as the newsroom pages, for scripts and other tools,
// authenticated by API tokens that act with their user's roles. Every rule
// lives in the services (editorial, comment, accounts, media) and news;
// this package only translates HTTP and JSON.
package api

import (
	"log/slog"
	"net/http"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/views"
	"github.com/toasoan/toasoan/internal/web"
)

// API holds the API's dependencies; its methods are the handlers.
type API struct {
	store     *store.Store
	editorial *editorial.Service
	comments  *comment.Service
	accounts  *accounts.Service
	search    *search.Service
	paper     *paper.Service
	uploads   *media.Uploads
	av        *avmedia.Service
	resumable *avmedia.Resumable // nil without av
	views     *views.Counter
	errors    *web.Errors
}

// Deps are what New needs.
type Deps struct {
	Store     *store.Store
	Editorial *editorial.Service
	Comments  *comment.Service
	Accounts  *accounts.Service
	Uploads   *media.Uploads
	AV        *avmedia.Service // nil: video and audio refused
	Views     *views.Counter   // nil: one over Store
	Log       *slog.Logger     // defaults to discarding
	// Search answers "?q=", within its limits; nil: one over Store with
	// the default limits.
	Search *search.Service
}

// New returns the API over d.
func New(d Deps) *API {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Views == nil {
		d.Views = views.New(d.Store, nil)
	}
	if d.Search == nil {
		d.Search = search.New(d.Store, search.Limits{})
	}
	a := &API{views: d.Views, store: d.Store, editorial: d.Editorial, comments: d.Comments, accounts: d.Accounts, search: d.Search,
		paper: paper.New(d.Store), uploads: d.Uploads, av: d.AV, errors: &web.Errors{Log: d.Log, Unreachable: d.Store.Unreachable, Challenge: `Bearer realm="toasoan"`}}
	if d.AV != nil {
		var err error
		if a.resumable, err = d.AV.Resumable("/api/v1/uploads/"); err != nil {
			d.Log.Error("resumable uploads refused", "err", err)
		}
	}
	return a
}

// Handler serves every path under /api/v1/, with JSON for every answer,
// errors, unknown paths and wrong methods included.
func (a *API) Handler() http.Handler {
	mux := http.NewServeMux()
	a.routes(mux)
	return a.errors.RecoverPanics(jsonHeaders(mux))
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

// writeJSON is the kit's: encoded whole before anything is written.
var writeJSON = web.WriteJSON
