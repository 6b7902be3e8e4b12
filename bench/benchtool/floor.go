package main

import (
	"context"
	"flag"
	"net"
	"net/http"
	"os"
)

// floor serves one file's bytes from memory with net/http: the fastest a
// Go server can answer, the floor the page cache's hit path is compared to.
func floor(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("floor", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:18090", "address")
	file := fs.String("gzip-file", "", "a gzip-compressed page to serve")
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
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Encoding", "gzip")
		_, _ = w.Write(body) // a benchmark client that left is not news
	})}
	go func() { <-ctx.Done(); _ = srv.Close() }() // Serve returns ErrServerClosed then
	if err := srv.Serve(ln); err != http.ErrServerClosed {
		return err
	}
	return nil
}
