package server_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
	"github.com/toasoan/toasoan/internal/weather"
)

// The phone the layout tests read the paper on: a 390×844 screen, the
// size of the most common phones in Vietnam's reader statistics.
const phoneWidth, phoneHeight = 390, 844

// demoPaper is the demo paper served with fresh weather for all its
// localities: the content a reader sees on a new installation.
type demoPaper struct {
	url   string
	store *store.Store
}

func startDemoPaper(t *testing.T) *demoPaper {
	t.Helper()
	ctx := context.Background()
	s := storetest.Open(t, storetest.Sources(t)[0].Source)
	lib, err := media.New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	info, err := s.Site(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if loaded, err := (demo.Loader{Store: s, Media: lib, Policy: richtext.NewPolicy(), Now: testNow, Zone: info.Location}).LoadIfEmpty(ctx); err != nil || !loaded {
		t.Fatalf("demo: %v %v", loaded, err)
	}
	api := httptest.NewServer(&localOpenMeteo{mode: "ok"})
	t.Cleanup(api.Close)
	provider, err := weather.NewOpenMeteo(api.URL, "", 2*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	now := func() time.Time { return testNow }
	forecasts := weather.New(weather.Config{Store: s, Provider: provider, Interval: 30 * time.Minute, Stale: 3 * time.Hour, Now: now})
	if got, err := forecasts.Refresh(ctx); err != nil || got != weather.Refreshed {
		t.Fatalf("weather: %q %v", got, err)
	}
	handler, err := server.New(server.Deps{Store: s, Media: lib, Now: now, Weather: forecasts})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(handler)
	t.Cleanup(ts.Close)
	return &demoPaper{url: ts.URL, store: s}
}

// onPhone is Chromium emulating the phone.
func onPhone(t *testing.T) context.Context {
	t.Helper()
	ctx := chromium(t)
	run(t, ctx, "emulate a phone", chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch))
	return ctx
}

// value evaluates a script on the page.
func value[T any](t *testing.T, ctx context.Context, step, script string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script))
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
	return v
}

// TestReaderPagesOnAPhone reads the demo paper on a phone, one page after
// another in one browser: the home page, lists, the forecast page, the
// text size of an article and its printout, the announcement.
func TestReaderPagesOnAPhone(t *testing.T) {
	t.Parallel()
	paper := startDemoPaper(t)
	ctx := onPhone(t)
	t.Run("home", func(t *testing.T) { phoneHome(t, ctx, paper) })
	t.Run("menu", func(t *testing.T) { phoneMenu(t, ctx, paper) })
	t.Run("lists", func(t *testing.T) { phoneLists(t, ctx, paper) })
	t.Run("weather", func(t *testing.T) { phoneWeather(t, ctx, paper) })
	t.Run("text size", func(t *testing.T) { phoneTextSize(t, ctx, paper) })
	t.Run("print", func(t *testing.T) { printArticle(t, ctx, paper) })
	t.Run("popup", func(t *testing.T) { phonePopup(t, ctx, paper) })
}

// The home page fits in eight screens and shows each story once.
func phoneHome(t *testing.T, ctx context.Context, paper *demoPaper) {
	run(t, ctx, "open the home page", chromedp.Navigate(paper.url+"/"), chromedp.WaitVisible(chromedp.CSS(".lead-title")))
	height := value[float64](t, ctx, "measure the page", `document.documentElement.scrollHeight`)
	t.Logf("the demo's home page on a %d×%d phone: %.0f px", phoneWidth, phoneHeight, height)
	if height > 8*phoneHeight {
		t.Errorf("the home page is %.0f px on a phone, more than 8 screens (%d px)", height, 8*phoneHeight)
	}
	links := value[[]string](t, ctx, "read the stories' links",
		`[...document.querySelectorAll(".lead-title a, .featured .card-title a, .latest .titles a, .block .card-title a")].map(a => a.getAttribute("href"))`)
	seen := map[string]bool{}
	for _, href := range links {
		if seen[href] {
			t.Errorf("%s appears twice on the home page", href)
		}
		seen[href] = true
	}
	if blocks := value[int](t, ctx, "count the section blocks", `document.querySelectorAll(".block .card").length`); len(links) < 30 || blocks < 20 {
		t.Errorf("%d stories, %d in section blocks: the home page lost its blocks", len(links), blocks)
	}
	if n := value[int](t, ctx, "leads shown on a phone", `[...document.querySelectorAll(".card-lead")].filter(p => p.offsetHeight > 0).length`); n != 0 {
		t.Errorf("%d secondary stories show their lead on a phone", n)
	}
	if w := value[float64](t, ctx, "page width", `document.documentElement.scrollWidth`); w > phoneWidth {
		t.Errorf("the home page is %.0f px wide, wider than the phone", w)
	}
}

