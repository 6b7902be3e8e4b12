package server_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/web"
)

// clock is a test clock that tests move forward.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// desk is a running paper with a newsroom staff.
type desk struct {
	url      string
	store    *store.Store
	service  *editorial.Service
	comments *comment.Service
	clock    *clock
	section  news.Section
	other    news.Section
	users    map[string]news.User // by role name
	password string
}

const staffPassword = "mật khẩu thử nghiệm 2026"

func startDesk(t *testing.T, source string) *desk {
	t.Helper()
	return startDeskBehind(t, source, "127.0.0.1, ::1")
}

// startCachedDesk is startDesk with the page cache on, hearing every
// change as serve wires it.
func startCachedDesk(t *testing.T, source string) *desk {
	t.Helper()
	pages := pagecache.New(8<<20, time.Hour, time.Now)
	return startDeskBehind(t, source, "127.0.0.1, ::1", func(deps *server.Deps) {
		deps.Cache = pages
		deps.Store.Subscribe(pages.Changed)
	})
}

// startDeskBehind starts the desk trusting proxies (a --trusted-proxies
// list) to name the reader's address; options change the server's
// dependencies (a page cache, say) before it is built.
func startDeskBehind(t *testing.T, source, proxyList string, options ...func(*server.Deps)) *desk {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, source)
	lib, err := media.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d := &desk{store: s, clock: &clock{t: time.Now().UTC().Truncate(time.Second)}, users: map[string]news.User{}, password: staffPassword}
	if d.section, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"}); err != nil {
		t.Fatal(err)
	}
	if d.other, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "the-thao", Name: "Thể thao"}); err != nil {
		t.Fatal(err)
	}
	hasher := auth.TestHasher()
	hash, err := hasher.Hash(staffPassword)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []news.Role{news.Reporter, news.Editor, news.ManagingEditor, news.EditorInChief, news.Admin, news.Moderator} {
		u := news.User{Email: string(r) + "@bao.vn", Name: "Người " + r.Label(), PasswordHash: hash, Roles: []news.Role{r}}
		if r == news.Editor {
			u.SectionIDs = []int64{d.section.ID}
		}
		if u, err = s.CreateUser(ctx, news.System(), u); err != nil {
			t.Fatal(err)
		}
		d.users[string(r)] = u
	}
	d.service = editorial.New(s, richtext.NewPolicy(), d.clock.now)
	if d.comments, err = comment.New(ctx, s, d.clock.now); err != nil {
		t.Fatal(err)
	}
	// The desk sits behind a proxy on this machine, as in docs/DEPLOY.md:
	// a browser's from names its address.
	proxies, err := web.ParseProxies(proxyList)
	if err != nil {
		t.Fatal(err)
	}
	deps := server.Deps{Store: s, Media: lib, Editorial: d.service, Comments: d.comments, Hasher: hasher, Now: d.clock.now, Proxies: proxies}
	for _, option := range options {
		option(&deps)
	}
	handler, err := server.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	d.url = ts.URL
	return d
}

// eachDesk runs fn against a newsroom on each database under test.
func eachDesk(t *testing.T, fn func(t *testing.T, d *desk)) {
	t.Helper()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			fn(t, startDesk(t, src.Source))
		})
	}
}

// browser is one person's cookie jar and the CSRF token of their last page.
type browser struct {
	from   string // the reader's address, sent as X-Forwarded-For (the desk trusts loopback as its proxy)
	t      *testing.T
	base   string
	client *http.Client
	csrf   string
}

func (d *desk) browser(t *testing.T) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: d.url, client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// signIn signs a staff member in and returns their browser.
func (d *desk) signIn(t *testing.T, role string) *browser {
	t.Helper()
	b := d.browser(t)
	resp, _ := b.post("/toasoan/dang-nhap", url.Values{"email": {d.users[role].Email}, "password": {d.password}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/toasoan/" {
		t.Fatalf("sign-in of %s answered %d → %q", role, resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := b.get("/toasoan/"); resp.StatusCode == http.StatusSeeOther {
		b.get(resp.Header.Get("Location")) // a moderator's desk is the queue
	}
	return b
}

func (b *browser) do(req *http.Request) (*http.Response, *goquery.Document) {
	b.t.Helper()
	if b.from != "" {
		req.Header.Set("X-Forwarded-For", b.from)
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(body))
	if err != nil {
		b.t.Fatal(err)
	}
	if token, ok := doc.Find(`meta[name="csrf-token"]`).Attr("content"); ok {
		b.csrf = token
	}
	return resp, doc
}

func (b *browser) get(path string) (*http.Response, *goquery.Document) {
	b.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	return b.do(req)
}

// post sends a form with the browser's CSRF token unless the form has one.
func (b *browser) post(path string, form url.Values) (*http.Response, *goquery.Document) {
	b.t.Helper()
	form = cloneForm(form)
	if _, ok := form["csrf"]; !ok && b.csrf != "" {
		form.Set("csrf", b.csrf)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return b.do(req)
}

// upload posts a file with fields as the editor's script does (JSON
// wanted) or as the library's form does (json false).
func (b *browser) upload(path, name string, data []byte, fields map[string]string, json bool) (*http.Response, []byte) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		b.t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		b.t.Fatal(err)
	}
	for k, v := range fields {
		if err := mw.WriteField(k, v); err != nil {
			b.t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		b.t.Fatal(err)
	}
	req, _ := http.NewRequest(http.MethodPost, b.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("X-CSRF-Token", b.csrf)
	if json {
		req.Header.Set("Accept", "application/json")
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	return resp, body
}

// articleForm is the fields of a valid article form.
func articleForm(sectionID int64, title string) url.Values {
	return url.Values{"title": {title}, "lead": {"Sapô của bài viết thử nghiệm."},
		"body": {"<p>Nội dung bài viết.</p>"}, "section_id": {itoa(sectionID)}, "tags": {"Giao thông, Nông thôn mới"}}
}

func errorText(doc *goquery.Document) string { return text(doc, ".nr-error") }

func mustID(t *testing.T, path string) int64 {
	t.Helper()
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	i := strings.LastIndex(u.Path, "/")
	id, err := strconv.ParseInt(u.Path[i+1:], 10, 64)
	if err != nil {
		t.Fatalf("no article id in %q", path)
	}
	return id
}

func auditOf(id int64) store.AuditFilter {
	return store.AuditFilter{ObjectType: "article", ObjectID: id}
}

// waitFor polls cond until it holds or 10 seconds pass: for work done by
// a background job, never a fixed sleep.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		<-tick.C
	}
}

func statusOf(t *testing.T, s string) news.Status {
	t.Helper()
	st, err := news.ParseStatus(s)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func cloneForm(f url.Values) url.Values {
	out := url.Values{}
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	return out
}
