package fetch

import (
	"context"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

func TestInternalAddressesAreRefused(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	port := s.URL[strings.LastIndex(s.URL, ":"):]
	tests := []struct {
		name, url string
		allow     []string
		private   bool
		reason    string
	}{
		{"an allowed address that is loopback", s.URL, []string{"127.0.0.1"}, false, "địa chỉ nội bộ bị từ chối"},
		// The name is allowed; where it leads is checked when dialing.
		{"an allowed name that resolves to loopback", "http://localhost" + port, []string{"localhost"}, false, "địa chỉ nội bộ bị từ chối"},
		{"IPv6 loopback", "http://[::1]" + port, []string{"::1"}, false, "địa chỉ nội bộ bị từ chối"},
		{"IPv4 loopback written as IPv6", "http://[::ffff:127.0.0.1]" + port, []string{"127.0.0.1"}, false, "địa chỉ nội bộ bị từ chối"},
		{"a private range allowed by CIDR", "http://10.1.2.3/", []string{"10.0.0.0/8"}, false, "địa chỉ nội bộ bị từ chối"},
		{"the unspecified address", "http://0.0.0.0" + port, []string{"0.0.0.0"}, false, "địa chỉ nội bộ bị từ chối"},
		{"cloud metadata, even with private addresses allowed", "http://169.254.169.254/latest/meta-data/", []string{"169.254.169.254"}, true, "siêu dữ liệu"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{AllowHosts: tt.allow, AllowPrivate: tt.private, Clock: newFakeClock()})
			_, err := c.Get(context.Background(), tt.url, 1024)
			wantFetchError(t, err, ErrRefused, tt.url, tt.reason)
		})
	}
	if s.hits.Load() != 0 {
		t.Errorf("the server was reached %d times", s.hits.Load())
	}
	// The same server, allowed explicitly, is read: the refusals above are
	// the guard's, not a broken server.
	if _, err := localClient(newFakeClock()).Get(context.Background(), "http://localhost"+port, 1024); err != nil {
		t.Errorf("allowed: %v", err)
	}
}

func TestHostileURLsAreRefused(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {})
	hostPort := strings.TrimPrefix(s.URL, "http://")
	// Private addresses are allowed here, so what refuses these is the
	// URL check itself.
	c := New(Options{AllowHosts: []string{"allowed.vn", "127.0.0.1"}, AllowPrivate: true, Clock: newFakeClock()})
	tests := []struct{ url, reason string }{
		{"file:///etc/passwd", "chỉ tải địa chỉ http hoặc https"},
		{"javascript:alert(1)", "chỉ tải địa chỉ http hoặc https"},
		{"data:text/html,<script>alert(1)</script>", "chỉ tải địa chỉ http hoặc https"},
		{"ftp://allowed.vn/bai.htm", "chỉ tải địa chỉ http hoặc https"},
		{"//allowed.vn/bai.htm", "chỉ tải địa chỉ http hoặc https"},
		{"http://allowed.vn@" + hostPort + "/", "tên người dùng hoặc mật khẩu"},
		{"http://user:secret@allowed.vn/", "tên người dùng hoặc mật khẩu"},
		{"http://allowed.vn\\@" + hostPort + "/", "không hợp lệ"},
		{"http://2130706433/", "viết kiểu lạ"},
		{"http://0x7f000001/", "viết kiểu lạ"},
		{"http://0177.0.0.1/", "viết kiểu lạ"},
		{"http://127.1/", "viết kiểu lạ"},
		{"http:///bai.htm", "thiếu tên máy"},
		{"http:allowed.vn/bai.htm", "thiếu tên máy"},
		{"http://[fe80::1%25eth0]/", "giao diện mạng"},
		{"http://evil.vn/", "máy evil.vn không có trong danh sách"},
		{"http://allowed.vn.evil.vn/", "không có trong danh sách"},
		{"http://evilallowed.vn/", "không có trong danh sách"},
		{"http://[::1]/", "máy ::1 không có trong danh sách"},
		{"http://báohàtĩnh.vn/", "punycode"},
		{"http://allowed.vn/" + strings.Repeat("a", 9000), "dài quá"},
	}
	for _, tt := range tests {
		t.Run(tt.url[:min(len(tt.url), 40)], func(t *testing.T) {
			_, err := c.Get(context.Background(), tt.url, 1024)
			wantFetchError(t, err, ErrRefused, "", tt.reason)
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("the password shows in %q", err)
			}
		})
	}
	if s.hits.Load() != 0 {
		t.Errorf("the server was reached %d times", s.hits.Load())
	}
}

