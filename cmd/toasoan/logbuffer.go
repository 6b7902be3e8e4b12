package main

import (
	"io"
	"sync"
	"time"
)

// logBuffer gathers the server's log lines and writes them out together,
// at most logFlushDelay after the first of them, or at once when
// logBufferBytes have gathered: on a busy day the access log's line per
// request was a write to the log file per request, a tenth of a cache
// hit's time. It is nginx's access_log buffer=, with a shorter flush.
// What a crash loses is the last logFlushDelay of lines; a panic's own
// report goes to stderr directly.
type logBuffer struct {
	mu      sync.Mutex
	out     io.Writer
	buf     []byte
	pending bool // a flush is scheduled
	err     error
}

const (
	logFlushDelay  = 50 * time.Millisecond
	logBufferBytes = 32 << 10
)

func newLogBuffer(out io.Writer) *logBuffer {
	return &logBuffer{out: out, buf: make([]byte, 0, logBufferBytes)}
}

// Write keeps p, one whole log line from slog's handler, to be written
// with the others.
func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return 0, b.err
	}
	b.buf = append(b.buf, p...)
	switch {
	case len(b.buf) >= logBufferBytes:
		b.flushLocked()
	case !b.pending:
		b.pending = true
		time.AfterFunc(logFlushDelay, b.Flush)
	}
	return len(p), nil
}

// Flush writes out what has gathered; serve calls it last, at shutdown.
func (b *logBuffer) Flush() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = false
	b.flushLocked()
}

func (b *logBuffer) flushLocked() {
	if len(b.buf) == 0 || b.err != nil {
		return
	}
	// A log that cannot be written has nowhere to say so; the error
	// stops the buffer growing and is returned to the next writer.
	_, b.err = b.out.Write(b.buf)
	b.buf = b.buf[:0]
}
