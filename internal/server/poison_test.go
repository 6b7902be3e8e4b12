package server_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// No cookie a reader sends can decide what the next reader is served:
// every cookie that varies a page is read the same way by the cache key
// and by the page, so an oversized, repeated, malformed or non-ASCII
// value either counts for both or for neither.
func TestCookiesCannotPoisonTheCache(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			pages := pagecache.New(8<<20, time.Hour, time.Now)
			w := startWeatherSiteWith(t, src.Source, pages)
			w.refresh(t)
			ctx := context.Background()
			if _, err := w.store.SavePopup(ctx, news.System(), news.Popup{Title: "Lịch cúp điện", Body: "Cúp điện sáng mai.",
				StartsAt: testNow.Add(-time.Hour), EndsAt: testNow.Add(time.Hour), Pages: news.PopupAllPages, Frequency: news.PopupOnce}); err != nil {
				t.Fatal(err)
			}
			locs, err := w.store.Localities(ctx)
			if err != nil || len(locs) < 3 {
				t.Fatalf("localities: %d %v", len(locs), err)
			}
			path := w.article.Path()
			fetch := func(cookie string) string {
				t.Helper()
				req, _ := http.NewRequest(http.MethodGet, w.url+path, nil)
				if cookie != "" {
					req.Header.Set("Cookie", cookie)
				}
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				body, _ := io.ReadAll(resp.Body)
				if resp.StatusCode != http.StatusOK {
					t.Fatalf("%q: %d", cookie, resp.StatusCode)
				}
				return string(body)
			}
			plain := fetch("")
			third := locs[2].Name
			if !strings.Contains(plain, "Lịch cúp điện") || strings.Contains(plain, `selected>`+third) {
				t.Fatal("the plain page lacks the popup, or shows another locality than the default")
			}
			if chosen := fetch("toasoan_dia_phuong=" + itoa(locs[2].ID)); !strings.Contains(chosen, "selected>"+third) {
				t.Fatal("a reader's own choice of locality is not shown")
			}
			id := itoa(locs[2].ID)
			for _, cookie := range []string{
				"toasoan_dia_phuong=" + strings.Repeat("0", 250) + id,
				"toasoan_dia_phuong=" + id + strings.Repeat(" ", 300),
				"toasoan_dia_phuong=+" + id,
				"toasoan_dia_phuong=-" + id,
				"toasoan_dia_phuong=0x" + id,
				"toasoan_dia_phuong=%EF%BC%93",
				"toasoan_dia_phuong=\"" + id + "\"",
				"toasoan_dia_phuong=99999999999999999999999999",
				"toasoan_dia_phuong=" + id + "; toasoan_dia_phuong=" + id,
				"toasoan_popup=" + strings.Repeat("1-9999999999.", 200),
				"toasoan_popup=" + strings.Repeat("x", 5000),
				"toasoan_popup=1-9999999999.1-9999999999.2-oops",
				"toasoan_popup=đã-tắt",
				"toasoan_popup=1-99999999999999999999999",
			} {
				pages.Flush()
				fetch(cookie) // the first reader after the flush, with an odd cookie
				if got := fetch(""); got != plain {
					t.Errorf("after a request with %.60q, the next plain reader got another page", cookie)
				}
			}
		})
	}
}
