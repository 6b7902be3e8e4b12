package news

import (
	"net/url"
	"strings"
	"time"
)

// Site is the paper's identity, stored in the database as site settings so
// one binary can serve any paper.
type Site struct {
	Name        string // "Báo Hà Tĩnh"
	Dateline    string // "(Baohatinh.vn) - ", put before every lead
	Description string
	BaseURL     string // "https://baohatinh.vn", no trailing slash; empty in development
	LogoURL     string
	TimeZone    string // IANA name, "Asia/Ho_Chi_Minh"
	PurgeURL    string // a CDN's or Varnish's purge hook; changed keys are POSTed to it
	Location    *time.Location
}

// SiteSetting is one of the paper's settings, as the settings table
// stores it and the command line and newsroom name it.
type SiteSetting struct {
	Key  string // the table's key: "name", "base_url"...
	Help string // what it is for, in Vietnamese
	// URL says the value is an http(s) address (or empty).
	URL bool
}

// SiteSettings lists the settings in the order they are shown.
func SiteSettings() []SiteSetting {
	return []SiteSetting{
		{Key: "name", Help: "tên báo"},
		{Key: "dateline", Help: "đầu sapo, ví dụ \"(Baohatinh.vn) - \""},
		{Key: "description", Help: "mô tả trang báo"},
		{Key: "base_url", Help: "địa chỉ gốc, ví dụ https://baohatinh.vn; trống: lấy theo yêu cầu", URL: true},
		{Key: "logo_url", Help: "địa chỉ logo", URL: true},
		{Key: "time_zone", Help: "múi giờ IANA, ví dụ Asia/Ho_Chi_Minh"},
		{Key: "purge_url", Help: "địa chỉ xóa bộ nhớ đệm của proxy/CDN phía trước; trống: tắt", URL: true},
	}
}

// Field is the setting named key of s, nil for a key there is no such
// setting of.
func (s *Site) Field(key string) *string {
	switch key {
	case "name":
		return &s.Name
	case "dateline":
		return &s.Dateline
	case "description":
		return &s.Description
	case "base_url":
		return &s.BaseURL
	case "logo_url":
		return &s.LogoURL
	case "time_zone":
		return &s.TimeZone
	case "purge_url":
		return &s.PurgeURL
	}
	return nil
}

// Validate checks every setting: one line each and not too long, a name,
// addresses that are http(s). Whether the time zone exists is for the
// caller, which has the zone database.
func (s Site) Validate() error {
	for _, setting := range SiteSettings() {
		v := *s.Field(setting.Key)
		if len(v) > 500 || strings.ContainsAny(v, "\r\n\x00") {
			return Errorf(Invalid, "Cài đặt %s: giá trị quá dài hoặc có ký tự xuống dòng", setting.Key)
		}
		if setting.URL && v != "" {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return Errorf(Invalid, "Cài đặt %s: cần một địa chỉ http:// hoặc https://", setting.Key)
			}
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		return Errorf(Invalid, "Tên báo không được trống")
	}
	if s.TimeZone == "" {
		return Errorf(Invalid, "Cài đặt time_zone: cần một múi giờ, ví dụ Asia/Ho_Chi_Minh")
	}
	return nil
}
