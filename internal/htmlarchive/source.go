package htmlarchive

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/toasoan/toasoan/internal/fetch"
	"github.com/toasoan/toasoan/internal/importer"
)

// Inputs are where the pages come from; any mix may be given, and they
// are read in this order.
type Inputs struct {
	Folders  []string // saved pages (.html, .htm), walked recursively
	Files    []string // saved pages given one by one
	URLLists []string // files listing page URLs, one a line ("#" starts a comment)
	Sitemaps []string // sitemap URLs or files (gzip or not); indexes are followed
	URLs     []string // page URLs
}

// InputsFromArgs sorts the command line's SOURCE arguments: an http(s)
// address is a sitemap when it ends in .xml or .xml.gz or names a sitemap,
// a page otherwise; a folder is a folder of saved pages; a file is a saved
// page (.html, .htm), a sitemap (.xml, .gz) or else a list of URLs.
func InputsFromArgs(args []string) (Inputs, error) {
	var in Inputs
	for _, arg := range args {
		lower := strings.ToLower(arg)
		if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
			if u, err := url.Parse(lower); err == nil && (strings.HasSuffix(u.Path, ".xml") || strings.HasSuffix(u.Path, ".xml.gz") || strings.Contains(u.Path, "sitemap")) {
				in.Sitemaps = append(in.Sitemaps, arg)
			} else {
				in.URLs = append(in.URLs, arg)
			}
			continue
		}
		info, err := os.Stat(arg)
		if err != nil {
			return Inputs{}, fmt.Errorf("nguồn %q: không có tệp hay thư mục này", arg)
		}
		switch ext := strings.ToLower(filepath.Ext(arg)); {
		case info.IsDir():
			in.Folders = append(in.Folders, arg)
		case ext == ".html" || ext == ".htm":
			in.Files = append(in.Files, arg)
		case ext == ".xml" || ext == ".gz":
			in.Sitemaps = append(in.Sitemaps, arg)
		default:
			in.URLLists = append(in.URLLists, arg)
		}
	}
	return in, nil
}

func (in Inputs) needNetwork() bool {
	if len(in.URLLists) > 0 || len(in.URLs) > 0 {
		return true
	}
	for _, s := range in.Sitemaps {
		if isWebAddress(s) {
			return true
		}
	}
	return false
}

// Source reads the pages of Inputs with a Map, as an importer.Source.
// One page is in memory at a time; everything from the network goes
// through the fetch.Client (the allowed hosts, the pace, the size cap).
type Source struct {
	m      Map
	in     Inputs
	client *fetch.Client
	// MaxPageBytes is the largest page read; larger ones are skipped with
	// a warning. New sets 10 MB.
	MaxPageBytes int64
	// MaxSitemapBytes is the largest sitemap read, unzipped; New sets the
	// 50 MB the sitemap protocol allows.
	MaxSitemapBytes int64
}

var _ importer.Source = (*Source)(nil)

// New makes the Source; c may be nil when every input is a local file.
func New(m Map, inputs Inputs, c *fetch.Client) *Source {
	return &Source{m: m, in: inputs, client: c, MaxPageBytes: 10 << 20, MaxSitemapBytes: 50 << 20}
}

// Name is "html:" and the old site's host.
func (s *Source) Name() string {
	return "html:" + strings.ToLower(s.m.BaseURL.Hostname())
}

// Each reads every input and yields a Story for every article page and a
// Warning for every page skipped or changed. A page that cannot be read
// or fetched is a warning; an input that cannot be opened at all (a
// missing folder, the sitemap given) is an error.
func (s *Source) Each(ctx context.Context, yield func(importer.Item) error) error {
	if s.client == nil && s.in.needNetwork() {
		return errors.New("nguồn có địa chỉ web nhưng chưa cho phép tải từ mạng: thêm --fetch-host với tên miền của trang cũ")
	}
	r := &run{Source: s, ctx: ctx, yield: yield, seen: map[string]bool{}}
	for _, dir := range s.in.Folders {
		if err := r.folder(dir); err != nil {
			return err
		}
	}
	for _, file := range s.in.Files {
		if err := r.file(file, file, fileAddress(s.m.BaseURL, filepath.Base(file))); err != nil {
			return err
		}
	}
	for _, list := range s.in.URLLists {
		if err := r.urlList(list); err != nil {
			return err
		}
	}
	for _, sm := range s.in.Sitemaps {
		if err := r.sitemap(sm, nil, 0); err != nil {
			return err
		}
	}
	for _, u := range s.in.URLs {
		if err := r.fetchPage(u); err != nil {
			return err
		}
	}
	return nil
}

// run is one pass of Each.
type run struct {
	*Source
	ctx   context.Context
	yield func(importer.Item) error
	seen  map[string]bool // URLs fetched and sitemaps read, so none is read twice
}

func (r *run) warn(item, message string) error {
	return r.yield(importer.Item{Warning: &importer.Warning{Item: item, Message: message}})
}

