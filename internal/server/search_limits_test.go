package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// holdingStore is the real store, except that each search, once inside
// its slot, says so on entered and waits for release before it reads.
type holdingStore struct {
	*store.Store
	entered chan struct{}
	release chan struct{}
}

func (h *holdingStore) Search(ctx context.Context, q store.SearchQuery) ([]store.SearchHit, int, error) {
	h.entered <- struct{}{}
	<-h.release
	return h.Store.Search(ctx, q)
}

// startSearchDesk starts a desk whose site and API search through one
// service with limits, over the store as it is or as held by wrap.
func startSearchDesk(t *testing.T, source string, limits search.Limits, cache bool, wrap func(*store.Store) search.Store) *desk {
	t.Helper()
	return startDeskBehind(t, source, "127.0.0.1, ::1", func(deps *server.Deps) {
		var s search.Store = deps.Store
		if wrap != nil {
			s = wrap(deps.Store)
		}
		deps.Search = search.New(s, limits)
		if cache {
			deps.Cache = pagecache.New(8<<20, time.Hour, time.Now)
			deps.Store.Subscribe(deps.Cache.Changed)
		}
	})
}

// apiToken is a reporter's API token on d.
func (d *desk) apiToken(t *testing.T) string {
	t.Helper()
	token := auth.NewToken()
	if _, err := d.store.CreateAPIToken(context.Background(), news.System(), d.users["reporter"].ID, auth.HashToken(token), "tìm kiếm"); err != nil {
		t.Fatal(err)
	}
	return token
}

// apiError fetches path from the API and decodes its error answer.
func apiError(t *testing.T, d *desk, path, token string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, d.url+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Error struct{ Code, Message string }
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: %d, %v", path, resp.StatusCode, err)
	}
	return resp, out.Error.Message
}

// A search past its deadline answers the reader, on the site and in the
// API, with the Vietnamese "too slow" message: a 503 that still shows the
// form as the reader filled it in, so they can narrow it; never kept by
// the page cache, a proxy or the browser; and without Retry-After, since
// the same search would be stopped again.
func TestSearchPastItsDeadlineAnswersTheReader(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			d := startSearchDesk(t, src.Source, search.Limits{Timeout: time.Nanosecond, Concurrency: 4}, true, nil)
			d.publishedArticle(t, "Đường về xã mới")
			path := "/tim-kiem?" + url.Values{"q": {"đường"}, "chuyen-muc": {strconv.FormatInt(d.section.ID, 10)}, "tu": {"2026-01-01"}}.Encode()
			for range 2 { // the second answer is not the first one kept
				resp, doc := get(t, d.url, path)
				if resp.StatusCode != http.StatusServiceUnavailable {
					t.Fatalf("status %d, want 503", resp.StatusCode)
				}
				if got := text(doc, "main .search-notice"); got != search.ErrTooSlow.Message {
					t.Errorf("notice %q", got)
				}
				if v, _ := doc.Find(`main form.search-form input[name=q]`).Attr("value"); v != "đường" {
					t.Errorf("the form lost the query: %q", v)
				}
				if v, _ := doc.Find(`main form.search-form select[name=chuyen-muc] option[selected]`).Attr("value"); v != strconv.FormatInt(d.section.ID, 10) {
					t.Errorf("the form lost the section: %q", v)
				}
				if doc.Find(".search-results, .search-empty").Length() != 0 {
					t.Error("results or \"Không tìm thấy\" shown for a stopped search")
				}
				h := resp.Header
				if h.Get("Cache-Control") != "no-store" || h.Get("X-Cache") != "" || h.Get("Retry-After") != "" {
					t.Errorf("Cache-Control %q, X-Cache %q, Retry-After %q", h.Get("Cache-Control"), h.Get("X-Cache"), h.Get("Retry-After"))
				}
			}
			resp, message := apiError(t, d, "/api/v1/articles?q=duong", d.apiToken(t))
			if resp.StatusCode != http.StatusServiceUnavailable || message != search.ErrTooSlow.Message {
				t.Errorf("API: %d %q", resp.StatusCode, message)
			}
		})
	}
}

// With every search slot held by searches that cannot finish, an article
// page is still answered, read from the database (no page cache), and
// another search, on the site or in the API, is refused as busy (503 with
// Retry-After) once its deadline passes, instead of waiting its turn.
func TestSearchesAtTheirLimitDoNotDelayArticles(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			held := &holdingStore{entered: make(chan struct{}, 4), release: make(chan struct{})}
			const slots = 2
			d := startSearchDesk(t, src.Source, search.Limits{Timeout: 100 * time.Millisecond, Concurrency: slots}, false,
				func(s *store.Store) search.Store { held.Store = s; return held })
			story := d.articlePath(t, d.publishedArticle(t, "Đường về xã mới"))
			token := d.apiToken(t)
			statuses := make(chan int, slots)
			for range slots {
				go func() {
					resp, err := http.Get(d.url + "/tim-kiem?q=duong")
					if err != nil {
						statuses <- 0
						return
					}
					_ = resp.Body.Close()
					statuses <- resp.StatusCode
				}()
			}
			for range slots {
				<-held.entered // every slot is taken by a search that waits for release
			}
			resp, doc := get(t, d.url, story)
			if resp.StatusCode != http.StatusOK || text(doc, "main h1") != "Đường về xã mới" {
				t.Errorf("article while searches are held: %d %q", resp.StatusCode, text(doc, "main h1"))
			}
			resp, doc = get(t, d.url, "/tim-kiem?q=xa+moi")
			if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
				t.Errorf("search over the limit: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
			}
			if got := text(doc, "main .search-notice"); got != search.ErrBusy.Message {
				t.Errorf("notice %q", got)
			}
			if v, _ := doc.Find(`main form.search-form input[name=q]`).Attr("value"); v != "xa moi" {
				t.Errorf("the form lost the query: %q", v)
			}
			resp, message := apiError(t, d, "/api/v1/articles?q=duong", token)
			if resp.StatusCode != http.StatusServiceUnavailable || message != search.ErrBusy.Message {
				t.Errorf("API over the limit: %d %q", resp.StatusCode, message)
			}
			close(held.release)
			for range slots {
				// Past their own deadline, the held searches answer the
				// "too slow" page or, if their reads beat the timer, results.
				if s := <-statuses; s != http.StatusServiceUnavailable && s != http.StatusOK {
					t.Errorf("held search answered %d", s)
				}
			}
		})
	}
}
