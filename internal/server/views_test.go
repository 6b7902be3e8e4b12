package server_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/views"
)

// sendView posts a reader's view through the trusted proxy in front of
// the desk: the proxy names the reader in X-Forwarded-For.
func sendView(t *testing.T, base string, id int64, reader, browser string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/articles/"+strconv.FormatInt(id, 10)+"/views", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Forwarded-For", reader)
	req.Header.Set("User-Agent", browser)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("a view set a cookie: %q", resp.Header.Get("Set-Cookie"))
	}
	return resp.StatusCode
}

// Views from many readers put the more-read story first in the home
// page's "Đọc nhiều", through the page cache; a flood from one reader
// and views of a draft or a made-up story move nothing.
func TestMostReadFromReadersViews(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			var counter *views.Counter
			pages := pagecache.New(8<<20, time.Hour, time.Now)
			d := startDeskBehind(t, src.Source, "127.0.0.1, ::1", func(deps *server.Deps) {
				counter = views.New(deps.Store, nil)
				deps.Views, deps.Cache = counter, pages
				deps.Store.Subscribe(pages.Changed)
			})
			ctx := context.Background()
			storm := d.publishedArticle(t, "Bão số 5 đổ bộ vào Hà Tĩnh")
			festival := d.publishedArticle(t, "Lễ hội cầu ngư ở Thạch Kim")
			chief := news.Actor{User: d.users["editor-in-chief"]}
			draftStory, err := d.service.Create(ctx, chief, editorial.ArticleInput{Title: "Bản nháp chưa đăng", Lead: "Sapô.", Body: "<p>Nội dung.</p>", SectionID: d.section.ID})
			if err != nil {
				t.Fatal(err)
			}
			draft := draftStory.ID

			if _, home := get(t, d.url, "/"); home.Find(".most-read").Length() != 0 {
				t.Fatal("a paper nobody has read yet shows Đọc nhiều")
			}
			browser := "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
			for i := range 12 {
				if code := sendView(t, d.url, storm, fmt.Sprintf("203.0.113.%d", i+1), browser); code != http.StatusNoContent {
					t.Fatalf("a reader's view: %d", code)
				}
			}
			for i := range 4 {
				sendView(t, d.url, festival, fmt.Sprintf("198.51.100.%d", i+1), browser)
			}
			if err := counter.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if err := counter.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			order := func() []string {
				t.Helper()
				_, home := get(t, d.url, "/")
				return home.Find(".most-read-list a").Map(func(_ int, a *goquery.Selection) string { return a.Text() })
			}
			if got := order(); len(got) != 4 || got[0] != "Bão số 5 đổ bộ vào Hà Tĩnh" {
				t.Fatalf("Đọc nhiều after the views (24 hours, then 7 days): %q", got)
			}
			if _, home := get(t, d.url, "/"); home.Find(".most-read-week summary").Text() != "Đọc nhiều trong 7 ngày" ||
				home.Find(".most-read-week .most-read-list li").Length() != 2 {
				t.Error("no list of the week's most read under the day's")
			}

			// One reader sends a flood for the less-read story: the same
			// address and browser count once, and the home page stays.
			for range 50 {
				sendView(t, d.url, festival, "192.0.2.77", browser)
			}
			if code := sendView(t, d.url, draft, "192.0.2.78", browser); code != http.StatusNotFound {
				t.Errorf("a view of a draft: %d, want 404", code)
			}
			if code := sendView(t, d.url, 987654, "192.0.2.78", browser); code != http.StatusNotFound {
				t.Errorf("a view of no story: %d, want 404", code)
			}
			if code := sendView(t, d.url, storm, "192.0.2.79", "Googlebot/2.1 (+http://www.google.com/bot.html)"); code != http.StatusNoContent {
				t.Errorf("a bot's view: %d", code)
			}
			if err := counter.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if err := counter.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if got := order(); len(got) != 4 || got[0] != "Bão số 5 đổ bộ vào Hà Tĩnh" {
				t.Errorf("Đọc nhiều after one reader's flood: %q", got)
			}
			ranked := counter.MostRead()
			if len(ranked) != 2 || ranked[0].Views != 12 || ranked[1].Views != 5 {
				t.Errorf("views counted %+v; want 12 and 5 (the flood counts once, the bot not at all)", ranked)
			}

			// Enough new readers of the festival reorder the list, and the
			// cached home page shows it at once.
			for i := range 10 {
				sendView(t, d.url, festival, fmt.Sprintf("198.51.100.%d", 100+i), browser)
			}
			if err := counter.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			if err := counter.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			if got := order(); len(got) != 4 || got[0] != "Lễ hội cầu ngư ở Thạch Kim" {
				t.Errorf("Đọc nhiều after more readers of the festival: %q", got)
			}
		})
	}
}

