package fetch

import (
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
)

// allowList is the operator's list of hosts, parsed.
type allowList struct {
	names    map[string]bool
	suffixes []string       // ".baohatinh.vn" from "*.baohatinh.vn"
	ranges   []netip.Prefix // addresses as /32 or /128, and CIDR ranges
}

func parseAllowList(entries []string) allowList {
	a := allowList{names: map[string]bool{}}
	for _, e := range entries {
		_ = a.add(e)
	}
	return a
}

// CheckAllowHosts says which entry of an allow list is neither a host
// name, a "*.name" wildcard, an IP address nor a CIDR range, so a command
// can refuse a typo instead of fetching nothing.
func CheckAllowHosts(entries []string) error {
	var a allowList
	a.names = map[string]bool{}
	for _, e := range entries {
		if err := a.add(e); err != nil {
			return err
		}
	}
	return nil
}

func (a *allowList) add(entry string) error {
	e := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(entry)), ".")
	if p, err := netip.ParsePrefix(e); err == nil {
		a.ranges = append(a.ranges, p.Masked())
		return nil
	}
	if ip, err := netip.ParseAddr(e); err == nil && ip.Zone() == "" {
		ip = ip.Unmap()
		a.ranges = append(a.ranges, netip.PrefixFrom(ip, ip.BitLen()))
		return nil
	}
	if name, ok := strings.CutPrefix(e, "*."); ok && validHostName(name) == "" {
		a.suffixes = append(a.suffixes, "."+name)
		return nil
	}
	if validHostName(e) == "" {
		a.names[e] = true
		return nil
	}
	return fmt.Errorf("máy được phép %q: không phải tên máy (baohatinh.vn, *.baohatinh.vn), địa chỉ IP hay dải CIDR", entry)
}

// maxURLLength bounds the URLs we look at; real pages' are far shorter.
const maxURLLength = 8 << 10

// check parses rawURL and answers it when the rules let it be fetched:
// http or https, no user name or password (http://allowed.vn@127.0.0.1/
// is a request to 127.0.0.1), a host written plainly (no 2130706433 or
// 0x7f.1 for 127.0.0.1) and on the allow list. Where the host's name
// leads is checked when it is dialed (dialGuard).
func (a allowList) check(rawURL string) (*url.URL, error) {
	if len(rawURL) > maxURLLength {
		return nil, refused(strconv.Quote(rawURL[:80])+"…", "địa chỉ dài quá")
	}
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, refused(strconv.Quote(rawURL), "địa chỉ không hợp lệ")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, refused(strconv.Quote(rawURL), "chỉ tải địa chỉ http hoặc https")
	}
	if u.User != nil {
		return nil, refused(u.Redacted(), "địa chỉ có tên người dùng hoặc mật khẩu bị từ chối")
	}
	if u.Opaque != "" || u.Host == "" {
		return nil, refused(strconv.Quote(rawURL), "thiếu tên máy")
	}
	u.Fragment, u.RawFragment = "", ""
	shown := u.String()
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if ip, err := netip.ParseAddr(host); err == nil {
		if ip.Zone() != "" {
			return nil, refused(shown, "địa chỉ IPv6 kèm giao diện mạng bị từ chối")
		}
		if !a.allowsAddr(ip.Unmap()) {
			return nil, refused(shown, "máy "+host+" không có trong danh sách được phép tải")
		}
		return u, nil
	}
	if reason := validHostName(host); reason != "" {
		return nil, refused(shown, reason)
	}
	if !a.allowsName(host) {
		return nil, refused(shown, "máy "+host+" không có trong danh sách được phép tải")
	}
	return u, nil
}

func (a allowList) allowsAddr(ip netip.Addr) bool {
	for _, p := range a.ranges {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

func (a allowList) allowsName(host string) bool {
	if a.names[host] {
		return true
	}
	for _, s := range a.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// validHostName answers why host is not a DNS name we fetch, or "" when
// it is one. A name whose last label is a number (2130706433, 127.1,
// 0x7f.0.0.1) is an address in disguise that some resolvers accept.
func validHostName(host string) string {
	if host == "" || len(host) > 253 {
		return "tên máy không hợp lệ"
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return "tên máy không hợp lệ"
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if c >= 0x80 {
				return "tên máy có dấu: hãy ghi dạng punycode (xn--…)"
			}
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return "tên máy không hợp lệ"
			}
		}
	}
	last := labels[len(labels)-1]
	if strings.Trim(last, "0123456789") == "" || strings.HasPrefix(last, "0x") {
		return "tên máy trông như một địa chỉ IP viết kiểu lạ: bị từ chối"
	}
	return ""
}

// dialGuard is the dialer's Control: it runs on the address about to be
// connected to, after every name lookup, so neither a name that resolves
// to an internal address nor one that changes its answer between two
// lookups (DNS rebinding) reaches our own network.
func dialGuard(allowPrivate bool) func(network, address string, _ syscall.RawConn) error {
	return func(_, address string, _ syscall.RawConn) error {
		ap, err := netip.ParseAddrPort(address)
		if err != nil {
			return errPrivateAddress
		}
		ip := ap.Addr().Unmap()
		if metadataAddrs[ip] {
			return errMetadataAddress
		}
		if !allowPrivate && isInternal(ip) {
			return errPrivateAddress
		}
		return nil
	}
}

// metadataAddrs are the cloud providers' instance metadata services
// (AWS, GCP, Azure, OpenStack; AWS over IPv6; Alibaba), which hand out
// credentials to whoever asks from inside: never fetched.
var metadataAddrs = map[netip.Addr]bool{
	netip.MustParseAddr("169.254.169.254"): true,
	netip.MustParseAddr("fd00:ec2::254"):   true,
	netip.MustParseAddr("100.100.100.200"): true,
}

// internalRanges are addresses that are not the public internet beyond
// what netip's own predicates cover.
var internalRanges = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT, shared space
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, and the broadcast address
	netip.MustParsePrefix("::/96"),           // IPv4-compatible, deprecated
	netip.MustParsePrefix("fec0::/10"),       // site-local, deprecated
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("100::/64"),        // discard-only
	netip.MustParsePrefix("2001:10::/28"),    // ORCHID
	netip.MustParsePrefix("2001:20::/28"),    // ORCHIDv2
	netip.MustParsePrefix("192.88.99.0/24"),  // 6to4 relay anycast
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
}

// nat64 and sixToFour embed an IPv4 address in an IPv6 one; the IPv4
// address inside is what is reached.
var (
	nat64     = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour = netip.MustParsePrefix("2002::/16")
)

// isInternal reports whether ip is loopback, private, link-local,
// unspecified, multicast or otherwise not on the public internet.
func isInternal(ip netip.Addr) bool {
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() ||
		ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return true
	}
	for _, p := range internalRanges {
		if p.Contains(ip) {
			return true
		}
	}
	b := ip.As16()
	switch {
	case nat64.Contains(ip):
		return isInternal(netip.AddrFrom4([4]byte(b[12:16])))
	case sixToFour.Contains(ip):
		return isInternal(netip.AddrFrom4([4]byte(b[2:6])))
	}
	return false
}
