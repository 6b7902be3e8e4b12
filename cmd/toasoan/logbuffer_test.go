package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestLogBufferWritesLinesTogether: lines wait in the buffer until a
// flush (the timer's or shutdown's), and a full buffer is written at once.
func TestLogBufferWritesLinesTogether(t *testing.T) {
	var out bytes.Buffer
	b := newLogBuffer(&out)
	if _, err := b.Write([]byte("một\n")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Write([]byte("hai\n")); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Fatalf("written before a flush: %q", out.String())
	}
	b.Flush()
	if out.String() != "một\nhai\n" {
		t.Fatalf("after the flush: %q", out.String())
	}
	long := strings.Repeat("x", logBufferBytes) + "\n"
	if _, err := b.Write([]byte(long)); err != nil {
		t.Fatal(err)
	}
	if out.Len() != len("một\nhai\n")+len(long) {
		t.Fatalf("a full buffer waited: %d bytes out", out.Len())
	}
}
