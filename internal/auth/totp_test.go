package auth

import (
	"encoding/base32"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rfcSecret is the SHA-1 key of RFC 4226 appendix D and RFC 6238 appendix B,
// "12345678901234567890", in base32 (checked by TestRFCSecret).
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestRFCSecret(t *testing.T) {
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(rfcSecret)
	if err != nil || string(raw) != "12345678901234567890" {
		t.Fatalf("rfcSecret decodes to %q, %v", raw, err)
	}
}

func TestTOTPCodeRFC6238(t *testing.T) {
	// RFC 6238 appendix B, SHA-1 rows; the RFC prints 8 digits, the last 6
	// are the 6-digit code.
	tests := []struct {
		name string
		unix int64
		rfc8 string
	}{
		{"59", 59, "94287082"},
		{"1111111109", 1111111109, "07081804"},
		{"1111111111", 1111111111, "14050471"},
		{"1234567890", 1234567890, "89005924"},
		{"2000000000", 2000000000, "69279037"},
		{"20000000000", 20000000000, "65353130"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := TOTPCode(rfcSecret, time.Unix(tt.unix, 0))
			if err != nil {
				t.Fatal(err)
			}
			if want := tt.rfc8[2:]; got != want {
				t.Errorf("TOTPCode at %d = %s, want %s", tt.unix, got, want)
			}
		})
	}
}

func TestTOTPCodeRFC4226(t *testing.T) {
	// RFC 4226 appendix D: HOTP values for counters 0..9. TOTP at
	// counter*30 seconds is HOTP with that counter.
	want := []string{"755224", "287082", "359152", "969429", "338314",
		"254676", "287922", "162583", "399871", "520489"}
	for counter, code := range want {
		t.Run(code, func(t *testing.T) {
			got, err := TOTPCode(rfcSecret, time.Unix(int64(counter)*30, 0))
			if err != nil {
				t.Fatal(err)
			}
			if got != code {
				t.Errorf("counter %d: got %s, want %s", counter, got, code)
			}
		})
	}
}

func TestTOTPCodeSecret(t *testing.T) {
	at := time.Unix(59, 0)
	tests := []struct {
		name, secret string
		wantErr      bool
	}{
		{"canonical", rfcSecret, false},
		{"lower case", strings.ToLower(rfcSecret), false},
		{"grouped with spaces", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ", false},
		{"padded", rfcSecret + "====", false},
		{"empty", "", true},
		{"not base32", "GEZD!NBV", true},
		{"digit 1 is not base32", "GEZD1NBV", true},
		{"vietnamese", "mật mã", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := TOTPCode(tt.secret, at)
			if tt.wantErr {
				if err == nil {
					t.Errorf("TOTPCode(%q) = %s, want an error", tt.secret, code)
				}
				return
			}
			if err != nil || code != "287082" {
				t.Errorf("TOTPCode(%q) = %s, %v; want 287082", tt.secret, code, err)
			}
		})
	}
	t.Run("before 1970", func(t *testing.T) {
		if code, err := TOTPCode(rfcSecret, time.Unix(-1, 0)); err == nil {
			t.Errorf("TOTPCode before 1970 = %s, want an error", code)
		}
	})
}

