package wordpress

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// convertBody turns a post's content:encoded into ordinary body HTML: the
// block editor's form (<!-- wp:... --> comments around HTML) or the
// classic one (paragraphs as blank lines, [caption] shortcodes, bare
// addresses to embed). Images keep their src; the importer rewrites them
// to our photos and sanitizes the result. notes say what could not be
// kept, in Vietnamese.
func convertBody(content string) (body string, notes []string) {
	content = strings.ReplaceAll(strings.ReplaceAll(content, "\r\n", "\n"), "\r", "\n")
	if blockDelimiter.MatchString(content) {
		body, notes = blocks(content)
	} else {
		body, notes = classic(content)
	}
	return strings.TrimSpace(body), notes
}

var (
	moreTag = regexp.MustCompile(`<!--(?:more|nextpage|noteaser)\b.*?-->`)
	caption = regexp.MustCompile(`(?s)\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]`)
	// captionImage is the photo at the head of a caption: an <img>,
	// possibly inside a link; the rest is the caption's text.
	captionImage = regexp.MustCompile(`(?is)^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$`)
	captionAttr  = regexp.MustCompile(`\bcaption\s*=\s*"([^"]*)"`)
	// linkedImage is a photo inside a link to its own file (the large
	// size): the link would lead to the old site's folder.
	linkedImage = regexp.MustCompile(`(?is)<a\b[^>]*\bhref\s*=\s*["'][^"']+\.(?:jpe?g|png|gif|webp)(?:\?[^"']*)?["'][^>]*>\s*(<img\b[^>]*>)\s*</a>`)
	bareURL     = regexp.MustCompile(`(?m)^[ \t]*(https?://[^\s<>"']+)[ \t]*$`)
	embedCode   = regexp.MustCompile(`(?s)\[embed[^\]]*\](.*?)\[/embed\]`)
	// mediaCode is a shortcode of WordPress's own that lists or plays
	// files we have no counterpart for; plugins' shortcodes and text in
	// brackets ("[Ảnh: TTXVN]") are left as they are.
	mediaCode = regexp.MustCompile(`\[(gallery|playlist|video|audio)\b[^\]]*\](?:.*?\[/(?:video|audio)\])?`)
)

// figures turns [caption] shortcodes into figures with their caption,
// and unwraps photos linked to their own file.
func figures(s string) string {
	s = caption.ReplaceAllStringFunc(s, func(m string) string {
		g := caption.FindStringSubmatch(m)
		img := captionImage.FindStringSubmatch(g[2])
		if img == nil {
			return g[2]
		}
		text := strings.TrimSpace(img[2])
		if text == "" {
			if a := captionAttr.FindStringSubmatch(g[1]); a != nil {
				text = a[1]
			}
		}
		photo := linkedImage.ReplaceAllString(img[1], "$1")
		if text == "" {
			return "<figure>" + photo + "</figure>"
		}
		return "<figure>" + photo + "<figcaption>" + text + "</figcaption></figure>"
	})
	return linkedImage.ReplaceAllString(s, "$1")
}

// mediaNotes removes the media shortcodes and says which were removed.
func mediaNotes(s string) (string, []string) {
	var notes []string
	s = mediaCode.ReplaceAllStringFunc(s, func(m string) string {
		name := mediaCode.FindStringSubmatch(m)[1]
		notes = append(notes, fmt.Sprintf("bỏ mã ngắn [%s] (không có tương đương)", name))
		return ""
	})
	return s, notes
}

// classic converts a body of the classic editor as WordPress shows it:
// captions as figures, shortcodes and bare addresses as what they show,
// paragraphs made as wpautop makes them.
func classic(s string) (string, []string) {
	s = moreTag.ReplaceAllString(s, "")
	s = htmlComment.ReplaceAllString(s, "")
	s = figures(s)
	s, notes := mediaNotes(s)
	s = youtubePlayers(s)
	// What is made here is set apart so paragraphs are not made inside
	// it: held in a list, a placeholder line in its place.
	var made []string
	hold := func(html string) string {
		made = append(made, html)
		return fmt.Sprintf("\n\n\x00%d\x00\n\n", len(made)-1)
	}
	s = embedCode.ReplaceAllStringFunc(s, func(m string) string {
		h, block := embedOf(embedCode.FindStringSubmatch(m)[1])
		if block {
			return hold(h)
		}
		return h
	})
	s = bareURL.ReplaceAllStringFunc(s, func(m string) string {
		h, block := embedOf(strings.TrimSpace(m))
		if block {
			return hold(h)
		}
		return h
	})
	if paragraphTag.MatchString(s) {
		// Written as HTML already (pasted in the text tab, or exported
		// by another system, ours included): its line breaks are not
		// the author's.
		return strings.TrimSpace(placeholder.ReplaceAllStringFunc(s, func(m string) string {
			return "\n" + made[heldIndex(m)] + "\n"
		})), notes
	}
	return autop(s, made), notes
}

var (
	paragraphTag = regexp.MustCompile(`(?i)<p[\s>]`)
	placeholder  = regexp.MustCompile(`\s*\x00[0-9]+\x00\s*`)
)

func heldIndex(m string) int {
	i, _ := strconv.Atoi(strings.Trim(m, "\x00 \t\n")) // the placeholder's own digits
	return i
}

// autop makes paragraphs as WordPress shows a classic body (wpautop):
// blank lines part them, a single newline is a line break, and block
// elements stand alone. made holds what was set apart from it.
func autop(s string, made []string) string {
	s = outerBlockStart.ReplaceAllString(s, "\n\n$0")
	s = outerBlockEnd.ReplaceAllString(s, "$0\n\n")
	s = containerStart.ReplaceAllString(s, "$0\n\n")
	s = containerEnd.ReplaceAllString(s, "\n\n$0")
	var out []string
	for chunk := range strings.SplitSeq(s, "\n\n") {
		chunk = strings.Trim(chunk, " \t\n")
		switch {
		case chunk == "":
		case strings.HasPrefix(chunk, "\x00"):
			out = append(out, made[heldIndex(chunk)])
		case blockStart.MatchString(chunk):
			out = append(out, chunk)
		default:
			out = append(out, "<p>"+strings.ReplaceAll(chunk, "\n", "<br>\n")+"</p>")
		}
	}
	return strings.Join(out, "\n")
}

// The block elements of wpautop. Paragraphs are split around the outer
// ones, and inside the containers, which hold paragraphs of their own; a
// chunk starting with any of them is left unwrapped.
const (
	containers  = `blockquote|div|section|article|aside|header|footer|nav|details|fieldset|form`
	outerBlocks = `table|div|dl|ul|ol|pre|form|blockquote|address|p|h[1-6]|hr|section|article|aside|header|footer|nav|figure|details|fieldset|math|style|hgroup|menu`
	innerBlocks = `thead|tfoot|tbody|caption|colgroup|col|tr|td|th|dd|dt|li|legend|figcaption|summary|area|map`
)

var (
	outerBlockStart = regexp.MustCompile(`(?i)<(?:` + outerBlocks + `)\b[^>]*>`)
	outerBlockEnd   = regexp.MustCompile(`(?i)</(?:` + outerBlocks + `)\s*>|<hr\b[^>]*>`)
	containerStart  = regexp.MustCompile(`(?i)<(?:` + containers + `)\b[^>]*>`)
	containerEnd    = regexp.MustCompile(`(?i)</(?:` + containers + `)\s*>`)
	blockStart      = regexp.MustCompile(`(?i)^</?(?:` + outerBlocks + `|` + innerBlocks + `)\b`)
)
