package auth

import (
	"encoding/base64"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	seen := make(map[string]bool)
	for range 1000 {
		tok := NewToken()
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(raw) != 32 || len(tok) != 43 {
			t.Fatalf("NewToken() = %q: %d bytes, err %v; want 43 characters of 32 bytes", tok, len(raw), err)
		}
		if seen[tok] {
			t.Fatalf("NewToken() repeated %q", tok)
		}
		seen[tok] = true
	}
}

func TestHashToken(t *testing.T) {
	tests := []struct {
		name, token, want string
	}{
		// Known SHA-256 digests, so the stored form cannot drift silently.
		{"empty", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
		{"abc", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := HashToken(tt.token); got != tt.want {
				t.Errorf("HashToken(%q) = %s, want %s", tt.token, got, tt.want)
			}
		})
	}
	t.Run("hex and distinct", func(t *testing.T) {
		a, b := NewToken(), NewToken()
		h := HashToken(a)
		if len(h) != 64 || strings.Trim(h, "0123456789abcdef") != "" || strings.Contains(h, a) {
			t.Errorf("HashToken(%q) = %q, want 64 hex digits that do not show the token", a, h)
		}
		if h == HashToken(b) {
			t.Error("two tokens hash alike")
		}
	})
}

func TestEqual(t *testing.T) {
	tests := []struct {
		name, a, b string
		want       bool
	}{
		{"same", "tin-nóng", "tin-nóng", true},
		{"both empty", "", "", true},
		{"one empty", "", "a", false},
		{"differ at end", "abcdef", "abcdeg", false},
		{"prefix", "abc", "abcd", false},
		{"case", "ABC", "abc", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Equal(tt.a, tt.b); got != tt.want {
				t.Errorf("Equal(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
		})
	}
}

func TestNewPassword(t *testing.T) {
	t.Run("alphabet has no look-alikes", func(t *testing.T) {
		if strings.ContainsAny(passwordAlphabet, "0Oo1lI") || len(passwordAlphabet) != 56 {
			t.Errorf("alphabet %q: want 56 symbols without 0 O o 1 l I", passwordAlphabet)
		}
	})
	seen := make(map[string]bool)
	counts := make(map[rune]int)
	for range 2000 {
		p := NewPassword()
		if len(p) != 16 {
			t.Fatalf("NewPassword() = %q, want 16 characters", p)
		}
		for _, c := range p {
			if !strings.ContainsRune(passwordAlphabet, c) {
				t.Fatalf("NewPassword() = %q has %q, outside the alphabet", p, c)
			}
			counts[c]++
		}
		if err := CheckPassword(p); err != nil {
			t.Fatalf("NewPassword() = %q fails the policy: %v", p, err)
		}
		if seen[p] {
			t.Fatalf("NewPassword() repeated %q", p)
		}
		seen[p] = true
	}
	// 32 000 draws over 56 symbols: about 571 each. A symbol never drawn, or
	// drawn at twice its share, means the selection is broken, not unlucky.
	t.Run("every symbol used about evenly", func(t *testing.T) {
		for _, c := range passwordAlphabet {
			if n := counts[c]; n < 400 || n > 800 {
				t.Errorf("symbol %q drawn %d times, want about 571", c, n)
			}
		}
	})
}
