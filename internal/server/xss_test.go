package server_test

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// tripwire runs in every page before the page's own scripts: a payload
// that runs calls __xss (or a dialog), and says so.
const tripwire = `window.__xssHits = [];
window.__xss = (n) => window.__xssHits.push(String(n));
window.alert = window.confirm = window.prompt = (m) => window.__xssHits.push('dialog ' + m);`

// domCheck finds in a page what a payload would have needed: a handler
// attribute, a javascript: (or HTML data:) URL, a srcdoc, a script that
// is not the page's own.
const domCheck = `(() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      const v = (a.value || '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (n.startsWith('on')) bad.push(el.tagName + '[' + n + ']');
      if (n === 'srcdoc' || (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'background'].includes(n) &&
          (v.startsWith('javascript:') || v.startsWith('data:text/html')))) bad.push(el.tagName + '[' + n + '=' + v.slice(0, 40) + ']');
    }
    if (el.tagName === 'SCRIPT' && el.type !== 'application/ld+json' && !el.src) bad.push('inline script: ' + el.textContent.slice(0, 60));
  }
  return JSON.stringify({armed: typeof window.__xss === 'function', hits: window.__xssHits || [], bad: bad});
})()`

// goDOMCheck is domCheck for a page a POST answered, which a browser
// cannot simply navigate to: the same findings, from the parsed HTML.
func goDOMCheck(doc *goquery.Document) []string {
	var bad []string
	doc.Find("*").Each(func(_ int, el *goquery.Selection) {
		for _, a := range el.Nodes[0].Attr {
			n := strings.ToLower(a.Key)
			v := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, a.Val))
			if strings.HasPrefix(n, "on") || n == "srcdoc" || (strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:text/html")) &&
				strings.Contains(" href src action formaction xlink:href data background ", " "+n+" ") {
				bad = append(bad, goquery.NodeName(el)+"["+n+"]")
			}
		}
		if goquery.NodeName(el) == "script" && el.AttrOr("type", "") != "application/ld+json" && el.AttrOr("src", "") == "" {
			bad = append(bad, "inline script: "+el.Text())
		}
	})
	return bad
}

// TestXSSPayloadsExecuteNothing sends every payload through every input a
// reader or a newsroom member has (comments, search, articles and their
// tags and SEO fields, photos' words, sections, accounts, announcements,
// localities, comment settings, API token names, moderators' edits and
// replies, the paper's own pages), then opens every page that shows them in Chromium with the
// content-security policy turned off: no script runs, and no handler
// attribute or javascript: URL reaches the DOM. Refusals, which answer
// POSTs, are checked from their HTML.
func TestXSSPayloadsExecuteNothing(t *testing.T) {
	t.Parallel()
	payloads := xssPayloads()
	if len(payloads) < 100 {
		t.Fatalf("only %d payloads", len(payloads))
	}
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			ctx := chromiumFor(t, 8*time.Minute)
			d := startDesk(t, src.Source)
			x := &xssRun{t: t, d: d, payloads: payloads}
			start := time.Now()
			x.seed()
			seeded := time.Now()
			x.browse(ctx)
			t.Logf("seeded in %v, browsed in %v", seeded.Sub(start).Round(time.Second), time.Since(seeded).Round(time.Second))
		})
	}
}

// xssRun is one database's attack: what it seeded and where to look.
type xssRun struct {
	t        *testing.T
	d        *desk
	payloads []string
	articles []int64
	pages    []string // GET pages to open in Chromium
	refused  int      // POST answers checked from their HTML
}

// refusal checks a page a POST answered.
func (x *xssRun) refusal(what string, doc *goquery.Document) {
	x.t.Helper()
	x.refused++
	if bad := goDOMCheck(doc); len(bad) > 0 {
		x.t.Errorf("%s: the answer carries %q", what, bad)
	}
}

// post sends a form and checks the answer when it is a page.
func (x *xssRun) post(b *browser, what, path string, form url.Values) *http.Response {
	x.t.Helper()
	resp, doc := b.post(path, form)
	if resp.StatusCode != http.StatusSeeOther {
		x.refusal(what, doc)
	}
	return resp
}