func TestVerifyTOTP(t *testing.T) {
	// RFC 6238's test secret, "12345678901234567890": fixed, so the codes
	// two steps away are known not to collide with those in the window.
	secret := "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
	now := time.Date(2026, 3, 8, 9, 30, 15, 0, time.UTC)
	step := now.Unix() / 30
	codeAt := func(offset int64) string {
		c, err := TOTPCode(secret, time.Unix((step+offset)*30, 0))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		name     string
		code     string
		wantOK   bool
		wantStep int64
	}{
		{"current step", codeAt(0), true, step},
		{"one step behind", codeAt(-1), true, step - 1},
		{"one step ahead", codeAt(1), true, step + 1},
		{"two steps behind", codeAt(-2), false, 0},
		{"two steps ahead", codeAt(2), false, 0},
		{"empty", "", false, 0},
		{"five digits", codeAt(0)[1:], false, 0},
		{"seven digits", codeAt(0) + "0", false, 0},
		{"spaces", " " + codeAt(0)[1:], false, 0},
		{"letters", "12a456", false, 0},
		{"sign", "+12345", false, 0},
		{"full-width digits", "１２３４５６", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gotStep, ok := VerifyTOTP(secret, tt.code, now)
			if ok != tt.wantOK || gotStep != tt.wantStep {
				t.Errorf("VerifyTOTP(%q) = %d, %v; want %d, %v", tt.code, gotStep, ok, tt.wantStep, tt.wantOK)
			}
		})
	}
	t.Run("invalid secret", func(t *testing.T) {
		if _, ok := VerifyTOTP("not base32!", "123456", now); ok {
			t.Error("VerifyTOTP accepted a code for an invalid secret")
		}
	})
	t.Run("RFC vector", func(t *testing.T) {
		if s, ok := VerifyTOTP(rfcSecret, "081804", time.Unix(1111111109, 0)); !ok || s != 1111111109/30 {
			t.Errorf("VerifyTOTP(RFC row) = %d, %v", s, ok)
		}
	})
}

func TestNewTOTPSecret(t *testing.T) {
	a, b := NewTOTPSecret(), NewTOTPSecret()
	if a == b {
		t.Fatalf("two secrets are equal: %s", a)
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(a)
	if err != nil || len(raw) != 20 || len(a) != 32 || strings.Contains(a, "=") {
		t.Errorf("NewTOTPSecret() = %q: %d bytes, %v; want 32 characters of 20 bytes, no padding", a, len(raw), err)
	}
}

func TestTOTPURI(t *testing.T) {
	tests := []struct {
		name, issuer, account string
		wantRaw               string // must appear verbatim in the URI
	}{
		{"vietnamese issuer", "Báo Hà Tĩnh", "bientap@baohatinh.vn",
			"otpauth://totp/B%C3%A1o%20H%C3%A0%20T%C4%A9nh:bientap%40baohatinh.vn?"},
		{"vietnamese account", "Báo Nghệ An", "Nguyễn Văn Đức",
			":Nguy%E1%BB%85n%20V%C4%83n%20%C4%90%E1%BB%A9c?"},
		{"colon in issuer is escaped", "Toà soạn: Huế", "a",
			"otpauth://totp/To%C3%A0%20so%E1%BA%A1n%3A%20Hu%E1%BA%BF:a?"},
		{"query characters escaped", "A&B=C?#+", "x/y", "&issuer=A%26B%3DC%3F%23%2B&"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			uri := TOTPURI(rfcSecret, tt.issuer, tt.account)
			if !strings.Contains(uri, tt.wantRaw) {
				t.Errorf("TOTPURI = %s\nwant it to contain %s", uri, tt.wantRaw)
			}
			u, err := url.Parse(uri)
			if err != nil {
				t.Fatalf("url.Parse(%s): %v", uri, err)
			}
			if u.Scheme != "otpauth" || u.Host != "totp" {
				t.Errorf("scheme %q host %q, want otpauth and totp", u.Scheme, u.Host)
			}
			if want := "/" + tt.issuer + ":" + tt.account; u.Path != want {
				t.Errorf("label = %q, want %q", u.Path, want)
			}
			q := u.Query()
			for key, want := range map[string]string{
				"secret": rfcSecret, "issuer": tt.issuer,
				"algorithm": "SHA1", "digits": "6", "period": "30",
			} {
				if got := q.Get(key); got != want {
					t.Errorf("%s = %q, want %q", key, got, want)
				}
			}
			if strings.Contains(uri, "+") {
				t.Errorf("TOTPURI = %s: spaces must be %%20, not +", uri)
			}
		})
	}
}
