package auth

import (
	"strings"
	"testing"

	"github.com/toasoan/toasoan/internal/news"
	"golang.org/x/text/unicode/norm"
)

func TestCheckPassword(t *testing.T) {
	const (
		tooShort   = "Mật khẩu cần ít nhất 10 ký tự."
		tooLong    = "Mật khẩu quá dài: tối đa 200 byte (mỗi chữ có dấu chiếm 2–3 byte)."
		onlySpaces = "Mật khẩu không được chỉ gồm khoảng trắng."
		invalid    = "Mật khẩu chứa ký tự không hợp lệ."
	)
	tests := []struct {
		name, password, want string // want "" means accepted
	}{
		{"empty", "", tooShort},
		{"nine ascii", "123456789", tooShort},
		{"ten ascii", "1234567890", ""},
		{"vietnamese phrase", "Mật khẩu rất dài 2026", ""},
		// Nine composed letters are 27 bytes but nine characters.
		{"nine NFC letters", "ậậậậậậậậậ", tooShort},
		{"ten NFC letters", "ậậậậậậậậậậ", ""},
		{"spaces inside count", "mật khẩu a", ""},
		{"200 bytes", strings.Repeat("a", 200), ""},
		{"201 bytes", strings.Repeat("a", 201), tooLong},
		{"67 vietnamese letters is 201 bytes", strings.Repeat("ậ", 67), tooLong},
		{"ten spaces", strings.Repeat(" ", 10), onlySpaces},
		{"mixed whitespace", " \t\n\u00a0\u3000 \t\n \r", onlySpaces},
		{"invalid utf-8", "mật khẩu \xff\xfe dài", invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckPassword(tt.password)
			if tt.want == "" {
				if err != nil {
					t.Errorf("CheckPassword(%+q) = %v, want nil", tt.password, err)
				}
				return
			}
			if news.ErrorCode(err) != news.Invalid {
				t.Fatalf("CheckPassword(%+q) = %v, want a news.Invalid error", tt.password, err)
			}
			if got := news.ErrorMessage(err); got != tt.want {
				t.Errorf("message = %q, want %q", got, tt.want)
			}
		})
	}
	// Decomposed input counts its combining marks as characters, which is
	// why callers normalize to NFC before checking.
	t.Run("NFD counts more characters", func(t *testing.T) {
		if err := CheckPassword(norm.NFD.String("ậậậậậậậậậ")); err != nil {
			t.Errorf("NFD of nine letters (27 runes) = %v, want nil", err)
		}
	})
}
