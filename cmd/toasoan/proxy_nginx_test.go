package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// purgeModule is Debian's libnginx-mod-http-cache-purge.
const purgeModule = "/usr/lib/nginx/modules/ngx_http_cache_purge_module.so"

// TestNginxPurgesByURL puts the recommended nginx (deploy/nginx.conf,
// with the cache purge module) in front of a server: pages are kept by
// nginx, and a correction or an approved comment reaches readers through
// it within a second, because the server's purge hook names each page its
// cache dropped; a page that does not show the change stays in nginx.
func TestNginxPurgesByURL(t *testing.T) {
	t.Parallel()
	nginx := proxyProgram(t, "nginx", purgeModule, "nginx and libnginx-mod-http-cache-purge")
	data := t.TempDir()
	proxyAddr := freeAddress(t)
	env := func(string) string { return "" }
	purgeURL := "http://" + proxyAddr + "/.toasoan/purge{path}"
	if err := Run(context.Background(), []string{"site", "set", "purge_url", purgeURL, "--data", data}, env, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "--data", data)
	proxy := "http://" + proxyAddr
	startNginx(t, nginx, "nginx.conf", proxyAddr, strings.TrimPrefix(srv.base, "http://"), func(site []byte, dir string) []byte {
		return bytes.Replace(site, []byte("/var/cache/nginx/toasoan"), []byte(filepath.Join(dir, "cache")), 1)
	})

	through := proxyChecks(t, "nginx", proxy, adminAPI(t, srv.base, "--data", data))
	// A page with a tracking parameter is not kept: nginx could not be
	// told to purge it, since toasoan's cache key leaves the parameter out.
	through.get(through.otherPage + "?utm_source=zalo")
	if _, cache := through.get(through.otherPage + "?utm_source=zalo"); cache != "BYPASS" {
		t.Errorf("a page with a tracking parameter went through nginx's cache: %q", cache)
	}
	through.correctionsShow()
}

// startNginx runs nginx in the foreground with the repository's
// deploy/CONF listening on listen and pointed at backend, its paths
// moved into the test's folder dir by paths, until the test ends.
func startNginx(t *testing.T, nginx, conf, listen, backend string, paths func(site []byte, dir string) []byte) {
	t.Helper()
	site, err := os.ReadFile(filepath.Join("..", "..", "deploy", conf))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	site = bytes.Replace(site, []byte("server 127.0.0.1:8080;"), []byte("server "+backend+";"), 1)
	site = bytes.Replace(site, []byte("listen 80;"), []byte("listen "+listen+";"), 1)
	site = paths(site, dir)
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // the workers must reach the test's private folder
	}
	module := ""
	if bytes.Contains(site, []byte("proxy_cache_purge")) {
		module = "load_module " + purgeModule + ";"
	}
	main := module + `
` + user + `
daemon off;
pid ` + filepath.Join(dir, "nginx.pid") + `;
error_log ` + filepath.Join(dir, "error.log") + `;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ` + filepath.Join(dir, "body") + `;
  proxy_temp_path ` + filepath.Join(dir, "proxy") + `;
  fastcgi_temp_path ` + filepath.Join(dir, "fastcgi") + `;
  uwsgi_temp_path ` + filepath.Join(dir, "uwsgi") + `;
  scgi_temp_path ` + filepath.Join(dir, "scgi") + `;
  include ` + filepath.Join(dir, "toasoan.conf") + `;
}
`
	if err := os.WriteFile(filepath.Join(dir, "toasoan.conf"), site, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	// SIGINT: nginx stops at once, its workers with it.
	runProxy(t, listen, exec.Command(nginx, "-e", filepath.Join(dir, "error.log"), "-p", dir, "-c", filepath.Join(dir, "nginx.conf")),
		os.Interrupt, filepath.Join(dir, "error.log"))
}
