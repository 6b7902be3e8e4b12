package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/web"
)

// maxJSONBytes bounds a JSON request: an article body may be 1 MB
// (newsroom's limit), and JSON escaping can nearly double it.
const maxJSONBytes = 2 << 20

// decodeJSON reads r's body into dst, a pointer to a struct. Everything a
// client can get wrong is an Invalid (or TooLarge) error with a Vietnamese
// message: another Content-Type, a body that is not one JSON object,
// fields dst does not have, values of the wrong type, data after the
// object.
func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return news.Errorf(news.Invalid, "Yêu cầu phải gửi dữ liệu JSON với tiêu đề “Content-Type: application/json”")
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxJSONBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return news.Errorf(news.TooLarge, "Dữ liệu gửi lên quá lớn (tối đa %d MB)", maxJSONBytes>>20)
		}
		return news.Errorf(news.Invalid, "Không đọc được dữ liệu gửi lên")
	}
	if !utf8.Valid(data) {
		return web.ErrNotText
	}
	if data = bytes.TrimSpace(data); len(data) == 0 || data[0] != '{' {
		return news.Errorf(news.Invalid, "Dữ liệu JSON không hợp lệ: cần một đối tượng {…}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return news.Errorf(news.Invalid, "Dữ liệu JSON không hợp lệ: có dữ liệu thừa sau đối tượng")
	}
	return nil
}

// jsonError words a decoding failure for the client. encoding/json has no
// type for unknown fields, so that one is recognised by its text.
func jsonError(err error) error {
	if e, ok := errors.AsType[*json.UnmarshalTypeError](err); ok && e.Field != "" {
		return news.Errorf(news.Invalid, "Dữ liệu JSON không hợp lệ: trường “%s” sai kiểu", e.Field)
	}
	if field, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return news.Errorf(news.Invalid, "Dữ liệu JSON không hợp lệ: không có trường %s", clip(field))
	}
	return news.Errorf(news.Invalid, "Dữ liệu JSON không hợp lệ")
}

// pathID reads the positive integer id named name in r's path.
func pathID(r *http.Request, name, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, news.Errorf(news.Invalid, "Mã %s không hợp lệ: cần một số nguyên dương", what)
	}
	return id, nil
}

// parseTime reads an RFC 3339 time; "" is the zero time (none).
func parseTime(field, s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, news.Errorf(news.Invalid, "Thời điểm “%s” (trường %s) không đúng định dạng RFC 3339, ví dụ 2026-11-29T08:00:00+07:00", clip(s), field)
	}
	return t.UTC(), nil
}

// timeOrNil is t for JSON: null for the zero time, UTC otherwise.
func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.UTC()
	return &t
}

// idOrNil is a reference for JSON: null for none (0).
func idOrNil(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// clip shortens what a client sent before it is quoted back in a message.
func clip(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	cut := max
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
