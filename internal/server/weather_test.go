package server_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/toasoan/toasoan/internal/news"
)

// boxText is the weather box's text with spaces squeezed.
func boxText(doc *goquery.Document, sel string) string { return text(doc, ".weather-box "+sel) }

func TestWeatherBoxOnTheArticlePage(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		path := w.article.Path()
		_, doc := get(t, w.url, path)
		box := doc.Find("aside .slot-weather#thoi-tiet .weather-box")
		if box.Length() != 1 || boxText(doc, "h2") != "Thời tiết" || boxText(doc, ".weather-place") != "Thành Sen" {
			t.Fatalf("no weather box in the sidebar: %q", box.Text())
		}
		if boxText(doc, ".weather-none") != "Chưa có số liệu thời tiết mới" || box.Find(".weather-temp").Length() != 0 {
			t.Fatalf("before any data the box says %q", boxText(doc, ""))
		}
		form := box.Find("form.weather-picker")
		if form.AttrOr("method", "") != "get" || form.AttrOr("action", "") != "/thoi-tiet/chon" ||
			text(doc, `.weather-picker label[for="dia-phuong"]`) != "Địa phương" || text(doc, ".weather-picker button") != "Xem" ||
			form.Find(`input[type="hidden"][name="tiep"]`).AttrOr("value", "") != path {
			t.Fatalf("picker form: %s", must(form.Html()))
		}
		if n := form.Find(`select#dia-phuong[name="dia-phuong"] option`).Length(); n != 11 {
			t.Errorf("%d localities in the picker, want the 11 of the demo", n)
		}
		if got := text(doc, `.weather-picker option[selected]`); got != "Thành Sen" {
			t.Errorf("selected %q", got)
		}
		if text(doc, `.weather-box a[href="/thoi-tiet"]`) != "Xem thêm" {
			t.Error(`no "Xem thêm" link to /thoi-tiet`)
		}
		if text(doc, `.weather-box a[href="https://open-meteo.com/"]`) != "Dữ liệu thời tiết: Open-Meteo.com" {
			t.Error("no attribution to Open-Meteo")
		}

		w.refresh(t)
		_, doc = get(t, w.url, path)
		if boxText(doc, ".weather-temp") != "24°C" || boxText(doc, ".weather-words") != "Có mây" || boxText(doc, ".weather-updated") != "Cập nhật 10:00" {
			t.Fatalf("box with data: %q", boxText(doc, ""))
		}
		facts := boxText(doc, ".weather-facts")
		for _, want := range []string{"Độ ẩm 78%", "Gió 9 km/h", "Cảm giác như 26°C"} {
			if !strings.Contains(facts, want) {
				t.Errorf("facts %q lack %q", facts, want)
			}
		}
		img := doc.Find(".weather-now img")
		if src := img.AttrOr("src", ""); !strings.HasPrefix(src, "/static/weather-sun-cloud.") || img.AttrOr("width", "") == "" ||
			img.AttrOr("height", "") == "" || img.AttrOr("alt", "") != "Có mây" {
			t.Fatalf("icon %s", must(goquery.OuterHtml(img)))
		}
		if resp, err := http.Get(w.url + img.AttrOr("src", "")); err != nil || resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("icon file: %v %v", resp, err)
		}
		if doc.Find("[style]").Length() != 0 || doc.Find(`script:not([src]):not([type="application/ld+json"])`).Length() != 0 {
			t.Error("inline styles or scripts break the page's CSP")
		}
	})
}

func TestPageViewsNeverCallTheProvider(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		w.refresh(t)
		calls := w.api.calls.Load()
		client := &http.Client{}
		path := w.article.Path()
		for i := range 1000 {
			resp, err := client.Get(w.url + path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := io.Copy(io.Discard, resp.Body); err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("view %d: %d", i, resp.StatusCode)
			}
		}
		if got := w.api.calls.Load(); got != calls {
			t.Fatalf("1,000 page views made %d requests to the provider, want 0", got-calls)
		}
		if _, doc := get(t, w.url, path); boxText(doc, ".weather-temp") != "24°C" {
			t.Fatal("the box lost its data")
		}
	})
}

