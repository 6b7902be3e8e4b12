package wordpress

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
)

// blockDelimiter is a block editor comment: <!-- wp:name {json} -->, its
// closer <!-- /wp:name -->, or a void <!-- wp:name {json} /-->. WordPress
// escapes "--", "<" and ">" inside the JSON, so it never holds "-->".
var blockDelimiter = regexp.MustCompile(`<!--\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?:(\{.*?\})\s+)?(/)?-->`)

// block is a block of the editor at one level, or the text between two
// blocks (freeform: classic text the editor kept as it was).
type block struct {
	name, attrs string
	inner       string // between the opener and the closer
	void        bool
	freeform    bool
}

// splitBlocks cuts s into its blocks at the outer level; blocks nested
// in them stay in their inner text. A stray closer is dropped, an
// unclosed opener runs to the end.
func splitBlocks(s string) []block {
	var out []block
	text := func(from, to int) {
		if from < to {
			out = append(out, block{freeform: true, inner: s[from:to]})
		}
	}
	depth, pos, innerFrom := 0, 0, 0
	var open block
	for _, m := range blockDelimiter.FindAllStringSubmatchIndex(s, -1) {
		closer, void := m[2] >= 0, m[8] >= 0
		switch {
		case depth == 0 && closer:
			text(pos, m[0])
			pos = m[1]
		case depth == 0:
			text(pos, m[0])
			open = block{name: strings.TrimPrefix(s[m[4]:m[5]], "core/"), void: void}
			if m[6] >= 0 {
				open.attrs = s[m[6]:m[7]]
			}
			if void {
				out = append(out, open)
				pos = m[1]
				continue
			}
			depth, innerFrom = 1, m[1]
		case closer:
			if depth--; depth == 0 {
				open.inner = s[innerFrom:m[0]]
				out = append(out, open)
				pos = m[1]
			}
		case !void:
			depth++
		}
	}
	if depth > 0 {
		open.inner = s[innerFrom:]
		out = append(out, open)
		pos = len(s)
	}
	text(pos, len(s))
	return out
}

// blocks converts a body of the block editor: the comments go, the HTML
// between them stays; embeds become our video or a link; text outside any
// block is classic text.
func blocks(s string) (string, []string) {
	var out, notes []string
	for _, b := range splitBlocks(s) {
		h, n := b.render(true)
		notes = append(notes, n...)
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return strings.Join(out, "\n"), notes
}

// silentBlocks end in nothing and say nothing: the teaser's and pages'
// markers and the editor's spacing.
var silentBlocks = map[string]bool{"more": true, "nextpage": true, "spacer": true}

// render is the block as body HTML. Only text at the outer level is
// classic: inside a block it is the block's own markup.
func (b block) render(outer bool) (string, []string) {
	switch {
	case b.freeform && !outer && strings.TrimSpace(b.inner) == "":
		return "\n", nil
	case b.freeform && !outer:
		return b.inner, nil
	case b.freeform, b.name == "freeform", b.name == "shortcode":
		if strings.TrimSpace(b.inner) == "" {
			return "", nil
		}
		return classic(b.inner)
	case silentBlocks[b.name]:
		return "", nil
	case b.name == "embed" || strings.HasPrefix(b.name, "core-embed/"):
		return b.embed()
	case b.name == "block":
		return "", []string{"bỏ khối dùng lại (wp:block): nội dung của nó không nằm trong bài"}
	case b.void:
		return "", []string{fmt.Sprintf("bỏ khối wp:%s (nội dung do WordPress tạo tự động)", b.name)}
	}
	var out strings.Builder
	var notes []string
	for _, inner := range splitBlocks(b.inner) {
		h, n := inner.render(false)
		if !inner.freeform {
			h = strings.TrimSpace(h)
		}
		out.WriteString(h)
		notes = append(notes, n...)
	}
	s := moreTag.ReplaceAllString(out.String(), "")
	return youtubePlayers(figures(s)), notes
}

// embed is an embed block: its address from its attributes, or from the
// address in its markup (older editors), as our video or a link, with its
// caption after it.
func (b block) embed() (string, []string) {
	var attrs struct {
		URL string `json:"url"`
	}
	_ = json.Unmarshal([]byte(b.attrs), &attrs) // no attributes: the address is in the markup
	url := attrs.URL
	if url == "" {
		url = firstURL.FindString(htmlComment.ReplaceAllString(b.inner, ""))
	}
	if url == "" {
		return "", []string{fmt.Sprintf("bỏ khối nhúng wp:%s không có địa chỉ", b.name)}
	}
	h, block := embedOf(url)
	if !block {
		h = "<p>" + h + "</p>"
	}
	if c := embedCaption.FindStringSubmatch(b.inner); c != nil && strings.TrimSpace(c[1]) != "" {
		h += "\n<p>" + strings.TrimSpace(c[1]) + "</p>"
	}
	return h, nil
}

var (
	firstURL     = regexp.MustCompile(`https?://[^\s<>"']+`)
	embedCaption = regexp.MustCompile(`(?is)<figcaption\b[^>]*>(.*?)</figcaption>`)
)
