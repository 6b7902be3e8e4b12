package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
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
	varnishd := proxyProgram(t, "varnishd", "", "varnish and varnish-modules")
	data := t.TempDir()
	proxyAddr := freeAddress(t)
	relay := startPurgeRelay(t, "http://"+proxyAddr)
	env := func(string) string { return "" }
	if err := Run(context.Background(), []string{"site", "set", "purge_url", relay.url + "/.toasoan/purge", "--data", data}, env, strings.NewReader(""), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv := startServer(t, "--data", data)
	// A starting server purges every page ("site"), and once more a
	// moment later: Varnish starts after both, so neither drops a page
	// the checks below expect it to keep.
	relay.await("site", "site")
	proxy := "http://" + proxyAddr
	startVarnish(t, varnishd, proxyAddr, strings.TrimPrefix(srv.base, "http://"))
	relay.forward.Store(true)

	api := adminAPI(t, srv.base, "--data", data)
	through := proxyChecks(t, "Varnish", proxy, api)
	// The purge address takes only a POST; anything else is refused and
	// purges nothing.
	forged, _ := http.NewRequest(http.MethodGet, proxy+"/.toasoan/purge", nil)
	forged.Header.Set("Surrogate-Key", "site")
	if resp, err := http.DefaultClient.Do(forged); err != nil || resp.StatusCode != http.StatusForbidden {
		t.Fatalf("GET of the purge address: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	if _, cache := through.get(through.otherPage); cache != "HIT" {
		t.Fatal("a refused purge dropped a page")
	}
	through.correctionsShow()
}

// throughProxy reads pages through a caching proxy in front of a server.
type throughProxy struct {
	t               *testing.T
	name, proxy     string
	api             apiClient
	first           map[string]any
	page, otherPage string
}

// proxyChecks reads two published stories through the proxy twice each
// and fails unless the proxy keeps them.
func proxyChecks(t *testing.T, name, proxy string, api apiClient) throughProxy {
	t.Helper()
	articles := api.call("GET", "/api/v1/articles?status=published", "")["articles"].([]any)
	first, other := articles[0].(map[string]any), articles[len(articles)-1].(map[string]any)
	p := throughProxy{t: t, name: name, proxy: proxy, api: api, first: first, page: first["url"].(string), otherPage: other["url"].(string)}
	for _, path := range []string{p.page, p.otherPage} {
		p.get(path)
		if _, cache := p.get(path); cache != "HIT" {
			t.Fatalf("%s does not keep %s: %q", name, path, cache)
		}
	}
	return p
}

// get reads path through the proxy: the body and the proxy's X-Cache.
func (p throughProxy) get(path string) (string, string) {
	p.t.Helper()
	resp, err := http.Get(p.proxy + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("%s through %s: %d", path, p.name, resp.StatusCode)
	}
	return string(body), resp.Header.Get("X-Cache")
}

// visibleWithin fails unless path shows want through the proxy within a
// second.
func (p throughProxy) visibleWithin(what, path, want string) {
	p.t.Helper()
	start := time.Now()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		if body, _ := p.get(path); strings.Contains(body, want) {
			p.t.Logf("%s visible through %s after %v", what, p.name, time.Since(start).Round(time.Millisecond))
			return
		}
		if time.Since(start) > time.Second {
			p.t.Fatalf("%s not visible through %s a second later", what, p.name)
		}
		<-tick.C
	}
}

// correctionsShow corrects the first story and approves a comment on it:
// both show through the proxy within a second, and the other story's
// page, which shows neither, stays kept.
func (p throughProxy) correctionsShow() {
	p.t.Helper()
	id := jsonNumber(p.first["id"].(float64))
	current := p.api.call("GET", "/api/v1/articles/"+id, "")
	title := "Đính chính: " + current["title"].(string)
	body, _ := json.Marshal(map[string]any{"revision": current["revision"], "title": title})
	p.api.call("PUT", "/api/v1/articles/"+id, string(body))
	p.visibleWithin("a correction", p.page, title)

	comment := p.api.call("POST", "/api/v1/articles/"+id+"/comments", `{"name":"Hoàng Lan","body":"Cảm ơn tòa soạn đã cập nhật thông tin kịp thời."}`)
	p.api.call("POST", "/api/v1/comments/"+jsonNumber(comment["id"].(float64))+"/moderation", `{"action":"approve"}`)
	p.visibleWithin("an approved comment", p.page, "Cảm ơn tòa soạn đã cập nhật thông tin kịp thời.")

	if _, cache := p.get(p.otherPage); cache != "HIT" {
		p.t.Errorf("%s shows neither change but was purged from %s", p.otherPage, p.name)
	}
}

