package store_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func mustRedirect(t *testing.T, old, target string, status news.RedirectStatus, origin news.RedirectOrigin) news.Redirect {
	t.Helper()
	r, err := news.NewRedirect(old, target, status, origin)
	if err != nil {
		t.Fatalf("NewRedirect(%q, %q): %v", old, target, err)
	}
	return r
}

// lookup is what the site does for a request's path and query.
func lookup(t *testing.T, s *store.Store, path, query string) (news.Redirect, bool) {
	t.Helper()
	r, err := s.RedirectFor(context.Background(), news.RedirectKeys(path, query))
	if news.ErrorCode(err) == news.NotFound {
		return r, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return r, true
}

// A redirect saved once is found by any spelling of its old address;
// saving its address again replaces it; removing it makes the address
// unknown again. The store's memory that the table is empty does not
// outlive the first redirect.
func TestRedirectsSaveFindReplaceDelete(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if _, ok := lookup(t, s, "/xa-hoi/cau-moi/220459.htm", ""); ok {
			t.Fatal("an empty table found a redirect")
		}
		saved, replaced, err := s.SaveRedirect(ctx, news.System(), mustRedirect(t, "https://baohatinh.vn/xa-hoi/cau-moi/220459.htm", "/cau-moi-post12.html", news.Moved, news.FromNewsroom))
		if err != nil || replaced || saved.ID == 0 || saved.To != "/cau-moi-post12.html" || saved.CreatedAt.IsZero() {
			t.Fatalf("SaveRedirect = %+v, %v, %v", saved, replaced, err)
		}
		for _, req := range [][2]string{{"/xa-hoi/cau-moi/220459.htm", ""}, {"/Xa-Hoi/cau-moi/220459.htm/", "fbclid=1"}, {"/xa-hoi/cau-moi/220459.htm", "trang=2"}} {
			if r, ok := lookup(t, s, req[0], req[1]); !ok || r.ID != saved.ID {
				t.Errorf("request %q ? %q found %+v, %v", req[0], req[1], r, ok)
			}
		}
		again, replaced, err := s.SaveRedirect(ctx, news.System(), mustRedirect(t, "/xa-hoi/cau-moi/220459.htm/", "", news.Gone, news.FromNewsroom))
		if err != nil || !replaced || again.ID != saved.ID || again.Status != news.Gone || again.To != "" {
			t.Fatalf("replacing: %+v, %v, %v", again, replaced, err)
		}
		if n, _ := s.CountRedirects(ctx, store.RedirectFilter{}); n != 1 {
			t.Errorf("%d redirects after a replacement, want 1", n)
		}
		if err := s.DeleteRedirect(ctx, news.System(), saved.ID); err != nil {
			t.Fatal(err)
		}
		if _, ok := lookup(t, s, "/xa-hoi/cau-moi/220459.htm", ""); ok {
			t.Error("a deleted redirect is still found")
		}
		if err := s.DeleteRedirect(ctx, news.System(), saved.ID); news.ErrorCode(err) != news.NotFound {
			t.Errorf("deleting twice: %v", err)
		}
	})
}

// A query's own redirect wins over its path's; one parameter of several
// finds a WordPress link ("/?p=123&replytocom=4").
func TestRedirectsBestMatch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rows := []news.Redirect{
			mustRedirect(t, "/index.php", "/", news.Moved, news.FromCSV),
			mustRedirect(t, "/index.php?id=5", "/bai-nam-post5.html", news.Moved, news.FromCSV),
			mustRedirect(t, "/?p=123", "/bai-post123.html", news.Moved, news.FromCSV),
		}
		if _, err := s.ImportRedirects(ctx, news.System(), rows); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct{ path, query, want string }{
			{"/index.php", "id=5", "/bai-nam-post5.html"},
			{"/index.php", "id=6", "/"},
			{"/index.php", "", "/"},
			{"/", "replytocom=4&p=123", "/bai-post123.html"},
			{"/", "p=123&utm_source=zalo", "/bai-post123.html"},
		} {
			if r, ok := lookup(t, s, c.path, c.query); !ok || r.To != c.want {
				t.Errorf("%s?%s → %+v (%v), want %s", c.path, c.query, r, ok, c.want)
			}
		}
		if r, ok := lookup(t, s, "/", "p=124"); ok {
			t.Errorf("/?p=124 found %+v", r)
		}
	})
}

