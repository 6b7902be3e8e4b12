package site

import (
	"net/http"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// The paper's old addresses keep working: a request the site has nothing
// for (no route, or a route whose page does not exist) is looked up in
// the redirect table before it is answered 404, and so is the home page's
// address with a query (WordPress's "/?p=123"). Pages of the site always
// win over a redirect of the same address. A lookup is one indexed read,
// and none while the table is empty (the store remembers it), so 404s do
// not weigh on the database; a cached page is never looked up.

// errNoPage is the 404 of an address the site has no page for.
var errNoPage = news.Errorf(news.NotFound, "Không tìm thấy trang bạn yêu cầu. Có thể bài viết đã được gỡ hoặc đường dẫn bị sai.")

// orRedirect answers h's 404 or 410 from the redirect table when it can:
// an editor may send the address of a story taken down to its successor.
func (s *Server) orRedirect(h web.HandlerFunc) web.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		err := h(w, r)
		if code := news.ErrorCode(err); (code == news.NotFound || code == news.Removed) && s.answerRedirect(w, r) {
			return nil
		}
		return err
	}
}

// oldHomeLinks looks the home page's address up when it carries a query
// (WordPress's "/?p=123", "/?page_id=7") before serving the home page.
func (s *Server) oldHomeLinks(home http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.RawQuery != "" && s.answerRedirect(w, r) {
			return
		}
		home.ServeHTTP(w, r)
	})
}

// mayBeOldHomeLink is a request CachedFirst leaves to the route table:
// the home page's cached copy must not answer "/?p=123".
func mayBeOldHomeLink(r *http.Request) bool { return r.URL.Path == "/" && r.URL.RawQuery != "" }

// redirectCacheControl lets browsers and a proxy keep a redirect's answer
// for an hour; the proxy drops it sooner, by key, when the table changes.
var redirectCacheControl = []string{"public, max-age=3600"}

// answerRedirect answers r from the redirect table: 301 to the target, or
// 410 with the paper's page; false when the table has nothing for it (or
// cannot be read: the 404 stands, and the failure is logged).
func (s *Server) answerRedirect(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	path, query := requestTarget(r)
	rd, ok, err := s.redirects.Resolve(r.Context(), path, query)
	if err != nil {
		s.log.Warn("redirect lookup failed; answering 404", "path", r.URL.Path, "err", err)
		return false
	}
	if !ok {
		return false
	}
	h := w.Header()
	h["Cache-Control"] = redirectCacheControl
	if site, err := s.store.Site(r.Context()); err == nil && site.PurgeURL != "" {
		// "site" too: what a purge of everything sends.
		h.Set("Surrogate-Key", string(news.RedirectsKey)+" "+string(news.SiteKey))
	}
	if rd.Status == news.Gone {
		s.renderError(w, r, http.StatusGone, "Bài viết hoặc trang bạn tìm đã được tòa soạn gỡ bỏ và không còn trên báo.")
		return true
	}
	h.Set("Location", rd.To)
	w.WriteHeader(http.StatusMovedPermanently)
	return true
}

// requestTarget is the request's path and query as the client sent them:
// the escapes an old address was written with matter to its match.
func requestTarget(r *http.Request) (path, query string) {
	if strings.HasPrefix(r.RequestURI, "/") {
		path, query, _ = strings.Cut(r.RequestURI, "?")
		return path, query
	}
	return r.URL.EscapedPath(), r.URL.RawQuery
}
