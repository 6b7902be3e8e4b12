package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestNginxSendsPageFiles puts the one-server layout (deploy/nginx-pages.conf,
// Debian's nginx alone) in front of a server started with --page-files:
// nginx sends a kept page from its file with the server's own headers and
// bytes, a correction or an approved comment reaches readers through it
// within a second (the server deleted the file with its cached page), a
// page showing neither stays a file, and what no file may answer (a query,
// the API with its token and bodies) reaches the server.
func TestNginxSendsPageFiles(t *testing.T) {
	t.Parallel()
	nginx := proxyProgram(t, "nginx", "", "nginx")
	data := t.TempDir()
	pages := filepath.Join(t.TempDir(), "pages")
	srv := startServer(t, "--data", data, "--page-files", pages)
	proxyAddr := freeAddress(t)
	startNginx(t, nginx, "nginx-pages.conf", proxyAddr, strings.TrimPrefix(srv.base, "http://"), func(site []byte, _ string) []byte {
		return bytes.Replace(site, []byte("/var/cache/toasoan/pages"), []byte(pages), -1)
	})
	proxy := "http://" + proxyAddr

	// Every call of the newsroom's API goes through nginx: its bodies and
	// token reach the server.
	through := proxyChecks(t, "nginx's page files", proxy, adminAPI(t, proxy, "--data", data))
	if _, err := os.Stat(filepath.Join(pages, filepath.FromSlash(through.otherPage)+".html")); err != nil {
		t.Fatalf("nginx answered HIT but the server wrote no file: %v", err)
	}
	for _, encoding := range []string{"", "gzip"} {
		sameAnswer(t, proxy+through.otherPage, srv.base+through.otherPage, encoding)
	}
	if _, cache := through.get(through.otherPage + "?utm_source=zalo"); cache != "BYPASS" {
		t.Errorf("a page with a tracking parameter was sent from a file: %q", cache)
	}
	through.correctionsShow()
}

// sameAnswer fails unless nginx's answer from a file (fromFile) and the
// server's own (fromServer) carry the same body and the same headers,
// but for what nginx adds of its own (its name, its validators, ranges).
func sameAnswer(t *testing.T, fromFile, fromServer, encoding string) {
	t.Helper()
	get := func(url string) (http.Header, []byte) {
		req, _ := http.NewRequest(http.MethodGet, url, nil)
		// Go's client asks for gzip and unpacks it unless told what to ask.
		req.Header.Set("Accept-Encoding", encoding)
		if encoding == "" {
			req.Header.Set("Accept-Encoding", "identity")
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", url, resp.StatusCode, err)
		}
		return resp.Header, body
	}
	nginxHeader, nginxBody := get(fromFile)
	serverHeader, serverBody := get(fromServer)
	if got := nginxHeader.Get("X-Cache"); got != "HIT" {
		t.Fatalf("nginx did not send %s from its file: X-Cache %q", fromFile, got)
	}
	if !bytes.Equal(nginxBody, serverBody) {
		t.Fatalf("Accept-Encoding %q: nginx sent %d bytes, the server %d, not the same", encoding, len(nginxBody), len(serverBody))
	}
	if encoding == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(nginxBody))
		if err != nil {
			t.Fatalf("nginx's gzip answer: %v", err)
		}
		if _, err := io.ReadAll(zr); err != nil {
			t.Fatalf("nginx's gzip answer: %v", err)
		}
	}
	nginxOwn := []string{"Date", "Server", "Connection", "Etag", "Last-Modified", "Accept-Ranges"}
	for k := range mergedKeys(nginxHeader, serverHeader) {
		if slices.Contains(nginxOwn, k) {
			continue
		}
		if a, b := nginxHeader[k], serverHeader[k]; !slices.Equal(a, b) {
			t.Errorf("Accept-Encoding %q: %s is %q from nginx's file, %q from the server", encoding, k, a, b)
		}
	}
}

func mergedKeys(hs ...http.Header) map[string]bool {
	keys := map[string]bool{}
	for _, h := range hs {
		for k := range h {
			keys[k] = true
		}
	}
	return keys
}

// TestPageFilesExpireWithTheCache: a page file goes when its page passes
// --cache-max-age, the safety net for a missed change, as the cache's own
// copy stops being served.
func TestPageFilesExpireWithTheCache(t *testing.T) {
	t.Parallel()
	pages := filepath.Join(t.TempDir(), "pages")
	srv := startServer(t, "--page-files", pages, "--cache-max-age", "1s")
	resp, err := http.Get(srv.base + "/")
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	home := filepath.Join(pages, ".html")
	if _, err := os.Stat(home); err != nil {
		t.Fatalf("the home page was not written: %v", err)
	}
	written := time.Now()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for range tick.C {
		if _, err := os.Stat(home); os.IsNotExist(err) {
			return
		}
		if time.Since(written) > 5*time.Second {
			t.Fatal("the home page's file outlived its maximum age by 4 s")
		}
	}
}
