package htmlarchive

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/toasoan/toasoan/internal/fetch"
)

// maxSitemapDepth is how deep sitemap indexes are followed: an index of
// sitemaps, and (outside the protocol, but seen) an index of indexes.
const maxSitemapDepth = 2

// sitemap reads the sitemap at loc (a URL or a file; parent is the
// sitemap that named it, nil for one the operator gave) and fetches the
// article pages it lists, streaming: each page as its <loc> is read. A
// sitemap the operator gave that cannot be read is an error; one an index
// named is a warning.
func (r *run) sitemap(loc string, parent *url.URL, depth int) error {
	if r.seen[loc] {
		return nil
	}
	r.seen[loc] = true
	var err error
	switch {
	case isWebAddress(loc):
		err = r.fetchSitemap(loc, depth)
	case parent == nil:
		err = r.fileSitemap(loc)
	default:
		err = problem("địa chỉ không phải http(s)")
	}
	var bad *sitemapProblem
	if !errors.As(err, &bad) {
		return err // nil, or yield's or the context's error: the import stops
	}
	if depth == 0 {
		return fmt.Errorf("sơ đồ trang %s: %s", loc, bad.msg)
	}
	return r.warn("sơ đồ trang "+loc, bad.msg)
}

// sitemapProblem is why a sitemap could not be read, as opposed to the
// errors that stop the whole import.
type sitemapProblem struct{ msg string }

func (p *sitemapProblem) Error() string { return p.msg }

func problem(format string, args ...any) error {
	return &sitemapProblem{msg: fmt.Sprintf(format, args...)}
}

func (r *run) fetchSitemap(loc string, depth int) error {
	resp, err := r.client.Get(r.ctx, loc, r.MaxSitemapBytes)
	if err != nil {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		return problem("%s", err.Error())
	}
	base, err := url.Parse(resp.FinalURL)
	if err != nil {
		return problem("địa chỉ không hợp lệ")
	}
	return r.readSitemap(bytes.NewReader(resp.Body), loc, base, depth)
}

func (r *run) fileSitemap(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return problem("không mở được tệp")
	}
	defer f.Close()
	return r.readSitemap(f, p, r.m.BaseURL, 0)
}

// readSitemap decodes a <urlset> or <sitemapindex>, gzipped or not, at
// most MaxSitemapBytes unzipped. Go's decoder expands no entity beyond
// XML's five, so an entity bomb is a syntax error.
func (r *run) readSitemap(in io.Reader, where string, base *url.URL, depth int) error {
	buffered := bufio.NewReader(in)
	var src io.Reader = buffered
	if magic, _ := buffered.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(buffered)
		if err != nil {
			return problem("tệp gzip hỏng")
		}
		src = zr
	}
	limited := &capped{r: src, left: r.MaxSitemapBytes}
	dec := xml.NewDecoder(limited)
	var inIndex, inURL bool
	skipped := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return limited.problem(err, r.MaxSitemapBytes)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "sitemap":
				inIndex = true
			case "url":
				inURL = true
			case "loc":
				var loc string
				if err := dec.DecodeElement(&loc, &t); err != nil {
					return limited.problem(err, r.MaxSitemapBytes)
				}
				counted, err := r.sitemapEntry(strings.TrimSpace(loc), base, inIndex, inURL, depth)
				if err != nil {
					return err
				}
				if !counted {
					skipped++
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "sitemap":
				inIndex = false
			case "url":
				inURL = false
			}
		}
	}
	if skipped > 0 {
		return r.warn("sơ đồ trang "+where, fmt.Sprintf("bỏ qua %d địa chỉ không phải bài (không khớp article_url)", skipped))
	}
	return nil
}

// sitemapEntry follows one <loc>: a child sitemap, or a page fetched when
// the article pattern recognises it. It reports whether the entry was
// used.
func (r *run) sitemapEntry(loc string, base *url.URL, inIndex, inURL bool, depth int) (bool, error) {
	abs := absoluteAny(loc, base)
	switch {
	case inIndex && depth >= maxSitemapDepth:
		return true, r.warn("sơ đồ trang "+loc, "chỉ mục sơ đồ lồng quá sâu: bỏ qua")
	case inIndex:
		return true, r.sitemap(abs, base, depth+1)
	case !inURL:
		return true, nil
	}
	u, err := url.Parse(abs)
	if err != nil || !r.m.isArticle(u) {
		return false, nil
	}
	return true, r.fetchPage(abs)
}

// absoluteAny resolves ref against base whatever its scheme: the fetch
// client is the one to refuse file:// and the like, with its words.
func absoluteAny(ref string, base *url.URL) string {
	u, err := url.Parse(ref)
	if err != nil {
		return ref
	}
	return base.ResolveReference(u).String()
}

// capped reads at most left bytes and then fails, so an oversized or
// endlessly unzipping sitemap stops at the cap.
type capped struct {
	r    io.Reader
	left int64
	over bool
}

// problem words a decoding error: the cap reached, or broken XML.
func (c *capped) problem(err error, limit int64) error {
	if c.over {
		return problem("lớn hơn giới hạn %s", fetch.FormatBytes(limit))
	}
	return problem("XML không hợp lệ: %v", err)
}

func (c *capped) Read(p []byte) (int, error) {
	if c.left <= 0 {
		c.over = true
		return 0, errors.New("too large")
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}
