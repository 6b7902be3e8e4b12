package pagefiles

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/web"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// htmlPage is a page as the site keeps it: the headers deploy/nginx-pages.conf
// sends with a file.
func htmlPage(body string) *pagecache.Page {
	h := http.Header{}
	h.Set("Content-Type", ContentType)
	h.Set("Cache-Control", pagecache.PublicCacheControl)
	h.Set("Vary", "Accept-Encoding")
	h.Set("ETag", `"abc"`)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", web.ContentSecurityPolicy())
	return &pagecache.Page{Status: http.StatusOK, Header: h, Body: []byte(body), Gzip: []byte("gzip of " + body)}
}

// files lists the folder's files (not the marker), relative, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && d.Name() != marker {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPagesWrittenWhereNginxLooks: each page is $uri.html beside its gzip
// variant, readable by nginx's user, and both go with Drop; nothing
// written aside is left behind.
func TestPagesWrittenWhereNginxLooks(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"/", "/thoi-su", "/thoi-su/", "/thoi-su/xa-cam-xuyen-post12.html", "/thoi-su.html"} {
		if !f.Keep(key, htmlPage("trang "+key)) {
			t.Fatalf("%s was not written", key)
		}
	}
	want := []string{".html", ".html.gz", "thoi-su.html", "thoi-su.html.gz", "thoi-su.html.html", "thoi-su.html.html.gz",
		"thoi-su/.html", "thoi-su/.html.gz", "thoi-su/xa-cam-xuyen-post12.html.html", "thoi-su/xa-cam-xuyen-post12.html.html.gz"}
	if got := files(t, dir); !slices.Equal(got, want) {
		t.Fatalf("files:\n%q\nwant\n%q", got, want)
	}
	if got := read(t, filepath.Join(dir, "thoi-su.html")); got != "trang /thoi-su" {
		t.Fatalf("/thoi-su's file holds %q", got)
	}
	if got := read(t, filepath.Join(dir, ".html.gz")); got != "gzip of trang /" {
		t.Fatalf("the home page's gzip file holds %q", got)
	}
	info, err := os.Stat(filepath.Join(dir, "thoi-su.html"))
	if err != nil || info.Mode().Perm() != 0o644 {
		t.Fatalf("mode %v, %v: nginx's user must read the file", info.Mode(), err)
	}

	// Written again without a gzip variant: the old variant goes too.
	small := htmlPage("ngắn")
	small.Gzip = nil
	f.Keep("/thoi-su", small)
	if _, err := os.Stat(filepath.Join(dir, "thoi-su.html.gz")); !os.IsNotExist(err) {
		t.Fatalf("an old gzip variant was left beside a page without one: %v", err)
	}

	f.Drop([]string{"/thoi-su", "/", "/khong-co"})
	want = []string{"thoi-su.html.html", "thoi-su.html.html.gz", "thoi-su/.html", "thoi-su/.html.gz",
		"thoi-su/xa-cam-xuyen-post12.html.html", "thoi-su/xa-cam-xuyen-post12.html.html.gz"}
	if got := files(t, dir); !slices.Equal(got, want) {
		t.Fatalf("after Drop:\n%q\nwant\n%q", got, want)
	}
}

