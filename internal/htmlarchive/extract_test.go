package htmlarchive

import (
	"bytes"
	"context"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/charmap"

	"github.com/toasoan/toasoan/internal/fetch"
)

func TestFieldsReadInsideTheBodyLeaveIt(t *testing.T) {
	m, err := parseMap([]byte(`{"base_url": "https://baotinh.example.vn", "article_url": "/(?P<id>[0-9]+)\\.html$",
		"title": "h1", "body": "#noi-dung", "lead": "#noi-dung > p:first-child", "author": "#noi-dung .tac-gia",
		"date": "meta[property='article:published_time']", "photo": "p.anh", "caption": "em",
		"dateline": ["^\\(TTXVN\\)\\s*-\\s*"]}`))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(`<html><head><base href="https://anh.baotinh.example.vn/kho/">
<meta property="article:published_time" content="2025-12-01T08:30:00+07:00"></head><body>
<h1>Tiêu đề</h1><div id="noi-dung"><p>(TTXVN) - Sapo nằm trong thân bài.</p><p>Đoạn một.</p>
<p class="anh"><img src="a.jpg"><br><em>Chú thích ảnh</em></p><p class="tac-gia">Minh Anh</p></div></body></html>`))
	if err != nil {
		t.Fatal(err)
	}
	address, _ := url.Parse("https://baotinh.example.vn/9.html")
	st, warnings, ok := m.story(page{where: "9.html", address: address, doc: doc})
	if !ok || len(warnings) != 0 {
		t.Fatalf("ok %v, warnings %v", ok, warnings)
	}
	want := `<p>Đoạn một.</p><figure><img src="https://anh.baotinh.example.vn/kho/a.jpg" alt=""/><figcaption>Chú thích ảnh</figcaption></figure>`
	if st.Lead != "Sapo nằm trong thân bài." || st.Body != want || st.Key != "9" || !st.PublishedAt.Equal(eightThirtyHanoi) {
		t.Errorf("lead %q key %q date %v\nbody %s\nwant %s", st.Lead, st.Key, st.PublishedAt, st.Body, want)
	}
}

func TestLegacyEncoding(t *testing.T) {
	// windows-1258 writes Vietnamese as base letters and combining tones.
	text := nfd("Hà Tĩnh đón tàu hàng")
	encoded, err := charmap.Windows1258.NewEncoder().String(`<html><head><meta charset="windows-1258"></head><body><article><h1 class="article__title">` +
		text + `</h1><div class="article__body"><p>` + text + `</p></div></article></body></html>`)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseHTML([]byte(encoded), "")
	if err != nil {
		t.Fatal(err)
	}
	address, _ := url.Parse("https://baohatinh.vn/a/1.htm")
	m := exampleMap(t)
	st, _, ok := m.story(page{where: "1.htm", address: address, doc: doc})
	if !ok || st.Title != "Hà Tĩnh đón tàu hàng" || st.Body != "<p>Hà Tĩnh đón tàu hàng</p>" {
		t.Errorf("%v %q %q", ok, st.Title, st.Body)
	}
	if !bytes.Contains([]byte(encoded), []byte{0xDE}) {
		t.Error("the page was not written in windows-1258")
	}
}

// stepClock counts the waits the fetch client asks for, without waiting.
type stepClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []time.Duration
}

func (c *stepClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *stepClock) Sleep(ctx context.Context, d time.Duration) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.waits = append(c.waits, d)
		c.now = c.now.Add(d)
	}
	return ctx.Err()
}

func TestPagesAreFetchedAtThePaceOfTheClient(t *testing.T) {
	site := newOldSite(t, demoArchive...)
	clock := &stepClock{now: time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)}
	client := fetch.New(fetch.Options{AllowHosts: []string{"127.0.0.1"}, AllowPrivate: true, Clock: clock})
	urls := site.urlsOf(demoArchive...)
	c := collect(t, New(exampleMap(t), Inputs{URLs: urls}, client))
	if len(c.stories) != 4 || len(clock.waits) != 3 {
		t.Errorf("%d stories after %v of waiting, want 4 after three 1s waits", len(c.stories), clock.waits)
	}
}