// The last section of the menu is off screen at first; the menu scrolls
// sideways, shows that it does, and brings it into view.
func phoneMenu(t *testing.T, ctx context.Context, paper *demoPaper) {
	run(t, ctx, "open the home page", chromedp.Navigate(paper.url+"/"), chromedp.WaitVisible(chromedp.CSS(".menu")))
	const last = `document.querySelector(".menu li:last-child a")`
	if right := value[float64](t, ctx, "where the last section is", last+`.getBoundingClientRect().right`); right <= phoneWidth {
		t.Fatalf("the last section ends at %.0f px: the menu fits the phone, the test proves nothing", right)
	}
	style := value[[]string](t, ctx, "the menu's style", `(s => [s.overflowX, s.backgroundAttachment])(getComputedStyle(document.querySelector(".menu ul")))`)
	if style[0] != "auto" && style[0] != "scroll" {
		t.Errorf("the menu does not scroll sideways: overflow-x %q", style[0])
	}
	if !strings.Contains(style[1], "local") || !strings.Contains(style[1], "scroll") {
		t.Errorf("no cue that the menu scrolls: background-attachment %q", style[1])
	}
	// A keyboard reader tabs to it; a finger swipes to the end.
	hit := value[bool](t, ctx, "bring the last section into view", `(() => {
		const a = `+last+`;
		a.focus();
		const r = a.getBoundingClientRect();
		return r.left >= 0 && r.right <= innerWidth && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === a;
	})()`)
	if !hit {
		t.Fatal("the last section cannot be reached on a phone")
	}
	name := read(t, ctx, "its name", chromedp.Text(chromedp.CSS(".menu li:last-child a")))
	run(t, ctx, "open it", chromedp.Click(chromedp.CSS(".menu li:last-child a")), chromedp.WaitVisible(chromedp.CSS("h1.page-title")),
		chromedp.Poll[chromedp.Void](`document.readyState === "complete"`))
	if got := read(t, ctx, "the section's heading", chromedp.Text(chromedp.CSS("h1.page-title"))); got != name {
		t.Errorf("opened %q, want %q", got, name)
	}
	// On its own page the section shows in the menu without scrolling.
	if right := value[float64](t, ctx, "where the section is now", last+`.getBoundingClientRect().right`); right > phoneWidth {
		t.Errorf("on its own page the section is off screen, at %.0f px", right)
	}
}

