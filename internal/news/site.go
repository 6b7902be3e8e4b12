package news

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
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
	PurgeURL    string // a CDN's or Varnish's purge hook, changed keys POSTed to it; with {path}, nginx's, asked per page
	// Correctors names the roles that correct and take down published
	// stories, comma-separated as the command line writes them
	// ("managing-editor,editor-in-chief"); Policy reads it.
	Correctors string
	// The station's live HLS streams (master playlists, https), played
	// at /truc-tuyen; empty: not on air on the site.
	LiveTVURL, LiveRadioURL string

	// The legal footer: what the law asks an online paper to show on
	// every page (its governing body, its licence, its editor-in-chief and
	// how to reach it). The footer leaves out what is not set.
	Licence       string // "123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp", after "Giấy phép số"
	LicenceDate   string // the licence's day, "2020-01-31"
	GoverningBody string // "Tỉnh ủy Hà Tĩnh", after "Cơ quan chủ quản:"
	EditorInChief string // the Tổng biên tập's name
	Address       string
	Phone         string
	Email         string

	Location *time.Location
}

// SettingKind is how a setting's value is checked, and the input a form
// offers for it ("text", "url", "email", "tel", "date" are HTML's).
type SettingKind string

// The kinds of settings.
const (
	TextSetting  SettingKind = "text"
	URLSetting   SettingKind = "url"   // an http(s) address, or empty
	EmailSetting SettingKind = "email" // a bare e-mail address, or empty
	PhoneSetting SettingKind = "tel"   // digits and the signs phone numbers are written with
	DateSetting  SettingKind = "date"  // a day, YYYY-MM-DD, or empty
	ZoneSetting  SettingKind = "zone"  // an IANA time zone
	RolesSetting SettingKind = "roles" // roles, comma-separated
)

// SiteSetting is one of the paper's settings, as the settings table
// stores it and the command line and newsroom name it.
type SiteSetting struct {
	Key   string // the table's key: "name", "base_url"...
	Label string // its name in the newsroom's form
	Help  string // what it is for, in Vietnamese
	Kind  SettingKind
	Max   int  // the longest value, in characters
	Legal bool // part of the legal footer
	HTTPS bool // a URLSetting that must be https (a stream a https page plays)
}