// TestOnlyWhatNginxSendsAsTheServer: no file for a page nginx would send
// differently (another status, type, policy or header), for a request key
// nginx does not look up (a query, a reader's choices), or for a path that
// could leave the folder or is not an address's plain characters.
func TestOnlyWhatNginxSendsAsTheServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	changed := func(change func(p *pagecache.Page)) *pagecache.Page {
		p := htmlPage("trang")
		change(p)
		return p
	}
	pages := map[string]*pagecache.Page{
		"a 404":  changed(func(p *pagecache.Page) { p.Status = http.StatusNotFound }),
		"a feed": changed(func(p *pagecache.Page) { p.Header.Set("Content-Type", "application/rss+xml; charset=utf-8") }),
		"another policy": changed(func(p *pagecache.Page) {
			p.Header.Set("Content-Security-Policy", web.ContentSecurityPolicy("https://live.example.vn"))
		}),
		"a Last-Modified":   changed(func(p *pagecache.Page) { p.Header.Set("Last-Modified", "Thu, 03 Dec 2026 08:00:00 GMT") }),
		"a private page":    changed(func(p *pagecache.Page) { p.Header.Set("Cache-Control", "private, no-store") }),
		"no type":           changed(func(p *pagecache.Page) { p.Header.Del("Content-Type") }),
		"a cookie it slips": changed(func(p *pagecache.Page) { p.Header.Set("Set-Cookie", "a=b") }),
	}
	for what, p := range pages {
		if f.Keep("/trang", p) {
			t.Errorf("%s was written", what)
		}
	}
	for _, key := range []string{
		"/tim-kiem?q=ha+tinh", "/thoi-su?trang=2", "/|dia-phuong=42", "", "thoi-su", "/../etc/passwd", "/a/../../b",
		"//etc/passwd", "/.toasoan-pages", "/thoi-su/.an", "/a b", "/thời-sự", "/th%E1%BB%9Di", "/a\\b", "/a\x00b",
		"/<script>alert(1)</script>", "/a'; DROP TABLE articles;--", "/" + strings.Repeat("a", 600),
	} {
		if f.Keep(key, htmlPage("trang")) {
			t.Errorf("%q was written", key)
		}
		f.Drop([]string{key}) // nothing to delete, nothing outside deleted
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("written: %q", got)
	}
}

// TestOpenEmptiesOnlyAPagesFolder: a server starting deletes the pages its
// last run left (they may show what changed since), and refuses a folder
// that holds anything else, deleting nothing.
func TestOpenEmptiesOnlyAPagesFolder(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "pages")
	f, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	f.Keep("/thoi-su/bai-cu-post1.html", htmlPage("bài cũ"))
	if _, err := Open(dir, quiet()); err != nil {
		t.Fatal(err)
	}
	if got := files(t, dir); len(got) != 0 {
		t.Fatalf("the last run's pages were left: %q", got)
	}

	other := t.TempDir()
	keep := filepath.Join(other, "index.html")
	if err := os.WriteFile(keep, []byte("trang của người khác"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Open(other, quiet())
	if err == nil || !strings.Contains(err.Error(), "không trống") {
		t.Fatalf("a folder of other files was taken: %v", err)
	}
	if read(t, keep) != "trang của người khác" {
		t.Fatal("a file of someone else's was touched")
	}
}

// TestAPageThatCannotBeWrittenIsLeftToTheServer: a write that fails (here
// a page whose folder is a file) is reported as not kept, and leaves no
// file: nginx asks the server.
func TestAPageThatCannotBeWrittenIsLeftToTheServer(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	f, err := Open(dir, quiet())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "thoi-su"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if f.Keep("/thoi-su/bai-post1.html", htmlPage("bài")) {
		t.Fatal("a page under a file was reported written")
	}
	if got := files(t, dir); !slices.Equal(got, []string{"thoi-su"}) {
		t.Fatalf("files: %q", got)
	}
}

// TestFailuresLoggedOncePerMinute: a full disk fails every page; the log
// says so once a minute with the count, not once a page.
func TestFailuresLoggedOncePerMinute(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var log bytes.Buffer
	f, err := Open(dir, slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 3, 8, 0, 0, 0, time.UTC)
	f.warnings.now = func() time.Time { return now }
	if err := os.WriteFile(filepath.Join(dir, "thoi-su"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		f.Keep(fmt.Sprintf("/thoi-su/bai-post%d.html", i), htmlPage("bài"))
	}
	if n := strings.Count(log.String(), "could not be written"); n != 1 {
		t.Fatalf("%d warnings for three failed pages in a second:\n%s", n, log.String())
	}
	now = now.Add(61 * time.Second)
	f.Keep("/thoi-su/bai-post9.html", htmlPage("bài"))
	if !strings.Contains(log.String(), "failed_pages=3") {
		t.Fatalf("the minute's warning does not count the pages it stood for:\n%s", log.String())
	}
}
