package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
)

// TOTP as RFC 6238 defines it and every authenticator app implements it by
// default: HMAC-SHA-1, 6 digits, 30-second steps counted from the Unix epoch.
// SHA-1's collision weakness does not matter inside HMAC, and the apps'
// support for anything else is patchy, so the defaults are the safe choice.
const (
	totpDigits = 6
	totpModulo = 1_000_000 // 10^totpDigits
	totpPeriod = 30        // seconds
	totpSkew   = 1         // steps accepted either side, for phones with drifting clocks
	secretLen  = 20        // bytes: 160 bits, the length RFC 4226 recommends
)

// totpEncoding is base32 without padding, the form authenticator apps expect
// in a key URI and people type from the screen.
func totpEncoding() *base32.Encoding { return base32.StdEncoding.WithPadding(base32.NoPadding) }

// NewTOTPSecret returns 20 random bytes as base32 without padding (32
// characters), to be shown once as a QR code and stored with the account.
func NewTOTPSecret() string {
	b := make([]byte, secretLen)
	rand.Read(b) // never fails since Go 1.24
	return totpEncoding().EncodeToString(b)
}

// decodeSecret accepts the secret as people copy it: any case, with spaces
// or trailing padding, because apps display it in groups.
func decodeSecret(secret string) ([]byte, error) {
	s := strings.ToUpper(strings.ReplaceAll(secret, " ", ""))
	key, err := totpEncoding().DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return nil, fmt.Errorf("auth: TOTP secret is not base32: %w", err)
	}
	if len(key) == 0 {
		return nil, errors.New("auth: TOTP secret is empty")
	}
	return key, nil
}

// TOTPCode returns the 6-digit code for secret at t. It fails for a secret
// that is not base32 and for times before 1970, which have no step.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := decodeSecret(secret)
	if err != nil {
		return "", err
	}
	if t.Unix() < 0 {
		return "", errors.New("auth: TOTP time is before 1970")
	}
	return hotp(key, uint64(t.Unix()/totpPeriod)), nil
}

// VerifyTOTP reports whether code is right for t's step or one step either
// side, since phone clocks drift and people type slowly. code must be
// exactly 6 ASCII digits. It returns the step that matched: the caller stores
// it and refuses a later code for the same or an earlier step, so a code
// seen over someone's shoulder cannot be replayed within its 90 seconds.
func VerifyTOTP(secret, code string, t time.Time) (step int64, ok bool) {
	if !isDigits(code, totpDigits) {
		return 0, false
	}
	key, err := decodeSecret(secret)
	if err != nil {
		return 0, false
	}
	if t.Unix() < 0 {
		return 0, false
	}
	now := t.Unix() / totpPeriod
	// Every candidate is computed and compared, so the time taken does not
	// tell which step, if any, matched.
	for s := now - totpSkew; s <= now+totpSkew; s++ {
		if s < 0 {
			continue
		}
		if subtle.ConstantTimeCompare([]byte(hotp(key, uint64(s))), []byte(code)) == 1 && !ok {
			step, ok = s, true
		}
	}
	return step, ok
}

// hotp is RFC 4226's HOTP with dynamic truncation to 6 digits.
func hotp(key []byte, counter uint64) string {
	mac := hmac.New(sha1.New, key)
	mac.Write(binary.BigEndian.AppendUint64(nil, counter))
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	bin := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, bin%totpModulo)
}

// isDigits reports whether s is exactly n ASCII digits. unicode.IsDigit
// would let Arabic-Indic or full-width digits through.
func isDigits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// TOTPURI returns the otpauth:// key URI that authenticator apps read from a
// QR code. The label is "issuer:account" with each part percent-encoded,
// and spaces are written %20 rather than +, which some apps would show
// literally; the issuer is also given as a parameter, as Google's key URI
// format recommends, so apps that ignore the label prefix still show
// "Báo Hà Tĩnh" correctly.
func TOTPURI(secret, issuer, account string) string {
	label := uriEscape(issuer) + ":" + uriEscape(account)
	return "otpauth://totp/" + label +
		"?secret=" + uriEscape(secret) +
		"&issuer=" + uriEscape(issuer) +
		"&algorithm=SHA1&digits=6&period=30"
}

// uriEscape percent-encodes s for the label or a query value. QueryEscape
// already encodes ':' '/' '&' '=' '?' '#' and '+', so after it the only
// thing left is to spell space as %20.
func uriEscape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}
