// Package settings is the one front door to the paper's settings (its
// name, dateline, addresses, time zone, purge hook): the command line
// today, and any page or API that sets them, check values the same way.
package settings

import (
	"context"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// Service reads and changes the paper's settings.
type Service struct {
	store *store.Store
}

// New returns the service over s.
func New(s *store.Store) *Service { return &Service{store: s} }

// Site is the paper's settings as they stand.
func (s *Service) Site(ctx context.Context) (news.Site, error) { return s.store.Site(ctx) }

// Set changes the setting key to value on actor's authority and returns
// the value as stored: NFC, trimmed (but for the dateline, which ends in
// a space on purpose), and checked with the other settings.
func (s *Service) Set(ctx context.Context, actor news.Actor, key, value string) (string, error) {
	if err := actor.Require(news.ManageSite); err != nil {
		return "", err
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return "", err
	}
	field := site.Field(key)
	if field == nil {
		keys := make([]string, 0, len(news.SiteSettings()))
		for _, setting := range news.SiteSettings() {
			keys = append(keys, setting.Key)
		}
		return "", news.Errorf(news.Invalid, "Không có cài đặt %q; các cài đặt: %s", news.Clip(key, 40), strings.Join(keys, ", "))
	}
	value = vietnamese.NFC(value)
	if key != "dateline" {
		value = strings.TrimSpace(value)
	}
	if key == "base_url" {
		value = strings.TrimRight(value, "/")
	}
	*field = value
	if err := site.Validate(); err != nil {
		return "", err
	}
	return value, s.store.SaveSite(ctx, actor, site)
}
