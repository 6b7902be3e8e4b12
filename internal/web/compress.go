package web

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"strconv"
)

// minCompressBytes is the smallest body worth compressing: below it the
// gzip header and a second buffer cost more than the bytes saved.
const minCompressBytes = 512

// Gzip answers next's response in gzip when the client takes it (see
// EncodingQuality) and the body is big enough to gain from it: the pages
// the page cache cannot keep (search results, made for each query), whose
// cached neighbours it already sends compressed. The body is held in
// memory until next returns, which a rendered page is anyway.
func Gzip(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if EncodingQuality(r.Header.Get("Accept-Encoding"), "gzip") == 0 {
			next.ServeHTTP(w, r)
			return
		}
		bw := &bufferedWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(bw, r)
		bw.finish()
	})
}

// bufferedWriter keeps a response's status and body until finish.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
	wrote  bool
}

func (b *bufferedWriter) WriteHeader(code int) {
	if !b.wrote {
		b.status, b.wrote = code, true
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	b.wrote = true
	return b.body.Write(p)
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.ResponseWriter }

// finish writes the response, compressed when that pays.
func (b *bufferedWriter) finish() {
	body := b.body.Bytes()
	h := b.Header()
	if len(body) >= minCompressBytes && h.Get("Content-Encoding") == "" {
		var gz bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&gz, gzip.DefaultCompression) // a valid level never fails
		_, _ = zw.Write(body)                                      // writes to memory do not fail
		_ = zw.Close()
		if gz.Len() < len(body) {
			h.Set("Content-Encoding", "gzip")
			body = gz.Bytes()
		}
	}
	if len(body) > 0 {
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	b.ResponseWriter.WriteHeader(b.status)
	_, _ = b.ResponseWriter.Write(body) // a failed write is a client gone
}
