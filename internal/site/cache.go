package site

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/web"
)

// cacheableParams are the query parameters that change a public page;
// every other parameter is dropped from the cache key, so a flood of
// cache-busting query strings all land on the same entry.
var cacheableParams = []string{"trang", "ngay", "binh-luan", "trang-binh-luan", "tra-loi"}

// depsKey carries a page's dependency list through its render.
type depsKey struct{}

// pageDeps collects keys from the parts of a page, which may be read at
// the same time (see readAll).
type pageDeps struct {
	mu   sync.Mutex
	keys []string
}

func (d *pageDeps) add(keys ...string) {
	d.mu.Lock()
	d.keys = append(d.keys, keys...)
	d.mu.Unlock()
}

// depend declares what the page being rendered shows, so that a change to
// any of keys drops it from the cache.
func depend(r *http.Request, keys ...news.Key) {
	d, ok := r.Context().Value(depsKey{}).(*pageDeps)
	if !ok {
		return
	}
	strs := make([]string, len(keys))
	for i, k := range keys {
		strs[i] = string(k)
	}
	d.add(strs...)
}

// dependOnArticles declares the stories a page lists: a correction to one
// of them drops the page, and only the pages that list it.
func dependOnArticles(r *http.Request, lists ...[]news.Article) {
	d, ok := r.Context().Value(depsKey{}).(*pageDeps)
	if !ok {
		return
	}
	var keys []string
	for _, list := range lists {
		for _, a := range list {
			keys = append(keys, string(news.ArticleKey(a.ID)))
		}
	}
	d.add(keys...)
}

// cacheKey is the normalized request: path, the parameters that matter in
// a fixed order (the first value of each, which is what the page reads),
// and the reader's choices as readChoices normalised them.
func cacheKey(r *http.Request, c choices) string {
	if r.URL.RawQuery == "" && c.key == "" {
		return r.URL.Path
	}
	var b strings.Builder
	b.WriteString(r.URL.Path)
	q := r.URL.Query()
	sep := "?"
	for _, p := range cacheableParams {
		if v, ok := q[p]; ok {
			b.WriteString(sep + p + "=" + url.QueryEscape(v[0]))
			sep = "&"
		}
	}
	b.WriteString(c.key)
	return b.String()
}

// cached serves a public page from the page cache, rendering it through h
// on a miss. Without a cache (--cache-bytes 0) it is the plain handler.
// While the database is unreachable, a page the cache still holds is
// served stale rather than the 503 its render answered. A 404 or 410 is looked
// up in the redirect table for this very request, outside the render that
// requests of the same cache key share (their queries may differ).
func (s *Server) cached(h web.HandlerFunc) http.Handler {
	if s.cache == nil {
		return s.handle(s.orRedirect(h))
	}
	plain := s.handle(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			plain.ServeHTTP(w, r)
			return
		}
		c := readChoices(r, s.now())
		page, source := s.cache.GetFrom(cacheKey(r, c), func() (*pagecache.Page, bool) {
			return s.renderForCache(plain, r.WithContext(withChoices(r.Context(), c)))
		})
		if (page.Status == http.StatusNotFound || page.Status == http.StatusGone) && s.answerRedirect(w, r) {
			return
		}
		s.serveCached(w, r, page, source)
	})
}

// renderForCache runs the handler into memory. Only complete 200 answers
// that set no cookie are kept.
func (s *Server) renderForCache(h http.Handler, r *http.Request) (*pagecache.Page, bool) {
	deps := &pageDeps{keys: []string{string(news.SiteKey)}}
	rec := &pageRecorder{header: http.Header{}, status: http.StatusOK}
	// The render must not depend on the first reader's connection: if
	// they leave, the others waiting on the same page still need it.
	ctx := context.WithValue(context.WithoutCancel(r.Context()), depsKey{}, deps)
	// The page is rendered whole for everyone: the first reader's
	// If-None-Match or If-Modified-Since would otherwise make it a 304,
	// which is not kept. serveCached answers them from the kept page.
	r = r.WithContext(ctx)
	r.Header = r.Header.Clone()
	r.Header.Del("If-None-Match")
	r.Header.Del("If-Modified-Since")
	h.ServeHTTP(rec, r)
	page := &pagecache.Page{Status: rec.status, Header: rec.header, Body: rec.body.Bytes(), Keys: deps.keys}
	if len(deps.keys) == 1 {
		page.Keys = append(page.Keys, string(news.AnyKey)) // a page that declared nothing goes with any change
	}
	slices.Sort(page.Keys)
	page.Keys = slices.Compact(page.Keys)
	cacheable := rec.status == http.StatusOK && rec.header.Get("Set-Cookie") == ""
	if cacheable {
		// The headers every hit sends, computed once per page.
		page.ETag = page.ETagValue()
		page.Header.Set("ETag", page.ETag)
		page.Header.Set("Cache-Control", pagecache.PublicCacheControl)
		// The keys matter only to a proxy that is told what to purge: a
		// paper without a purge hook saves the header on every hit.
		if site, err := s.store.Site(ctx); err == nil && site.PurgeURL != "" {
			page.Header.Set("Surrogate-Key", strings.Join(page.Keys, " "))
		}
		page.Header.Set("Vary", "Accept-Encoding")
	}
	return page, cacheable
}

