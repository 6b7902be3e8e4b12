package auth

import (
	"strings"
	"unicode/utf8"

	"github.com/toasoan/toasoan/internal/news"
)

// Password policy. Length is what makes a password hard to guess (NIST
// SP 800-63B), so there are no rules about digits or capitals. The upper
// bound is in bytes because bytes are what argon2 and the request body pay
// for; 200 bytes is still at least 50 characters of any script.
const (
	minPasswordRunes = 10
	maxPasswordBytes = 200
)

// CheckPassword enforces the password policy and returns nil when password
// is acceptable, or a news.Invalid error whose message the web layer shows
// as written. The caller NFC-normalizes password before calling it and
// before hashing: the length is counted in characters (runes), and an NFD
// "ậ" is three runes where the NFC one is one.
func CheckPassword(password string) error {
	switch {
	case !utf8.ValidString(password):
		return news.Errorf(news.Invalid, "Mật khẩu chứa ký tự không hợp lệ.")
	case len(password) > maxPasswordBytes:
		return news.Errorf(news.Invalid, "Mật khẩu quá dài: tối đa %d byte (mỗi chữ có dấu chiếm 2–3 byte).", maxPasswordBytes)
	case utf8.RuneCountInString(password) < minPasswordRunes:
		return news.Errorf(news.Invalid, "Mật khẩu cần ít nhất %d ký tự.", minPasswordRunes)
	case strings.TrimSpace(password) == "":
		return news.Errorf(news.Invalid, "Mật khẩu không được chỉ gồm khoảng trắng.")
	}
	return nil
}
