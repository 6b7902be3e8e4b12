package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
)

// ClientIP is the address a request came from, for rate limits and the
// audit log.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// SecureCookies reports whether cookies must be marked Secure: the paper
// is reached over HTTPS, directly or through the reverse proxy.
func SecureCookies(r *http.Request) bool {
	return r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https"
}

// Truncate keeps at most n bytes of s, whole characters only.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "")
}

// ErrNotText refuses input that is not UTF-8: it would otherwise reach
// the database with its bad bytes silently replaced.
var ErrNotText = news.Errorf(news.Invalid, "Dữ liệu gửi lên có ký tự không hợp lệ (không phải văn bản UTF-8). Vui lòng gõ lại.")

// CheckText refuses values, names or values, that are not UTF-8.
func CheckText(values url.Values) error {
	for k, vs := range values {
		if !utf8.ValidString(k) {
			return ErrNotText
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return ErrNotText
			}
		}
	}
	return nil
}

// RejectInvalidText answers 400 to a request whose path, query or
// toasoan cookies are not UTF-8, before any handler reads them.
func (e *Errors) RejectInvalidText(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !utf8.ValidString(r.URL.Path) || !utf8.ValidString(r.URL.RawQuery) || r.URL.RawQuery != "" && CheckText(r.URL.Query()) != nil {
			e.Fail(w, r, ErrNotText)
			return
		}
		// net/http drops a cookie whose value is not valid; one of the
		// paper's own is refused instead, so nothing is quietly ignored.
		for _, line := range r.Header["Cookie"] {
			if utf8.ValidString(line) {
				continue
			}
			for _, pair := range strings.Split(line, ";") {
				if name, value, _ := strings.Cut(strings.TrimSpace(pair), "="); strings.HasPrefix(name, "toasoan_") && !utf8.ValidString(value) {
					e.Fail(w, r, ErrNotText)
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// Limits on a form's body: photos may be large, forms not.
const (
	MaxFormBytes   = 2 << 20
	MaxUploadBytes = 25 << 20
)

// ParseBoundedForm reads a POST's form within its size limit, so an
// oversized or malformed body gets a clear 4xx instead of a partial read,
// and refuses a form whose text is not UTF-8.
func ParseBoundedForm(w http.ResponseWriter, r *http.Request) error {
	limit := int64(MaxFormBytes)
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	if multipart {
		limit = MaxUploadBytes
	}
	return ParseFormWithin(w, r, limit)
}

// ParseFormWithin is ParseBoundedForm with a limit of the caller's.
func ParseFormWithin(w http.ResponseWriter, r *http.Request, limit int64) error {
	multipart := strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	var err error
	if multipart {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		if limit < 1<<20 {
			return news.Errorf(news.TooLarge, "Dữ liệu gửi lên quá lớn (tối đa %d KB)", limit>>10)
		}
		return news.Errorf(news.TooLarge, "Dữ liệu gửi lên quá lớn (tối đa %d MB)", limit>>20)
	case err != nil:
		return news.Errorf(news.Invalid, "Biểu mẫu không hợp lệ")
	}
	if err := CheckText(r.Form); err != nil {
		return err
	}
	if r.MultipartForm != nil {
		return CheckText(r.MultipartForm.Value)
	}
	return nil
}

// FormID reads an optional numeric id; "" is 0.
func FormID(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id < 0 {
		return 0, errors.New("bad id")
	}
	return id, nil
}

// PathID reads the {id} of a route as a positive number; anything else is
// answered with bad.
func PathID(r *http.Request, bad error) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, bad
	}
	return id, nil
}

// FormTime reads a datetime-local input ("2026-11-29T14:30") in the
// paper's zone; "" is the zero time.
func FormTime(v string, loc *time.Location) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, loc)
	if err != nil {
		return t, news.Errorf(news.Invalid, "Thời gian %q không hợp lệ (cần ngày và giờ)", Truncate(v, 40))
	}
	return t.UTC(), nil
}
