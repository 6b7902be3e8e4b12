package feed

import (
	"strings"

	"github.com/toasoan/toasoan/internal/news"
)

// Robots is robots.txt: crawlers may read the whole paper but the
// newsroom (/toasoan/) and the API (/api/), which need an account and
// would only fill their logs with refusals; the sitemaps are named so
// crawlers find them without Search Console.
func Robots(site news.Site) []byte {
	var b strings.Builder
	b.WriteString("User-agent: *\n")
	b.WriteString("Allow: /\n")
	b.WriteString("Disallow: /toasoan/\n")
	b.WriteString("Disallow: /api/\n")
	b.WriteString("\n")
	b.WriteString("Sitemap: " + site.BaseURL + IndexPath + "\n")
	b.WriteString("Sitemap: " + site.BaseURL + NewsSitemapPath + "\n")
	return []byte(b.String())
}