// A redirect that leads back to its old address, directly or through
// others (and through an absolute address on the paper's own host), is
// refused; one that ends at a 410 or another site is not.
func TestRedirectLoopsAreRefused(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, err := s.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		site.BaseURL = "https://baohatinh.vn"
		if err := s.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		save := func(old, target string, status news.RedirectStatus) error {
			_, _, err := s.SaveRedirect(ctx, news.System(), mustRedirect(t, old, target, status, news.FromNewsroom))
			return err
		}
		for _, ok := range [][2]string{{"/a", "/b"}, {"/b", "/c"}, {"/x", "https://vtv.vn/a"}} {
			if err := save(ok[0], ok[1], news.Moved); err != nil {
				t.Fatalf("%s → %s: %v", ok[0], ok[1], err)
			}
		}
		for _, loop := range [][2]string{{"/b", "/a"}, {"/c", "/a"}, {"/c", "https://www.baohatinh.vn/A/"}, {"/b", "https://baohatinh.vn/b?utm_source=x"}} {
			err := save(loop[0], loop[1], news.Moved)
			if news.ErrorCode(err) != news.Invalid || news.ErrorMessage(err) == "" {
				t.Errorf("%s → %s: %v, want a refusal", loop[0], loop[1], err)
			}
		}
		if r, _ := lookup(t, s, "/b", ""); r.To != "/c" {
			t.Errorf("a refused save changed /b: %+v", r)
		}
		if err := save("/b", "", news.Gone); err != nil {
			t.Fatal(err)
		}
		if err := save("/c", "/a", news.Moved); err != nil {
			t.Errorf("/c → /a → /b (410): %v", err)
		}
	})
}

// An import is one change: its counts, nothing changed when it runs
// again, and nothing written when one row is refused (a loop among its
// own rows).
func TestImportRedirectsIsWhole(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var heard []news.Change
		s.Subscribe(func(ch news.Change) { heard = append(heard, ch) })
		var rows []news.Redirect
		for i := range 300 {
			rows = append(rows, mustRedirect(t, fmt.Sprintf("/tin/%d.htm", i), fmt.Sprintf("/bai-post%d.html", i), news.Moved, news.FromCSV))
		}
		counts, err := s.ImportRedirects(ctx, news.Shell(), rows)
		if err != nil || counts != (store.RedirectImport{Added: 300}) {
			t.Fatalf("first import: %+v, %v", counts, err)
		}
		if len(heard) != 1 || !reflect.DeepEqual(heard[0].Keys, []news.Key{news.AnyKey, news.RedirectsKey}) {
			t.Errorf("an import announced %+v, want one change of the redirects", heard)
		}
		rows[7] = mustRedirect(t, "/tin/7.htm", "/bai-moi-post7.html", news.Moved, news.FromCSV)
		if counts, err = s.ImportRedirects(ctx, news.Shell(), rows); err != nil || counts != (store.RedirectImport{Updated: 1, Unchanged: 299}) {
			t.Fatalf("second import: %+v, %v", counts, err)
		}
		before, err := s.DumpForTest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		bad := append(rows[:10:10], mustRedirect(t, "/vong-a", "/vong-b", news.Moved, news.FromCSV),
			mustRedirect(t, "/vong-b", "/vong-a", news.Moved, news.FromCSV), mustRedirect(t, "/moi", "/bai-post1.html", news.Moved, news.FromCSV))
		_, err = s.ImportRedirects(ctx, news.Shell(), bad)
		var refused store.RefusedRedirects
		if !errors.As(err, &refused) || len(refused) != 2 || refused[0].Index != 10 || refused[1].Index != 11 || news.ErrorCode(refused[1].Err) != news.Invalid {
			t.Fatalf("an import with a loop: %v", err)
		}
		after, err := s.DumpForTest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(before, after) {
			t.Error("a refused import wrote something")
		}
	})
}

