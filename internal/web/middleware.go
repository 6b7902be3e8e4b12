package web

import (
	"net/http"

	"github.com/toasoan/toasoan/internal/news"
)

// Limits on what a request's URL may carry.
const (
	MaxQueryBytes = 32 << 10 // a 10,000-character search fits
	MaxPathBytes  = 1024
)

// LimitRequests answers absurd URLs with a 400 before any handler parses
// them.
func (e *Errors) LimitRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.URL.RawQuery) > MaxQueryBytes || len(r.URL.Path) > MaxPathBytes {
			e.Fail(w, r, news.Errorf(news.Invalid, "Địa chỉ quá dài."))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// SecurityHeaders sets what every response should carry: no sniffing, no
// framing by other sites, no third-party scripts.
func SecurityHeaders(next http.Handler) http.Handler {
	fixed := SecurityHeaderValues()
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range fixed {
			h[k] = v
		}
		next.ServeHTTP(w, r)
	})
}

// SecurityHeaderValues are built once: they go on every response, cache
// hits included, where a few allocations are a measurable share.
func SecurityHeaderValues() http.Header {
	fixed := http.Header{}
	// No X-Frame-Options: the policy's frame-ancestors does its job in
	// every browser that still gets updates. No Referrer-Policy: browsers
	// already default to strict-origin-when-cross-origin. Each header left
	// out is one less for net/http to sort and write on every cache hit.
	fixed.Set("X-Content-Type-Options", "nosniff")
	fixed.Set("Content-Security-Policy", ContentSecurityPolicy())
	return fixed
}

// ContentSecurityPolicy is the policy of every page: only the paper's own
// scripts and styles; video from the paper, or from a blob: hls.js makes
// of it (Media Source Extensions), hls.js's worker likewise; frames from
// the three players the article sanitizer lets in, no other. A page that
// plays a stream from elsewhere (the station's live stream, /truc-tuyen)
// names that origin in streams: it may load media and playlists from it.
func ContentSecurityPolicy(streams ...string) string {
	media := "'self' blob:"
	connect := "'self'"
	for _, origin := range streams {
		media += " " + origin
		connect += " " + origin
	}
	return "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; media-src " + media +
		"; connect-src " + connect + "; worker-src 'self' blob:; frame-src " + EmbedFrameSources +
		"; frame-ancestors 'self'; form-action 'self'"
}

// EmbedFrameSources are the hosts of the players an article may embed
// (richtext's allow-list): YouTube's privacy-enhanced player, Facebook's
// video plugin and TikTok's.
const EmbedFrameSources = "https://www.youtube-nocookie.com https://www.facebook.com https://www.tiktok.com"

// CrossOriginProtection refuses a state-changing request from another site
// before any handler runs, as browsers tell (Sec-Fetch-Site, Origin), on
// top of the newsroom's per-session CSRF tokens.
func (e *Errors) CrossOriginProtection(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		e.Fail(w, r, news.Errorf(news.Forbidden, "Yêu cầu từ trang web khác bị từ chối."))
	}))
	return cop.Handler(next)
}

// RecoverPanics turns a panic in a handler into a 500 and one log line,
// instead of a dropped connection.
func (e *Errors) RecoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				e.Log.Error("panic", "method", r.Method, "path", r.URL.Path, "value", v)
				e.answer(w, r, http.StatusInternalServerError, string(news.Internal), news.ErrorMessage(nil), nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
