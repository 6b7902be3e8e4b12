package news

import (
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// An old address of the paper is matched the way the servers that served
// it matched it, so that every spelling of one link finds its redirect:
//
//   - scheme, host and fragment are dropped: "https://baohatinh.vn/a/1.htm#top"
//     is "/a/1.htm" (links in other papers name the host, requests do not);
//   - percent-escapes are decoded, except those of "/", "?", "#", "%",
//     spaces and control characters, which would change what the address
//     means or could not be read back from a CSV line; the
//     text is then NFC, so a slug WordPress wrote decomposed ("%cc%9b")
//     equals the same slug typed on Windows;
//   - the whole address is lower case: the servers old Vietnamese papers
//     ran on (IIS for the ".htm" addresses, WordPress, whose database
//     compares slugs without case) answered any case, and links in the
//     wild carry both;
//   - "." and ".." segments and doubled slashes are resolved, and a
//     trailing slash is dropped: "/tag/ha-tinh/" and "/tag/ha-tinh" are one
//     address;
//   - the query's parameters are decoded the same way and sorted, and
//     tracking parameters (utm_*, fbclid, gclid, zarsrc, the ones the
//     proxy drops too) are left out: "/?utm_source=fb&p=123" is "/?p=123".
//
// OldPath gives the form the redirect table keeps; RedirectKeys gives the
// forms a request may match, best first.

// maxRedirectAddress bounds an old address and a target, in bytes.
const maxRedirectAddress = 2000

// OldPath is the old address raw (a path, or a whole http(s) URL) in the
// form the redirect table keeps.
func OldPath(raw string) (string, error) {
	p, q, err := splitAddress(raw)
	if err != nil {
		return "", err
	}
	key, err := normalizePath(p)
	if err != nil {
		return "", Errorf(Invalid, "Địa chỉ cũ %q %s", Clip(raw, 80), err.Error())
	}
	pairs, err := normalizeQuery(q)
	if err != nil {
		return "", Errorf(Invalid, "Địa chỉ cũ %q %s", Clip(raw, 80), err.Error())
	}
	if key = joinKey(key, pairs); len(key) > maxRedirectAddress {
		return "", Errorf(Invalid, "Địa chỉ cũ dài quá %d ký tự", maxRedirectAddress)
	}
	return key, nil
}

// RedirectKeys are the table's forms a request for escapedPath (as the
// request carried it) and rawQuery may match, best first: the whole
// address, then each of its first parameters alone ("/?p=123&replytocom=4"
// finds "/?p=123"), then the path without its query. An address that
// cannot be read has none.
func RedirectKeys(escapedPath, rawQuery string) []string {
	if !strings.HasPrefix(escapedPath, "/") {
		return nil
	}
	p, err := normalizePath(escapedPath)
	if err != nil {
		return nil
	}
	var pairs []string
	if len(rawQuery) <= 2*maxRedirectAddress {
		pairs, _ = normalizeQuery(rawQuery) // an unreadable query: the path alone
	}
	var keys []string
	if len(pairs) > 0 {
		keys = append(keys, joinKey(p, pairs))
	}
	if len(pairs) > 1 {
		for _, pair := range pairs[:min(len(pairs), 5)] {
			keys = append(keys, p+"?"+pair)
		}
	}
	return append(keys, p)
}

// SplitAddress reads an address as someone typed it or a link held it
// into the path and query a request for it would carry.
func SplitAddress(raw string) (escapedPath, rawQuery string, err error) {
	return splitAddress(raw)
}

// splitAddress drops the scheme, host and fragment of raw and splits the
// rest at its "?".
func splitAddress(raw string) (string, string, error) {
	s := strings.Trim(raw, " \t\r\n") // ASCII only: a key never ends in an escaped space, so it reads back the same
	switch {
	case s == "":
		return "", "", Errorf(Invalid, "Vui lòng nhập địa chỉ cũ")
	case len(s) > maxRedirectAddress:
		return "", "", Errorf(Invalid, "Địa chỉ cũ dài quá %d ký tự", maxRedirectAddress)
	case strings.ContainsFunc(s, unicode.IsControl) || !utf8.ValidString(s):
		return "", "", Errorf(Invalid, "Địa chỉ cũ %q có ký tự không hợp lệ (xuống dòng, ký tự điều khiển)", Clip(s, 80))
	}
	head := strings.ToLower(s[:min(len(s), len("https://"))])
	switch {
	case strings.HasPrefix(head, "http://") || strings.HasPrefix(head, "https://"):
		s = afterHost(s[strings.Index(s, "://")+3:])
	case strings.HasPrefix(s, "//"):
		s = afterHost(s[2:])
	case s[0] != '/':
		return "", "", Errorf(Invalid, "Địa chỉ cũ %q không hợp lệ: cần đường dẫn bắt đầu bằng / hoặc địa chỉ đầy đủ http(s)://", Clip(s, 80))
	}
	s, _, _ = strings.Cut(s, "#")
	p, q, _ := strings.Cut(s, "?")
	return p, q, nil
}

// afterHost is what follows the host in rest (an URL after "//"), from
// its "/" (or "/" itself).
func afterHost(rest string) string {
	i := strings.IndexAny(rest, "/?#")
	if i < 0 {
		return "/"
	}
	if rest[i] != '/' {
		return "/" + rest[i:]
	}
	return rest[i:]
}

// errAddress is why part of an address cannot be read, said after the
// address in a Vietnamese message.
type errAddress string

func (e errAddress) Error() string { return string(e) }

const (
	errBadEscape errAddress = "có mã % không hợp lệ (cần % và hai chữ số hệ 16)"
	errNotUTF8   errAddress = "có mã % không phải chữ UTF-8"
	errControl   errAddress = "có mã % của ký tự điều khiển"
)

// normalizePath decodes, composes, lowers and cleans a path.
func normalizePath(p string) (string, error) {
	s, err := decode(p, func(c byte) bool { return c == '/' || c == '?' || c == '#' || c == '%' || c <= ' ' || c == 0x7f }, false)
	if err != nil {
		return "", err
	}
	return path.Clean(s), nil
}

// normalizeQuery is the parameters of q, each decoded and re-encoded the
// one way, sorted, without tracking parameters and repeats.
func normalizeQuery(q string) ([]string, error) {
	var pairs []string
	for part := range strings.SplitSeq(q, "&") {
		k, v, _ := strings.Cut(part, "=")
		k, err := decode(k, isQuerySyntax, true)
		if err != nil {
			return nil, err
		}
		if k == "" || isTracking(k) {
			continue
		}
		if v, err = decode(v, isQuerySyntax, true); err != nil {
			return nil, err
		}
		pair := k
		if v != "" {
			pair += "=" + v
		}
		pairs = append(pairs, pair)
	}
	slices.Sort(pairs)
	return slices.Compact(pairs), nil
}

// isQuerySyntax are the bytes a parameter keeps escaped: those that would
// split it, or could not be read back.
func isQuerySyntax(c byte) bool {
	return c == '&' || c == '=' || c == '+' || c == '#' || c == '%' || c <= ' ' || c == 0x7f
}

// isTracking is a parameter that tells where a reader came from and
// nothing about the page (the proxy drops the same ones: deploy/varnish.vcl).
func isTracking(k string) bool {
	return strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid" || k == "zarsrc"
}

// decode resolves the percent-escapes of s (and "+" as a space when
// plus), keeping escaped, in lower-case hex, the bytes keep says, and
// returns the result composed (NFC) and in lower case. Bytes keep says
// that appear literally are escaped too, so a value always has one form.
func decode(s string, keep func(byte) bool, plus bool) (string, error) {
	const hex = "0123456789abcdef"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '%':
			if i+2 >= len(s) || unhex(s[i+1]) < 0 || unhex(s[i+2]) < 0 {
				return "", errBadEscape
			}
			c = byte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+' && plus:
			c = ' '
		case keep(c) && c != '/':
			// a literal byte that the encoded form keeps escaped
		default:
			b.WriteByte(c)
			continue
		}
		if keep(c) {
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		} else {
			b.WriteByte(c)
		}
	}
	out := b.String()
	if !utf8.ValidString(out) {
		return "", errNotUTF8
	}
	if strings.ContainsFunc(out, unicode.IsControl) {
		return "", errControl
	}
	return norm.NFC.String(strings.ToLower(out)), nil
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// joinKey is a path and its sorted parameters.
func joinKey(p string, pairs []string) string {
	if len(pairs) == 0 {
		return p
	}
	return p + "?" + strings.Join(pairs, "&")
}

// isNormalOldPath reports whether key is already in the table's form:
// what Validate asks of a stored old path.
func isNormalOldPath(key string) bool {
	k, err := OldPath(key)
	return err == nil && k == key
}

// urlHost is the host of an http(s) address, lower case, without a
// leading "www.".
func urlHost(u *url.URL) string {
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}
