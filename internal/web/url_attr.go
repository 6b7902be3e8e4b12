package web

import (
	"html"
	"strings"
)

// URLAttr is link u as html/template writes it into a quoted href or src:
// each byte a URL may not hold as it is percent-encoded (spaces, quotes,
// < and >, bytes of UTF-8; a % already there is kept), then & as &amp;.
// It does not judge the link: callers write only links they built or
// checked.
func URLAttr(u string) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	written := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		if urlByteKept(c) {
			continue
		}
		if written == 0 {
			b.Grow(len(u) + 16)
		}
		b.WriteString(u[written:i])
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&0xF])
		written = i + 1
	}
	if written == 0 {
		return html.EscapeString(u)
	}
	b.WriteString(u[written:])
	return html.EscapeString(b.String())
}

func urlByteKept(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0
}
