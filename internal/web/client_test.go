package web

import (
	"net/http"
	"net/netip"
	"testing"
)

func TestClientBehindProxies(t *testing.T) {
	t.Parallel()
	proxies, err := ParseProxies("10.0.0.0/8, 127.0.0.1 ,::1")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, peer string
		header     http.Header
		want       string
	}{
		{"no proxy", "203.0.113.9", http.Header{"X-Forwarded-For": {"1.2.3.4"}}, "203.0.113.9"},
		{"an untrusted peer cannot pose", "203.0.113.9", http.Header{"X-Real-Ip": {"1.2.3.4"}}, "203.0.113.9"},
		{"one proxy", "127.0.0.1", http.Header{"X-Forwarded-For": {"198.51.100.7"}}, "198.51.100.7"},
		{"the reader forged the start", "10.1.2.3", http.Header{"X-Forwarded-For": {"6.6.6.6, 198.51.100.7, 10.0.0.2"}}, "198.51.100.7"},
		{"several header lines", "10.1.2.3", http.Header{"X-Forwarded-For": {"6.6.6.6", "198.51.100.7"}}, "198.51.100.7"},
		{"X-Real-IP", "::1", http.Header{"X-Real-Ip": {"2001:db8::5"}}, "2001:db8::5"},
		{"all trusted", "10.1.2.3", http.Header{"X-Forwarded-For": {"10.0.0.9"}}, "10.1.2.3"},
		{"garbage", "127.0.0.1", http.Header{"X-Forwarded-For": {"<script>, 198.51.100.7, x"}}, "127.0.0.1"},
		{"mapped v4", "::ffff:127.0.0.1", http.Header{"X-Forwarded-For": {"198.51.100.8"}}, "198.51.100.8"},
	} {
		got := proxies.Client(netip.MustParseAddr(c.peer), c.header)
		if got.String() != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
	for _, bad := range []string{"10.0.0.0/33", "localhost", "1.2.3"} {
		if _, err := ParseProxies(bad); err == nil {
			t.Errorf("ParseProxies(%q) accepted it", bad)
		}
	}
	if ps, err := ParseProxies(""); err != nil || len(ps) != 0 {
		t.Errorf("empty list: %v %v", ps, err)
	}
}
