package news

import (
	"net/url"
	"slices"
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
	// Correctors names the roles that correct and take down published
	// stories, comma-separated as the command line writes them
	// ("managing-editor,editor-in-chief"); Policy reads it.
	Correctors string
	Location   *time.Location
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
		{Key: "correctors", Help: "vai trò được đính chính và gỡ bài đã đăng, cách nhau bởi dấu phẩy, ví dụ managing-editor,editor-in-chief"},
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
	case "correctors":
		return &s.Correctors
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
	_, err := ParseRoles(s.Correctors)
	return err
}

// Policy is the workflow the paper's settings ask for; a setting that
// does not parse (Validate refuses to store one) gives the default.
func (s Site) Policy() Policy {
	roles, err := ParseRoles(s.Correctors)
	if err != nil || len(roles) == 0 {
		return DefaultPolicy()
	}
	return Policy{Correctors: roles}
}

// ParseRoles reads a comma-separated list of role names, as the
// correctors setting holds it; at least one role is needed.
func ParseRoles(list string) ([]Role, error) {
	var roles []Role
	for name := range strings.SplitSeq(list, ",") {
		if name = strings.TrimSpace(name); name == "" {
			continue
		}
		r, err := ParseRole(name)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	if len(roles) == 0 {
		return nil, Errorf(Invalid, "Cài đặt correctors: cần ít nhất một vai trò, ví dụ managing-editor,editor-in-chief")
	}
	return roles, nil
}

// RoleNames writes roles as the correctors setting holds them.
func RoleNames(roles []Role) string {
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = string(r)
	}
	return strings.Join(names, ",")
}
