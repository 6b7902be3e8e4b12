package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The operator's address serves the profiler and the metrics, apart from
// the site; a taken address is one clear error.
func TestOperatorAddress(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	metrics := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "toasoan_up 1\n") })
	if err := serveOperator(ctx, "--debug-addr", "127.0.0.1:0", metrics, true, &out); err != nil {
		t.Fatal(err)
	}
	// "bộ đo hiệu năng tại http://127.0.0.1:PORT/debug/pprof/"
	line := out.String()[strings.LastIndex(out.String(), "http://"):]
	base := strings.TrimSuffix(strings.TrimSpace(line), "/debug/pprof/")
	for path, want := range map[string]string{"/debug/pprof/cmdline": "", "/metrics": "toasoan_up 1"} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Fatalf("%s: %d %q", path, resp.StatusCode, body)
		}
	}
	if err := serveOperator(ctx, "--debug-addr", strings.TrimPrefix(base, "http://"), nil, true, &out); err == nil || !strings.Contains(err.Error(), "--debug-addr") {
		t.Errorf("a taken address: %v", err)
	}
}
