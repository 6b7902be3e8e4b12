package htmlarchive

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/toasoan/toasoan/internal/vietnamese"
)

// cleanText is how every text field leaves: NFC, whitespace (non-breaking
// spaces included) collapsed to single spaces, trimmed.
func cleanText(s string) string {
	return vietnamese.NFC(strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " "))
}

// textOf is the text a reader sees in n: its text nodes in order, with a
// space where a block or a <br> separates words, scripts and styles left
// out; cleaned.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			switch n.DataAtom {
			case atom.Script, atom.Style, atom.Noscript, atom.Template:
				return
			case atom.Br:
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && !inline[n.DataAtom] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return cleanText(b.String())
}

// inline are the elements that do not separate words.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true, atom.Em: true,
	atom.Font: true, atom.I: true, atom.Mark: true, atom.Q: true, atom.S: true, atom.Small: true,
	atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true, atom.Time: true, atom.U: true,
}

// valueOf is what a date or URL element holds: a <meta>'s content, a
// <time>'s datetime, else its text.
func valueOf(n *html.Node) string {
	switch n.DataAtom {
	case atom.Meta:
		return strings.TrimSpace(attr(n, "content"))
	case atom.Time:
		if v := strings.TrimSpace(attr(n, "datetime")); v != "" {
			return v
		}
	}
	return textOf(n)
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func setAttr(n *html.Node, name, val string) {
	for i, a := range n.Attr {
		if a.Key == name {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: name, Val: val})
}

// detach takes n out of the tree, if it is still in one.
func detach(n *html.Node) {
	if n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// within reports whether n is root or inside it.
func within(n, root *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if n == root {
			return true
		}
	}
	return false
}

// element makes a new element node.
func element(a atom.Atom, attrs ...html.Attribute) *html.Node {
	return &html.Node{Type: html.ElementNode, DataAtom: a, Data: a.String(), Attr: attrs}
}
