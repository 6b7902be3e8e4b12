package preview

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"
)

var testKey = []byte("khoa-thu-nghiem-cua-bao")

func testClaims() claims {
	return claims{ArticleID: 1234, Revision: 7, Generation: 2, Expires: time.Date(2026, 5, 31, 10, 0, 0, 0, time.UTC)}
}

// A signed token reads back whole, in 76 URL-safe characters.
func TestTokenRoundTrip(t *testing.T) {
	for _, c := range []claims{testClaims(), {ArticleID: 1 << 62, Revision: 1<<31 - 1, Generation: 0, Expires: time.Unix(1<<40, 0).UTC()}} {
		token := sign(testKey, c)
		if len(token) != tokenChars || strings.Trim(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			t.Fatalf("token %q is not 76 URL-safe characters", token)
		}
		got, err := parse(testKey, token)
		if err != nil || got != c {
			t.Errorf("parse(sign(%+v)) = %+v, %v", c, got, err)
		}
	}
}

// Every change to a token, however small, and every token signed with
// another key or not signed at all, is refused.
func TestTokenRefusesAnyChange(t *testing.T) {
	token := sign(testKey, testClaims())
	alphabet := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	for i := range len(token) {
		for _, c := range alphabet {
			if byte(c) == token[i] {
				continue
			}
			changed := token[:i] + string(c) + token[i+1:]
			if _, err := parse(testKey, changed); err == nil {
				t.Fatalf("changing character %d to %q was accepted", i, c)
			}
		}
	}
	raw, _ := base64.RawURLEncoding.DecodeString(token)
	for i := range raw {
		for bit := range 8 {
			flipped := append([]byte(nil), raw...)
			flipped[i] ^= 1 << bit
			if _, err := parse(testKey, base64.RawURLEncoding.EncodeToString(flipped)); err == nil {
				t.Fatalf("flipping bit %d of byte %d was accepted", bit, i)
			}
		}
	}
	for name, bad := range map[string]string{
		"other key":     sign([]byte("khoa-khac"), testClaims()),
		"empty":         "",
		"cut":           token[:len(token)-1],
		"longer":        token + "A",
		"padded":        token + "=",
		"payload only":  base64.RawURLEncoding.EncodeToString(raw[:payloadBytes]),
		"no signature":  base64.RawURLEncoding.EncodeToString(append(raw[:payloadBytes:payloadBytes], make([]byte, macBytes)...)),
		"spaces":        strings.Repeat(" ", tokenChars),
		"Vietnamese":    strings.Repeat("đ", tokenChars/2),
		"version two":   resign(raw, func(b []byte) { b[0] = 2 }),
		"article zero":  resign(raw, func(b []byte) { clear(b[1:9]) }),
		"article below": resign(raw, func(b []byte) { b[1] = 0x80 }),
	} {
		if c, err := parse(testKey, bad); err == nil {
			t.Errorf("%s: accepted as %+v", name, c)
		}
	}
}

// resign changes a token's payload and signs it again with the test key:
// a token the paper could have signed, with fields it never writes.
func resign(raw []byte, change func([]byte)) string {
	payload := append([]byte(nil), raw[:payloadBytes]...)
	change(payload)
	return base64.RawURLEncoding.EncodeToString(append(payload, mac(testKey, payload)...))
}

// parse never panics and accepts only what sign made.
func FuzzParse(f *testing.F) {
	f.Add(sign(testKey, testClaims()))
	f.Add("")
	f.Add(strings.Repeat("A", tokenChars))
	f.Fuzz(func(t *testing.T, token string) {
		c, err := parse(testKey, token)
		if err == nil && sign(testKey, c) != token {
			t.Errorf("accepted %q, which sign does not make", token)
		}
	})
}