// CachedFirst answers a fresh cache hit before the route table and the
// middleware that only matter to a render: most requests on a busy day
// are hits for the same few pages.
func (s *Server) CachedFirst(next http.Handler) http.Handler {
	if s.cache == nil {
		return next
	}
	secure := web.SecurityHeaderValues()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet && len(r.URL.RawQuery) <= web.MaxQueryBytes && !mayBeOldHomeLink(r) {
			if p := s.cache.Peek(cacheKey(r, readChoices(r, s.now()))); p != nil {
				h := w.Header()
				for k, v := range secure {
					h[k] = v
				}
				s.serveCached(w, r, p, pagecache.Hit)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// serveCached writes a cached page: 304 when the reader has it, gzip when
// the reader takes it, and the headers a CDN in front needs to keep it and
// purge it by key.
func (s *Server) serveCached(w http.ResponseWriter, r *http.Request, p *pagecache.Page, source pagecache.Source) {
	h := w.Header()
	for k, v := range p.Header { // built once per page, see renderForCache
		h[k] = v
	}
	switch source {
	case pagecache.Hit:
		h["X-Cache"] = cacheHit
	case pagecache.Stale:
		// The database is away: the reader gets the page as it was, and
		// neither a browser nor a proxy keeps it as if it were fresh.
		h["X-Cache"] = cacheStale
		h["Cache-Control"] = noStore
	default:
		h["X-Cache"] = cacheMiss
	}
	if notModified(r, p) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := p.Body, p.Length
	if p.Gzip != nil && web.EncodingQuality(r.Header.Get("Accept-Encoding"), "gzip") > 0 {
		h["Content-Encoding"] = gzipEncoding
		body, length = p.Gzip, p.GzipLength
	}
	// A known length spares the chunked encoding net/http would use for
	// a body past its first buffer.
	h["Content-Length"] = length
	w.WriteHeader(p.Status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body) // a failed write is a reader gone: nobody to tell
	}
}

// notModified reports whether the reader has p already: by its ETag, or,
// when they send none, by a feed's Last-Modified (as net/http's
// ServeContent decides).
func notModified(r *http.Request, p *pagecache.Page) bool {
	if inm := r.Header.Get("If-None-Match"); inm != "" {
		return p.ETag != "" && inm == p.ETag
	}
	ims := r.Header.Get("If-Modified-Since")
	if ims == "" {
		return false // most requests: ParseTime would make three errors to say so
	}
	since, err := http.ParseTime(ims)
	if err != nil {
		return false
	}
	modified, err := http.ParseTime(p.Header.Get("Last-Modified"))
	return err == nil && !modified.After(since)
}

// The header values, shared by every response.
var (
	cacheHit     = []string{"HIT"}
	cacheMiss    = []string{"MISS"}
	cacheStale   = []string{"STALE"}
	noStore      = []string{"no-store"}
	gzipEncoding = []string{"gzip"}
)

// pageRecorder is a ResponseWriter into memory.
type pageRecorder struct {
	header http.Header
	status int
	body   bytes.Buffer
	wrote  bool
}

func (p *pageRecorder) Header() http.Header { return p.header }

func (p *pageRecorder) WriteHeader(code int) {
	if !p.wrote {
		p.status, p.wrote = code, true
	}
}

func (p *pageRecorder) Write(b []byte) (int, error) {
	p.wrote = true
	return p.body.Write(b)
}
