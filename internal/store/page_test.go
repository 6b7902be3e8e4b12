package store_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

// heardKeys collects the keys of every change s announces.
func heardKeys(s *store.Store) func() []string {
	var mu sync.Mutex
	var keys []string
	s.Subscribe(func(ch news.Change) {
		mu.Lock()
		keys = append(keys, ch.Strings()...)
		mu.Unlock()
	})
	return func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := keys
		keys = nil
		return out
	}
}

// Pages are written whole with their audit entry, in NFC, announce their
// own key and the site's when the footer changes, refuse a slug that is
// taken, and the footer read from memory follows every change.
func TestPages(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		heard := heardKeys(s)
		editor, err := s.CreateUser(ctx, news.System(), news.User{Email: "tks@bao.vn", Name: "Thư ký", PasswordHash: "h", Roles: []news.Role{news.ManagingEditor}})
		if err != nil {
			t.Fatal(err)
		}
		by := news.Actor{User: editor, IP: "10.0.0.7"}
		about, err := s.SavePage(ctx, by, news.Page{Slug: "gioi-thieu", Title: norm.NFD.String("Giới thiệu"), Body: "<p>Báo của tỉnh.</p>", ShowInFooter: true, Position: 1})
		if err != nil {
			t.Fatal(err)
		}
		if about.ID == 0 || about.Title != "Giới thiệu" || about.CreatedBy != editor.ID || about.CreatedAt.IsZero() {
			t.Fatalf("saved: %+v", about)
		}
		if keys := heard(); !slices.Contains(keys, string(news.PageKey(about.ID))) || !slices.Contains(keys, "site") {
			t.Errorf("a new footer page announced %q", keys)
		}
		stored, err := s.PageBySlug(ctx, "gioi-thieu")
		if err != nil || stored.Title != "Giới thiệu" || !norm.NFC.IsNormalString(stored.Title) || stored.Body != "<p>Báo của tỉnh.</p>" {
			t.Fatalf("read back: %+v %v", stored, err)
		}
		rules, err := s.SavePage(ctx, news.System(), news.Page{Slug: "quy-dinh", Title: "Quy định bình luận"})
		if err != nil {
			t.Fatal(err)
		}
		if keys := heard(); slices.Contains(keys, "site") {
			t.Errorf("a page outside the footer dropped every page: %q", keys)
		}
		contact, err := s.SavePage(ctx, news.System(), news.Page{Slug: "lien-he", Title: "Liên hệ", ShowInFooter: true, Position: 0})
		if err != nil {
			t.Fatal(err)
		}
		footer := func() []string {
			t.Helper()
			pages, err := s.FooterPages(ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, p := range pages {
				out = append(out, p.Title+" "+p.Path())
			}
			return out
		}
		if got := footer(); !slices.Equal(got, []string{"Liên hệ /lien-he.html", "Giới thiệu /gioi-thieu.html"}) {
			t.Errorf("footer %q", got)
		}

		// The body alone: only the page's key.
		heard()
		about.Body = "<p>Báo Đảng bộ tỉnh.</p>"
		if about, err = s.SavePage(ctx, by, about); err != nil {
			t.Fatal(err)
		}
		if keys := heard(); !slices.Contains(keys, string(news.PageKey(about.ID))) || slices.Contains(keys, "site") {
			t.Errorf("a body's change announced %q", keys)
		}
		// The title of a footer page: the footer changes, from memory too.
		about.Title = "Về chúng tôi"
		if about, err = s.SavePage(ctx, by, about); err != nil {
			t.Fatal(err)
		}
		if keys := heard(); !slices.Contains(keys, "site") {
			t.Errorf("a footer title's change announced %q", keys)
		}
		if got := footer(); !slices.Equal(got, []string{"Liên hệ /lien-he.html", "Về chúng tôi /gioi-thieu.html"}) {
			t.Errorf("footer after the new title %q", got)
		}

		// A slug that is taken is a conflict, and nothing changes.
		rules.Slug = "lien-he"
		if _, err := s.SavePage(ctx, by, rules); news.ErrorCode(err) != news.Conflict || !strings.Contains(news.ErrorMessage(err), "/lien-he.html") {
			t.Errorf("a taken slug: %v", err)
		}
		if _, err := s.SavePage(ctx, by, news.Page{Slug: "gioi-thieu", Title: "Trang trùng"}); news.ErrorCode(err) != news.Conflict {
			t.Errorf("a new page with a taken slug: %v", err)
		}
		if _, err := s.SavePage(ctx, by, news.Page{ID: 999999, Slug: "khong-co", Title: "Không có"}); news.ErrorCode(err) != news.NotFound {
			t.Errorf("saving a page that does not exist: %v", err)
		}
		if p, _ := s.Page(ctx, rules.ID); p.Slug != "quy-dinh" {
			t.Errorf("the refused slug was stored: %q", p.Slug)
		}

		if err := s.DeletePage(ctx, by, contact.ID); err != nil {
			t.Fatal(err)
		}
		if keys := heard(); !slices.Contains(keys, "site") || !slices.Contains(keys, string(news.PageKey(contact.ID))) {
			t.Errorf("deleting a footer page announced %q", keys)
		}
		if _, err := s.PageBySlug(ctx, "lien-he"); news.ErrorCode(err) != news.NotFound {
			t.Errorf("a deleted page is found: %v", err)
		}
		if err := s.DeletePage(ctx, by, contact.ID); news.ErrorCode(err) != news.NotFound {
			t.Errorf("deleting it again: %v", err)
		}
		if got := footer(); !slices.Equal(got, []string{"Về chúng tôi /gioi-thieu.html"}) {
			t.Errorf("footer after deleting %q", got)
		}
		all, err := s.Pages(ctx)
		if err != nil || len(all) != 2 || all[0].Slug != "quy-dinh" {
			t.Errorf("all pages: %+v %v", all, err)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "page"})
		if err != nil || len(log) != 6 || log[0].Action != "page.delete" || log[0].IP != "10.0.0.7" || !strings.Contains(log[0].Detail, "/lien-he.html") {
			t.Errorf("audit: %+v %v", log, err)
		}
	})
}

