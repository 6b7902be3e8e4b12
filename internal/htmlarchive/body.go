package htmlarchive

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/andybalholm/cascadia"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// cleanBody turns the body element into the story's body HTML: the map's
// furniture and the elements other fields were read from (a byline at the
// end, a lead inside the body) removed, scripts and event handlers gone,
// photos as <figure><img src alt><figcaption>, image and link addresses
// made absolute against base. Everything else is left as the page had it:
// the importer sanitizes bodies and fetches photos.
func (m *Map) cleanBody(body *html.Node, base *url.URL, fields []*html.Node) string {
	for _, sel := range m.Remove {
		for _, n := range cascadia.QueryAll(body, sel) {
			detach(n)
		}
	}
	for _, n := range fields {
		if n != body && within(n, body) {
			detach(n)
		}
	}
	stripActive(body)
	made := m.makeFigures(body, base)
	looseImages(body, base, made)
	absoluteLinks(body, base)
	tidy(body, false, true)
	var b strings.Builder
	for c := body.FirstChild; c != nil; c = c.NextSibling {
		_ = html.Render(&b, c) // a strings.Builder does not fail
	}
	return vietnamese.NFC(strings.TrimSpace(b.String()))
}

// inactive are elements that never belong in a story's body: code, styles,
// what only shows without scripts, and forms (comment boxes, polls).
var inactive = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Link: true, atom.Meta: true, atom.Form: true, atom.Input: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true,
}

// stripActive removes inactive elements, comments and on* attributes. The
// sanitizer would too; doing it here keeps script text out of warnings and
// the dry run's output.
func stripActive(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch {
		case c.Type == html.CommentNode, c.Type == html.ElementNode && inactive[c.DataAtom]:
			n.RemoveChild(c)
		case c.Type == html.ElementNode:
			kept := c.Attr[:0]
			for _, a := range c.Attr {
				if !strings.HasPrefix(strings.ToLower(a.Key), "on") {
					kept = append(kept, a)
				}
			}
			c.Attr = kept
			stripActive(c)
		}
		c = next
	}
}

// makeFigures replaces every photo container the map names (a <figure>, a
// captioned table) by a figure of its image and caption, and answers the
// images it made.
func (m *Map) makeFigures(body *html.Node, base *url.URL) map[*html.Node]bool {
	made := map[*html.Node]bool{}
	for _, c := range cascadia.QueryAll(body, m.Photo) {
		if !within(c, body) {
			continue // inside a container replaced before
		}
		img := c
		if c.DataAtom != atom.Img {
			img = firstElement(c, atom.Img)
		}
		if img == nil {
			continue // a figure of a video or a quote: left as it is
		}
		src := imageSource(img, base)
		if src == "" {
			detach(c)
			continue
		}
		caption := ""
		if c != img && m.Caption != nil {
			if cap := cascadia.Query(c, m.Caption); cap != nil {
				caption = textOf(cap)
			}
		}
		fig := figure(src, cleanText(attr(img, "alt")), caption)
		made[fig.FirstChild] = true
		c.Parent.InsertBefore(fig, c)
		detach(c)
	}
	return made
}

// looseImages handles images outside any container: one standing alone in
// a paragraph becomes a figure without caption, others keep their place
// with an absolute address; one without an address is dropped.
func looseImages(body *html.Node, base *url.URL, made map[*html.Node]bool) {
	for _, img := range allElements(body, atom.Img) {
		if made[img] {
			continue
		}
		src := imageSource(img, base)
		if src == "" {
			detach(img)
			continue
		}
		holder := img
		if p := img.Parent; p != body && (p.DataAtom == atom.P || p.DataAtom == atom.Div || p.DataAtom == atom.Center) &&
			textOf(p) == "" && len(allElements(p, atom.Img)) == 1 {
			holder = p
		}
		if holder.Parent == body || holder != img {
			fig := figure(src, cleanText(attr(img, "alt")), "")
			holder.Parent.InsertBefore(fig, holder)
			detach(holder)
			continue
		}
		setAttr(img, "src", src)
	}
}

