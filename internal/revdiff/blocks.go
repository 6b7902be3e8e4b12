package revdiff

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/text/unicode/norm"
)

// headingPrefix marks heading blocks, so that turning a paragraph into a
// sub-heading (or back) shows as a change even though the words are equal.
const headingPrefix = "## "

// plainBlocks splits a plain field (title, sapô) into lines. Blank lines are
// dropped and runs of spaces collapsed: neither is visible on the page, and
// an editor tidying them should not see a change.
func plainBlocks(s string) []string {
	var blocks []string
	for line := range strings.SplitSeq(s, "\n") {
		if text := clean(line); text != "" {
			blocks = append(blocks, text)
		}
	}
	return blocks
}

// htmlBlocks turns an article body into one plain-text block per block
// element, the unit an editor thinks in when comparing versions. The HTML5
// parser (not a regexp or the bare tokenizer) is used so that unclosed <p>
// and <li>, which the editor and older imports produce, end where a browser
// would end them.
//
// Every image becomes its own "[Ảnh: alt]" block, not only those inside a
// figure: a photo swapped or dropped must never be invisible in the
// comparison. Script and style contents are skipped because readers never
// see them (the sanitizer removes them anyway).
func htmlBlocks(body string) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(body), ctx)
	if err != nil {
		// Only a failing reader makes ParseFragment fail, and a
		// strings.Reader does not; comparing the raw text is still better
		// than showing nothing.
		return plainBlocks(body)
	}
	var w blockWriter
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return w.blocks
}

// blockWriter collects the text of the block being read and cuts it into a
// new block at every block boundary.
type blockWriter struct {
	blocks  []string
	buf     strings.Builder
	heading int // how many heading elements enclose the current text
}

// walk visits n and its descendants in document order.
func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.buf.WriteString(n.Data)
		return
	case html.ElementNode:
	default:
		return // comments, doctypes
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Noscript:
		return
	case atom.Br:
		w.buf.WriteByte(' ')
		return
	case atom.Img:
		w.flush()
		w.image(n)
		return
	}
	isHeading := headingElement(n.DataAtom)
	isBlock := isHeading || blockElement(n.DataAtom)
	if isBlock {
		w.flush()
	}
	if isHeading {
		w.heading++
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if isBlock {
		w.flush()
	}
	if isHeading {
		w.heading--
	}
}

// image appends the line that stands for a photo: its alt text, or its
// address when the alt text is missing, so that a swapped photo still shows.
func (w *blockWriter) image(n *html.Node) {
	var alt, src string
	for _, a := range n.Attr {
		switch a.Key {
		case "alt":
			alt = a.Val
		case "src":
			src = a.Val
		}
	}
	label := clean(alt)
	if label == "" {
		label = clean(src)
	}
	w.blocks = append(w.blocks, "[Ảnh: "+label+"]")
}

// flush ends the current block, if it has any visible text.
func (w *blockWriter) flush() {
	text := clean(w.buf.String())
	w.buf.Reset()
	if text == "" {
		return
	}
	if w.heading > 0 {
		text = headingPrefix + text
	}
	w.blocks = append(w.blocks, text)
}

// clean collapses whitespace (including no-break spaces from &nbsp;) and
// normalizes to NFC, so text typed on different systems compares equal.
func clean(s string) string {
	return norm.NFC.String(strings.Join(strings.Fields(s), " "))
}

// headingElement reports whether a is a heading. The editor only offers
// h2-h4, but imported articles carry the others.
func headingElement(a atom.Atom) bool {
	switch a {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// blockElement reports whether a starts a new line on the page. The
// containers (div, figure, lists, tables) are boundaries too, so that text
// loose inside them is not glued to the neighbouring block.
func blockElement(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Li, atom.Blockquote, atom.Figcaption, atom.Td, atom.Th,
		atom.Div, atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside,
		atom.Figure, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd,
		atom.Table, atom.Caption, atom.Thead, atom.Tbody, atom.Tfoot, atom.Tr,
		atom.Pre, atom.Hr:
		return true
	}
	return false
}
