package settings_test

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/settings"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/store/storetest"
)

func TestSet(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		svc := settings.New(s)
		for _, c := range []struct{ key, value, text string }{
			{"name", "   ", "không được trống"},
			{"base_url", "javascript:alert(1)", "http"},
			{"purge_url", "ftp://x", "http"},
			{"time_zone", "Sao/Hoả", "Múi giờ"},
			{"description", "hai\ndòng", "xuống dòng"},
			{"description", strings.Repeat("x", 501), "quá dài"},
			{"password", "x", "Không có cài đặt"},
		} {
			if _, err := svc.Set(ctx, news.Shell(), c.key, c.value); news.ErrorCode(err) != news.Invalid || !strings.Contains(news.ErrorMessage(err), c.text) {
				t.Errorf("%s = %q: %v, want a refusal mentioning %q", c.key, c.value, err, c.text)
			}
		}
		if _, err := svc.Set(ctx, news.Actor{User: news.User{ID: 5, Roles: []news.Role{news.Editor}}}, "name", "Báo khác"); news.ErrorCode(err) != news.Forbidden {
			t.Errorf("an editor renaming the paper: %v", err)
		}
		got, err := svc.Set(ctx, news.Shell(), "name", norm.NFD.String(" Báo Hà Tĩnh điện tử "))
		if err != nil || got != "Báo Hà Tĩnh điện tử" {
			t.Fatalf("name stored as %q (%v), want trimmed NFC", got, err)
		}
		if got, _ := svc.Set(ctx, news.Shell(), "base_url", "https://baohatinh.vn/"); got != "https://baohatinh.vn" {
			t.Errorf("base_url stored as %q, want no trailing slash", got)
		}
		if got, _ := svc.Set(ctx, news.Shell(), "dateline", "(BHT) - "); got != "(BHT) - " {
			t.Errorf("dateline stored as %q, want its trailing space kept", got)
		}
		site, err := svc.Site(ctx)
		if err != nil || site.Name != "Báo Hà Tĩnh điện tử" || site.BaseURL != "https://baohatinh.vn" {
			t.Fatalf("read back: %+v %v", site, err)
		}
		log, err := s.AuditLog(ctx, store.AuditFilter{ObjectType: "site"})
		if err != nil || len(log) != 3 || log[0].Detail != "dateline" || log[0].IP != news.CommandLine {
			t.Fatalf("audit of the settings: %+v %v", log, err)
		}
	})
}