// A story without a photo spans the list; one with a photo keeps its
// photo column.
func phoneLists(t *testing.T, ctx context.Context, paper *demoPaper) {
	c := context.Background()
	sec, err := paper.store.SectionBySlug(c, "thoi-su")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := paper.store.CreateArticle(c, news.System(), news.Article{Slug: "lich-tiep-dan-thang-12", Title: "Lịch tiếp công dân tháng 12",
		Lead: "Lãnh đạo tỉnh tiếp công dân định kỳ vào ngày 15.", Body: "<p>Nội dung.</p>", SectionID: sec.ID,
		Status: news.Published, PublishedAt: testNow.Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	widths := func(step, list, item string) (float64, float64) {
		t.Helper()
		w := value[[]float64](t, ctx, step, `[document.querySelector("`+list+`").getBoundingClientRect().width, document.querySelector("`+item+` .row-text").getBoundingClientRect().width]`)
		return w[0], w[1]
	}
	run(t, ctx, "search", chromedp.Navigate(paper.url+"/tim-kiem?q=x%C3%A3"), chromedp.WaitVisible(chromedp.CSS(".search-results")))
	if list, text := widths("measure a result", ".search-results", ".search-results .row"); text < list-1 {
		t.Errorf("a search result's text is %.0f px wide in a %.0f px list", text, list)
	}
	run(t, ctx, "open the section", chromedp.Navigate(paper.url+"/thoi-su/"), chromedp.WaitVisible(chromedp.CSS(".rows")))
	if got := read(t, ctx, "the newest story", chromedp.Text(chromedp.CSS(".rows .row:first-child .row-title"))); got != "Lịch tiếp công dân tháng 12" {
		t.Fatalf("first row %q", got)
	}
	if list, text := widths("measure the story without a photo", ".rows", ".rows .row:first-child"); text < list-1 {
		t.Errorf("a story without a photo is %.0f px wide in a %.0f px list", text, list)
	}
	if list, text := widths("measure a story with a photo", ".rows", ".rows .row:nth-child(2)"); text > list*0.75 {
		t.Errorf("a story with a photo has no photo column: text %.0f px of %.0f", text, list)
	}
}

// The forecast page starts with the reader's commune, lists them all to
// jump to, and keeps each day on one line.
func phoneWeather(t *testing.T, ctx context.Context, paper *demoPaper) {
	locs, err := paper.store.Localities(context.Background())
	if err != nil || len(locs) < 5 {
		t.Fatalf("localities: %d %v", len(locs), err)
	}
	chosen := locs[4]
	run(t, ctx, "choose a commune", chromedp.Navigate(paper.url+"/thoi-tiet/chon?dia-phuong="+itoa(chosen.ID)), chromedp.WaitVisible(chromedp.CSS(".weather-place-block")))
	if got := read(t, ctx, "the first place", chromedp.Text(chromedp.CSS(".weather-place-block h2"))); got != chosen.Name {
		t.Errorf("the page starts with %q, want the chosen %q", got, chosen.Name)
	}
	if got := read(t, ctx, "the note", chromedp.Text(chromedp.CSS(".weather-place-block .weather-yours"))); got != "Địa phương bạn đã chọn" {
		t.Errorf("note %q", got)
	}
	jumps := value[[]string](t, ctx, "the jump list", `[...document.querySelectorAll(".weather-jump a")].filter(a => document.getElementById(a.hash.slice(1))).map(a => a.textContent)`)
	if len(jumps) != len(locs) {
		t.Errorf("the jump list reaches %d places of %d: %q", len(jumps), len(locs), jumps)
	}
	lines := value[[]int](t, ctx, "count the lines of the day cells", `[...document.querySelectorAll(".weather-days tbody th")].map(th => {
		const r = document.createRange();
		r.selectNodeContents(th);
		return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size;
	})`)
	if len(lines) == 0 {
		t.Fatal("no forecast days")
	}
	for i, n := range lines {
		if n != 1 {
			t.Errorf("day cell %d takes %d lines", i, n)
		}
	}
	if w := value[float64](t, ctx, "page width", `document.documentElement.scrollWidth`); w > phoneWidth {
		t.Errorf("the forecast page is %.0f px wide, wider than the phone", w)
	}
	last := locs[len(locs)-2]
	run(t, ctx, "jump to a commune", chromedp.Click(chromedp.CSS(`.weather-jump a[href="#dia-phuong-`+itoa(last.ID)+`"]`)))
	if top := value[float64](t, ctx, "where it is", `document.getElementById("dia-phuong-`+itoa(last.ID)+`").getBoundingClientRect().top`); top < -1 || top > phoneHeight/2 {
		t.Errorf("after the jump %s is at %.0f px", last.Name, top)
	}
}

// "A+" makes the article's text larger, by mouse or keyboard, and the
// next page keeps it.
func phoneTextSize(t *testing.T, ctx context.Context, paper *demoPaper) {
	run(t, ctx, "open the lead story", chromedp.Navigate(paper.url+"/"), chromedp.Click(chromedp.CSS(".lead-title a")), chromedp.WaitVisible(chromedp.CSS(".text-size")))
	size := func(step string) float64 {
		t.Helper()
		return value[float64](t, ctx, step, `parseFloat(getComputedStyle(document.querySelector(".story-body p")).fontSize)`)
	}
	names := value[[]string](t, ctx, "the buttons' names", `[...document.querySelectorAll(".text-size button")].map(b => b.textContent)`)
	if strings.Join(names, "|") != "A- (chữ nhỏ hơn)|A+ (chữ lớn hơn)" {
		t.Errorf("buttons %q", names)
	}
	usual := size("the usual size")
	run(t, ctx, "click A+", chromedp.Click(chromedp.CSS(`.text-size button[data-text-size="1"]`)))
	larger := size("after A+")
	run(t, ctx, "press A+ with the keyboard", chromedp.Focus(chromedp.CSS(`.text-size button[data-text-size="1"]`)), chromedp.KeyEvent("\r"))
	largest := size("after A+ twice")
	if !(usual < larger && larger < largest) {
		t.Fatalf("text sizes %.1f → %.1f → %.1f", usual, larger, largest)
	}
	run(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(".text-size")))
	if got := size("after the reload"); got != largest {
		t.Errorf("after a reload the text is %.1f px, want %.1f", got, largest)
	}
	run(t, ctx, "back to the usual size", chromedp.Click(chromedp.CSS(`.text-size button[data-text-size="-1"]`)), chromedp.Click(chromedp.CSS(`.text-size button[data-text-size="-1"]`)))
	if got := size("after A- twice"); got != usual {
		t.Errorf("A- twice gives %.1f px, want %.1f", got, usual)
	}
}

// Printed, an article is its story, byline and address, without menus,
// forms or boxes.
func printArticle(t *testing.T, ctx context.Context, paper *demoPaper) {
	run(t, ctx, "open the lead story", chromedp.Navigate(paper.url+"/"), chromedp.Click(chromedp.CSS(".lead-title a")), chromedp.WaitVisible(chromedp.CSS(".story-body")))
	address := read(t, ctx, "its address", chromedp.Evaluate[string](`document.querySelector('link[rel="canonical"]').href`))
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{}) })
	shown := value[map[string]bool](t, ctx, "what prints", `Object.fromEntries([".menu", ".site-search", ".share", ".comment-form", ".slot-weather", ".site-footer nav", ".text-size",
		".story-title", ".story-body", ".byline", ".print-url"].map(sel => [sel, !!document.querySelector(sel) && document.querySelector(sel).offsetHeight > 0]))`)
	for sel, want := range map[string]bool{".menu": false, ".site-search": false, ".share": false, ".comment-form": false, ".slot-weather": false,
		".site-footer nav": false, ".text-size": false, ".story-title": true, ".story-body": true, ".byline": true, ".print-url": true} {
		if shown[sel] != want {
			t.Errorf("printed %s: %v, want %v", sel, shown[sel], want)
		}
	}
	if got := read(t, ctx, "the printed address", chromedp.Text(chromedp.CSS(".print-url"))); !strings.Contains(got, address) {
		t.Errorf("printed address %q, want %q", got, address)
	}
}