func TestRedirectsAreCheckedHopByHop(t *testing.T) {
	s := newServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/cu.htm":
			http.Redirect(w, r, "/moi.htm", http.StatusMovedPermanently)
		case r.URL.Path == "/moi.htm":
			_, _ = w.Write([]byte("bài mới"))
		case r.URL.Path == "/ra-ngoai":
			http.Redirect(w, r, "http://evil.vn/", http.StatusFound)
		case r.URL.Path == "/metadata":
			http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
		case r.URL.Path == "/tep":
			http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
		case strings.HasPrefix(r.URL.Path, "/vong/"):
			n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/vong/"))
			http.Redirect(w, r, "/vong/"+strconv.Itoa(n+1), http.StatusFound)
		}
	})
	clock := newFakeClock()
	c := New(Options{AllowHosts: []string{"127.0.0.1", "169.254.169.254"}, AllowPrivate: true, Clock: clock})
	ctx := context.Background()

	resp, err := c.Get(ctx, s.URL+"/cu.htm", 1024)
	if err != nil || string(resp.Body) != "bài mới" || resp.FinalURL != s.URL+"/moi.htm" {
		t.Fatalf("followed: %q %q %v", resp.Body, resp.FinalURL, err)
	}
	if got := clock.Waits(); len(got) != 1 {
		t.Errorf("the redirect's hop was not paced: waits %v", got)
	}

	_, err = c.Get(ctx, s.URL+"/ra-ngoai", 1024)
	wantFetchError(t, err, ErrRefused, s.URL+"/ra-ngoai", "chuyển hướng tới http://evil.vn/: máy evil.vn không có trong danh sách")
	_, err = c.Get(ctx, s.URL+"/metadata", 1024)
	wantFetchError(t, err, ErrRefused, s.URL+"/metadata", "siêu dữ liệu")
	_, err = c.Get(ctx, s.URL+"/tep", 1024)
	wantFetchError(t, err, ErrRefused, s.URL+"/tep", "chỉ tải địa chỉ http hoặc https")

	before := s.hits.Load()
	_, err = c.Get(ctx, s.URL+"/vong/0", 1024)
	wantFetchError(t, err, ErrRefused, s.URL+"/vong/0", "chuyển hướng quá 5 lần")
	if n := s.hits.Load() - before; n != 6 {
		t.Errorf("a redirect loop made %d requests, want 6 (the first and five redirects)", n)
	}
}

func TestIsInternal(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1": true, "127.255.0.9": true, "10.0.0.1": true, "172.16.5.4": true, "192.168.1.1": true,
		"169.254.1.1": true, "100.64.0.1": true, "0.0.0.0": true, "0.1.2.3": true, "224.0.0.1": true,
		"255.255.255.255": true, "::1": true, "::": true, "fe80::1": true, "fc00::1": true, "fd12::1": true,
		"ff02::1": true, "64:ff9b::7f00:1": true, "2002:7f00:1::": true, "::127.0.0.1": true,
		"8.8.8.8": false, "203.113.131.1": false, "2001:4860:4860::8888": false, "64:ff9b::808:808": false,
	} {
		if got := isInternal(netip.MustParseAddr(addr)); got != want {
			t.Errorf("isInternal(%s) = %v, want %v", addr, got, want)
		}
	}
}

func TestCheckAllowHosts(t *testing.T) {
	if err := CheckAllowHosts([]string{"baohatinh.vn", "*.baohatinh.vn", "BAOHATINH.VN.", "203.113.131.1", "10.0.0.0/8", "::1"}); err != nil {
		t.Errorf("good list refused: %v", err)
	}
	for _, bad := range []string{"https://baohatinh.vn/", "báo hà tĩnh", "*", "baohatinh.vn/anh", "10.0.0.0/99", ""} {
		if err := CheckAllowHosts([]string{bad}); err == nil || !strings.Contains(err.Error(), "không phải tên máy") {
			t.Errorf("CheckAllowHosts(%q) = %v", bad, err)
		}
	}
	a := parseAllowList([]string{"*.baohatinh.vn", "BaoHaTinh.vn"})
	for host, want := range map[string]bool{"baohatinh.vn": true, "img.baohatinh.vn": true, "a.b.baohatinh.vn": true, "xbaohatinh.vn": false} {
		if got := a.allowsName(host); got != want {
			t.Errorf("allowsName(%s) = %v", host, got)
		}
	}
}