// SiteSettings lists the settings in the order they are shown.
func SiteSettings() []SiteSetting {
	return []SiteSetting{
		{Key: "name", Label: "Tên báo", Help: "tên báo", Kind: TextSetting, Max: 120},
		{Key: "dateline", Label: "Đầu sapo", Help: "đầu sapo, ví dụ \"(Baohatinh.vn) - \"", Kind: TextSetting, Max: 60},
		{Key: "description", Label: "Mô tả", Help: "mô tả trang báo", Kind: TextSetting, Max: 500},
		{Key: "base_url", Label: "Địa chỉ gốc", Help: "địa chỉ gốc, ví dụ https://baohatinh.vn; trống: lấy theo yêu cầu", Kind: URLSetting, Max: 200},
		{Key: "logo_url", Label: "Địa chỉ logo", Help: "địa chỉ logo", Kind: URLSetting, Max: 500},
		{Key: "time_zone", Label: "Múi giờ", Help: "múi giờ IANA, ví dụ Asia/Ho_Chi_Minh", Kind: ZoneSetting, Max: 64},
		{Key: "purge_url", Label: "Địa chỉ xóa bộ nhớ đệm", Help: "địa chỉ xóa bộ nhớ đệm của proxy/CDN phía trước; có {path} thì xóa từng trang theo địa chỉ (nginx), không thì gửi các khóa (Varnish); trống: tắt", Kind: URLSetting, Max: 500},
		{Key: "correctors", Label: "Vai trò được đính chính và gỡ bài", Help: "vai trò được đính chính và gỡ bài đã đăng, cách nhau bởi dấu phẩy, ví dụ managing-editor,editor-in-chief", Kind: RolesSetting, Max: 200},
		{Key: "live_tv_url", Label: "Luồng truyền hình trực tiếp", Help: "địa chỉ https của danh sách phát HLS (.m3u8) của kênh truyền hình, phát ở trang Trực tuyến; trống: không phát", Kind: URLSetting, Max: 500, HTTPS: true},
		{Key: "live_radio_url", Label: "Luồng phát thanh trực tiếp", Help: "địa chỉ https của danh sách phát HLS (.m3u8) của kênh phát thanh, phát ở trang Trực tuyến; trống: không phát", Kind: URLSetting, Max: 500, HTTPS: true},
		{Key: "governing_body", Label: "Cơ quan chủ quản", Help: "cơ quan chủ quản, ví dụ Tỉnh ủy Hà Tĩnh", Kind: TextSetting, Max: 200, Legal: true},
		{Key: "licence", Label: "Giấy phép số", Help: "số giấy phép và nơi cấp, ví dụ 123/GP-BTTTT do Bộ Thông tin và Truyền thông cấp", Kind: TextSetting, Max: 200, Legal: true},
		{Key: "licence_date", Label: "Ngày cấp giấy phép", Help: "ngày cấp giấy phép, ví dụ 2020-01-31 hoặc 31/01/2020", Kind: DateSetting, Max: 10, Legal: true},
		{Key: "editor_in_chief", Label: "Tổng biên tập", Help: "họ tên Tổng biên tập", Kind: TextSetting, Max: 100, Legal: true},
		{Key: "address", Label: "Địa chỉ tòa soạn", Help: "địa chỉ tòa soạn", Kind: TextSetting, Max: 300, Legal: true},
		{Key: "phone", Label: "Điện thoại", Help: "số điện thoại tòa soạn, ví dụ (0239) 3 855 446", Kind: PhoneSetting, Max: 60, Legal: true},
		{Key: "email", Label: "Thư điện tử", Help: "địa chỉ thư điện tử của tòa soạn", Kind: EmailSetting, Max: 254, Legal: true},
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
	case "live_tv_url":
		return &s.LiveTVURL
	case "live_radio_url":
		return &s.LiveRadioURL
	case "governing_body":
		return &s.GoverningBody
	case "licence":
		return &s.Licence
	case "licence_date":
		return &s.LicenceDate
	case "editor_in_chief":
		return &s.EditorInChief
	case "address":
		return &s.Address
	case "phone":
		return &s.Phone
	case "email":
		return &s.Email
	}
	return nil
}

// Validate checks every setting: one line each, no control characters or
// markup, not too long, a name, addresses that are http(s), an e-mail
// address, a phone number and a day of the right form, correctors who
// work on copy. Whether the time zone exists is for the caller, which has
// the zone database.
func (s Site) Validate() error {
	for _, setting := range SiteSettings() {
		if err := setting.check(*s.Field(setting.Key)); err != nil {
			return err
		}
	}
	if strings.TrimSpace(s.Name) == "" {
		return Errorf(Invalid, "Tên báo không được trống")
	}
	_, err := ParseCorrectors(s.Correctors)
	return err
}