func TestWeatherBoxKeepsTheLastGoodData(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		ctx := context.Background()
		path := w.article.Path()
		w.refresh(t)
		shows := func(when string) {
			t.Helper()
			_, doc := get(t, w.url, path)
			if boxText(doc, ".weather-temp") != "24°C" || boxText(doc, ".weather-updated") != "Cập nhật 10:00" {
				t.Fatalf("%s: the box says %q", when, boxText(doc, ""))
			}
		}
		for _, mode := range []string{"fail", "garbage"} {
			w.clock.advance(time.Hour)
			w.api.set(mode)
			if _, err := w.weather.Refresh(ctx); err == nil {
				t.Fatalf("%s: refresh succeeded", mode)
			}
			shows("after the provider answered " + mode)
		}
		w.apiURL.Close()
		w.clock.advance(time.Hour)
		if _, err := w.weather.Refresh(ctx); err == nil {
			t.Fatal("refresh from a stopped server succeeded")
		}
		shows("with the provider gone, 3 hours after the fetch")
		w.clock.advance(time.Minute)
		_, doc := get(t, w.url, path)
		if boxText(doc, ".weather-none") != "Chưa có số liệu thời tiết mới" || doc.Find(".weather-temp").Length() != 0 {
			t.Fatalf("past the stale age the box says %q", boxText(doc, ""))
		}
		_, page := get(t, w.url, "/thoi-tiet")
		if page.Find(".weather-none").Length() != 11 || page.Find(".weather-days").Length() != 0 {
			t.Fatal("the forecast page still shows stale numbers")
		}
	})
}

func TestLocalityPicker(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		ctx := context.Background()
		w.refresh(t)
		locs, _ := w.store.Localities(ctx)
		canLoc := locs[7]
		path := w.article.Path()
		resp, _ := get(t, w.url, "/thoi-tiet/chon?dia-phuong="+itoa(canLoc.ID)+"&tiep="+url.QueryEscape(path))
		cookie := findCookie(resp, "toasoan_dia_phuong")
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path || cookie == nil ||
			cookie.Value != itoa(canLoc.ID) || !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.MaxAge < 300*24*3600 {
			t.Fatalf("choosing: %d → %q, cookie %+v", resp.StatusCode, resp.Header.Get("Location"), cookie)
		}
		req, _ := http.NewRequest(http.MethodGet, w.url+path, nil)
		req.AddCookie(cookie)
		doc := fetch(t, req)
		if boxText(doc, ".weather-place") != canLoc.Name || text(doc, ".weather-picker option[selected]") != canLoc.Name ||
			boxText(doc, ".weather-temp") != "31°C" { // the eighth place of the answer: 24.3 + 7
			t.Fatalf("box for %s: %q", canLoc.Name, boxText(doc, ""))
		}

		redirects := []struct {
			name, tiep, referer, want string
		}{
			{"no page", "", "", "/thoi-tiet"},
			{"page on the site", "/the-thao/?trang=2", "", "/the-thao/?trang=2"},
			{"another host", "//evil.example/a", "", "/thoi-tiet"},
			{"absolute URL", "https://evil.example/", "", "/thoi-tiet"},
			{"backslash", `/\evil.example`, "", "/thoi-tiet"},
			{"script", "javascript:alert(1)", "", "/thoi-tiet"},
			{"header injection", "/a\r\nSet-Cookie: x=1", "", "/thoi-tiet"},
			{"tab before slashes", "/\t/evil.example", "", "/thoi-tiet"},
			{"referer on the site", "", w.url + "/the-thao/", "/the-thao/"},
			{"referer elsewhere", "", "https://evil.example/the-thao/", "/thoi-tiet"},
			{"bad page, good referer", "//evil.example", w.url + "/", "/"},
		}
		for _, tt := range redirects {
			q := url.Values{"dia-phuong": {itoa(canLoc.ID)}}
			if tt.tiep != "" {
				q.Set("tiep", tt.tiep)
			}
			req, _ := http.NewRequest(http.MethodGet, w.url+"/thoi-tiet/chon?"+q.Encode(), nil)
			if tt.referer != "" {
				req.Header.Set("Referer", tt.referer)
			}
			resp, err := noRedirects.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != tt.want {
				t.Errorf("%s: %d → %q, want %q", tt.name, resp.StatusCode, resp.Header.Get("Location"), tt.want)
			}
		}

		for _, tt := range []struct {
			query  string
			status int
			want   string
		}{
			{"dia-phuong=abc", 400, "Địa phương không hợp lệ"},
			{"dia-phuong=-3", 400, "Địa phương không hợp lệ"},
			{"", 400, "Địa phương không hợp lệ"},
			{"dia-phuong=999999", 404, "Không tìm thấy địa phương"},
		} {
			resp, doc := get(t, w.url, "/thoi-tiet/chon?"+tt.query)
			if resp.StatusCode != tt.status || !strings.Contains(doc.Find("main").Text(), tt.want) || findCookie(resp, "toasoan_dia_phuong") != nil {
				t.Errorf("%q: %d %q", tt.query, resp.StatusCode, text(doc, "main"))
			}
		}
	})
}

