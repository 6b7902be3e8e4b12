package media

import (
	"strconv"
	"strings"

	"golang.org/x/net/html"

	"github.com/toasoan/toasoan/internal/news"
)

// PictureBody returns an article body with each of its photos from our
// library (<img src="/media/<original key>" width height>, as the editor
// and imports store them) drawn as Picture draws a cover, sizes being the
// article column's. Everything else, foreign images included, is left
// byte for byte. The stored body keeps the plain <img>: the markup of
// variants can change without rewriting articles.
func PictureBody(body, sizes string) string {
	if !strings.Contains(body, `src="/media/`) {
		return body
	}
	z := html.NewTokenizer(strings.NewReader(body))
	var b strings.Builder
	b.Grow(len(body) + len(body)/2)
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			b.Write(z.Raw()) // what is left of a body cut short
			return b.String()
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(z.Raw())
			continue
		}
		// TagName and TagAttr lower-case the buffer in place: keep the
		// raw tag as written first.
		raw := string(z.Raw())
		if name, hasAttr := z.TagName(); string(name) != "img" || !hasAttr || !writeBodyPhoto(&b, z, sizes) {
			b.WriteString(raw)
		}
	}
}

// writeBodyPhoto writes the <picture> for the <img> tag z is on and
// reports whether it did: only an image of ours with its size and no
// attribute it would lose.
func writeBodyPhoto(b *strings.Builder, z *html.Tokenizer, sizes string) bool {
	var src, alt, width, height, id string
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch string(k) {
		case "src":
			src = string(v)
		case "alt":
			alt = string(v)
		case "width":
			width = string(v)
		case "height":
			height = string(v)
		case "data-image-id":
			id = string(v)
		case "loading": // always lazy in the body
		default:
			return false
		}
	}
	key, ok := strings.CutPrefix(src, "/media/")
	if !ok || !IsOriginal(key) {
		return false
	}
	w, werr := strconv.Atoi(width)
	h, herr := strconv.Atoi(height)
	if werr != nil || herr != nil || w <= 0 || h <= 0 {
		return false
	}
	writePicture(b, news.Image{Key: key, Width: w, Height: h}, pictureAttrs{sizes: sizes, load: "lazy", alt: alt, imageID: id})
	return true
}
