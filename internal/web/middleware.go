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
	fixed.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; frame-src https://www.youtube-nocookie.com; frame-ancestors 'self'; form-action 'self'")
	return fixed
}

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