// The importer's upsert takes addresses as the archive had them, updates
// its own rows when run again, skips an old address that is the new one,
// and never replaces a redirect a person set.
func TestUpsertRedirectForTheImporter(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		post := news.Redirect{From: "https://baohatinh.vn/Xa-Hoi/Cau-Moi/220459.htm", To: "/cau-moi-post12.html", Status: news.Moved, Origin: news.FromWordPress}
		for range 2 {
			if err := s.UpsertRedirectForTest(ctx, post); err != nil {
				t.Fatal(err)
			}
		}
		post.To = "/cau-moi-post13.html"
		if err := s.UpsertRedirectForTest(ctx, post); err != nil {
			t.Fatal(err)
		}
		if n, _ := s.CountRedirects(ctx, store.RedirectFilter{}); n != 1 {
			t.Errorf("%d rows after three runs, want 1", n)
		}
		if r, _ := lookup(t, s, "/xa-hoi/cau-moi/220459.htm", ""); r.To != "/cau-moi-post13.html" || r.Origin != news.FromWordPress {
			t.Errorf("after the import ran again: %+v", r)
		}
		if _, _, err := s.SaveRedirect(ctx, news.System(), mustRedirect(t, "/?p=9", "/trang-khac-post1.html", news.Moved, news.FromNewsroom)); err != nil {
			t.Fatal(err)
		}
		if err := s.UpsertRedirectForTest(ctx, news.Redirect{From: "/?p=9", To: "/bai-post9.html", Status: news.Moved, Origin: news.FromWordPress}); err != nil {
			t.Fatal(err)
		}
		if r, _ := lookup(t, s, "/", "p=9"); r.To != "/trang-khac-post1.html" {
			t.Errorf("an import replaced an editor's redirect: %+v", r)
		}
		if err := s.UpsertRedirectForTest(ctx, news.Redirect{From: "/Bai-Post12.html", To: "/bai-post12.html", Status: news.Moved, Origin: news.FromWordPress}); err != nil {
			t.Errorf("an old address that is the new one: %v", err)
		}
		if _, ok := lookup(t, s, "/bai-post12.html", ""); ok {
			t.Error("an old address that is the new one got a redirect to itself")
		}
		if err := s.UpsertRedirectForTest(ctx, news.Redirect{From: "https://baohatinh.vn/", To: "/gioi-thieu", Status: news.Moved, Origin: news.FromWordPress}); err != nil {
			t.Errorf("a front page's link: %v", err)
		}
		if n, _ := s.CountRedirects(ctx, store.RedirectFilter{}); n != 2 {
			t.Errorf("%d rows, want 2: skipped addresses were written", n)
		}
		for _, bad := range []news.Redirect{
			{From: "javascript:alert(1)", To: "/a", Status: news.Moved, Origin: news.FromHTML},
			{From: "/a", To: "javascript:alert(1)", Status: news.Moved, Origin: news.FromHTML},
			{From: "/cau-moi-post13.html", To: "/xa-hoi/cau-moi/220459.htm", Status: news.Moved, Origin: news.FromHTML},
		} {
			if err := s.UpsertRedirectForTest(ctx, bad); news.ErrorCode(err) != news.Invalid {
				t.Errorf("upsert %+v: %v, want a refusal", bad, err)
			}
		}
	})
}

// Hits counted by servers add up; the last hit is the latest of theirs.
func TestRedirectHits(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		r, _, err := s.SaveRedirect(ctx, news.System(), mustRedirect(t, "/a", "/b", news.Moved, news.FromNewsroom))
		if err != nil {
			t.Fatal(err)
		}
		late := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
		if err := s.AddRedirectHits(ctx, map[int64]store.RedirectHits{r.ID: {N: 3, Last: late}, 999999: {N: 1, Last: late}}); err != nil {
			t.Fatal(err)
		}
		if err := s.AddRedirectHits(ctx, map[int64]store.RedirectHits{r.ID: {N: 2, Last: late.Add(-time.Hour)}}); err != nil {
			t.Fatal(err)
		}
		got, _ := lookup(t, s, "/a", "")
		if got.Hits != 5 || !got.LastHit.Equal(late) {
			t.Errorf("hits %d, last %v; want 5 at %v", got.Hits, got.LastHit, late)
		}
	})
}

// The newsroom's list: newest first, a page at a time, found by words or
// by any spelling of a whole address.
func TestRedirectList(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rows := []news.Redirect{
			mustRedirect(t, "/xa-hoi/cau-moi/1.htm", "/cau-moi-post1.html", news.Moved, news.FromCSV),
			mustRedirect(t, "/tag/hà-tĩnh/", "/ha-tinh-tag3.html", news.Moved, news.FromCSV),
			mustRedirect(t, "/video/100_50%25.htm", "", news.Gone, news.FromCSV),
		}
		if _, err := s.ImportRedirects(ctx, news.Shell(), rows); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string][]string{
			"":                                  {"/video/100_50%25.htm", "/tag/hà-tĩnh", "/xa-hoi/cau-moi/1.htm"},
			"cau-moi":                           {"/xa-hoi/cau-moi/1.htm"},
			"POST1":                             {"/xa-hoi/cau-moi/1.htm"},
			"HÀ-TĨNH":                           {"/tag/hà-tĩnh"},
			"ha\u0300-ti\u0303nh":               {"/tag/hà-tĩnh"},
			"https://baohatinh.vn/Tag/Hà-Tĩnh/": {"/tag/hà-tĩnh"},
			"50%":                               {"/video/100_50%25.htm"},
			"_":                                 {"/video/100_50%25.htm"},
			"' OR 1=1 --":                       nil,
		} {
			list, err := s.Redirects(ctx, store.RedirectFilter{Query: q, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range list {
				got = append(got, r.From)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("search %q: %q, want %q", q, got, want)
			}
			if n, err := s.CountRedirects(ctx, store.RedirectFilter{Query: q}); err != nil || n != len(want) {
				t.Errorf("count %q: %d, %v", q, n, err)
			}
		}
		if page, _ := s.Redirects(ctx, store.RedirectFilter{Limit: 1, Offset: 1}); len(page) != 1 || page[0].From != "/tag/hà-tĩnh" {
			t.Errorf("second page of one: %+v", page)
		}
	})
}
