package web

import "strings"

// URLAttr is link u as html/template writes it into a quoted href or src:
// each byte a URL may not hold as it is percent-encoded (spaces, quotes,
// < and >, bytes of UTF-8; a % already there is kept), then & as &amp;.
// It does not judge the link: callers write only links they built or
// checked.
func URLAttr(u string) string { return string(AppendURLAttr(nil, u)) }

// AppendURLAttr appends URLAttr(u) to b.
func AppendURLAttr(b []byte, u string) []byte {
	const hex = "0123456789abcdef"
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == '&':
			b = append(b, "&amp;"...)
		case urlByteKept(c):
			b = append(b, c)
		default:
			b = append(b, '%', hex[c>>4], hex[c&0xF])
		}
	}
	return b
}

func urlByteKept(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$*+,/:;=?@[]-._~%", c) >= 0
}