func (x *xssRun) seed() {
	t, d := x.t, x.d
	ctx := context.Background()
	chief := d.signIn(t, "editor-in-chief")
	admin := d.signIn(t, "admin")
	moderator := d.signIn(t, "moderator")

	for i, p := range x.payloads {
		line := payloadLine(p)
		form := articleForm(d.section.ID, clipRunes(fmt.Sprintf("Tin %d %s", i, line), 250))
		form.Set("lead", p)
		form.Set("body", "<p>Nội dung bài viết.</p>"+p)
		form.Set("seo_title", clipRunes(line, 400))
		form.Set("seo_description", clipRunes(p, 400))
		form.Set("slug", line)
		if utf8.RuneCountInString(line) <= 60 {
			form.Set("tags", strings.ReplaceAll(line, ",", " "))
		}
		resp, doc := chief.post("/toasoan/bai-viet", form)
		if resp.StatusCode != http.StatusSeeOther {
			x.refusal("article "+itoa(int64(i)), doc)
			continue
		}
		id := mustID(t, resp.Header.Get("Location"))
		for _, to := range []string{"submitted", "edited", "published"} {
			if code, msg := move(t, chief, id, to, nil); code != http.StatusSeeOther {
				t.Fatalf("publishing article %d: %d %q", i, code, msg)
			}
		}
		x.articles = append(x.articles, id)
	}
	if len(x.articles) < len(x.payloads)/2 {
		t.Fatalf("only %d of %d articles were accepted", len(x.articles), len(x.payloads))
	}
	first := x.articles[0]

	for i, p := range x.payloads {
		reader := d.browser(t)
		reader.from = fmt.Sprintf("10.9.%d.%d", i/200, i%200+1)
		resp, doc := reader.post("/bai-viet/"+itoa(first)+"/binh-luan", url.Values{"name": {clipRunes("Bạn đọc "+payloadLine(p), 80)},
			"email": {"a@b.vn"}, "body": {fmt.Sprintf("Bài số %d rất hay, cảm ơn báo. %s", i, p)}})
		x.refusal("comment "+itoa(int64(i))+" ("+itoa(int64(resp.StatusCode))+")", doc)
		if resp.StatusCode != http.StatusAccepted {
			_, doc = reader.post("/bai-viet/"+itoa(first)+"/binh-luan", url.Values{"name": {"Bạn đọc số " + itoa(int64(i))},
				"body": {fmt.Sprintf("Bài số %d rất hay, cảm ơn báo. %s", i, p)}})
			x.refusal("comment again "+itoa(int64(i)), doc)
		}
	}
	x.pages = append(x.pages, "/toasoan/binh-luan") // the queue, before approval
	pending, err := d.store.Comments(ctx, store.CommentFilter{Status: news.CommentPending, Limit: 200})
	if err != nil || len(pending) < len(x.payloads)/2 {
		t.Fatalf("%d comments waiting (%v)", len(pending), err)
	}
	for i, c := range pending {
		form := url.Values{"action": {"approve"}}
		if i%10 == 0 {
			form.Set("body", "Đã biên tập: "+x.payloads[i%len(x.payloads)])
		}
		x.post(moderator, "moderating", "/toasoan/binh-luan/"+itoa(c.ID), form)
		if i%15 == 0 {
			x.post(moderator, "replying", "/toasoan/binh-luan/"+itoa(c.ID)+"/tra-loi", url.Values{"body": {"Báo trả lời: " + x.payloads[i%len(x.payloads)]}})
		}
	}

	for i, p := range x.payloads {
		line := clipRunes(payloadLine(p), 100)
		x.post(admin, "section", "/toasoan/chuyen-muc", url.Values{"name": {line}, "description": {clipRunes(p, 500)},
			"slug": {fmt.Sprintf("muc-%d", i)}, "parent_id": {itoa(d.section.ID)}})
		x.post(admin, "user", "/toasoan/nguoi-dung", url.Values{"name": {line}, "email": {fmt.Sprintf("nguoi%d@bao.vn", i)}, "roles": {"reporter"}})
		x.post(chief, "announcement", "/toasoan/thong-bao", url.Values{"title": {clipRunes(line, 200)}, "body": {p}, "link": {payloadLine(p)},
			"starts_at": {localTime(d.clock.now().Add(-time.Hour))}, "ends_at": {localTime(d.clock.now().Add(time.Hour))}, "pages": {"all"}, "frequency": {"once"}})
		x.post(chief, "announcement without link", "/toasoan/thong-bao", url.Values{"title": {clipRunes(line, 200)}, "body": {p},
			"starts_at": {localTime(d.clock.now().Add(-time.Hour))}, "ends_at": {localTime(d.clock.now().Add(time.Hour))}, "pages": {"all"}, "frequency": {"once"}})
		x.post(admin, "locality", "/toasoan/thoi-tiet", url.Values{"name": {line}, "latitude": {"18.3"}, "longitude": {"105.9"}})
		paper := settingsForm()
		paper.Set("governing_body", clipRunes(line, 200))
		paper.Set("editor_in_chief", clipRunes(payloadLine(p), 100))
		x.post(admin, "settings", "/toasoan/cai-dat", paper)
		if i < 120 {
			resp, body := chief.upload("/toasoan/media", "anh.png", pngPhoto(t, uint8(i)), map[string]string{"caption": p, "credit": line, "alt": line}, true)
			if resp.StatusCode != http.StatusCreated {
				t.Errorf("upload %d: %d %s", i, resp.StatusCode, body)
			}
		}
		resp, doc := chief.post("/toasoan/tai-khoan/khoa-api", url.Values{"name": {line}})
		x.refusal("token "+itoa(int64(resp.StatusCode)), doc)
	}
	for i, p := range x.payloads {
		line := clipRunes(payloadLine(p), 200)
		form := url.Values{"title": {line}, "slug": {line}, "body": {"<p>Trang của báo.</p>" + p}, "footer": {"1"}}
		if x.post(chief, "page", "/toasoan/trang", form).StatusCode != http.StatusSeeOther {
			form.Set("title", "Trang "+itoa(int64(i))) // titles are plain text: markup is refused, the body still goes in
			form.Set("slug", "trang-"+itoa(int64(i)))
			x.post(chief, "page again", "/toasoan/trang", form)
		}
	}
	pages, err := d.store.Pages(ctx)
	if err != nil || len(pages) < len(x.payloads) {
		t.Fatalf("%d pages of the paper (%v)", len(pages), err)
	}
	// Every page's body from its HTML, a fifth of them and the editor's
	// forms in Chromium too (the footer lists every title on every page).
	x.pages = append(x.pages, "/toasoan/trang")
	reader := d.browser(t)
	for i, p := range pages {
		_, doc := reader.get(p.Path())
		x.refusal("page "+p.Path(), doc)
		if i%5 == 0 {
			x.pages = append(x.pages, p.Path())
		}
		if i < 5 {
			x.pages = append(x.pages, "/toasoan/trang/"+itoa(p.ID), "/toasoan/trang/"+itoa(p.ID)+"/xoa")
		}
	}
	var reasons []string
	for _, p := range x.payloads[:50] {
		reasons = append(reasons, clipRunes(payloadLine(p), 200))
	}
	x.post(moderator, "comment settings", "/toasoan/binh-luan/cai-dat", url.Values{"reasons": {strings.Join(reasons, "\n")},
		"banned": {strings.Join(reasons, "\n")}, "review": {"tham nhũng"}})

	x.pages = append(x.pages, "/", "/thoi-tiet", d.section.Path(), "/toasoan/", "/toasoan/binh-luan?trang-thai=published",
		"/toasoan/binh-luan/cai-dat", "/toasoan/nguoi-dung", "/toasoan/chuyen-muc", "/toasoan/thong-bao", "/toasoan/thoi-tiet",
		"/toasoan/anh", "/toasoan/tai-khoan", "/toasoan/nhat-ky", "/toasoan/nhat-ky?trang=2", "/toasoan/nhat-ky?trang=3", "/toasoan/trang-chu",
		"/toasoan/thu-gui", "/toasoan/cai-dat")
	a, err := d.store.Article(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= (len(pending)+19)/20; n++ {
		x.pages = append(x.pages, a.Path()+"?trang-binh-luan="+itoa(int64(n)))
	}
	for i, id := range x.articles {
		a, err := d.store.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		x.pages = append(x.pages, a.Path())
		for _, tag := range a.Tags {
			if i%5 == 0 {
				x.pages = append(x.pages, tag.Path())
			}
		}
		if i < 15 {
			base := "/toasoan/bai-viet/" + itoa(id)
			x.pages = append(x.pages, base, base+"/phien-ban", base+"/so-sanh?tu=1&den=0", base+"/xem-truoc")
		}
	}
	for _, p := range x.payloads {
		x.pages = append(x.pages, "/tim-kiem?"+url.Values{"q": {p}}.Encode())
	}
}

// browse opens every page in Chromium, signed in with every role, and
// checks each.
func (x *xssRun) browse(ctx context.Context) {
	t, d := x.t, x.d
	hash, err := auth.TestHasher().Hash(d.password)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.store.CreateUser(context.Background(), news.System(), news.User{Email: "moi-vai-tro@bao.vn", Name: "Mọi vai trò",
		PasswordHash: hash, Roles: news.Roles()}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open the browser", chromedp.Navigate("about:blank"))
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: tripwire}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "sign in with every role",
		chromedp.Navigate(d.url+"/toasoan/dang-nhap"),
		chromedp.SendKeys(chromedp.CSS("#email"), "moi-vai-tro@bao.vn"),
		chromedp.SendKeys(chromedp.CSS("#password"), d.password),
		chromedp.Click(chromedp.CSS(".nr-login button")),
		chromedp.WaitVisible(chromedp.CSS(".nr-who")),
	)
	type timed struct {
		page string
		took time.Duration
	}
	var slowest []timed
	for _, p := range x.pages {
		opened := time.Now()
		if err := chromedp.Do(ctx, chromedp.Navigate(d.url+p)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		report, err := chromedp.Run(ctx, chromedp.Evaluate[string](domCheck))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var found struct {
			Armed     bool
			Hits, Bad []string
		}
		if err := json.Unmarshal([]byte(report), &found); err != nil || !found.Armed {
			t.Fatalf("%s: the tripwire is not armed (%v)", p, err)
		}
		if len(found.Hits) > 0 || len(found.Bad) > 0 {
			t.Errorf("%s: payloads ran %q; the DOM carries %q", p, found.Hits, found.Bad)
		}
		slowest = append(slowest, timed{p, time.Since(opened)})
	}
	slices.SortFunc(slowest, func(a, b timed) int { return cmp.Compare(b.took, a.took) })
	for _, s := range slowest[:min(5, len(slowest))] {
		t.Logf("slow page: %v %.80s", s.took.Round(time.Millisecond), s.page)
	}
	t.Logf("%d payloads; %d pages opened in Chromium with the policy off; %d refusals checked", len(x.payloads), len(x.pages), x.refused)
}

// clipRunes keeps at most n characters of s.
func clipRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}