// upsertPage, which an import calls in its own transaction, adds a page,
// then updates the page with the same slug instead of adding a copy,
// keeping when and by whom it was first made; it refuses what Validate
// refuses.
func TestUpsertPage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		made := time.Date(2012, 3, 4, 5, 6, 7, 0, time.UTC)
		p := news.Page{Slug: "gioi-thieu", Title: norm.NFD.String("Giới thiệu"), Body: "<p>Cũ.</p>", CreatedAt: made, UpdatedAt: made}
		if err := s.UpsertPageForTest(ctx, &p); err != nil || p.ID == 0 {
			t.Fatalf("first import: %v, id %d", err, p.ID)
		}
		first := p.ID
		again := news.Page{Slug: "gioi-thieu", Title: "Giới thiệu tòa soạn", Body: "<p>Mới.</p>", ShowInFooter: true, Position: 2}
		if err := s.UpsertPageForTest(ctx, &again); err != nil || again.ID != first {
			t.Fatalf("second import: %v, id %d want %d", err, again.ID, first)
		}
		got, err := s.PageBySlug(ctx, "gioi-thieu")
		if err != nil || got.Title != "Giới thiệu tòa soạn" || got.Body != "<p>Mới.</p>" || !got.ShowInFooter || got.Position != 2 ||
			!got.CreatedAt.Equal(made) || !got.UpdatedAt.After(made) {
			t.Errorf("after the second import: %+v %v", got, err)
		}
		if all, _ := s.Pages(ctx); len(all) != 1 {
			t.Errorf("%d pages, want 1", len(all))
		}
		bad := news.Page{Slug: "gioi-thieu-post5", Title: "Trang lạ"}
		if err := s.UpsertPageForTest(ctx, &bad); news.ErrorCode(err) != news.Invalid {
			t.Errorf("a slug of an article's form: %v", err)
		}
	})
}