// emit extracts p's story and yields it with its warnings.
func (r *run) emit(p page) error {
	st, warnings, ok := r.m.story(p)
	for i := range warnings {
		if err := r.yield(importer.Item{Warning: &warnings[i]}); err != nil {
			return err
		}
	}
	if !ok {
		return nil
	}
	return r.yield(importer.Item{Story: &st})
}

// folder reads the saved pages under dir, in lexical order. A page's
// address, when it declares none, is its path under dir on base_url.
func (r *run) folder(dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fmt.Errorf("thư mục %s: không mở được", dir)
	}
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if err != nil {
			return r.warn("thư mục "+p, "không đọc được: "+err.Error())
		}
		ext := strings.ToLower(filepath.Ext(p))
		if !d.Type().IsRegular() || (ext != ".html" && ext != ".htm") {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		return r.file(p, rel, fileAddress(r.m.BaseURL, rel))
	})
}

// file reads one saved page.
func (r *run) file(p, where string, address *url.URL) error {
	item := "trang " + where
	f, err := os.Open(p)
	if err != nil {
		return r.warn(item, "không mở được tệp")
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > r.MaxPageBytes {
		return r.warn(item, "tệp lớn hơn giới hạn "+fetch.FormatBytes(r.MaxPageBytes)+": bỏ qua")
	}
	data, err := io.ReadAll(io.LimitReader(f, r.MaxPageBytes+1))
	if err != nil {
		return r.warn(item, "không đọc được tệp")
	}
	if int64(len(data)) > r.MaxPageBytes {
		return r.warn(item, "tệp lớn hơn giới hạn "+fetch.FormatBytes(r.MaxPageBytes)+": bỏ qua")
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return r.warn(item, "tệp trống: bỏ qua")
	}
	doc, err := parseHTML(data, "")
	if err != nil {
		return r.warn(item, "không đọc được HTML: "+err.Error())
	}
	return r.emit(page{where: where, address: address, doc: doc})
}

// urlList fetches the pages a file lists, one URL a line; a line may be
// a path on base_url ("/xa-hoi/abc/220459.htm").
func (r *run) urlList(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return fmt.Errorf("danh sách %s: không mở được", p)
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	lines.Buffer(make([]byte, 0, 4096), 16<<10)
	for n := 1; lines.Scan(); n++ {
		line := strings.TrimSpace(lines.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		abs := absolute(line, r.m.BaseURL)
		if abs == "" {
			if err := r.warn(fmt.Sprintf("dòng %d của %s", n, p), fmt.Sprintf("%q không phải địa chỉ http(s)", line)); err != nil {
				return err
			}
			continue
		}
		if err := r.fetchPage(abs); err != nil {
			return err
		}
	}
	if err := lines.Err(); err != nil {
		return fmt.Errorf("danh sách %s: không đọc được (dòng dài quá?): %w", p, err)
	}
	return nil
}

// fetchPage fetches one page through the client. A page that cannot be
// fetched is a warning, not the end of the import.
func (r *run) fetchPage(raw string) error {
	if r.seen[raw] {
		return nil
	}
	r.seen[raw] = true
	item := "trang " + raw
	resp, err := r.client.Get(r.ctx, raw, r.MaxPageBytes)
	if err != nil {
		if r.ctx.Err() != nil {
			return r.ctx.Err()
		}
		return r.warn(item, err.Error())
	}
	if !isHTML(resp.ContentType) {
		return r.warn(item, fmt.Sprintf("không phải trang HTML (%s): bỏ qua", resp.ContentType))
	}
	doc, err := parseHTML(resp.Body, resp.ContentType)
	if err != nil {
		return r.warn(item, "không đọc được HTML: "+err.Error())
	}
	requested, err := url.Parse(raw)
	if err != nil {
		return r.warn(item, "địa chỉ không hợp lệ")
	}
	final, err := url.Parse(resp.FinalURL)
	if err != nil {
		final = requested
	}
	return r.emit(page{where: raw, address: final, readers: []*url.URL{requested, final}, doc: doc})
}

// parseHTML parses a page in its declared or sniffed encoding (old
// Vietnamese pages may be windows-1258) into UTF-8.
func parseHTML(data []byte, contentType string) (*html.Node, error) {
	r, err := charset.NewReader(bytes.NewReader(data), contentType)
	if err != nil {
		return nil, err
	}
	return html.Parse(r)
}

// fileAddress is the address of a saved page that declares none: its
// path under the folder (slash-separated), on base_url.
func fileAddress(base *url.URL, rel string) *url.URL {
	u := *base
	u.Path = path.Join("/", base.Path, rel)
	u.RawPath, u.RawQuery, u.Fragment = "", "", ""
	return &u
}

func isHTML(contentType string) bool {
	if contentType == "" {
		return true
	}
	t, _, err := mime.ParseMediaType(contentType)
	return err == nil && (t == "text/html" || t == "application/xhtml+xml")
}

func isWebAddress(s string) bool {
	lower := strings.ToLower(s)
	return strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://")
}
