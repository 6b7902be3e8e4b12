// Package newsroom is the newsroom's pages under /toasoan/: signing in,
// the desk, the editor, revisions, the photo library, comment
// moderation, the home page's arrangement, accounts, sections, the
// weather box's localities, announcements, the paper's own pages and the
// audit log. Every page
// but signing in needs a session; every form carries its CSRF token; who
// may open what is news.Permissions' table. The rules themselves live in
// the services it calls (editorial, comment, accounts, media, popup,
// weather), which the API and the command line share.
package newsroom

import (
	"embed"
	"log/slog"
	"net/http"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/avmedia"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/paper"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/preview"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

//go:embed templates
var templates embed.FS

// Server holds the newsroom's dependencies; its methods are the handlers.
type Server struct {
	store     *store.Store
	editorial *editorial.Service
	comments  *comment.Service
	accounts  *accounts.Service
	uploads   *media.Uploads
	weather   *weather.Service
	popups    *popup.Service
	paper     *paper.Service
	previews  *preview.Service // preview links for outsiders
	preview   func(w http.ResponseWriter, r *http.Request, a news.Article) error
	errors    *web.Errors
	pages     *web.Renderer
	log       *slog.Logger
	now       func() time.Time

	// redirects is the old addresses' table (the site's service).
	redirects *redirects.Service
	// av takes videos and audio in; nil: the page says they are not taken.
	av *avmedia.Service
	// resumable takes them in pieces (tus) from the page's script.
	resumable *avmedia.Resumable
}

// Deps are what New needs.
type Deps struct {
	Store     *store.Store
	Editorial *editorial.Service
	Comments  *comment.Service
	Accounts  *accounts.Service
	Uploads   *media.Uploads
	Weather   *weather.Service
	Assets    *web.Assets
	// Errors answers failures; the site's, so an error looks the same
	// wherever it happens.
	Errors *web.Errors
	// Preview draws an article as readers would see it (the site's).
	Preview func(w http.ResponseWriter, r *http.Request, a news.Article) error
	Log     *slog.Logger
	Now     func() time.Time // defaults to time.Now
	// Redirects manages the old addresses; nil: one of the newsroom's own.
	Redirects *redirects.Service
	// AV takes videos and audio in (the "Video và âm thanh" page).
	AV *avmedia.Service
}

// New parses the newsroom's templates once, at start-up.
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
	pages, err := web.NewRenderer(templates, "templates/layout/*.html", "templates/*.html", d.Assets, funcs())
	if err != nil {
		return nil, err
	}
	var resumable *avmedia.Resumable
	if d.AV != nil {
		if resumable, err = d.AV.Resumable("/toasoan/tai-len/"); err != nil {
			return nil, err
		}
	}
	return &Server{resumable: resumable, store: d.Store, editorial: d.Editorial, comments: d.Comments, accounts: d.Accounts, uploads: d.Uploads,
		weather: d.Weather, popups: popup.New(d.Store), paper: paper.New(d.Store), previews: preview.New(d.Store, d.Now), preview: d.Preview,
		errors: d.Errors, pages: pages, log: d.Log, now: d.Now, redirects: d.Redirects, av: d.AV}, nil
}

// render writes a newsroom page.
func (s *Server) render(w http.ResponseWriter, status int, name string, page any) error {
	return s.pages.Render(w, status, name, page)
}

// handle adapts a handler that returns its error.
func (s *Server) handle(h web.HandlerFunc) http.Handler { return s.errors.Handle(h) }
