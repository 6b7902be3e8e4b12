// Package wordpress reads the export file WordPress writes (Tools →
// Export, WXR: RSS 2.0 with WordPress's namespaces) into the importer's
// items, and writes one from a paper for WordPress's importer.
//
// Items carry the key WordPress knows them by, prefixed by their kind so
// keys are unique in the file whatever the numbering:
//
//	Section  "category:" + category_nicename, as the file writes it
//	Author   "author:" + author_login
//	Photo    "attachment:" + post_id
//	Story    "post:" + post_id
//	Page     "page:" + post_id
//	Comment  "comment:" + comment_id (WordPress numbers comments site-wide)
//
// The file is read three times and never held: once token by token to
// refuse what is broken or hostile before anything is yielded, once for
// the photos and once for the stories and pages, so that what an item
// refers to always comes first.
package wordpress

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/importer"
)

// Options are how a file is read.
type Options struct {
	// Uploads is a local copy of the site's wp-content/uploads: a photo
	// whose file is there is read from it, otherwise from its address.
	Uploads string
	// Location is the site's time zone, for the dates WordPress wrote
	// only in local time (drafts, some scheduled posts); default
	// Asia/Ho_Chi_Minh.
	Location *time.Location
	// MaxElementBytes bounds one element of the file (a post's body,
	// say), and so the memory a read takes; default 64 MiB.
	MaxElementBytes int64
}

// DefaultMaxElementBytes is the default bound of one element: far above
// any real post, far below what would strain the machine.
const DefaultMaxElementBytes = 64 << 20

// Reader is a checked WXR file, read into items on demand.
type Reader struct {
	path   string
	opts   Options
	ch     channel
	host   string
	prefix string // the blog's path below its host: "" or "/tin-tuc"

	parent       map[string]string // category nicename → its parent's
	termNicename map[string]string // category term_id → nicename
}

var _ importer.Source = (*Reader)(nil)

// Open checks the file at path and returns its reader, or the reason it
// is refused: not a WordPress export, broken or cut short, or carrying a
// DTD (entity expansion and external entities are refused, never
// expanded). Nothing else is kept open between reads.
func Open(path string, opts Options) (*Reader, error) {
	if opts.Location == nil {
		loc, err := time.LoadLocation("Asia/Ho_Chi_Minh")
		if err != nil {
			return nil, fmt.Errorf("múi giờ Asia/Ho_Chi_Minh: %w", err)
		}
		opts.Location = loc
	}
	if opts.MaxElementBytes <= 0 {
		opts.MaxElementBytes = DefaultMaxElementBytes
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("không mở được tệp %s: %w", path, err)
	}
	defer f.Close()
	ch, err := check(f, opts.MaxElementBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	r := &Reader{path: path, opts: opts, ch: ch, parent: map[string]string{}, termNicename: map[string]string{}}
	for _, c := range ch.categories {
		n := c.fields["category_nicename"]
		r.parent[n] = strings.TrimSpace(c.fields["category_parent"])
		r.termNicename[strings.TrimSpace(c.fields["term_id"])] = n
	}
	site, err := url.Parse(firstOf(ch.baseSiteURL, ch.link))
	if err != nil || site.Host == "" {
		return nil, fmt.Errorf("%s: %w", path, &FileError{Msg: "tệp không ghi địa chỉ trang (wp:base_site_url hoặc link của channel)"})
	}
	r.host = strings.ToLower(site.Host)
	if blog, err := url.Parse(firstOf(ch.baseBlogURL, ch.link)); err == nil {
		r.prefix = strings.TrimSuffix(blog.EscapedPath(), "/")
	}
	return r, nil
}

// Name is "wordpress:" and the site's host.
func (r *Reader) Name() string { return "wordpress:" + r.host }

// Items is how many <item> elements the file holds, of every kind
// (attachments, menu entries...): the size of the read, for a progress
// bar.
func (r *Reader) Items() int { return r.ch.items }

// Title is the site's name as the file gives it.
func (r *Reader) Title() string { return oneLine(r.ch.title) }

// Each yields the sections and authors, then the photos, then the
// stories and pages, stopping at the first error yield returns.
func (r *Reader) Each(ctx context.Context, yield func(importer.Item) error) error {
	for _, it := range append(r.sections(), r.authors()...) {
		if err := yield(it); err != nil {
			return err
		}
	}
	err := r.eachItem(ctx, func(it item) error {
		if it.postType != "attachment" {
			return nil
		}
		return yieldAll(yield, r.photo(it))
	})
	if err != nil {
		return err
	}
	others := map[string]int{}
	err = r.eachItem(ctx, func(it item) error {
		switch it.postType {
		case "post":
			return yieldAll(yield, r.story(it))
		case "page":
			return yieldAll(yield, r.page(it))
		case "attachment":
		default:
			if !internalTypes[it.postType] {
				others[it.postType]++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	types := make([]string, 0, len(others))
	for t := range others {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		w := warning("loại "+t, fmt.Sprintf("bỏ qua %d mục loại “%s” (không phải bài viết hay trang)", others[t], t))
		if err := yield(w); err != nil {
			return err
		}
	}
	return nil
}

// internalTypes are WordPress's own kinds of items, none of them a
// paper's content: skipped without a word.
var internalTypes = map[string]bool{
	"nav_menu_item": true, "wp_block": true, "revision": true, "custom_css": true,
	"customize_changeset": true, "oembed_cache": true, "user_request": true,
	"wp_template": true, "wp_template_part": true, "wp_global_styles": true,
	"wp_navigation": true, "wp_font_family": true, "wp_font_face": true,
}

// eachItem reads the file again and hands each <item> to fn.
func (r *Reader) eachItem(ctx context.Context, fn func(item) error) error {
	f, err := os.Open(r.path)
	if err != nil {
		return fmt.Errorf("không mở được tệp %s: %w", r.path, err)
	}
	defer f.Close()
	d := newDecoder(f, r.opts.MaxElementBytes)
	depth := 0
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s (tệp đã đổi từ lúc kiểm tra?): %w", r.path, readError(d, err))
		}
		switch t := tok.(type) {
		case xml.EndElement:
			depth--
		case xml.StartElement:
			if depth++; depth != 3 || t.Name.Local != "item" {
				continue
			}
			it, err := readItem(d, line(d))
			if err != nil {
				return fmt.Errorf("%s: %w", r.path, readError(d, err))
			}
			depth--
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := fn(it); err != nil {
				return err
			}
		}
	}
}

func yieldAll(yield func(importer.Item) error, items []importer.Item) error {
	for _, it := range items {
		if err := yield(it); err != nil {
			return err
		}
	}
	return nil
}

func warning(item, msg string) importer.Item {
	return importer.Item{Warning: &importer.Warning{Item: item, Message: msg}}
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}
