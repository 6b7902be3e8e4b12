package avmedia

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// An upload that received nothing for a day is removed with its info
// and marker; a younger one, and files that are not uploads, stay.
func TestSweepUploadsRemovesOnlyAbandoned(t *testing.T) {
	s := &Service{inbox: t.TempDir()}
	dir := s.uploadsDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	write := func(name string, age time.Duration) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	old, young := "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
	write(old, 25*time.Hour)
	write(old+".info", 26*time.Hour)
	write(old+".media", 25*time.Hour)
	write(young, time.Hour) // a piece arrived an hour ago
	write(young+".info", 30*time.Hour)
	write("ghi-chu.txt", 100*time.Hour)
	n, err := s.SweepUploads(now)
	if err != nil || n != 1 {
		t.Fatalf("removed %d, %v", n, err)
	}
	for name, want := range map[string]bool{old: false, old + ".info": false, old + ".media": false,
		young: true, young + ".info": true, "ghi-chu.txt": true} {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != want {
			t.Errorf("%s kept: %v, want %v", name, err == nil, want)
		}
	}
}

// Every refusal tusd can make becomes a Vietnamese 4xx (409 for those a
// client answers by asking where to resume), except its internal error.
func TestTusRefusalsInVietnamese(t *testing.T) {
	for body, want := range map[string]news.Code{
		"ERR_MISMATCHED_OFFSET: mismatched offset":                     news.Conflict,
		"ERR_UPLOAD_LOCKED: file currently locked":                     news.Conflict,
		"ERR_UPLOAD_NOT_FOUND: upload not found":                       news.NotFound,
		"ERR_MAX_SIZE_EXCEEDED: maximum size exceeded":                 news.TooLarge,
		"ERR_UNSUPPORTED_VERSION: missing, invalid":                    news.Invalid,
		"ERR_UNEXPECTED_EOF: server expected to receive more bytes":    news.Invalid,
		"ERR_SERVER_SHUTDOWN: request has been interrupted":            news.Unavailable,
		"ERR_INTERNAL_SERVER_ERROR: write /x: no space left on device": news.Unavailable,
		"ERR_SOMETHING_NEW: later versions":                            news.Invalid,
	} {
		err := tusRefusal(body, 1<<20)
		if news.ErrorCode(err) != want || news.ErrorMessage(err) == "" {
			t.Errorf("%q → %v (%v), want %s", body, news.ErrorCode(err), err, want)
		}
	}
	if err := tusRefusal("ERR_INTERNAL_SERVER_ERROR: boom", 1); news.ErrorCode(err) != news.Internal {
		t.Errorf("an internal error became %v", news.ErrorCode(err))
	}
}