func TestForecastPage(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		w.refresh(t)
		resp, doc := get(t, w.url, "/thoi-tiet")
		if resp.StatusCode != http.StatusOK || text(doc, "h1") != "Thời tiết" {
			t.Fatalf("%d %q", resp.StatusCode, text(doc, "h1"))
		}
		blocks := doc.Find(".weather-place-block")
		if blocks.Length() != 11 || text(doc, ".weather-place-block h2") != "Thành Sen" {
			t.Fatalf("%d localities, first %q", blocks.Length(), text(doc, ".weather-place-block h2"))
		}
		rows := blocks.First().Find(".weather-days tbody tr")
		if rows.Length() != 3 {
			t.Fatalf("%d days, want 3", rows.Length())
		}
		cells := func(i int) []string {
			var out []string
			rows.Eq(i).Children().Each(func(_ int, c *goquery.Selection) { out = append(out, strings.Join(strings.Fields(c.Text()), " ")) })
			return out
		}
		if got := strings.Join(cells(0), " | "); got != "Chủ Nhật, 29/11 | Nhiều mây | 19°C | 26°C | 20%" {
			t.Errorf("first day %q", got)
		}
		if got := strings.Join(cells(2), " | "); got != "Thứ Ba, 01/12 | Dông | 18°C | 22°C | —" {
			t.Errorf("third day %q", got)
		}
		rows.Find("img").Each(func(_ int, img *goquery.Selection) {
			if !strings.HasPrefix(img.AttrOr("src", ""), "/static/weather-") || img.AttrOr("width", "") == "" || img.AttrOr("height", "") == "" {
				t.Errorf("icon %s", must(goquery.OuterHtml(img)))
			}
		})
		if text(doc, `.weather-credit a[href="https://open-meteo.com/"]`) != "Dữ liệu thời tiết: Open-Meteo.com" {
			t.Error("no attribution")
		}
		// The next morning yesterday's forecast is gone.
		w.clock.advance(20 * time.Hour)
		w.refresh(t)
		_, doc = get(t, w.url, "/thoi-tiet")
		if n := doc.Find(".weather-place-block").First().Find(".weather-days tbody tr").Length(); n != 2 {
			t.Errorf("%d days on 30/11, want 2 (29/11 is past)", n)
		}
	})
}

func TestWeatherBoxOnTheHomePage(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		w.refresh(t)
		_, doc := get(t, w.url, "/")
		if doc.Find(".latest .weather-box").Length() != 1 || text(doc, ".latest .weather-temp") != "24°C" {
			t.Fatal("no weather box in the home page's sidebar")
		}
		if doc.Find(".weather-box li").Length() != 0 {
			t.Error("the box adds items to the list of latest news")
		}
		if got := doc.Find(`.weather-box input[name="tiep"]`).AttrOr("value", ""); got != "/" {
			t.Errorf("picker comes back to %q", got)
		}
	})
}

func TestNoLocalitiesNoBox(t *testing.T) {
	t.Parallel()
	eachWeatherSite(t, func(t *testing.T, w *weatherSite) {
		ctx := context.Background()
		locs, _ := w.store.Localities(ctx)
		for _, l := range locs {
			if err := w.store.DeleteLocality(ctx, news.System(), l.ID); err != nil {
				t.Fatal(err)
			}
		}
		resp, doc := get(t, w.url, w.article.Path())
		if resp.StatusCode != http.StatusOK || doc.Find(".weather-box").Length() != 0 {
			t.Fatalf("%d, %d boxes without localities", resp.StatusCode, doc.Find(".weather-box").Length())
		}
		if _, page := get(t, w.url, "/thoi-tiet"); text(page, ".empty") == "" {
			t.Error("the forecast page does not say there is nothing")
		}
	})
}

func findCookie(resp *http.Response, name string) *http.Cookie {
	for _, c := range resp.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// fetch sends req without following redirects and parses the page.
func fetch(t *testing.T, req *http.Request) *goquery.Document {
	t.Helper()
	resp, err := noRedirects.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, err := goquery.NewDocumentFromReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func must(s string, err error) string {
	if err != nil {
		return err.Error()
	}
	return s
}
