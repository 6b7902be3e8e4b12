package importer

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// stripTags is an HTML fragment's text.
func stripTags(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<body>" + s))
	if err != nil {
		return s
	}
	return doc.Text()
}

// firstParagraph is the text of a body's first paragraph, for a lead the
// source did not give.
func firstParagraph(body string) string {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		return ""
	}
	return clean(doc.Find("p").First().Text())
}

// bodyPhoto is a photo a body shows: its address, and the words around it.
type bodyPhoto struct {
	src, caption, alt string
}

// body makes a story's body the paper's: its photos ours (fetched first
// when the operator allows their host), then the allow-list.
func (r *run) body(ctx context.Context, item, body string) (string, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<body>" + vietnamese.NFC(body)))
	if err != nil {
		return "", fmt.Errorf("%s: %w", item, err)
	}
	imgs := doc.Find("img")
	if imgs.Length() == 0 {
		return r.im.policy.Body(vietnamese.NFC(body)), nil
	}
	var photos []bodyPhoto
	var keys []string
	imgs.Each(func(_ int, img *goquery.Selection) {
		src := strings.TrimSpace(img.AttrOr("src", ""))
		caption := ""
		if fig := img.Closest("figure"); fig.Length() > 0 {
			caption = clean(fig.Find("figcaption").First().Text())
		}
		photos = append(photos, bodyPhoto{src: src, caption: caption, alt: clean(img.AttrOr("alt", ""))})
		keys = append(keys, photoURLKey(src))
	})
	known, err := r.im.store.ImportedPhotoURLs(ctx, r.source, keys)
	if err != nil {
		return "", err
	}
	if r.im.opts.Fetch != nil && !r.im.opts.DryRun {
		fetched := false
		for i, p := range photos {
			if _, ok := known[keys[i]]; ok || keys[i] == "" || !fetchable(p.src) {
				continue
			}
			if err := r.photo(ctx, Photo{Key: "url:" + p.src, URL: p.src, Caption: p.caption, Alt: p.alt}); err != nil {
				return "", err
			}
			fetched = true
		}
		if fetched {
			if err := r.flush(ctx); err != nil {
				return "", err
			}
			if known, err = r.im.store.ImportedPhotoURLs(ctx, r.source, keys); err != nil {
				return "", err
			}
		}
	}
	imgs.Each(func(i int, img *goquery.Selection) {
		im, ok := known[keys[i]]
		if !ok {
			if !r.im.opts.DryRun {
				r.warn(item, "Ảnh %s chưa có trong thư viện: giữ địa chỉ cũ", clip(photos[i].src, 200))
			}
			return
		}
		placePhoto(img, im, photos[i])
	})
	out, err := doc.Find("body").Html()
	if err != nil {
		return "", err
	}
	return r.im.policy.Body(out), nil
}

// fetchable reports whether src is an address a fetcher could get.
func fetchable(src string) bool {
	u, err := url.Parse(src)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// placePhoto turns an old <img> into the paper's figure of photo im: in
// the figure it sat in (keeping its caption), or in a new one with the
// caption the library has.
func placePhoto(img *goquery.Selection, im news.Image, p bodyPhoto) {
	alt := p.alt
	if alt == "" {
		alt = im.Alt
	}
	tag := fmt.Sprintf(`<img src="%s" alt="%s" width="%d" height="%d" loading="lazy" data-image-id="%d">`,
		html.EscapeString(media.URL(im.Key)), html.EscapeString(alt), im.Width, im.Height, im.ID)
	if fig := img.Closest("figure"); fig.Length() > 0 {
		fig.SetAttr("data-image-id", fmt.Sprint(im.ID))
		img.ReplaceWithHtml(tag)
		return
	}
	caption := html.EscapeString(im.Caption)
	if im.Credit != "" {
		caption += ` <span class="credit">` + html.EscapeString(im.Credit) + `</span>`
	}
	figure := fmt.Sprintf(`<figure data-image-id="%d">%s<figcaption>%s</figcaption></figure>`, im.ID, tag, caption)
	if strings.TrimSpace(im.Caption) == "" && im.Credit == "" {
		figure = fmt.Sprintf(`<figure data-image-id="%d">%s</figure>`, im.ID, tag)
	}
	// A photo alone in a paragraph (or a link around it) takes its place.
	target := img
	if a := img.Parent(); goquery.NodeName(a) == "a" && strings.TrimSpace(a.Text()) == "" {
		target = a
	}
	if p := target.Parent(); goquery.NodeName(p) == "p" && strings.TrimSpace(p.Text()) == "" && p.Children().Length() == 1 {
		target = p
	}
	target.ReplaceWithHtml(figure)
}
