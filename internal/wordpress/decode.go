package wordpress

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// errElementTooLarge is what the input reader answers when one element
// grows past the limit before it ends: memory stays bounded whatever the
// file holds.
var errElementTooLarge = errors.New("element too large")

// boundedInput reads the file for a decoder and refuses to go on once the
// bytes read since the decoder's last token exceed max: encoding/xml keeps
// a whole text node in memory, so a 2 GB body would otherwise take 2 GB.
type boundedInput struct {
	r          io.Reader
	read, mark int64 // bytes read; where the last token ended
	max        int64
}

func (b *boundedInput) Read(p []byte) (int, error) {
	if b.read-b.mark > b.max {
		return 0, errElementTooLarge
	}
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

// decoder is a strict XML decoder that knows no entities beyond XML's
// five (encoding/xml never expands DTD entities, and the check pass
// refuses DTDs outright) and whose tokens are bounded in size. Every
// read of the package goes through its Token.
type decoder struct {
	*xml.Decoder
	in *boundedInput
}

func newDecoder(r io.Reader, max int64) *decoder {
	in := &boundedInput{r: r, max: max}
	d := xml.NewDecoder(in)
	d.Strict = true
	return &decoder{Decoder: d, in: in}
}

// Token is the next token; it marks where the input stands, for the
// bound.
func (d *decoder) Token() (xml.Token, error) {
	t, err := d.Decoder.Token()
	d.in.mark = d.Decoder.InputOffset()
	return t, err
}

// element is a parsed child of an item or of the channel: its text, its
// attributes, and for containers (wp:postmeta, wp:comment, wp:category at
// the channel) its own simple children by local name.
type element struct {
	name   xml.Name
	attrs  []xml.Attr
	text   string
	fields map[string]string
}

func (e element) attr(local string) string {
	for _, a := range e.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readElement reads start's content up to its end: the text directly in
// it, and the text of each child element by local name. Deeper elements
// are read and dropped.
func readElement(d *decoder, start xml.StartElement) (element, error) {
	e := element{name: start.Name, attrs: start.Attr}
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			return e, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.StartElement:
			child, err := readText(d)
			if err != nil {
				return e, err
			}
			if e.fields == nil {
				e.fields = map[string]string{}
			}
			e.fields[t.Name.Local] = child
		case xml.EndElement:
			e.text = text.String()
			return e, nil
		}
	}
}

// readText reads the text of the element just started, up to its end,
// leaving out any markup inside it.
func readText(d *decoder) (string, error) {
	var text strings.Builder
	depth := 1
	for depth > 0 {
		tok, err := d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			if depth == 1 {
				text.Write(t)
			}
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return text.String(), nil
}

// item is one <item> of the file as WordPress wrote it.
type item struct {
	line                       int
	title, link, guid, creator string
	content, excerpt           string
	id, parent                 int64
	date, dateGMT              string
	modified, modifiedGMT      string
	name, status, postType     string
	attachmentURL              string
	categories                 []term
	meta                       map[string]string
	comments                   []map[string]string
	postPassword               string
	oversized                  []string // fields longer than WordPress stores, by label
}

// term is an item's category or tag.
type term struct {
	domain, nicename, name string
}

// The longest values WordPress's own columns hold (MySQL TEXT is 65,535
// bytes, post_name is VARCHAR(200)): a longer one was not written by
// WordPress, and the item is skipped rather than guessed at.
const (
	maxTextColumn = 65535
	maxPostName   = 200 * 4 // characters, up to four bytes each
)

// readItem reads one <item>, whose start was just read at line.
func readItem(d *decoder, line int) (item, error) {
	it := item{line: line}
	for {
		tok, err := d.Token()
		if err != nil {
			return it, err
		}
		switch t := tok.(type) {
		case xml.EndElement:
			it.checkSizes()
			return it, nil
		case xml.StartElement:
			e, err := readElement(d, t)
			if err != nil {
				return it, err
			}
			it.set(e)
		}
	}
}

func (it *item) set(e element) {
	switch e.name.Local {
	case "title":
		it.title = e.text
	case "link":
		it.link = strings.TrimSpace(e.text)
	case "guid":
		it.guid = strings.TrimSpace(e.text)
	case "creator":
		it.creator = strings.TrimSpace(e.text)
	case "encoded":
		if strings.HasSuffix(e.name.Space, "/excerpt/") {
			it.excerpt = e.text
		} else {
			it.content = e.text
		}
	case "post_id":
		it.id = number(e.text)
	case "post_parent":
		it.parent = number(e.text)
	case "post_date":
		it.date = strings.TrimSpace(e.text)
	case "post_date_gmt":
		it.dateGMT = strings.TrimSpace(e.text)
	case "post_modified":
		it.modified = strings.TrimSpace(e.text)
	case "post_modified_gmt":
		it.modifiedGMT = strings.TrimSpace(e.text)
	case "post_name":
		it.name = strings.TrimSpace(e.text)
	case "status":
		it.status = strings.TrimSpace(e.text)
	case "post_type":
		it.postType = strings.TrimSpace(e.text)
	case "attachment_url":
		it.attachmentURL = strings.TrimSpace(e.text)
	case "post_password":
		it.postPassword = e.text
	case "category":
		it.categories = append(it.categories, term{domain: e.attr("domain"), nicename: e.attr("nicename"), name: e.text})
	case "postmeta":
		if it.meta == nil {
			it.meta = map[string]string{}
		}
		if key := e.fields["meta_key"]; key != "" {
			it.meta[key] = e.fields["meta_value"]
		}
	case "comment":
		it.comments = append(it.comments, e.fields)
	}
}

// checkSizes notes the fields longer than WordPress could have stored.
func (it *item) checkSizes() {
	if len(it.title) > maxTextColumn {
		it.oversized = append(it.oversized, fmt.Sprintf("tiêu đề dài %d byte", len(it.title)))
	}
	if len(it.excerpt) > maxTextColumn {
		it.oversized = append(it.oversized, fmt.Sprintf("tóm tắt dài %d byte", len(it.excerpt)))
	}
	if len(it.name) > maxPostName {
		it.oversized = append(it.oversized, fmt.Sprintf("đường dẫn dài %d byte", len(it.name)))
	}
	for _, c := range it.comments {
		if n := len(c["comment_content"]); n > maxTextColumn {
			it.oversized = append(it.oversized, fmt.Sprintf("bình luận %s dài %d byte", c["comment_id"], n))
		}
	}
}

// number reads a WordPress id; anything else is 0.
func number(s string) int64 {
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n < 0 {
		return 0
	}
	return n
}
