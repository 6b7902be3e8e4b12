package store

import (
	"context"
	"database/sql"
	"fmt"
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
	}
}

// siteKeys maps the settings table's keys to the Site's fields.
func siteKeys(site *news.Site) map[string]*string {
	return map[string]*string{
		"name":        &site.Name,
		"dateline":    &site.Dateline,
		"description": &site.Description,
		"base_url":    &site.BaseURL,
		"logo_url":    &site.LogoURL,
		"time_zone":   &site.TimeZone,
		"purge_url":   &site.PurgeURL,
	}
}

// Site reads the paper's identity; settings missing from the table keep
// their defaults.
func (s *Store) Site(ctx context.Context) (news.Site, error) {
	return s.chrome.site.get(func() (news.Site, error) { return s.readSite(ctx) })
}

func (s *Store) readSite(ctx context.Context) (news.Site, error) {
	site := DefaultSite()
	fields := siteKeys(&site)
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
		if f, ok := fields[key]; ok {
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

// SaveSite writes every setting of site in one transaction.
func (s *Store) SaveSite(ctx context.Context, site news.Site) error {
	if _, err := time.LoadLocation(site.TimeZone); err != nil {
		return news.Errorf(news.Invalid, "múi giờ %q không hợp lệ", site.TimeZone)
	}
	normalizeSite(&site)
	defer s.changed(ctx, "site")
	return s.inTx(ctx, func(tx *sql.Tx) error {
		for key, value := range siteKeys(&site) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO site_settings (key, value) VALUES ($1, $2)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, *value); err != nil {
				return fmt.Errorf("save site setting %s: %w", key, err)
			}
		}
		return nil
	})
}

// Secret returns the named server secret, creating it from fresh on
// first use; every server on one database shares it.
func (s *Store) Secret(ctx context.Context, name string, fresh func() string) (string, error) {
	key := "secret:" + name
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO site_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, key, fresh())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("secret %s: %w", name, err)
	}
	var v string
	err = s.read.QueryRowContext(ctx, `SELECT value FROM site_settings WHERE key = $1`, key).Scan(&v)
	return v, err
}
