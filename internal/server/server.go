// Package server puts the paper's HTTP parts together: the reader's site,
// the newsroom and the JSON API on one mux, behind the middleware every
// request passes. cmd/toasoan serves what it builds; the end-to-end tests
// beside it build the same thing.
package server

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/api"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/newsroom"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/site"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/views"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

// Deps are the services the server's parts call.
type Deps struct {
	Store     *store.Store
	Media     *media.Library
	Editorial *editorial.Service
	Comments  *comment.Service
	Accounts  *accounts.Service // nil: one over Store with Hasher
	Hasher    auth.Hasher       // for a default Accounts; zero: auth.DefaultHasher()
	Weather   *weather.Service  // nil: one that reads what is stored
	Cache     *pagecache.Cache  // nil: every page rendered fresh
	Proxies   web.Proxies       // reverse proxies trusted to name the reader's address
	Metrics   web.Recorder      // hears every answered request; nil: none
	Version   string            // what /healthz says it is
	Log       *slog.Logger
	Now       func() time.Time // defaults to time.Now

	// Redirects answers and manages the old addresses; nil: one over
	// Store, whose hit counts nothing writes (serve runs RunHits).
	Redirects *redirects.Service
	// Views counts readers' views and keeps the most-read lists; nil: one
	// over Store, which nothing flushes (serve runs Views.Run).
	Views *views.Counter
	// AV takes videos and audio in and serves their outputs; nil: they
	// are refused and nothing is served under /media/av/.
	AV *avmedia.Service
	// Search runs the site's and the API's searches, so both count
	// against the same limits; nil: one over Store with the default ones.
	Search *search.Service
}

// New builds the whole HTTP server. A request passes, in this order: the
// reader's address taken from a trusted proxy's headers; the access log
// and metrics; a fresh page from the cache, answered before anything else
// runs; the URL limits, the check that text is UTF-8 and the security
// headers; then the API under /api/v1/ (token-authenticated, so outside
// the check on cross-site requests), and everything else (site and
// newsroom, one mux) behind the cross-origin protection.
func New(d Deps) (http.Handler, error) {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Accounts == nil {
		if d.Hasher == (auth.Hasher{}) {
			d.Hasher = auth.DefaultHasher()
		}
		d.Accounts = accounts.New(d.Store, d.Hasher, d.Now)
	}
	if d.Weather == nil {
		d.Weather = weather.New(weather.Config{Store: d.Store, Now: d.Now, Log: d.Log})
	}
	if d.Redirects == nil {
		d.Redirects = redirects.New(d.Store, d.Now)
	}
	if d.Views == nil {
		d.Views = views.New(d.Store, d.Now)
	}
	if d.Search == nil {
		d.Search = search.New(d.Store, search.Limits{})
	}
	uploads := media.NewUploads(d.Media, d.Store)
	assets, err := web.LoadAssets()
	if err != nil {
		return nil, err
	}
	reader, err := site.New(site.Deps{Store: d.Store, Media: d.Media, Comments: d.Comments, Cache: d.Cache, Assets: assets,
		Log: d.Log, Now: d.Now, Weather: d.Weather, Version: d.Version, Redirects: d.Redirects, Views: d.Views, AV: d.AV, Search: d.Search})
	if err != nil {
		return nil, err
	}
	desk, err := newsroom.New(newsroom.Deps{Store: d.Store, Editorial: d.Editorial, Comments: d.Comments, Accounts: d.Accounts,
		Uploads: uploads, Weather: d.Weather, Assets: assets, Errors: reader.Errors(), Preview: reader.Preview, Log: d.Log, Now: d.Now,
		Redirects: d.Redirects, AV: d.AV})
	if err != nil {
		return nil, err
	}
	json := api.New(api.Deps{Store: d.Store, Editorial: d.Editorial, Comments: d.Comments, Accounts: d.Accounts, Uploads: uploads, AV: d.AV, Views: d.Views, Log: d.Log, Search: d.Search})

	pages := http.NewServeMux()
	reader.Routes(pages)
	desk.Routes(pages)
	errs := reader.Errors()
	root := http.NewServeMux()
	root.Handle("/", errs.CrossOriginProtection(pages))
	root.Handle("/api/v1/", json.Handler())
	inner := errs.LimitRequests(errs.RejectInvalidText(web.SecurityHeaders(root)))
	return d.Proxies.RealClient(web.Observe(d.Log, d.Metrics, errs.RecoverPanics(reader.CachedFirst(inner)))), nil
}
