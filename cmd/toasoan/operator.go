package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// serveOperator serves what the IT person looks at, apart from the site,
// until ctx ends: Prometheus metrics under /metrics when metrics is not
// nil, and Go's profiler under /debug/pprof/ when profile is set (go tool
// pprof http://ADDR/debug/pprof/profile).
func serveOperator(ctx context.Context, flag, addr string, metrics http.Handler, profile bool, stdout io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("không mở được %s %s: %w", flag, addr, err)
	}
	mux := http.NewServeMux()
	if metrics != nil {
		mux.Handle("/metrics", metrics)
		fmt.Fprintf(stdout, "số đo Prometheus tại http://%s/metrics\n", ln.Addr())
	}
	if profile {
		mux.HandleFunc("/debug/pprof/", pprof.Index)
		mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
		mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
		mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
		mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
		fmt.Fprintf(stdout, "bộ đo hiệu năng tại http://%s/debug/pprof/\n", ln.Addr())
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { <-ctx.Done(); _ = srv.Close() }() // Serve returns ErrServerClosed then
	go func() {
		if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintf(stdout, "%s dừng: %v\n", flag, err)
		}
	}()
	return nil
}
