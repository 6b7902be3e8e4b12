package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestVarnishPurgesByKey puts the documented Varnish (deploy/varnish.vcl,
// with xkey) in front of a server: pages are kept by Varnish, and a
// correction or an approved comment reaches readers through it within a
// second, because the server's purge hook drops exactly the pages with
// those keys; a page that does not show the change stays in Varnish.
func TestVarnishPurgesByKey(t *testing.T) {
	t.Parallel()
	varnishd, err := exec.LookPath("varnishd")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("varnishd is missing; .ci/run installs varnish and varnish-modules")
		}
		t.Skip("needs varnishd and varnish-modules (.ci/run installs them)")
	}
	data := t.TempDir()
	proxyAddr := freeAddress(t)
	env := func(string) string { return "" }
	if err := Run(context.Background(), []string{"site", "set", "purge_url", "http://" + proxyAddr + "/.toasoan/purge", "--data", data}, env, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "--data", data)
	proxy := "http://" + proxyAddr
	startVarnish(t, varnishd, proxyAddr, strings.TrimPrefix(srv.base, "http://"))

	api := adminAPI(t, srv.base, "--data", data)
	articles := api.call("GET", "/api/v1/articles?status=published", "")["articles"].([]any)
	first, other := articles[0].(map[string]any), articles[len(articles)-1].(map[string]any)
	page, otherPage := first["url"].(string), other["url"].(string)

	get := func(path string) (string, string) {
		t.Helper()
		resp, err := http.Get(proxy + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s through Varnish: %d", path, resp.StatusCode)
		}
		return string(body), resp.Header.Get("X-Cache")
	}
	for _, p := range []string{page, otherPage} {
		get(p)
		if _, cache := get(p); cache != "HIT" {
			t.Fatalf("Varnish does not keep %s: %q", p, cache)
		}
	}
	// The purge address takes only a POST; anything else is refused and
	// purges nothing.
	forged, _ := http.NewRequest(http.MethodGet, proxy+"/.toasoan/purge", nil)
	forged.Header.Set("Surrogate-Key", "site")
	if resp, err := http.DefaultClient.Do(forged); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("GET of the purge address: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if _, cache := get(otherPage); cache != "HIT" {
		t.Fatal("a refused purge dropped a page")
	}
	visibleWithin := func(what, path, want string) {
		t.Helper()
		start := time.Now()
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			if body, _ := get(path); strings.Contains(body, want) {
				t.Logf("%s visible through Varnish after %v", what, time.Since(start).Round(time.Millisecond))
				return
			}
			if time.Since(start) > time.Second {
				t.Fatalf("%s not visible through Varnish a second later", what)
			}
			<-tick.C
		}
	}

	// A correction.
	id := jsonNumber(first["id"].(float64))
	current := api.call("GET", "/api/v1/articles/"+id, "")
	title := "Đính chính: " + current["title"].(string)
	body, _ := json.Marshal(map[string]any{"revision": current["revision"], "title": title})
	api.call("PUT", "/api/v1/articles/"+id, string(body))
	visibleWithin("a correction", page, title)

	// An approved comment.
	comment := api.call("POST", "/api/v1/articles/"+id+"/comments", `{"name":"Hoàng Lan","body":"Cảm ơn tòa soạn đã cập nhật thông tin kịp thời."}`)
	api.call("POST", "/api/v1/comments/"+jsonNumber(comment["id"].(float64))+"/moderation", `{"action":"approve"}`)
	visibleWithin("an approved comment", page, "Cảm ơn tòa soạn đã cập nhật thông tin kịp thời.")

	if _, cache := get(otherPage); cache != "HIT" {
		t.Errorf("%s shows neither change but was purged from Varnish", otherPage)
	}
}

// freeAddress is a local address nothing listens on.
func freeAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	return addr
}

// startVarnish runs varnishd in the foreground with the repository's VCL
// pointed at backend, until the test ends.
func startVarnish(t *testing.T, varnishd, listen, backend string) {
	t.Helper()
	vcl, err := os.ReadFile(filepath.Join("..", "..", "deploy", "varnish.vcl"))
	if err != nil {
		t.Fatal(err)
	}
	host, port, _ := net.SplitHostPort(backend)
	vcl = bytes.Replace(vcl, []byte(`.host = "127.0.0.1";`), []byte(`.host = "`+host+`";`), 1)
	vcl = bytes.Replace(vcl, []byte(`.port = "8080";`), []byte(`.port = "`+port+`";`), 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "toasoan.vcl"), vcl, 0o644); err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	cmd := exec.Command(varnishd, "-F", "-j", "none", "-n", filepath.Join(dir, "work"), "-a", listen,
		"-f", filepath.Join(dir, "toasoan.vcl"), "-s", "malloc,32m")
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if err := cmd.Process.Kill(); err != nil {
			t.Errorf("stop varnishd: %v", err)
		}
		if err := <-exited; err != nil {
			t.Logf("varnishd ended: %v", err) // "signal: killed", as asked
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		if resp, err := http.Get("http://" + listen + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("varnishd stopped: %v\n%s", err, log.String())
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			t.Fatalf("varnishd did not answer on %s:\n%s", listen, log.String())
		}
	}
}
