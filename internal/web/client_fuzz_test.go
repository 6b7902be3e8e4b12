package web

import (
	"net/http"
	"net/netip"
	"testing"
)

// Whatever forwarding headers arrive, the reader's address is a valid
// address; one from a peer that is not a trusted proxy is the peer.
func FuzzClient(f *testing.F) {
	for _, seed := range []string{"", "198.51.100.7", "6.6.6.6, 198.51.100.7, 10.0.0.2", "<script>", "::1, 2001:db8::5", "10.0.0.1,,", "999.1.1.1"} {
		f.Add(seed, "203.0.113.9")
	}
	proxies, err := ParseProxies("10.0.0.0/8, 127.0.0.1")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, forwarded, realIP string) {
		h := http.Header{"X-Forwarded-For": {forwarded}, "X-Real-Ip": {realIP}}
		stranger := netip.MustParseAddr("203.0.113.1")
		if got := proxies.Client(stranger, h); got != stranger {
			t.Fatalf("an untrusted peer became %s", got)
		}
		if got := proxies.Client(netip.MustParseAddr("10.1.1.1"), h); !got.IsValid() {
			t.Fatal("an invalid address")
		}
	})
}
