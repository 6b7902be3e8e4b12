package news

import (
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// RedirectStatus is what the site answers at an old address.
type RedirectStatus int

// The answers: moved for good (the reader and search engines go on to the
// target), or removed on purpose.
const (
	Moved RedirectStatus = 301
	Gone  RedirectStatus = 410
)

// Label is the status as the newsroom names it.
func (s RedirectStatus) Label() string {
	if s == Gone {
		return "410 – đã gỡ bỏ"
	}
	return "301 – đã chuyển"
}

// RedirectOrigin is where a redirect came from: an editor, a CSV file, or
// an archive import. An import run again replaces what an import wrote,
// never what a person set (the newsroom or a CSV file).
type RedirectOrigin string

// The origins.
const (
	FromNewsroom  RedirectOrigin = "newsroom"
	FromCSV       RedirectOrigin = "csv"
	FromWordPress RedirectOrigin = "wordpress"
	FromHTML      RedirectOrigin = "html"
)

// SetByPerson reports whether o is a person's decision rather than an
// import's.
func (o RedirectOrigin) SetByPerson() bool { return o == FromNewsroom || o == FromCSV }

// Label is the origin as the newsroom names it.
func (o RedirectOrigin) Label() string {
	switch o {
	case FromNewsroom:
		return "Tòa soạn"
	case FromCSV:
		return "Tệp CSV"
	case FromWordPress:
		return "Nhập WordPress"
	case FromHTML:
		return "Nhập HTML"
	}
	return string(o)
}

// Redirect is an old address of the paper and what the site answers
// there when no page of its own does: 301 to Target, or 410.
type Redirect struct {
	ID        int64
	From      string // the old address, in the table's form: see OldPath
	To        string // a path of the site ("/...") or an http(s) address; "" when Gone
	Status    RedirectStatus
	Origin    RedirectOrigin
	CreatedBy int64
	CreatedAt time.Time
	UpdatedAt time.Time
	Hits      int64     // requests answered, counted by the servers and written about once a minute
	LastHit   time.Time // zero: never
}

// NewRedirect reads an old address and a target as people write them
// (the target may be empty for Gone) and checks the redirect they make.
func NewRedirect(old, target string, status RedirectStatus, origin RedirectOrigin) (Redirect, error) {
	r := Redirect{Status: status, Origin: origin}
	var err error
	if r.From, err = OldPath(old); err != nil {
		return r, err
	}
	if strings.TrimSpace(target) != "" {
		if r.To, err = RedirectTarget(target); err != nil {
			return r, err
		}
	}
	return r, r.Validate()
}

// Validate checks a redirect whose addresses are in their stored forms:
// an old address that is not the home page nor the newsroom's, a target
// for a 301 and none for a 410, and a target that does not lead back to
// the old address. Loops through other redirects need the table: the
// store refuses them.
func (r Redirect) Validate() error {
	switch {
	case !isNormalOldPath(r.From):
		return Errorf(Invalid, "Địa chỉ cũ %q chưa ở dạng chuẩn", Clip(r.From, 80))
	case r.From == "/":
		return Errorf(Invalid, "Không thể chuyển hướng trang chủ «/»; chỉ được khi địa chỉ có tham số, ví dụ /?p=123")
	case isSystemPath(r.From):
		return Errorf(Invalid, "Địa chỉ cũ %q thuộc phần hệ thống (/toasoan, /api), không chuyển hướng được", Clip(r.From, 80))
	}
	switch r.Status {
	case Moved:
		if r.To == "" {
			return Errorf(Invalid, "Vui lòng nhập địa chỉ mới (hoặc chọn 410 – đã gỡ bỏ)")
		}
	case Gone:
		if r.To != "" {
			return Errorf(Invalid, "Nội dung đã gỡ bỏ (410) không có địa chỉ mới: hãy để trống địa chỉ mới")
		}
	default:
		return Errorf(Invalid, "Vui lòng chọn 301 (đã chuyển) hoặc 410 (đã gỡ bỏ)")
	}
	switch r.Origin {
	case FromNewsroom, FromCSV, FromWordPress, FromHTML:
	default:
		return Errorf(Invalid, "Nguồn chuyển hướng %q không hợp lệ", Clip(string(r.Origin), 20))
	}
	if r.To == "" {
		return nil
	}
	if t, err := RedirectTarget(r.To); err != nil {
		return err
	} else if t != r.To {
		return Errorf(Invalid, "Địa chỉ mới %q chưa ở dạng chuẩn", Clip(r.To, 80))
	}
	if p, q, ok := r.LocalTarget(""); ok && slices.Contains(RedirectKeys(p, q), r.From) {
		return r.LoopError(r.From)
	}
	return nil
}

// LoopError refuses a redirect whose target leads back to its old
// address, through the redirects after it (chain: the old address, then
// each address on the way back to it).
func (r Redirect) LoopError(chain ...string) error {
	if len(chain) <= 1 {
		return Errorf(Invalid, "Địa chỉ mới %q trùng với địa chỉ cũ (kể cả khi chỉ khác chữ hoa, chữ thường hay dấu / ở cuối): trang sẽ tự chuyển hướng mãi", Clip(r.To, 80))
	}
	return Errorf(Invalid, "Chuyển hướng này tạo thành vòng lặp: %s → %s", Clip(strings.Join(chain, " → "), 300), r.From)
}

// isSystemPath is an address under the newsroom or the API.
func isSystemPath(key string) bool {
	p, _, _ := strings.Cut(key, "?")
	for _, prefix := range []string{"/toasoan", "/api"} {
		if p == prefix || strings.HasPrefix(p, prefix+"/") {
			return true
		}
	}
	return false
}

// RedirectTarget is a target as someone wrote it, in the form the table
// keeps: a path of the site (beginning with one "/") or an http(s)
// address, percent-encoded where a Location header needs it. Anything a
// browser could read as another host or as a script is refused: "//host",
// "/\host", "javascript:", an address with a user name in it.
func RedirectTarget(raw string) (string, error) {
	s := norm.NFC.String(strings.TrimSpace(raw))
	bad := Errorf(Invalid, "Địa chỉ mới %q không hợp lệ: cần đường dẫn bắt đầu bằng / (ví dụ /xa-hoi/) hoặc địa chỉ đầy đủ https://...", Clip(s, 80))
	switch {
	case s == "":
		return "", Errorf(Invalid, "Vui lòng nhập địa chỉ mới")
	case len(s) > maxRedirectAddress:
		return "", Errorf(Invalid, "Địa chỉ mới dài quá %d ký tự", maxRedirectAddress)
	case strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }):
		return "", Errorf(Invalid, "Địa chỉ mới %q có dấu cách hoặc ký tự điều khiển", Clip(s, 80))
	case strings.Contains(s, `\`):
		return "", bad
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", bad
	}
	if strings.HasPrefix(s, "/") {
		if strings.HasPrefix(s, "//") || u.Scheme != "" || u.Host != "" {
			return "", bad
		}
		return u.String(), nil
	}
	switch {
	case u.Scheme != "http" && u.Scheme != "https" || u.Host == "" || u.Opaque != "":
		return "", bad
	case u.User != nil:
		return "", Errorf(Invalid, "Địa chỉ mới %q không được chứa tên đăng nhập (dạng https://ai@...)", Clip(s, 80))
	case strings.ContainsFunc(u.Host, func(r rune) bool { return r > unicode.MaxASCII }):
		return "", Errorf(Invalid, "Tên miền có dấu trong %q: hãy viết ở dạng xn-- (punycode)", Clip(s, 80))
	}
	return u.String(), nil
}

// LocalTarget is the path and query of r's target when it is on the
// paper's own site: a path, or an address on baseURL's host (the site
// setting; "" knows no host).
func (r Redirect) LocalTarget(baseURL string) (escapedPath, rawQuery string, ok bool) {
	if r.To == "" {
		return "", "", false
	}
	u, err := url.Parse(r.To)
	if err != nil {
		return "", "", false
	}
	if u.Host != "" {
		base, err := url.Parse(baseURL)
		if baseURL == "" || err != nil || urlHost(base) != urlHost(u) {
			return "", "", false
		}
	}
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	return p, u.RawQuery, true
}
