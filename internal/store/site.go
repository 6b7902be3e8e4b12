package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// DefaultSite is the identity a new database starts with: the demo paper.
func DefaultSite() news.Site {
	return news.Site{
		Name:        "Báo Hà Tĩnh",
		Dateline:    "(Baohatinh.vn) - ",
		Description: "Tin tức, thời sự, kinh tế, văn hóa, xã hội của tỉnh Hà Tĩnh",
		BaseURL:     "", // empty: taken from each request's host
		LogoURL:     "",
		TimeZone:    "Asia/Ho_Chi_Minh",
		Correctors:  news.RoleNames(news.DefaultPolicy().Correctors),
	}
}

// Site reads the paper's identity; settings missing from the table keep
// their defaults.
func (s *Store) Site(ctx context.Context) (news.Site, error) {
	return s.chrome.site.get(func() (news.Site, error) { return s.readSite(ctx) })
}

func (s *Store) readSite(ctx context.Context) (news.Site, error) {
	site := DefaultSite()
	rows, err := s.read.QueryContext(ctx, `SELECT key, value FROM site_settings`)
	if err != nil {
		return site, fmt.Errorf("read site settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var key, value string
		if err := rows.Scan(&key, &value); err != nil {
			return site, fmt.Errorf("read site settings: %w", err)
		}
		if f := site.Field(key); f != nil {
			*f = value
		}
	}
	if err := rows.Err(); err != nil {
		return site, fmt.Errorf("read site settings: %w", err)
	}
	loc, err := s.zone(site.TimeZone)
	if err != nil {
		return site, fmt.Errorf("site time zone %q: %w", site.TimeZone, err)
	}
	site.Location = loc
	return site, nil
}

// zone loads a time zone once: Site runs on every page, and loading a
// zone parses the zone database each time.
func (s *Store) zone(name string) (*time.Location, error) {
	if loc, ok := s.zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, err
	}
	s.zones.Store(name, loc)
	return loc, nil
}

// SaveSite writes every setting of site in one transaction with its
// audit entry, which names the settings that changed.
func (s *Store) SaveSite(ctx context.Context, by news.Actor, site news.Site) error {
	if _, err := s.zone(site.TimeZone); err != nil {
		return news.Errorf(news.Invalid, "Múi giờ %q không hợp lệ", site.TimeZone)
	}
	normalizeSite(&site)
	before, err := s.readSite(ctx)
	if err != nil {
		return err
	}
	return s.change(ctx, by, "site.save", func(t *tx, e *news.AuditEntry) error {
		var changed []string
		for _, setting := range news.SiteSettings() {
			value := *site.Field(setting.Key)
			if value != *before.Field(setting.Key) {
				changed = append(changed, setting.Key)
			}
			if _, err := t.ExecContext(ctx, `INSERT INTO site_settings (key, value) VALUES ($1, $2)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, setting.Key, value); err != nil {
				return fmt.Errorf("save site setting %s: %w", setting.Key, err)
			}
		}
		t.announce(news.SiteKey)
		e.ObjectType, e.Detail = "site", strings.Join(changed, ", ")
		if len(changed) == 0 {
			e.Detail = "không đổi"
		}
		return nil
	})
}

// Secret returns the named server secret, creating it from fresh on
// first use; every server on one database shares it.
func (s *Store) Secret(ctx context.Context, name string, fresh func() string) (string, error) {
	key := "secret:" + name
	err := s.commit(ctx, func(t *tx) error {
		_, err := t.ExecContext(ctx, `INSERT INTO site_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, fresh())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("secret %s: %w", name, err)
	}
	var v string
	err = s.read.QueryRowContext(ctx, `SELECT value FROM site_settings WHERE key = $1`, key).Scan(&v)
	return v, err
}
