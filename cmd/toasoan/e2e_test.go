package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/store/storetest"
)

// process is a real toasoan process started through Run, as main does.
type process struct {
	base          string
	adminPassword string
}

// startServer runs "toasoan serve" on a free port with a fresh data folder
// and waits for the line that says where it listens.
func startServer(t *testing.T, args ...string) process {
	t.Helper()
	srv, err := launch(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// launch is startServer for any goroutine: it reports a server that did
// not start instead of failing the test.
func launch(t *testing.T, args ...string) (process, error) {
	ctx, cancel := context.WithCancel(context.Background())
	out, outWriter := io.Pipe()
	done := make(chan error, 1)
	// No weather provider: tests never reach outside this machine.
	args = append([]string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--weather-url", ""}, args...)
	go func() {
		err := Run(ctx, args, func(string) string { return "" }, strings.NewReader(""), outWriter, io.Discard)
		outWriter.CloseWithError(io.EOF)
		done <- err
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server stopped with %v", err)
		}
	})
	// The first start prints the administrator's one-time password, then
	// the address it listens on.
	lines := bufio.NewReader(out)
	var srv process
	for srv.base == "" {
		line, err := lines.ReadString('\n')
		if err != nil {
			return srv, fmt.Errorf("server did not start: %w", err)
		}
		if _, pw, ok := strings.Cut(line, "mật khẩu dùng một lần: "); ok {
			srv.adminPassword = strings.TrimSpace(pw)
		}
		if _, rest, ok := strings.Cut(line, "http://"); ok {
			srv.base = "http://" + strings.Fields(rest)[0]
		}
	}
	go func() { _, _ = io.Copy(io.Discard, out) }() // the rest of the log, read so the server never blocks on it
	return srv, nil
}

func fetch(t *testing.T, u string) (*http.Response, *goquery.Document) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, doc
}

// TestReaderWalk starts the demo paper and walks it as a reader would:
// home, a section, an article; then follows every link on the site.
func TestReaderWalk(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			var args []string
			if src.Name == "postgres" {
				args = []string{"--database", src.Source}
			}
			srv := startServer(t, args...)

			resp, home := fetch(t, srv.base+"/")
			if resp.StatusCode != 200 || home.Find(".lead-title a").Length() != 1 {
				t.Fatalf("home: %d, lead story %d", resp.StatusCode, home.Find(".lead-title a").Length())
			}
			// The demo prints the legal footer the law asks of an online paper.
			footer := strings.Join(strings.Fields(home.Find(".footer-legal").Text()), " ")
			for _, want := range []string{"Cơ quan chủ quản:", "Giấy phép số", "ngày 01/07/2025", "Tổng biên tập: Trần Thị Minh Châu", "Địa chỉ:", "Điện thoại:", "toasoan@example.vn"} {
				if !strings.Contains(footer, want) {
					t.Errorf("the demo's footer %q lacks %q", footer, want)
				}
			}
			sectionURL := home.Find("nav.menu li:nth-child(2) a").AttrOr("href", "")
			resp, section := fetch(t, srv.base+sectionURL)
			if resp.StatusCode != 200 || section.Find(".rows .row").Length() < 5 {
				t.Fatalf("section %s: %d with %d stories", sectionURL, resp.StatusCode, section.Find(".rows .row").Length())
			}
			articleURL := section.Find(".row-title a").Last().AttrOr("href", "")
			resp, article := fetch(t, srv.base+articleURL)
			if resp.StatusCode != 200 {
				t.Fatalf("article %s: %d", articleURL, resp.StatusCode)
			}
			if !strings.HasPrefix(article.Find(".story-lead").Text(), "(Baohatinh.vn) - ") {
				t.Errorf("article lead %q lacks the dateline", article.Find(".story-lead").Text())
			}
			if article.Find(".story-cover img").Length() != 1 || article.Find(".byline a").Length() == 0 {
				t.Error("article lacks cover photo or byline")
			}
			crawl(t, srv.base)
		})
	}
}

// crawl follows every same-site link and image from the home page and
// fails on any answer that is not 200, 301 or 303: the demo must have no
// broken link and no page that errors.
func crawl(t *testing.T, base string) {
	t.Helper()
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	pages := 0
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", path, resp.StatusCode)
		}
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			resp.Body.Close()
			continue
		}
		pages++
		doc, err := goquery.NewDocumentFromReader(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		doc.Find("a[href], img[src], link[href], script[src]").Each(func(_ int, s *goquery.Selection) {
			ref := s.AttrOr("href", s.AttrOr("src", ""))
			u, err := url.Parse(ref)
			if err != nil || (u.Host != "" && base != "http://"+u.Host) || (u.Scheme != "" && u.Scheme != "http") {
				return
			}
			p := u.Path
			if u.RawQuery != "" {
				p += "?" + u.RawQuery
			}
			if p != "" && !seen[p] {
				seen[p] = true
				queue = append(queue, p)
			}
		})
	}
	if pages < 60 {
		t.Errorf("crawled only %d pages", pages)
	}
	t.Logf("crawled %d pages, %d URLs", pages, len(seen))
}
