package wordpress

import (
	"context"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// ExportOptions are how a paper is written out.
type ExportOptions struct {
	// BaseURL is the paper's address, before every link and photo
	// address of the file; default the site's base_url setting.
	BaseURL string
	// Now is the file's date; default the time of the export.
	Now time.Time
}

// ExportSummary counts what an export wrote.
type ExportSummary struct {
	Articles, Sections, Tags, Photos, Comments, Authors int
}

// exportPage is how many articles, photos or tags are read at a time.
const exportPage = 200

// exporter is one export under way.
type exporter struct {
	st       *store.Store
	x        *wxrWriter
	base     string
	loc      *time.Location
	sum      ExportSummary
	topPost  int64 // photos are numbered after the articles: post_id = topPost + photo id
	topTerm  int64 // tags after the sections: term_id = topTerm + tag id
	sections map[int64]news.Section
}

// Export writes the whole paper to w as a WXR 1.2 file that WordPress's
// importer takes: bylines as authors, sections as categories with their
// parents, tags, every photo as an attachment (its address under the
// base URL, caption, alt text, credit), and every article in any state as
// a post with its lead, body, dates, section, tags, cover and its
// published and waiting comments. It reads the store a page at a time,
// so the paper's size does not matter to memory.
//
// A WordPress post has one author: the first byline is its dc:creator,
// and the whole byline is kept in the post meta _toasoan_authors (logins,
// comma-separated), which WordPress ignores and Open reads back.
func Export(ctx context.Context, w io.Writer, st *store.Store, opts ExportOptions) (ExportSummary, error) {
	site, err := st.Site(ctx)
	if err != nil {
		return ExportSummary{}, err
	}
	base, err := exportBase(firstOf(opts.BaseURL, site.BaseURL))
	if err != nil {
		return ExportSummary{}, err
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	e := &exporter{st: st, x: newWXRWriter(w), base: base, loc: site.Location}
	if e.topPost, e.topTerm, err = st.ExportTops(ctx); err != nil {
		return e.sum, err
	}
	e.header(site, opts.Now)
	for _, step := range []func(context.Context) error{e.authors, e.categories, e.tags, e.photos, e.articles} {
		if err := step(ctx); err != nil {
			return e.sum, err
		}
		if e.x.err != nil {
			return e.sum, e.x.err
		}
	}
	e.x.raw("</channel>\n</rss>\n")
	return e.sum, e.x.flush()
}

// exportBase checks the paper's address: absolute http(s), no trailing
// slash.
func exportBase(raw string) (string, error) {
	if strings.TrimSpace(raw) == "" {
		return "", news.Errorf(news.Invalid, "Chưa có địa chỉ gốc của báo: đặt bằng “toasoan site set base_url https://...” hoặc dùng --base-url")
	}
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", news.Errorf(news.Invalid, "Địa chỉ gốc %q không hợp lệ: cần dạng https://baohatinh.vn", raw)
	}
	return strings.TrimSuffix(u.String(), "/"), nil
}

func (e *exporter) header(site news.Site, now time.Time) {
	x := e.x
	x.raw(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- Tệp WordPress eXtended RSS (WXR) do toasoan xuất: nhập vào WordPress ở Công cụ → Nhập → WordPress. -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
`)
	x.text(1, "title", site.Name)
	x.text(1, "link", e.base)
	x.text(1, "description", site.Description)
	x.text(1, "pubDate", now.UTC().Format(time.RFC1123Z))
	x.text(1, "language", "vi")
	x.text(1, "wp:wxr_version", "1.2")
	x.text(1, "wp:base_site_url", e.base)
	x.text(1, "wp:base_blog_url", e.base)
	x.raw("\n")
}

func (e *exporter) authors(ctx context.Context) error {
	authors, err := e.st.ExportAuthors(ctx)
	if err != nil {
		return err
	}
	for _, a := range authors {
		e.x.raw("\t<wp:author>\n")
		e.x.text(2, "wp:author_id", strconv.FormatInt(a.ID, 10))
		e.x.cdata(2, "wp:author_login", a.Slug)
		e.x.cdata(2, "wp:author_email", a.Email)
		e.x.cdata(2, "wp:author_display_name", a.Name)
		e.x.cdata(2, "wp:author_first_name", "")
		e.x.cdata(2, "wp:author_last_name", "")
		e.x.raw("\t</wp:author>\n")
		e.sum.Authors++
	}
	return nil
}

// categories writes the sections, each parent before its children, as
// WordPress's importer needs.
func (e *exporter) categories(ctx context.Context) error {
	sections, err := e.st.Sections(ctx)
	if err != nil {
		return err
	}
	e.sections = make(map[int64]news.Section, len(sections))
	for _, s := range sections {
		e.sections[s.ID] = s
	}
	written := map[int64]bool{}
	var write func(s news.Section)
	write = func(s news.Section) {
		if written[s.ID] {
			return
		}
		written[s.ID] = true
		parent, ok := e.sections[s.ParentID]
		if ok {
			write(parent)
		}
		e.x.raw("\t<wp:category>\n")
		e.x.text(2, "wp:term_id", strconv.FormatInt(s.ID, 10))
		e.x.cdata(2, "wp:category_nicename", s.Slug)
		e.x.cdata(2, "wp:category_parent", parent.Slug)
		e.x.cdata(2, "wp:cat_name", asHTML(s.Name))
		e.x.cdata(2, "wp:category_description", asHTML(s.Description))
		e.x.raw("\t</wp:category>\n")
		e.sum.Sections++
	}
	for _, s := range sections {
		write(s)
	}
	return nil
}

func (e *exporter) tags(ctx context.Context) error {
	for after := int64(0); ; {
		tags, err := e.st.ExportTags(ctx, after, exportPage)
		if err != nil || len(tags) == 0 {
			return err
		}
		for _, t := range tags {
			e.x.raw("\t<wp:tag>\n")
			e.x.text(2, "wp:term_id", strconv.FormatInt(e.topTerm+t.ID, 10))
			e.x.cdata(2, "wp:tag_slug", t.Slug)
			e.x.cdata(2, "wp:tag_name", asHTML(t.Name))
			e.x.raw("\t</wp:tag>\n")
			e.sum.Tags++
		}
		after = tags[len(tags)-1].ID
	}
}
