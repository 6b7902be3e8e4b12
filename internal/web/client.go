package web

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the reverse proxies the paper trusts to say who the reader
// is: only a request that comes from one of them has its client taken
// from X-Forwarded-For or X-Real-IP; anyone else's such headers are
// ignored, so nobody can pose as another address.
type Proxies []netip.Prefix

// ParseProxies reads a comma-separated list of CIDR ranges or single
// addresses ("10.0.0.0/8, 127.0.0.1").
func ParseProxies(list string) (Proxies, error) {
	var out Proxies
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if !strings.Contains(item, "/") {
			a, err := netip.ParseAddr(item)
			if err != nil {
				return nil, fmt.Errorf("%q không phải địa chỉ IP hay dải CIDR", item)
			}
			out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
			continue
		}
		p, err := netip.ParsePrefix(item)
		if err != nil {
			return nil, fmt.Errorf("%q không phải địa chỉ IP hay dải CIDR", item)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// trusted reports whether addr is one of the proxies.
func (ps Proxies) trusted(addr netip.Addr) bool {
	addr = addr.Unmap()
	for _, p := range ps {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// Client is the reader's address for a request that arrived from peer:
// the peer itself, unless it is a trusted proxy; then the rightmost
// address of X-Forwarded-For that is not a trusted proxy (the one the
// nearest untrusted hop connected from), or X-Real-IP when there is no
// X-Forwarded-For. A malformed header counts as none.
func (ps Proxies) Client(peer netip.Addr, h http.Header) netip.Addr {
	if !peer.IsValid() || !ps.trusted(peer) {
		return peer
	}
	forwarded := h.Values("X-Forwarded-For")
	for i := len(forwarded) - 1; i >= 0; i-- {
		hops := strings.Split(forwarded[i], ",")
		for j := len(hops) - 1; j >= 0; j-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[j]))
			if err != nil {
				return peer
			}
			if !ps.trusted(a) {
				return a.Unmap()
			}
		}
	}
	if len(forwarded) == 0 {
		if a, err := netip.ParseAddr(strings.TrimSpace(h.Get("X-Real-IP"))); err == nil {
			return a.Unmap()
		}
	}
	return peer
}

// RealClient sets each request's RemoteAddr to the reader's address
// (Client), so everything after it (the access log, sign-in and comment
// limits, the audit log) reads the same address through ClientIP. It
// stands first in front of the server.
func (ps Proxies) RealClient(next http.Handler) http.Handler {
	if len(ps) == 0 {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		if err != nil {
			host = r.RemoteAddr
		}
		peer, err := netip.ParseAddr(host)
		if err == nil {
			if c := ps.Client(peer, r.Header); c != peer {
				r.RemoteAddr = netip.AddrPortFrom(c, 0).String()
			}
		}
		next.ServeHTTP(w, r)
	})
}
