package wordpress

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// FileError is why a file is refused before anything is read from it,
// with the line where it shows (0 when it is the whole file).
type FileError struct {
	Line int
	Msg  string // Vietnamese
}

func (e *FileError) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("dòng %d: %s", e.Line, e.Msg)
}

// channel is what the check pass keeps: the site, its categories and its
// authors. They sit at the head of a WXR file and are a few hundred at
// most, so they are held; the items are only counted.
type channel struct {
	title, link, description string
	baseSiteURL, baseBlogURL string
	categories, authors      []element
	items                    int
}

// wpNamespace is the namespace of WordPress's own elements in every WXR
// version (1.0 to 1.2 so far).
var wpNamespace = regexp.MustCompile(`^https?://wordpress\.org/export/1\.[0-9]+/?$`)

// check reads the whole file once, token by token, and refuses it when it
// is not a well-formed WXR file or carries a DTD: nothing is yielded from
// a file that would stop halfway.
func check(r io.Reader, max int64) (channel, error) {
	var ch channel
	d := newDecoder(r, max)
	depth, inChannel, sawRoot, sawChannel, rootEnded := 0, false, false, false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return ch, readError(d, err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return ch, &FileError{Line: line(d) - strings.Count(string(t), "\n"), Msg: "tệp có khai báo <!" + directiveName(t) + ">; tệp xuất của WordPress không có, " +
				"và thực thể không bao giờ được mở rộng (chống tấn công “billion laughs” và thực thể ngoài): không nhập tệp này"}
		case xml.EndElement:
			if depth == 2 {
				inChannel = false
			}
			depth--
			rootEnded = depth == 0
		case xml.StartElement:
			depth++
			switch {
			case rootEnded:
				return ch, &FileError{Line: line(d), Msg: "XML hỏng: còn phần tử sau </rss>"}
			case depth == 1:
				if err := checkRoot(t); err != nil {
					err.Line = line(d)
					return ch, err
				}
				sawRoot = true
			case depth == 2 && t.Name.Local == "channel":
				inChannel, sawChannel = true, true
			case depth == 3 && inChannel:
				if t.Name.Local == "item" {
					ch.items++
					continue
				}
				e, err := readElement(d, t)
				if err != nil {
					return ch, readError(d, err)
				}
				depth--
				ch.keep(e)
			}
		}
	}
	switch {
	case !sawRoot:
		return ch, &FileError{Msg: "tệp trống hoặc không phải XML"}
	case !sawChannel:
		return ch, &FileError{Msg: "không phải tệp xuất của WordPress (WXR): không có <channel>"}
	}
	return ch, nil
}

// keep records a channel element the reader needs.
func (ch *channel) keep(e element) {
	switch e.name.Local {
	case "title":
		ch.title = strings.TrimSpace(e.text)
	case "link":
		ch.link = strings.TrimSpace(e.text)
	case "description":
		ch.description = strings.TrimSpace(e.text)
	case "base_site_url":
		ch.baseSiteURL = strings.TrimSpace(e.text)
	case "base_blog_url":
		ch.baseBlogURL = strings.TrimSpace(e.text)
	case "category":
		ch.categories = append(ch.categories, e)
	case "author":
		ch.authors = append(ch.authors, e)
	}
}

// checkRoot accepts <rss> declaring WordPress's namespace.
func checkRoot(t xml.StartElement) *FileError {
	if t.Name.Local != "rss" {
		return &FileError{Msg: fmt.Sprintf("không phải tệp xuất của WordPress (WXR): phần tử gốc là <%s>, cần <rss>", t.Name.Local)}
	}
	for _, a := range t.Attr {
		if a.Name.Space == "xmlns" && wpNamespace.MatchString(a.Value) {
			return nil
		}
	}
	return &FileError{Msg: "không phải tệp xuất của WordPress (WXR): <rss> không khai báo không gian tên wp (http://wordpress.org/export/1.2/)"}
}

// readError explains a decoder's error in the reader's words, with the
// line it stopped at.
func readError(d *decoder, err error) error {
	var syntax *xml.SyntaxError
	switch {
	case errors.Is(err, errElementTooLarge):
		return &FileError{Line: line(d), Msg: "một phần tử dài quá giới hạn; tệp xuất của WordPress không có phần tử lớn như vậy"}
	case errors.As(err, &syntax) && strings.Contains(syntax.Msg, "unexpected EOF"):
		return &FileError{Line: syntax.Line, Msg: "tệp kết thúc giữa chừng (bị cắt cụt?)"}
	case errors.As(err, &syntax):
		return &FileError{Line: syntax.Line, Msg: "XML hỏng: " + syntax.Msg}
	case strings.Contains(err.Error(), "CharsetReader"):
		return &FileError{Line: line(d), Msg: "tệp không viết bằng UTF-8 như tệp xuất của WordPress (" + err.Error() + ")"}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return &FileError{Line: line(d), Msg: "tệp kết thúc giữa chừng (bị cắt cụt?)"}
	}
	return &FileError{Line: line(d), Msg: "không đọc được tệp: " + err.Error()}
}

func line(d *decoder) int {
	l, _ := d.InputPos()
	return l
}

// directiveName is DOCTYPE, ENTITY... as the directive starts.
func directiveName(t xml.Directive) string {
	name, _, _ := strings.Cut(strings.TrimSpace(string(t)), " ")
	if len(name) > 20 || name == "" {
		return "..."
	}
	return name
}
