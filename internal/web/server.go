// Package web serves the reader's site: routes, middleware, the error
// adapter and the rendering of typed pages through embedded templates.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/newsroom"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/weather"
)

// Server holds the site's dependencies; its methods are the handlers.
type Server struct {
	store    *store.Store
	media    *media.Library
	newsroom *newsroom.Service
	comments *comment.Service
	search   *search.Service
	api      http.Handler
	cache    *pagecache.Cache // nil: every page rendered fresh
	hasher   auth.Hasher
	log      *slog.Logger
	pages    *renderer
	assets   *assets
	now      func() time.Time
	logins   loginLimits
	weather  *weather.Service
	popups   *popup.Service
}

// Deps are what New needs.
type Deps struct {
	Store    *store.Store
	Media    *media.Library
	Newsroom *newsroom.Service
	Comments *comment.Service
	API      http.Handler // the JSON API under /api/v1/, nil for none
	Hasher   auth.Hasher  // password hashing; auth.DefaultHasher() in production
	Cache    *pagecache.Cache
	Log      *slog.Logger
	Now      func() time.Time // defaults to time.Now
	Weather  *weather.Service // the weather box; nil: read what is stored, with the default stale age
}

// New parses the templates and hashes the static files once, at start-up.
func New(d Deps) (*Server, error) {
	as, err := loadAssets()
	if err != nil {
		return nil, err
	}
	r, err := newRenderer(as)
	if err != nil {
		return nil, err
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	return &Server{store: d.Store, media: d.Media, newsroom: d.Newsroom, comments: d.Comments, search: search.New(d.Store), api: d.API, cache: d.Cache, hasher: d.Hasher,
		log: d.Log, pages: r, assets: as, now: d.Now, logins: newLoginLimits(d.Now),
		weather: readerWeather(d), popups: popup.New(d.Store)}, nil
}

// Handler is the whole site with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.readerRoutes(mux)
	s.newsroomRoutes(mux)
	s.discoveryRoutes(mux)
	s.weatherRoutes(mux)
	// Browsers say where a request comes from (Sec-Fetch-Site, Origin):
	// a state-changing request from another site is refused before any
	// handler runs, on top of the newsroom's per-session CSRF tokens.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.renderError(w, r, http.StatusForbidden, "Yêu cầu từ trang web khác bị từ chối.")
	}))
	root := http.NewServeMux()
	root.Handle("/", cop.Handler(mux))
	if s.api != nil {
		// The API authenticates with tokens, not cookies: a forged
		// cross-site request carries no credential, and the API answers
		// in JSON, so it sits outside the browser-oriented check.
		root.Handle("/api/v1/", s.api)
	}
	return s.recoverPanics(s.cachedFirst(s.logRequests(s.limitRequests(securityHeaders(root))), securityHeaderValues()))
}
