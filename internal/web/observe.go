package web

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// Recorder hears every request once it is answered, for the metrics.
type Recorder interface {
	Request(route, method string, status int, d time.Duration)
}

// Observe writes the access log, one line for every request, cache hits
// included, and tells rec (when not nil): method, path, the route that
// took it, status, bytes, duration, whether the page cache answered, and
// the reader's address (after RealClient). It stands outside everything
// else, so what it measures is what the reader waited for.
func Observe(log *slog.Logger, rec Recorder, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ow := &observedWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(ow, r)
		d := time.Since(start)
		cache := ow.Header().Get("X-Cache")
		route := r.Pattern // set by the mux that took the request
		if route == "" && cache == "HIT" {
			route = "cache"
		}
		if rec != nil {
			rec.Request(route, r.Method, ow.status, d)
		}
		// The record is handed to the handler directly: Logger.LogAttrs
		// would also walk the stack for a source position nobody asked
		// for, on every request.
		ctx := context.Background()
		if !log.Enabled(ctx, slog.LevelInfo) {
			return
		}
		line := slog.NewRecord(time.Now(), slog.LevelInfo, "request", 0)
		line.AddAttrs(slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.String("route", route),
			slog.Int("status", ow.status), slog.Int64("bytes", ow.bytes), slog.Duration("duration", d),
			slog.String("cache", cache), slog.String("client", ClientIP(r)))
		_ = log.Handler().Handle(ctx, line) // a log that cannot be written has nowhere to say so
	})
}

// observedWriter counts what a handler wrote.
type observedWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
	wrote  bool
}

func (w *observedWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *observedWriter) Write(b []byte) (int, error) {
	w.wrote = true
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *observedWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