// purgeRelay stands between a server's purge hook and the proxy: it
// passes each purge on once forward is set (answering 200 itself before),
// and tells the test the keys of each, so the test can wait for the purges
// a starting server sends instead of guessing when they arrive.
type purgeRelay struct {
	t       *testing.T
	url     string
	forward *atomic.Bool
	keys    chan string
}

func startPurgeRelay(t *testing.T, proxy string) purgeRelay {
	t.Helper()
	r := purgeRelay{t: t, forward: new(atomic.Bool), keys: make(chan string, 100)}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		status := http.StatusOK
		if r.forward.Load() {
			out, _ := http.NewRequest(req.Method, proxy+req.URL.RequestURI(), req.Body)
			out.Header = req.Header.Clone()
			resp, err := http.DefaultClient.Do(out)
			if err != nil {
				t.Errorf("purge relay: %v", err)
				status = http.StatusBadGateway
			} else {
				resp.Body.Close()
				status = resp.StatusCode
			}
		}
		w.WriteHeader(status)
		r.keys <- req.Header.Get("Surrogate-Key")
	}))
	t.Cleanup(srv.Close)
	r.url = srv.URL
	return r
}

// await fails unless the next purges carry these keys, in this order,
// within 10 seconds.
func (r purgeRelay) await(keys ...string) {
	r.t.Helper()
	deadline := time.NewTimer(10 * time.Second)
	defer deadline.Stop()
	for _, want := range keys {
		select {
		case got := <-r.keys:
			if got != want {
				r.t.Fatalf("purge of %q, want %q", got, want)
			}
		case <-deadline.C:
			r.t.Fatalf("no purge of %q", want)
		}
	}
}

// freeAddress is a local address nothing listens on.
// proxyProgram is the path of program, with file beside it if not empty
// (a module), or the test's end: a failure when CI is set (.ci/run
// installs the packages), else a skip.
func proxyProgram(t *testing.T, program, file, packages string) string {
	t.Helper()
	path, err := exec.LookPath(program)
	if err == nil && file != "" {
		_, err = os.Stat(file)
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (%v); .ci/run installs %s", program, err, packages)
		}
		t.Skipf("needs %s (.ci/run installs them)", packages)
	}
	return path
}

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
	runProxy(t, listen, exec.Command(varnishd, "-F", "-j", "none", "-n", filepath.Join(dir, "work"), "-a", listen,
		"-f", filepath.Join(dir, "toasoan.vcl"), "-s", "malloc,32m"), os.Kill, filepath.Join(dir, "none"))
}

// runProxy starts a proxy's command in the foreground and waits until it
// answers /healthz on listen; stop is the signal that ends it, with its
// workers, when the test ends; errorLog is a file it may write its errors
// to, shown if it fails.
func runProxy(t *testing.T, listen string, cmd *exec.Cmd, stop os.Signal, errorLog string) {
	t.Helper()
	var log bytes.Buffer
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(cmd.Path)
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		if err := cmd.Process.Signal(stop); err != nil {
			t.Errorf("stop %s: %v", name, err)
		}
		if err := <-exited; err != nil {
			t.Logf("%s ended: %v", name, err) // "signal: killed", as asked
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
			errs, _ := os.ReadFile(errorLog)
			t.Fatalf("%s stopped: %v\n%s%s", name, err, log.String(), errs)
		case <-tick.C:
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s did not answer on %s:\n%s", name, listen, log.String())
		}
	}
}
