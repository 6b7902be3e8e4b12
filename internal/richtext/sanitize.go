// Package richtext holds the one allow-list that every article body and
// caption passes through before it is stored, whatever the browser or the
// API sent.
package richtext

import (
	"regexp"

	"github.com/microcosm-cc/bluemonday"
)

// Policy sanitizes article bodies: the HTML subset the site renders.
type Policy struct {
	body *bluemonday.Policy
}

// NewPolicy builds the allow-list: paragraphs, sub-headings, emphasis,
// links (http, https, mailto; rel nofollow for other sites is the
// template's job), lists, quotes, figures with photos and captions, tables.
func NewPolicy() *Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
		"ul", "ol", "li", "blockquote", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr")
	p.AllowAttrs("href").OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	p.AllowRelativeURLs(true)
	p.AllowAttrs("src", "alt").OnElements("img")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^(credit|caption|align-(left|right|center)|video)$`)).OnElements("figure", "span", "p", "figcaption")
	p.AllowAttrs("data-image-id").Matching(bluemonday.Integer).OnElements("figure", "img")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	// The paper's own video, placed from the library: the page draws the
	// player for the item at render time (or nothing, if it is not ready).
	p.AllowAttrs("data-media-id").Matching(bluemonday.Integer).OnElements("figure")
	// Embedded players: only these three, each by its own address form
	// (web.EmbedFrameSources lets the same hosts through the page's CSP).
	p.AllowElements("iframe")
	p.AllowAttrs("src").Matching(embedSource).OnElements("iframe")
	p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("iframe")
	p.AllowAttrs("title").OnElements("iframe")
	p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("iframe")
	p.AllowAttrs("allowfullscreen").Matching(regexp.MustCompile(`^(|allowfullscreen|true)$`)).OnElements("iframe")
	return &Policy{body: p}
}

// embedSource is an iframe address the sanitizer keeps: YouTube's
// privacy-enhanced player by video id; Facebook's video plugin for a video
// on facebook.com (its address percent-encoded in href, with the plugin's
// own size and text options); TikTok's player by video id.
var embedSource = regexp.MustCompile(`^(` +
	`https://www\.youtube-nocookie\.com/embed/[A-Za-z0-9_-]{6,20}` +
	`|https://www\.facebook\.com/plugins/video\.php\?href=https%3A%2F%2F(www\.|m\.)?facebook\.com%2F[A-Za-z0-9._~%-]{1,300}(&(show_text|width|height)=[A-Za-z0-9]{1,8}){0,3}` +
	`|https://www\.tiktok\.com/embed/v2/[0-9]{6,25}` +
	`)$`)

// Body returns html with everything outside the allow-list removed.
func (p *Policy) Body(html string) string { return p.body.Sanitize(html) }
