package main

import (
	"context"
	"flag"
	"net"
	"net/http"
	"os"
	"strconv"

	"github.com/toasoan/toasoan/internal/web"
)

// floor serves one file's bytes from memory with net/http: the fastest a
// Go server can answer, the floor the page cache's hit path is compared to.
func floor(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "address")
	file := fs.String("gzip-file", "", "a gzip-compressed page to serve")
	same := fs.Bool("page-headers", false, "send the headers a cached page carries too (security policy, ETag, Cache-Control, Vary, X-Cache, Content-Length)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	body, err := os.ReadFile(*file)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	header := http.Header{}
	header.Set("Content-Type", "text/html; charset=utf-8")
	header.Set("Content-Encoding", "gzip")
	if *same {
		// What toasoan's hit sends beside the body, values of the same length.
		header.Set("Content-Security-Policy", web.ContentSecurityPolicy())
		header.Set("X-Content-Type-Options", "nosniff")
		header.Set("ETag", `"00de45bca2d2b8109ee8d5a6"`)
		header.Set("Cache-Control", "public, max-age=30, stale-while-revalidate=300")
		header.Set("Vary", "Accept-Encoding")
		header.Set("X-Cache", "HIT")
		header.Set("Content-Length", strconv.Itoa(len(body)))
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range header {
			h[k] = v
		}
		_, _ = w.Write(body) // a benchmark client that left is not news
	})}
	go func() { <-ctx.Done(); _ = srv.Close() }() // Serve returns ErrServerClosed then
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}
