package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// serveAsset asks the assets for the file behind url with the headers.
func serveAsset(t *testing.T, as *Assets, method, url string, header map[string]string) *http.Response {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/static/{file}", func(w http.ResponseWriter, r *http.Request) {
		if err := as.Serve(w, r); err != nil {
			t.Errorf("Serve %s: %v", url, err)
		}
	})
	req := httptest.NewRequest(method, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	return rec.Result()
}

func decode(t *testing.T, resp *http.Response) []byte {
	t.Helper()
	var r io.Reader = resp.Body
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(resp.Body)
	}
	body, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// Every compressible file is answered in the encoding the client takes,
// smaller than the file and decoding to it, with its own ETag and length;
// the rest are answered as they are.
func TestAssetEncodings(t *testing.T) {
	t.Parallel()
	as, err := LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	for name, url := range as.urls {
		a := as.byHashed[strings.TrimPrefix(url, "/static/")]
		etags := map[string]string{}
		for _, accept := range []string{"", "gzip", "br", "gzip, deflate, br", "br;q=0, gzip"} {
			resp := serveAsset(t, as, http.MethodGet, url, map[string]string{"Accept-Encoding": accept})
			enc := resp.Header.Get("Content-Encoding")
			want := map[string]string{"": "", "gzip": "gzip", "br": "br", "gzip, deflate, br": "br", "br;q=0, gzip": "gzip"}[accept]
			if !a.compressible || len(a.plain.data) < 200 && enc == "" {
				want = enc // not compressed, or compressing did not pay (a tiny SVG)
			}
			if !a.compressible && enc != "" {
				t.Errorf("%s (%s) answered %q", name, a.mime, enc)
			}
			if enc != want {
				t.Errorf("%s with %q: Content-Encoding %q, want %q", name, accept, enc, want)
			}
			body := decode(t, resp)
			if !bytes.Equal(body, a.plain.data) {
				t.Errorf("%s with %q decodes to %d bytes, want the file's %d", name, accept, len(body), len(a.plain.data))
			}
			if resp.ContentLength <= 0 || enc != "" && resp.ContentLength >= int64(len(a.plain.data)) {
				t.Errorf("%s with %q: Content-Length %d for a file of %d", name, accept, resp.ContentLength, len(a.plain.data))
			}
			if a.compressible && resp.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s: Vary %q", name, resp.Header.Get("Vary"))
			}
			etags[enc] = resp.Header.Get("ETag")
		}
		seen := map[string]bool{}
		for enc, etag := range etags {
			if etag == "" || seen[etag] {
				t.Errorf("%s: ETag %q for %q is missing or shared: %v", name, etag, enc, etags)
			}
			seen[etag] = true
		}
	}
}