// The announcement keeps to a quarter of the phone's screen and closes
// with a button a finger hits.
func phonePopup(t *testing.T, ctx context.Context, paper *demoPaper) {
	body := strings.Repeat("Do ảnh hưởng của bão số 5, từ 14 giờ chiều nay các tàu thuyền không ra khơi; người dân vùng ven biển chằng chống nhà cửa.\n\n", 4)
	if _, err := paper.store.SavePopup(context.Background(), news.System(), news.Popup{Title: "Bão số 5 đổ bộ vào Hà Tĩnh", Body: body, Link: "/thoi-tiet",
		StartsAt: testNow.Add(-time.Hour), EndsAt: testNow.Add(time.Hour), Pages: news.PopupAllPages, Frequency: news.PopupVisit}); err != nil {
		t.Fatal(err)
	}
	run(t, ctx, "open the home page", chromedp.Navigate(paper.url+"/"), chromedp.WaitVisible(chromedp.CSS(".popup-floating")))
	box := value[[]float64](t, ctx, "measure the announcement", `(() => {
		const box = document.querySelector(".popup-floating").getBoundingClientRect();
		const b = document.querySelector(".popup-close button");
		const r = b.getBoundingClientRect();
		return [box.height, r.width, r.height, document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === b ? 1 : 0];
	})()`)
	if box[0] > 0.25*phoneHeight {
		t.Errorf("the announcement is %.0f px high, more than a quarter of %d px", box[0], phoneHeight)
	}
	if box[1] < 44 || box[2] < 44 || box[3] != 1 {
		t.Errorf("the close button is %.0f×%.0f px (on top: %v), want at least 44×44 and reachable", box[1], box[2], box[3] == 1)
	}
	if got := read(t, ctx, "its label", chromedp.Text(chromedp.CSS(".popup-close button"))); got != "Tắt [X]" {
		t.Errorf("close button %q", got)
	}
	run(t, ctx, "close it", chromedp.Click(chromedp.CSS(".popup-close button")), chromedp.WaitNotVisible(chromedp.CSS(".popup")))
}
