package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

// fetchEncoded asks for path with the headers and returns the answer and
// its body as sent, still encoded.
func fetchEncoded(t *testing.T, method, url string, header map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// decoded is body as the reader sees it, after its Content-Encoding.
func decoded(t *testing.T, resp *http.Response, body []byte) []byte {
	t.Helper()
	var r io.Reader = bytes.NewReader(body)
	switch resp.Header.Get("Content-Encoding") {
	case "gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			t.Fatal(err)
		}
		r = zr
	case "br":
		r = brotli.NewReader(r)
	case "":
	default:
		t.Fatalf("Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The stylesheet a page links to is sent in brotli or gzip to a browser
// that takes it, plain to one that does not or refuses it with q=0, with
// the length of what is sent; HEAD answers the same headers.
func TestStaticFilesCompressed(t *testing.T) {
	t.Parallel()
	w := startSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	_, doc := get(t, w.url, "/")
	href := doc.Find(`link[rel="stylesheet"]`).AttrOr("href", "")
	if !strings.HasPrefix(href, "/static/style.") {
		t.Fatalf("stylesheet %q", href)
	}
	_, plain := fetchEncoded(t, http.MethodGet, w.url+href, nil)
	if !bytes.Contains(plain, []byte(".share")) {
		t.Fatalf("not the stylesheet: %.80q", plain)
	}
	tests := []struct{ accept, want string }{
		{"gzip", "gzip"}, {"br", "br"}, {"gzip, deflate, br, zstd", "br"}, {"", ""}, {"gzip;q=0", ""}, {"br;q=0, gzip", "gzip"}, {"identity", ""},
	}
	for _, tt := range tests {
		resp, body := fetchEncoded(t, http.MethodGet, w.url+href, map[string]string{"Accept-Encoding": tt.accept})
		if got := resp.Header.Get("Content-Encoding"); resp.StatusCode != http.StatusOK || got != tt.want {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want %q", tt.accept, resp.StatusCode, got, tt.want)
			continue
		}
		if !bytes.Equal(decoded(t, resp, body), plain) {
			t.Errorf("Accept-Encoding %q: does not decode to the stylesheet", tt.accept)
		}
		if resp.ContentLength != int64(len(body)) || tt.want != "" && len(body) >= len(plain) {
			t.Errorf("Accept-Encoding %q: Content-Length %d, %d bytes sent for %d", tt.accept, resp.ContentLength, len(body), len(plain))
		}
		if resp.Header.Get("Vary") != "Accept-Encoding" || resp.Header.Get("ETag") == "" || !strings.Contains(resp.Header.Get("Cache-Control"), "immutable") {
			t.Errorf("Accept-Encoding %q: Vary %q, ETag %q, Cache-Control %q", tt.accept, resp.Header.Get("Vary"), resp.Header.Get("ETag"), resp.Header.Get("Cache-Control"))
		}
		head, headBody := fetchEncoded(t, http.MethodHead, w.url+href, map[string]string{"Accept-Encoding": tt.accept})
		if head.StatusCode != http.StatusOK || len(headBody) != 0 || head.Header.Get("Content-Encoding") != tt.want ||
			head.Header.Get("Content-Length") != resp.Header.Get("Content-Length") || head.Header.Get("ETag") != resp.Header.Get("ETag") {
			t.Errorf("HEAD with %q: %d, %d bytes, %q, length %q", tt.accept, head.StatusCode, len(headBody), head.Header.Get("Content-Encoding"), head.Header.Get("Content-Length"))
		}
	}
}

// Search results, made for each query outside the page cache, are sent
// in gzip to a browser that takes it; a cached page refuses gzip with q=0
// as the search page does.
func TestSearchPageCompressed(t *testing.T) {
	t.Parallel()
	w, _ := cachedSite(t, filepath.Join(t.TempDir(), "toasoan.db"))
	for _, path := range []string{"/tim-kiem?q=duong+ve+xa", "/"} {
		resp, body := fetchEncoded(t, http.MethodGet, w.url+path, map[string]string{"Accept-Encoding": "gzip, deflate, br"})
		page := decoded(t, resp, body)
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Encoding") != "gzip" || resp.ContentLength != int64(len(body)) ||
			!strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") || !bytes.Contains(page, []byte("mới số")) {
			t.Errorf("%s with gzip: %d, %q, length %d of %d sent, Vary %q", path, resp.StatusCode, resp.Header.Get("Content-Encoding"),
				resp.ContentLength, len(body), resp.Header.Get("Vary"))
		}
		for _, refusing := range []string{"gzip;q=0", ""} {
			resp, body := fetchEncoded(t, http.MethodGet, w.url+path, map[string]string{"Accept-Encoding": refusing})
			if resp.Header.Get("Content-Encoding") != "" || !bytes.Contains(body, []byte("mới số")) {
				t.Errorf("%s with %q: Content-Encoding %q", path, refusing, resp.Header.Get("Content-Encoding"))
			}
		}
	}
	// A page too small to gain is sent as it is.
	resp, _ := fetchEncoded(t, http.MethodGet, w.url+"/tim-kiem?q=x&tu=khong-phai-ngay", map[string]string{"Accept-Encoding": "gzip", "Accept": "application/json"})
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Encoding") != "" {
		t.Errorf("a small error answer: %d, %q", resp.StatusCode, resp.Header.Get("Content-Encoding"))
	}
}