// The stylesheet: brotli and gzip, q=0 honoured, HEAD, 304 by encoding,
// and a Range request of the plain file still answered in part.
func TestStylesheetEncodings(t *testing.T) {
	t.Parallel()
	as, err := LoadAssets()
	if err != nil {
		t.Fatal(err)
	}
	url, _ := as.URL("style.css")
	plain := as.byHashed[strings.TrimPrefix(url, "/static/")].plain.data
	get := func(method string, header map[string]string) *http.Response {
		return serveAsset(t, as, method, url, header)
	}
	tests := []struct{ accept, want string }{
		{"gzip", "gzip"}, {"br", "br"}, {"", ""}, {"gzip;q=0", ""}, {"br;q=0, gzip;q=0", ""}, {"br;q=0, gzip", "gzip"},
		{"identity", ""}, {"*", "br"}, {"*;q=0", ""}, {"gzip;q=1, br;q=0.5", "gzip"},
	}
	for _, tt := range tests {
		resp := get(http.MethodGet, map[string]string{"Accept-Encoding": tt.accept})
		if got := resp.Header.Get("Content-Encoding"); got != tt.want || resp.StatusCode != http.StatusOK {
			t.Errorf("Accept-Encoding %q: %d %q, want %q", tt.accept, resp.StatusCode, got, tt.want)
		}
		if body := decode(t, resp); !bytes.Equal(body, plain) {
			t.Errorf("Accept-Encoding %q: not the stylesheet", tt.accept)
		}
	}
	br := get(http.MethodGet, map[string]string{"Accept-Encoding": "br"})
	head := get(http.MethodHead, map[string]string{"Accept-Encoding": "br"})
	if body, _ := io.ReadAll(head.Body); len(body) != 0 || head.StatusCode != http.StatusOK ||
		head.Header.Get("Content-Encoding") != "br" || head.Header.Get("Content-Length") != br.Header.Get("Content-Length") {
		t.Errorf("HEAD: %d, %d bytes, %q, length %q (GET's %q)", head.StatusCode, len(body), head.Header.Get("Content-Encoding"),
			head.Header.Get("Content-Length"), br.Header.Get("Content-Length"))
	}
	gz := get(http.MethodGet, map[string]string{"Accept-Encoding": "gzip"})
	if resp := get(http.MethodGet, map[string]string{"Accept-Encoding": "br", "If-None-Match": br.Header.Get("ETag")}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("brotli's own ETag: %d", resp.StatusCode)
	}
	if resp := get(http.MethodGet, map[string]string{"Accept-Encoding": "br", "If-None-Match": gz.Header.Get("ETag")}); resp.StatusCode != http.StatusOK {
		t.Errorf("gzip's ETag for a brotli answer: %d", resp.StatusCode)
	}
	identity := get(http.MethodGet, nil)
	if resp := get(http.MethodGet, map[string]string{"If-None-Match": identity.Header.Get("ETag")}); resp.StatusCode != http.StatusNotModified {
		t.Errorf("the plain file's ETag: %d", resp.StatusCode)
	}
	part := get(http.MethodGet, map[string]string{"Range": "bytes=0-99"})
	if body, _ := io.ReadAll(part.Body); part.StatusCode != http.StatusPartialContent || !bytes.Equal(body, plain[:100]) {
		t.Errorf("Range of the plain file: %d, %d bytes", part.StatusCode, len(body))
	}
	whole := get(http.MethodGet, map[string]string{"Range": "bytes=0-99", "Accept-Encoding": "gzip"})
	if body := decode(t, whole); whole.StatusCode != http.StatusOK || !bytes.Equal(body, plain) {
		t.Errorf("Range of the gzip answer: %d, %d bytes", whole.StatusCode, len(body))
	}
}

// Gzip compresses a page the client takes gzip for, and leaves alone a
// tiny body, a client that refuses it and a body already encoded.
func TestGzip(t *testing.T) {
	t.Parallel()
	page := strings.Repeat("<p>Tin mới trong ngày.</p>\n", 100)
	handler := Gzip(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		switch r.URL.Path {
		case "/tiny":
			_, _ = io.WriteString(w, "<p>Ít</p>")
		case "/encoded":
			w.Header().Set("Content-Encoding", "br")
			_, _ = io.WriteString(w, page)
		default:
			w.WriteHeader(http.StatusTeapot)
			_, _ = io.WriteString(w, page)
		}
	}))
	tests := []struct{ path, accept, want string }{
		{"/", "gzip, br", "gzip"},
		{"/", "gzip;q=0", ""},
		{"/", "", ""},
		{"/tiny", "gzip", ""},
		{"/encoded", "gzip", "br"},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, tt.path, nil)
		req.Header.Set("Accept-Encoding", tt.accept)
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		resp := rec.Result()
		if got := resp.Header.Get("Content-Encoding"); got != tt.want || resp.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s with %q: Content-Encoding %q, want %q; Vary %q", tt.path, tt.accept, got, tt.want, resp.Header.Get("Vary"))
		}
		if tt.want == "gzip" {
			if body := decode(t, resp); string(body) != page || resp.StatusCode != http.StatusTeapot ||
				resp.Header.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
				t.Errorf("%s: %d, %d bytes decoded, length %q of %d", tt.path, resp.StatusCode, len(body), resp.Header.Get("Content-Length"), rec.Body.Len())
			}
		}
	}
}
