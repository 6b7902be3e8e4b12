package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunRefusesBadConfiguration(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		env  map[string]string
		want string
	}{
		{"unknown flag", []string{"serve", "--khong-co"}, nil, "khong-co"},
		{"unknown command", []string{"xuat-ban"}, nil, "không có lệnh"},
		{"bad address", []string{"--addr", "khong-phai-dia-chi"}, nil, "--addr"},
		{"bad profiler address", []string{"--debug-addr", "6060"}, nil, "--debug-addr"},
		{"bad database url", []string{"--database", "mysql://x"}, nil, "--database"},
		{"bad demo env", nil, map[string]string{"TOASOAN_DEMO": "có"}, "TOASOAN_DEMO"},
		{"bad demo flag", []string{"--demo=có"}, nil, "demo"},
		{"extra argument", []string{"migrate", "thua"}, nil, "thừa"},
		{"page files at nginx's root", []string{"serve", "--page-files", "http://127.0.0.1:1/"}, nil, "thư mục con"},
		{"page files at no address", []string{"serve", "--page-files", "http://"}, nil, "địa chỉ http://"},
		{"page files without the cache", []string{"serve", "--page-files", "/tmp/khong-dung", "--cache-bytes", "0"}, nil, "--page-files"},
		{"database down", []string{"migrate", "--database", "postgres://toasoan@127.0.0.1:1/khong?connect_timeout=2"}, nil, "không kết nối được"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			args := append(tt.args, "--data", t.TempDir())
			if tt.name == "unknown command" {
				args = tt.args
			}
			var out bytes.Buffer
			err := Run(context.Background(), args, func(k string) string { return tt.env[k] }, strings.NewReader(""), &out, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Run = %v, want an error about %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error spans lines: %q", err)
			}
		})
	}
}

// TestPageFilesRefuseAFolderOfOtherFiles: --page-files names a folder the
// server empties when it starts; a folder holding anything else (a
// mistyped path, the web root) stops the start and loses nothing.
func TestPageFilesRefuseAFolderOfOtherFiles(t *testing.T) {
	t.Parallel()
	folder := t.TempDir()
	someone := filepath.Join(folder, "index.html")
	if err := os.WriteFile(someone, []byte("trang chủ cũ"), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--weather-url", "", "--page-files", folder}
	err := Run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "không trống") {
		t.Fatalf("Run = %v, want the folder refused", err)
	}
	if b, err := os.ReadFile(someone); err != nil || string(b) != "trang chủ cũ" {
		t.Fatalf("the folder's file: %q, %v", b, err)
	}
}

func TestEnvironmentAndFlags(t *testing.T) {
	t.Parallel()
	env := map[string]string{"TOASOAN_ADDR": "0.0.0.0:9000", "TOASOAN_DATA": "/srv/bao", "TOASOAN_DEMO": "false"}
	c, err := parseConfig("serve", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "0.0.0.0:9000" || c.DataDir != "/srv/bao" || c.Demo || c.source() != "/srv/bao/toasoan.db" {
		t.Fatalf("from the environment: %+v", c)
	}
	c, err = parseConfig("serve", []string{"--addr", "127.0.0.1:1234", "--demo=true", "--database", "postgres://u@db/bao"}, func(k string) string { return env[k] }, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:1234" || !c.Demo || c.source() != "postgres://u@db/bao" {
		t.Fatalf("flags over the environment: %+v", c)
	}
}

func TestMigrateCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"migrate", "--data", dir}, func(string) string { return "" }, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out.String(), "đã áp dụng ") || strings.HasPrefix(out.String(), "đã áp dụng 0 ") {
		t.Errorf("first migrate said %q", out.String())
	}
	out.Reset()
	if err := Run(context.Background(), []string{"migrate", "--data", dir}, func(string) string { return "" }, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "đã áp dụng 0 bản cập nhật") {
		t.Errorf("second migrate said %q", out.String())
	}
}