// check is the rules of one setting's kind on value.
func (setting SiteSetting) check(v string) error {
	label := setting.Label
	if !utf8.ValidString(v) || strings.ContainsFunc(v, isControl) {
		return Errorf(Invalid, "%s: chỉ được một dòng, không có ký tự xuống dòng hay ký tự điều khiển", label)
	}
	if n := utf8.RuneCountInString(v); n > setting.Max {
		return Errorf(Invalid, "%s: quá dài (%d ký tự, tối đa %d)", label, n, setting.Max)
	}
	if strings.ContainsAny(v, "<>") {
		return Errorf(Invalid, "%s: không được có dấu < hoặc > (mã HTML)", label)
	}
	if v == "" {
		if setting.Kind == ZoneSetting {
			return Errorf(Invalid, "%s: cần một múi giờ, ví dụ Asia/Ho_Chi_Minh", label)
		}
		return nil
	}
	switch setting.Kind {
	case URLSetting:
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.ContainsAny(v, " \"'") {
			return Errorf(Invalid, "%s: cần một địa chỉ http:// hoặc https://", label)
		}
		if setting.HTTPS && u.Scheme != "https" {
			return Errorf(Invalid, "%s: cần một địa chỉ https:// (trang báo chạy trên https không phát được luồng http)", label)
		}
	case EmailSetting:
		if a, err := mail.ParseAddress(v); err != nil || a.Address != v || a.Name != "" {
			return Errorf(Invalid, "%s: cần một địa chỉ thư điện tử, ví dụ toasoan@baohatinh.vn", label)
		}
	case PhoneSetting:
		if strings.ContainsFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789 +().-/,", r) }) || digitCount(v) < 6 {
			return Errorf(Invalid, "%s: chỉ gồm chữ số (ít nhất 6), dấu cách và các dấu + ( ) . - / ,", label)
		}
	case DateSetting:
		if d, err := time.Parse(time.DateOnly, v); err != nil || d.Year() < 1900 || d.Year() > 2200 {
			return Errorf(Invalid, "%s: cần một ngày có thật, ví dụ 2020-01-31", label)
		}
	case ZoneSetting:
		if v == "Local" {
			return Errorf(Invalid, "Múi giờ %q không hợp lệ: cần tên IANA, ví dụ Asia/Ho_Chi_Minh", v)
		}
	}
	return nil
}

// isControl is a character that has no place in a one-line setting: line
// and paragraph breaks, control and format characters (among them the
// marks that reverse the direction of text).
func isControl(r rune) bool {
	return unicode.In(r, unicode.Cc, unicode.Cf, unicode.Zl, unicode.Zp) || r == utf8.RuneError
}

// digitCount is how many ASCII digits s holds.
func digitCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// LicenceDay is the licence's day as papers print it, "31/01/2020"; ""
// when it is not set.
func (s Site) LicenceDay() string {
	d, err := time.Parse(time.DateOnly, s.LicenceDate)
	if err != nil {
		return ""
	}
	return d.Format("02/01/2006")
}

// HasLegalFooter reports whether the legal footer has a line to show (the
// licence's day shows only with its number).
func (s Site) HasLegalFooter() bool {
	return s.GoverningBody != "" || s.Licence != "" || s.EditorInChief != "" || s.Address != "" || s.Phone != "" || s.Email != ""
}

// Policy is the workflow the paper's settings ask for; a setting that
// does not parse (Validate refuses to store one) gives the default.
func (s Site) Policy() Policy {
	roles, err := ParseCorrectors(s.Correctors)
	if err != nil {
		return DefaultPolicy()
	}
	return Policy{Correctors: roles}
}

// CorrectorChoices is the roles a paper can let correct and take down
// published stories: those that work on copy (ReadCopy).
func CorrectorChoices() []Role {
	var out []Role
	for _, r := range Roles() {
		if Can(User{Roles: []Role{r}}, ReadCopy) {
			out = append(out, r)
		}
	}
	return out
}

// ParseCorrectors reads the correctors setting: roles, comma-separated,
// at least one, each of CorrectorChoices.
func ParseCorrectors(list string) ([]Role, error) {
	roles, err := ParseRoles(list)
	if err != nil {
		return nil, err
	}
	for _, r := range roles {
		if !slices.Contains(CorrectorChoices(), r) {
			return nil, Errorf(Invalid, "Vai trò %s không làm việc với bài viết nên không thể đính chính hay gỡ bài", r.Label())
		}
	}
	return roles, nil
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
		return nil, Errorf(Invalid, "Cần ít nhất một vai trò được đính chính và gỡ bài, ví dụ managing-editor,editor-in-chief")
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
