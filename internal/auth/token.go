package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
)

// tokenBytes is 256 bits: far beyond guessing, and the size of a SHA-256
// digest, so HashToken loses nothing.
const tokenBytes = 32

// NewToken returns 32 random bytes as unpadded URL-safe base64 (43
// characters), usable as is in cookies, URLs and form fields. It serves for
// session ids, API tokens and CSRF tokens alike.
func NewToken() string {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails since Go 1.24: it crashes the program instead
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of token. The database stores only this,
// so a leaked table yields no usable session or API token. A fast hash is
// enough here, unlike for passwords: tokens are random, so there is nothing
// to guess from a dictionary.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// Equal reports whether a and b are equal in constant time. Both are hashed
// first so that the time taken does not even reveal the secret's length.
func Equal(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// passwordAlphabet leaves out characters that look alike in print or on a
// screen (0 O o, 1 l I), since these passwords are read aloud or copied from
// paper. 56 symbols, so 16 of them carry about 93 bits.
const passwordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"

// passwordLen is long enough to pass CheckPassword and to resist guessing
// for the day or two before its owner replaces it.
const passwordLen = 16

// NewPassword returns a random one-time password of 16 characters from
// passwordAlphabet, for a new account or a reset handed over by an editor.
// Bytes at or above the largest multiple of the alphabet's size are drawn
// again, so every character is equally likely (no modulo bias).
func NewPassword() string {
	const n = len(passwordAlphabet)
	const limit = 256 - 256%n
	out := make([]byte, 0, passwordLen)
	buf := make([]byte, passwordLen)
	for len(out) < passwordLen {
		rand.Read(buf) // never fails since Go 1.24
		for _, c := range buf {
			if int(c) < limit && len(out) < passwordLen {
				out = append(out, passwordAlphabet[c%byte(n)])
			}
		}
	}
	return string(out)
}