// In Chromium, a reader who opens a story sends one view once the page is
// shown, and gets no cookie for it.
func TestArticlePageSendsItsView(t *testing.T) {
	t.Parallel()
	ctx := chromium(t)
	counter := (*views.Counter)(nil)
	d := startDeskBehind(t, storetest.Sources(t)[0].Source, "127.0.0.1, ::1", func(deps *server.Deps) {
		counter = views.New(deps.Store, nil)
		deps.Views = counter
	})
	id := d.publishedArticle(t, "Đường ven biển Thạch Hải thông xe")
	// Headless Chromium names itself so, and headless browsers are not
	// counted: this one passes for a reader's.
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"}); err != nil {
		t.Fatal(err)
	}
	sent := `performance.getEntriesByType("resource").some(e => e.name.endsWith("/views") && e.responseEnd > 0)`
	run(t, ctx, "read the story",
		chromedp.Navigate(d.url+d.articlePath(t, id)),
		chromedp.WaitVisible(chromedp.CSS("h1.story-title")),
		chromedp.Poll[chromedp.Void](sent))
	if err := counter.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	v, err := d.store.ViewsOf(context.Background(), id, time.Now().Add(-time.Hour), time.Now())
	if err != nil || v.Total != 1 {
		t.Fatalf("views of the story after one reading: %+v, %v", v, err)
	}
	if n := read(t, ctx, "cookies", chromedp.Evaluate[string](`document.cookie`)); n != "" {
		t.Errorf("the reader got cookies: %q", n)
	}
}

// A client that is not a trusted proxy cannot invent readers with a
// forged X-Forwarded-For: its views are its own address's, counted once
// per story.
func TestForgedForwardedForCountsOnce(t *testing.T) {
	t.Parallel()
	var counter *views.Counter
	d := startDeskBehind(t, storetest.Sources(t)[0].Source, "", func(deps *server.Deps) {
		counter = views.New(deps.Store, nil)
		deps.Views = counter
	})
	id := d.publishedArticle(t, "Cầu Cửa Hội thông xe")
	browser := "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
	for i := range 40 {
		if code := sendView(t, d.url, id, fmt.Sprintf("203.0.113.%d", i+1), browser); code != http.StatusNoContent {
			t.Fatalf("view %d: %d", i, code)
		}
	}
	if err := counter.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	v, err := d.store.ViewsOf(context.Background(), id, time.Now().Add(-time.Hour), time.Now())
	if err != nil || v.Total != 1 {
		t.Errorf("40 views with forged addresses from one client counted %d (%v), want 1", v.Total, err)
	}
	// Inventing browsers instead stops at the address's limit, with 429.
	refused := 0
	for i := range 320 {
		if code := sendView(t, d.url, id, "", fmt.Sprintf("%s build/%d", browser, i)); code == http.StatusTooManyRequests {
			refused++
		} else if code != http.StatusNoContent {
			t.Fatalf("view %d with an invented browser: %d", i, code)
		}
	}
	if refused != 21 {
		t.Errorf("%d of 320 views with invented browsers refused, want 21 (300 per address in 30 minutes, one counted before)", refused)
	}
}
