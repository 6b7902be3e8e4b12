package wordpress

import (
	"html"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// oneLine is text that is one line: a title, a name. WordPress keeps
// entities in titles and names inside CDATA ("Hà Tĩnh &amp; Nghệ An"),
// and a title typed on macOS may arrive decomposed.
func oneLine(s string) string {
	return vietnamese.NFC(strings.Join(strings.Fields(html.UnescapeString(s)), " "))
}

var (
	htmlComment  = regexp.MustCompile(`(?s)<!--.*?-->`)
	scriptStyle  = regexp.MustCompile(`(?is)<(script|style)\b.*?</(?:script|style)\s*>`)
	captionBlock = regexp.MustCompile(`(?s)\[(?:wp_)?caption[^\]]*\].*?\[/(?:wp_)?caption\]`)
	breakTag     = regexp.MustCompile(`(?i)<br\s*/?>`)
	paragraphEnd = regexp.MustCompile(`(?i)</(?:p|div|li|h[1-6]|blockquote|tr)>|<(?:p|div|li|h[1-6]|blockquote|tr)\b[^>]*>`)
	anyTag       = regexp.MustCompile(`(?s)<[^>]*>`)
)

// plainText is HTML as one paragraph of text: comments, photo captions
// and tags removed, entities decoded, white space collapsed, NFC. Leads
// are that.
func plainText(s string) string {
	s = captionBlock.ReplaceAllString(htmlComment.ReplaceAllString(s, " "), " ")
	s = scriptStyle.ReplaceAllString(s, " ")
	s = anyTag.ReplaceAllString(s, " ")
	return oneLine(s)
}

// paragraphs is HTML as plain text that keeps its paragraphs (separated
// by a blank line) and line breaks: readers' comments.
func paragraphs(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	s = scriptStyle.ReplaceAllString(htmlComment.ReplaceAllString(s, ""), "")
	s = breakTag.ReplaceAllString(s, "\n")
	s = paragraphEnd.ReplaceAllString(s, "\n\n")
	s = html.UnescapeString(anyTag.ReplaceAllString(s, ""))
	var out []string
	for p := range strings.SplitSeq(s, "\n\n") {
		var lines []string
		for l := range strings.SplitSeq(p, "\n") {
			if l = strings.Join(strings.Fields(l), " "); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, strings.Join(lines, "\n"))
		}
	}
	return vietnamese.NFC(strings.Join(out, "\n\n"))
}

// slugOf is a post_name as the reader's URL had it: percent-decoded
// ("th%e1%bb%a7y" is "thủy"), NFC, without the "__trashed" WordPress
// adds to what it moves to the trash.
func slugOf(name string) string {
	if decoded, err := url.PathUnescape(name); err == nil {
		name = decoded
	}
	name = strings.TrimSuffix(vietnamese.NFC(strings.TrimSpace(name)), "__trashed")
	return name
}

// zeroDate is how WordPress writes a date it does not have.
const zeroDate = "0000-00-00 00:00:00"

// wpTime reads a WordPress date in loc; zero for WordPress's zero date or
// anything unreadable.
func wpTime(s string, loc *time.Location) time.Time {
	if s == "" || s == zeroDate {
		return time.Time{}
	}
	t, err := time.ParseInLocation(time.DateTime, s, loc)
	if err != nil {
		return time.Time{}
	}
	return t.UTC()
}

// wpDate is an item's or comment's moment: the GMT date, or the site's
// local one read in loc when WordPress left the GMT one at zero.
func wpDate(gmt, local string, loc *time.Location) time.Time {
	if t := wpTime(gmt, time.UTC); !t.IsZero() {
		return t
	}
	return wpTime(local, loc)
}

// sitePath is the path and query of an address on the old site, the form
// a redirect matches: the path escaped as a browser sends it (upper-case
// hex), "/" when empty. Anything that is not an http(s) address or a
// path gives "".
func sitePath(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || raw == "" || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || (u.Scheme == "" && !strings.HasPrefix(u.Path, "/")) {
		return ""
	}
	p := (&url.URL{Path: u.Path}).EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// appendNew appends the non-empty values of vs that s lacks.
func appendNew(s []string, vs ...string) []string {
	for _, v := range vs {
		if v != "" && !slices.Contains(s, v) {
			s = append(s, v)
		}
	}
	return s
}
