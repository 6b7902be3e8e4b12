package media

import (
	"html"
	"html/template"
	"strconv"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// Picture returns the markup of a photo on a reader's page: a <picture>
// offering the WebP variants to browsers that take them and the JPEG (or
// PNG) ones to the rest, never the original. sizes is the sizes attribute
// (how wide the photo is drawn); load is "lazy" (below the fold), "high"
// (the page's main photo: fetched first) or "" (neither); class, if any,
// goes on the <img>. A photo we cannot name variants for gets a plain <img>.
func Picture(im news.Image, sizes, load, alt, class string) template.HTML {
	var b strings.Builder
	writePicture(&b, im, pictureAttrs{sizes: sizes, load: load, alt: alt, class: class})
	return template.HTML(b.String()) // every value below is escaped
}

// pictureAttrs are what a <picture> needs besides the photo.
type pictureAttrs struct {
	sizes, load, alt, class string
	imageID                 string // data-image-id of a body photo, kept on its <img>
}

func writePicture(b *strings.Builder, im news.Image, a pictureAttrs) {
	attr := func(name, value string) {
		b.WriteString(" " + name + `="` + html.EscapeString(value) + `"`)
	}
	webp, fallback := WebPSrcset(im), Srcset(im)
	if fallback != "" {
		b.WriteString(`<picture><source type="image/webp"`)
		attr("srcset", webp)
		attr("sizes", a.sizes)
		b.WriteString(">")
	}
	b.WriteString("<img")
	if a.class != "" {
		attr("class", a.class)
	}
	if k, ok := parseKey(im.Key); ok && k.width == 0 && im.Width > 0 {
		// The full-size clean copy: what a browser without srcset shows.
		attr("src", URL(k.clean(im.Width).withExt(variantExt(k.ext)).String()))
		attr("srcset", fallback)
		attr("sizes", a.sizes)
	} else {
		attr("src", URL(im.Key))
	}
	attr("alt", a.alt)
	if im.Width > 0 && im.Height > 0 {
		attr("width", strconv.Itoa(im.Width))
		attr("height", strconv.Itoa(im.Height))
	}
	switch a.load {
	case "lazy":
		attr("loading", "lazy")
	case "high":
		attr("fetchpriority", "high")
	}
	if a.imageID != "" {
		attr("data-image-id", a.imageID)
	}
	b.WriteString(">")
	if fallback != "" {
		b.WriteString("</picture>")
	}
}
