package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func TestMigrate(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, src.Source)
			latest, err := s.LatestVersion()
			if err != nil || latest < 1 {
				t.Fatalf("LatestVersion = %d, %v", latest, err)
			}
			if n, err := s.Migrate(ctx); err != nil || n != 0 {
				t.Fatalf("second Migrate applied %d, %v; want 0, nil", n, err)
			}
			if err := s.CheckSchema(ctx); err != nil {
				t.Fatalf("CheckSchema on a migrated database: %v", err)
			}
		})
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			ctx := context.Background()
			s := storetest.Open(t, src.Source)
			latest, _ := s.LatestVersion()
			raw, err := store.Open(ctx, src.Source)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := raw.Close(); err != nil {
					t.Error(err)
				}
			}()
			if err := raw.ExecForTest(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'future.sql', $2)`, latest+1, time.Now().UTC()); err != nil {
				t.Fatal(err)
			}
			if err := s.CheckSchema(ctx); news.ErrorCode(err) != news.Conflict {
				t.Fatalf("CheckSchema on a newer schema = %v, want a conflict", err)
			}
			if _, err := s.Migrate(ctx); news.ErrorCode(err) != news.Conflict {
				t.Fatalf("Migrate on a newer schema = %v, want a conflict", err)
			}
		})
	}
}

func TestSiteSettings(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		site, err := s.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if site.Name != "Báo Hà Tĩnh" || site.Location == nil || site.Location.String() != "Asia/Ho_Chi_Minh" {
			t.Fatalf("default site = %+v", site)
		}
		site.Name = "Báo Nghệ An"
		site.Dateline = "(Baonghean.vn) - "
		if err := s.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		got, err := s.Site(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Báo Nghệ An" || got.Dateline != "(Baonghean.vn) - " {
			t.Fatalf("saved site = %+v", got)
		}
		site.TimeZone = "Sao Hỏa/Thủ đô"
		if err := s.SaveSite(ctx, news.System(), site); news.ErrorCode(err) != news.Invalid {
			t.Fatalf("SaveSite with a bad zone = %v, want invalid", err)
		}
	})
}

// TestKeptSettingsStayFresh: the site settings and sections the store
// keeps in memory change as soon as they are changed.
func TestKeptSettingsStayFresh(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if secs, _ := s.Sections(ctx); len(secs) != 0 {
			t.Fatalf("sections of an empty paper: %v", secs)
		}
		if _, err := s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"}); err != nil {
			t.Fatal(err)
		}
		secs, _ := s.Sections(ctx)
		if len(secs) != 1 {
			t.Fatalf("a new section is missing: %v", secs)
		}
		secs[0].Name = "sửa bản sao"
		if again, _ := s.Sections(ctx); again[0].Name != "Thời sự" {
			t.Fatal("a caller's copy changed the kept sections")
		}
		secs[0].Name = "Thời sự - Chính trị"
		if err := s.UpdateSection(ctx, news.System(), secs[0]); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.Sections(ctx); again[0].Name != "Thời sự - Chính trị" {
			t.Fatalf("renamed section still %q", again[0].Name)
		}
		site, _ := s.Site(ctx)
		site.Name = "Báo Nghệ An"
		if err := s.SaveSite(ctx, news.System(), site); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.Site(ctx); got.Name != "Báo Nghệ An" {
			t.Fatalf("site name still %q", got.Name)
		}
	})
}
