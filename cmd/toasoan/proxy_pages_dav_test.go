package main

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNginxTakesPagesFromSeveralServers puts the several-server layout
// (deploy/nginx-pages.conf with deploy/nginx-pages-dav.conf, Debian's
// nginx alone) in front of two servers on one PostgreSQL database, each
// sending its pages to nginx's folder over HTTP: a server starting empties
// the folder, a page either server keeps is sent from its file with the
// server's own bytes and headers, and a correction or an approved comment
// reaches readers through nginx within a second, whichever server wrote
// the page and whichever took the change.
func TestNginxTakesPagesFromSeveralServers(t *testing.T) {
	t.Parallel()
	nginx := proxyProgram(t, "nginx", "", "nginx")
	source := postgresSource(t)
	cache := t.TempDir()
	pages := filepath.Join(cache, "pages")
	// A page left by an earlier run: nginx answers its health check from
	// it until the first server starting empties the folder.
	if err := os.MkdirAll(pages, 0o755); err != nil {
		t.Fatal(err)
	}
	left := filepath.Join(pages, "healthz.html")
	if err := os.WriteFile(left, []byte("trang cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	firstAddr, secondAddr, davAddr, proxyAddr := freeAddress(t), freeAddress(t), freeAddress(t), freeAddress(t)
	dav, err := os.ReadFile(filepath.Join("..", "..", "deploy", "nginx-pages-dav.conf"))
	if err != nil {
		t.Fatal(err)
	}
	dav = bytes.Replace(dav, []byte("listen 10.0.0.5:8081;"), []byte("listen "+davAddr+";"), 1)
	dav = bytes.ReplaceAll(dav, []byte("/var/cache/toasoan"), []byte(cache))
	startNginx(t, nginx, "nginx-pages.conf", proxyAddr, firstAddr, func(site []byte, _ string) []byte {
		site = bytes.Replace(site, []byte("/var/cache/toasoan/pages"), []byte(pages), -1)
		site = bytes.Replace(site, []byte("server "+firstAddr+";"), []byte("server "+firstAddr+"; server "+secondAddr+";"), 1)
		return append(site, dav...)
	})

	folder := "http://" + davAddr + "/pages/"
	first := startServer(t, "--addr", firstAddr, "--database", source, "--page-files", folder)
	if _, err := os.Stat(left); !os.IsNotExist(err) {
		t.Fatalf("a server started and the page its last run left is still there: %v", err)
	}
	second := startServer(t, "--addr", secondAddr, "--database", source, "--demo=false", "--page-files", folder)
	proxy := "http://" + proxyAddr
	api := adminAPI(t, proxy, "--database", source)

	// Both servers keep both stories, each sending its files: whichever
	// wrote last, the change must reach the files through both.
	articles := api.call("GET", "/api/v1/articles?status=published", "")["articles"].([]any)
	paths := []string{articles[0].(map[string]any)["url"].(string), articles[len(articles)-1].(map[string]any)["url"].(string)}
	for _, path := range paths {
		for _, srv := range []process{first, second} {
			resp, err := http.Get(srv.base + path)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
		}
		waitFor(t, path+" sent from its file", func() bool {
			resp, err := http.Get(proxy + path)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			return resp.Header.Get("X-Cache") == "HIT"
		})
	}
	through := proxyChecks(t, "nginx with two servers", proxy, api)
	for _, encoding := range []string{"", "gzip"} {
		sameAnswer(t, proxy+through.otherPage, second.base+through.otherPage, encoding)
	}
	if _, err := os.Stat(filepath.Join(pages, filepath.FromSlash(strings.TrimPrefix(through.page, "/"))+".html")); err != nil {
		t.Fatalf("nginx answered HIT but no server's file is there: %v", err)
	}
	through.correctionsShow()

	// Readers cannot write pages: the folder takes PUT only on its own
	// address, and the readers' address passes it to the server.
	req, _ := http.NewRequest(http.MethodPut, proxy+"/thoi-su/gia-mao.html", strings.NewReader("<p>Tin giả</p>"))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("a reader's PUT: %s, want 405", resp.Status)
	}
	if _, err := os.Stat(filepath.Join(pages, "thoi-su", "gia-mao.html.html")); !os.IsNotExist(err) {
		t.Errorf("a reader's PUT wrote a page: %v", err)
	}
}