// lazySources are where lazy-loading scripts keep the real address while
// src holds a placeholder.
var lazySources = []string{"data-src", "data-original", "data-lazy-src", "data-lazy", "src"}

// imageSource is an image's real address, absolute, or "" when it has
// none worth fetching (a placeholder, a data: URL, another scheme).
func imageSource(img *html.Node, base *url.URL) string {
	for _, key := range lazySources {
		v := strings.TrimSpace(attr(img, key))
		if v == "" || strings.HasPrefix(strings.ToLower(v), "data:") {
			continue
		}
		if abs := absolute(v, base); abs != "" {
			return abs
		}
	}
	return ""
}

// absolute resolves ref against base and answers it when it is http(s).
func absolute(ref string, base *url.URL) string {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return ""
	}
	u = base.ResolveReference(u)
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// absoluteLinks makes relative links absolute: the story moves to a new
// address, where "../220400.htm" would lead nowhere. Fragments and other
// schemes are left for the sanitizer.
func absoluteLinks(body *html.Node, base *url.URL) {
	for _, a := range allElements(body, atom.A) {
		href := strings.TrimSpace(attr(a, "href"))
		if href == "" || strings.HasPrefix(href, "#") {
			continue
		}
		if u, err := url.Parse(href); err == nil && u.Scheme == "" {
			if abs := absolute(href, base); abs != "" {
				setAttr(a, "href", abs)
			}
		}
	}
}

func figure(src, alt, caption string) *html.Node {
	fig := element(atom.Figure)
	fig.AppendChild(element(atom.Img, html.Attribute{Key: "src", Val: src}, html.Attribute{Key: "alt", Val: alt}))
	if caption != "" {
		fc := element(atom.Figcaption)
		fc.AppendChild(&html.Node{Type: html.TextNode, Data: caption})
		fig.AppendChild(fc)
	}
	return fig
}

// media are elements that show something without text.
var media = map[atom.Atom]bool{
	atom.Img: true, atom.Iframe: true, atom.Video: true, atom.Audio: true, atom.Figure: true,
	atom.Table: true, atom.Embed: true, atom.Object: true, atom.Hr: true, atom.Svg: true,
}

// containers hold blocks, so whitespace between their children is only
// the page's indentation.
var containers = map[atom.Atom]bool{
	atom.Div: true, atom.Figure: true, atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tr: true, atom.Blockquote: true, atom.Section: true, atom.Article: true,
}

var blankRun = regexp.MustCompile(`[ \t\r\n\f]+`)

// tidy collapses whitespace in text (not inside <pre>), drops the
// indentation between blocks (the children of n are blocks when blocks is
// set) and paragraphs left empty by the furniture removed from them.
func tidy(n *html.Node, pre, blocks bool) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		switch c.Type {
		case html.TextNode:
			if !pre {
				c.Data = blankRun.ReplaceAllString(c.Data, " ")
				if c.Data == " " && blocks {
					n.RemoveChild(c)
				}
			}
		case html.ElementNode:
			tidy(c, pre || c.DataAtom == atom.Pre, containers[c.DataAtom])
			if (c.DataAtom == atom.P || c.DataAtom == atom.Div || c.DataAtom == atom.Span) && textOf(c) == "" && !hasMedia(c) {
				n.RemoveChild(c)
			}
		}
		c = next
	}
}

func hasMedia(n *html.Node) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (media[c.DataAtom] || hasMedia(c)) {
			return true
		}
	}
	return false
}

func firstElement(n *html.Node, a atom.Atom) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			return c
		}
		if found := firstElement(c, a); found != nil {
			return found
		}
	}
	return nil
}

func allElements(n *html.Node, a atom.Atom) []*html.Node {
	var found []*html.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == a {
			found = append(found, c)
		}
		found = append(found, allElements(c, a)...)
	}
	return found
}
