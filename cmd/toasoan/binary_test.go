package main

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// builtBinary is toasoan built once for the tests that need a real
// process (one to kill -9, one whose build information to read).
var builtBinary struct {
	once sync.Once
	path string
	err  error
}

// binary builds the command with "go build", as an operator would, and
// returns its path; the tests share one build.
func binary(t *testing.T) string {
	t.Helper()
	builtBinary.once.Do(func() {
		dir, err := os.MkdirTemp("", "toasoan-bin-")
		if err != nil {
			builtBinary.err = err
			return
		}
		builtBinary.path = filepath.Join(dir, "toasoan")
		// -buildvcs=true: the version names its commit even where GOFLAGS
		// turns stamping off.
		out, err := exec.Command("go", "build", "-buildvcs=true", "-o", builtBinary.path, ".").CombinedOutput()
		if err != nil {
			builtBinary.err = &buildError{string(out), err}
		}
	})
	if builtBinary.err != nil {
		t.Fatalf("go build: %v", builtBinary.err)
	}
	return builtBinary.path
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + ": " + e.out }

// TestMain removes the shared build when the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if builtBinary.path != "" {
		_ = os.RemoveAll(filepath.Dir(builtBinary.path))
	}
	os.Exit(code)
}

// osProcess is toasoan running as its own process.
type osProcess struct {
	cmd  *exec.Cmd
	base string
	log  *syncLog
}

// syncLog keeps what a process writes to its standard error.
type syncLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *syncLog) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *syncLog) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

// startProcess runs "toasoan serve args…" and waits until it listens.
func startProcess(t *testing.T, args ...string) *osProcess {
	t.Helper()
	p := &osProcess{log: &syncLog{}}
	p.cmd = exec.Command(binary(t), append([]string{"serve", "--addr", "127.0.0.1:0", "--weather-url", ""}, args...)...)
	p.cmd.Stderr = p.log
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			_ = p.cmd.Process.Kill()
			_ = p.cmd.Wait() // "signal: killed", as asked
		}
	})
	lines := bufio.NewReader(out)
	for p.base == "" {
		line, err := lines.ReadString('\n')
		if err != nil {
			t.Fatalf("toasoan did not start: %v\n%s", err, p.log.String())
		}
		if _, rest, ok := strings.Cut(line, "http://"); ok && strings.Contains(line, "phục vụ") {
			p.base = "http://" + strings.Fields(rest)[0]
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // the rest, read so the process never blocks on it
	return p
}
