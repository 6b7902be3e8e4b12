// Package settings is the one front door to the paper's settings (its
// name, dateline, addresses, time zone, purge hook, who corrects published
// stories, its legal footer): the command line and the newsroom's page
// check and store values the same way.
package settings

import (
	"context"
	"strings"
	"time"

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
// the value as stored (see Save).
func (s *Service) Set(ctx context.Context, actor news.Actor, key, value string) (string, error) {
	site, err := s.Save(ctx, actor, map[string]string{key: value})
	if err != nil {
		return "", err
	}
	return *site.Field(key), nil
}

// Save changes the settings values names (by key, as typed) on actor's
// authority, keeps the others, checks them all together and stores them
// in one audited change. Values are stored NFC and trimmed (but for the
// dateline, which ends in a space on purpose), an address without its
// trailing slash, a day as 2020-01-31 and the correctors as the role
// names they stand for. It returns the settings as stored; on a refusal
// nothing is stored.
func (s *Service) Save(ctx context.Context, actor news.Actor, values map[string]string) (news.Site, error) {
	if err := actor.Require(news.EditSiteSettings); err != nil {
		return news.Site{}, err
	}
	site, err := s.store.Site(ctx)
	if err != nil {
		return news.Site{}, err
	}
	for key, value := range values {
		field := site.Field(key)
		if field == nil {
			return news.Site{}, unknownSetting(key)
		}
		*field = clean(key, value)
	}
	if err := site.Validate(); err != nil {
		return news.Site{}, err
	}
	if _, err := time.LoadLocation(site.TimeZone); err != nil {
		return news.Site{}, news.Errorf(news.Invalid, "Múi giờ %q không có trong cơ sở dữ liệu múi giờ; ví dụ Asia/Ho_Chi_Minh", news.Clip(site.TimeZone, 64))
	}
	if err := s.store.SaveSite(ctx, actor, site); err != nil {
		return news.Site{}, err
	}
	return site, nil
}

// clean is value as the setting key stores it; what cannot be read is
// left as typed, for Validate to refuse with its reason.
func clean(key, value string) string {
	value = vietnamese.NFC(value)
	if key != "dateline" {
		value = strings.TrimSpace(value)
	}
	switch key {
	case "base_url":
		value = strings.TrimRight(value, "/")
	case "licence_date":
		if day, err := vietnamese.ParseDay(strings.ReplaceAll(value, "/", "-"), time.UTC); err == nil {
			value = day.Format(time.DateOnly)
		}
	case "correctors":
		if roles, err := news.ParseRoles(value); err == nil {
			value = news.RoleNames(roles)
		}
	}
	return value
}

// unknownSetting refuses a key there is no setting of, listing those
// there are.
func unknownSetting(key string) error {
	keys := make([]string, 0, len(news.SiteSettings()))
	for _, setting := range news.SiteSettings() {
		keys = append(keys, setting.Key)
	}
	return news.Errorf(news.Invalid, "Không có cài đặt %q; các cài đặt: %s", news.Clip(key, 40), strings.Join(keys, ", "))
}
