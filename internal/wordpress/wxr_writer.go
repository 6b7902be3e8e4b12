package wordpress

import (
	"bufio"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// wxrWriter writes a WXR file as WordPress's exporter does: elements one
// to a line, text of people in CDATA. The first write error sticks and
// every later write is skipped, so the caller checks once at the end.
type wxrWriter struct {
	w   *bufio.Writer
	err error
}

func newWXRWriter(w io.Writer) *wxrWriter { return &wxrWriter{w: bufio.NewWriterSize(w, 64<<10)} }

func (x *wxrWriter) raw(parts ...string) {
	for _, s := range parts {
		if x.err != nil {
			return
		}
		_, x.err = x.w.WriteString(s)
	}
}

// text writes <name>text</name> with text escaped, on a line indented by
// tabs.
func (x *wxrWriter) text(tabs int, name, text string) {
	x.raw(strings.Repeat("\t", tabs), "<", name, ">", escapeXML(text), "</", name, ">\n")
}

// cdata writes <name><![CDATA[text]]></name> on a line indented by tabs.
func (x *wxrWriter) cdata(tabs int, name, text string) {
	x.raw(strings.Repeat("\t", tabs), "<", name, ">", cdata(text), "</", name, ">\n")
}

// meta writes one wp:postmeta pair.
func (x *wxrWriter) meta(key, value string) {
	x.raw("\t\t<wp:postmeta>\n")
	x.cdata(3, "wp:meta_key", key)
	x.cdata(3, "wp:meta_value", value)
	x.raw("\t\t</wp:postmeta>\n")
}

func (x *wxrWriter) flush() error {
	if x.err != nil {
		return x.err
	}
	return x.w.Flush()
}

// cdata is text as a CDATA section: a "]]>" inside it would end the
// section, so it is split across two ("]]" ends one, ">" starts the
// next), as WordPress does.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(xmlChars(s), "]]>", "]]]]><![CDATA[>") + "]]>"
}

// asHTML is plain text as WordPress keeps text that it shows as HTML
// (titles, excerpts, term names, comments): "&", "<" and ">" as entities,
// so a reader's "<b>" stays text there as it is here.
var asHTML = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")

func escapeXML(s string) string { return xmlEscaper.Replace(xmlChars(s)) }

// xmlChars drops what XML 1.0 cannot carry at all, even in CDATA: control
// characters other than tab and newlines, U+FFFE and U+FFFF, and bytes
// that are not UTF-8.
func xmlChars(s string) string {
	if !strings.ContainsFunc(s, notXMLChar) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue
			}
		}
		if !notXMLChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func notXMLChar(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r >= 0xD800 && r <= 0xDFFF || r == 0xFFFE || r == 0xFFFF
}

// wpDateText is t as WordPress writes dates: in loc, "2006-01-02 15:04:05";
// WordPress's zero date for the zero time.
func wpDateText(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return zeroDate
	}
	return t.In(loc).Format(time.DateTime)
}
