package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestUserAndTokenCommands adds a reporter from the command line, makes a
// token for them, and uses it against the running server's API.
func TestUserAndTokenCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := func(k string) string {
		if k == "TOASOAN_DATA" {
			return dir
		}
		return ""
	}
	run := func(stdin string, args ...string) (string, error) {
		var out bytes.Buffer
		err := Run(context.Background(), args, env, strings.NewReader(stdin), &out, io.Discard)
		return out.String(), err
	}
	if _, err := run("ngắn\n", "user", "add", "--email", "pv@bao.vn", "--name", "Phóng viên", "--role", "reporter"); err == nil || !strings.Contains(err.Error(), "10 ký tự") {
		t.Fatalf("short password: %v", err)
	}
	if _, err := run("mật khẩu đủ dài 2026\n", "user", "add", "--email", "pv@bao.vn", "--name", "Phóng viên", "--role", "phong-vien"); err == nil || !strings.Contains(err.Error(), "Vai trò") {
		t.Fatalf("unknown role: %v", err)
	}
	out, err := run("mật khẩu đủ dài 2026\n", "user", "add", "--email", "PV@bao.vn", "--name", "Nguyễn Phóng Viên", "--role", "reporter,editor")
	if err != nil || !strings.Contains(out, "pv@bao.vn") || !strings.Contains(out, "Phóng viên, Biên tập viên") {
		t.Fatalf("user add: %q %v", out, err)
	}
	if _, err := run("mật khẩu đủ dài 2026\n", "user", "add", "--email", "pv@bao.vn", "--name", "Trùng", "--role", "reporter"); err == nil || !strings.Contains(err.Error(), "đã có tài khoản") {
		t.Fatalf("duplicate user: %v", err)
	}
	if _, err := run("", "token", "create", "--email", "khong-co@bao.vn"); err == nil {
		t.Fatal("token for an unknown user")
	}
	token, err := run("", "token", "create", "--email", "pv@bao.vn")
	if err != nil {
		t.Fatal(err)
	}
	token = strings.TrimSpace(token)

	srv := startServer(t, "--data", dir, "--demo=false")
	req, _ := http.NewRequest(http.MethodGet, srv.base+"/api/v1/sections", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Sections []struct{ ID int64 } `json:"sections"`
	}
	if resp.StatusCode != http.StatusOK || json.NewDecoder(resp.Body).Decode(&body) != nil {
		t.Fatalf("API with the command's token: %d", resp.StatusCode)
	}
	if srv.adminPassword != "" {
		t.Error("an administrator was created although a user exists")
	}
}
