package main

import (
	"net"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// What the operator sees: the version with its commit, an access log
// line for every request (a cache hit included), JSON logs when asked,
// and Prometheus metrics on their own address.
func TestWhatTheOperatorSees(t *testing.T) {
	t.Parallel()
	out, err := exec.Command(binary(t), "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^toasoan \S+ [0-9a-f]{12}(\+dirty)? \S+ go\d`).Match(out) {
		t.Errorf("toasoan version printed %q, want the version and the commit it was built from", out)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := ln.Addr().String()
	if err := ln.Close(); err != nil {
		t.Fatal(err)
	}
	p := startProcess(t, "--data", t.TempDir(), "--metrics-addr", metricsAddr, "--log-format", "json")
	for range 2 {
		if status, _, _ := page(t, p.base+"/"); status != http.StatusOK {
			t.Fatalf("home: %d", status)
		}
	}
	if _, body, _ := page(t, p.base+"/healthz"); !strings.Contains(body, "ok") || !strings.Contains(body, "toasoan ") {
		t.Errorf("/healthz says %q, want ok and the version", body)
	}
	waitFor(t, "the access log line of the cache hit", func() bool {
		return regexp.MustCompile(`"msg":"request","method":"GET","path":"/","route":"cache","status":200,"bytes":\d+,"duration":\d+,"cache":"HIT","client":"127.0.0.1"`).MatchString(p.log.String())
	})
	_, metrics, _ := page(t, "http://"+metricsAddr+"/metrics")
	for _, want := range []string{
		`toasoan_http_requests_total{code="200",method="GET",route="cache"} 1`,
		`toasoan_http_requests_total{code="200",method="GET",route="GET /{$}"} 1`,
		`toasoan_page_cache_events_total{event="hit"}`,
		`toasoan_comments_pending 0`,
		`toasoan_mail_outbox{state="failed"} 0`,
		`toasoan_db_connections{pool="write",state="idle"}`,
		`go_goroutines`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
