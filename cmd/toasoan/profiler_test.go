package main

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestProfilerServesOnItsOwnAddress(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out bytes.Buffer
	if err := serveProfiler(ctx, "127.0.0.1:0", &out); err != nil {
		t.Fatal(err)
	}
	// "bộ đo hiệu năng tại http://127.0.0.1:PORT/debug/pprof/"
	url := strings.TrimSpace(out.String()[strings.Index(out.String(), "http://"):])
	resp, err := http.Get(url + "cmdline")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("profiler: %d", resp.StatusCode)
	}
	if err := serveProfiler(ctx, strings.TrimPrefix(strings.TrimSuffix(url, "/debug/pprof/"), "http://"), &out); err == nil || !strings.Contains(err.Error(), "--debug-addr") {
		t.Errorf("a taken address: %v", err)
	}
}
