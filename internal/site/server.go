// Package site is the reader's site: the home page, sections, articles,
// tags and authors, search, comments, the weather box and page, the
// announcements, feeds and sitemaps. Its pages are public and go through
// the page cache; nothing in it needs a signed-in user.
package site

import (
	"embed"
	"github.com/toasoan/toasoan/internal/avmedia"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/preview"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/views"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

//go:embed templates
var templates embed.FS

// Server holds the site's dependencies; its methods are the handlers.
type Server struct {
	store    *store.Store
	media    *media.Library
	comments *comment.Service
	search   *search.Service
	cache    *pagecache.Cache // nil: every page rendered fresh
	log      *slog.Logger
	pages    *web.Renderer
	assets   *web.Assets
	errors   *web.Errors
	now      func() time.Time
	version  string
	weather  *weather.Service
	popups   *popup.Service
	previews *preview.Service // the preview links editors send outside the newsroom
	brand    *brandImages     // the paper's share picture and logo, drawn from its name

	// redirects answers old addresses with 301 or 410 instead of 404.
	redirects *redirects.Service
	// views keeps the "Đọc nhiều" lists; nil: pages show none.
	views *views.Counter
	// av serves videos' and audio's outputs; nil: none are served.
	av *avmedia.Service
	// pageBuffers keeps article pages' buffers for the next page: a page
	// is 50-100 KB, which a new buffer reaches by growing several times.
	pageBuffers sync.Pool
}

// Deps are what New needs.
type Deps struct {
	Store    *store.Store
	Media    *media.Library
	Comments *comment.Service
	Cache    *pagecache.Cache
	Assets   *web.Assets
	Log      *slog.Logger
	Now      func() time.Time // defaults to time.Now
	Weather  *weather.Service // the weather box; nil: read what is stored, with the default stale age
	Version  string           // what /healthz says it is
	// Redirects answers old addresses; nil: one of the site's own (whose
	// hit counts nothing writes).
	Redirects *redirects.Service
	// Views keeps the "Đọc nhiều" lists; nil: pages show none.
	Views *views.Counter
	// AV serves videos' and audio's outputs under /media/av/; nil: none.
	AV *avmedia.Service
	// Search runs readers' searches within its limits; nil: one over
	// Store with the default limits.
	Search *search.Service
}

// New parses the site's templates once, at start-up.
func New(d Deps) (*Server, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Weather == nil {
		d.Weather = weather.New(weather.Config{Store: d.Store, Now: d.Now, Log: d.Log})
	}
	if d.Redirects == nil {
		d.Redirects = redirects.New(d.Store, d.Now)
	}
	if d.Search == nil {
		d.Search = search.New(d.Store, search.Limits{})
	}
	s := &Server{store: d.Store, media: d.Media, comments: d.Comments, search: d.Search, cache: d.Cache,
		log: d.Log, assets: d.Assets, now: d.Now, version: d.Version, weather: d.Weather, popups: popup.New(d.Store),
		previews: preview.New(d.Store, d.Now), redirects: d.Redirects, views: d.Views, av: d.AV}
	s.errors = &web.Errors{Log: d.Log, Page: s.renderError, Unreachable: d.Store.Unreachable}
	var err error
	if s.brand, err = newBrandImages(); err != nil {
		return nil, err
	}
	if s.pages, err = web.NewRenderer(templates, "templates/layout/*.html", "templates/*.html", d.Assets, s.funcs()); err != nil {
		return nil, err
	}
	return s, nil
}

// Errors is the site's error adapter: the reader's Vietnamese error page.
// The newsroom and the rest of the server answer with it too.
func (s *Server) Errors() *web.Errors { return s.errors }

// handle adapts a handler that returns its error.
func (s *Server) handle(h web.HandlerFunc) http.Handler { return s.errors.Handle(h) }

// render writes a page of the site.
func (s *Server) render(w http.ResponseWriter, status int, name string, page any) error {
	return s.pages.Render(w, status, name, page)
}
