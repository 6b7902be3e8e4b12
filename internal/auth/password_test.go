package auth

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestHashVerify(t *testing.T) {
	h := TestHasher()
	nfc := "Mật khẩu rất dài 2026"
	nfd := norm.NFD.String(nfc)
	if nfd == nfc {
		t.Fatal("NFD form of the Vietnamese password should differ in bytes")
	}
	tests := []struct {
		name, hashed, tried string
		want                bool
	}{
		{"ascii round trip", "correct horse battery", "correct horse battery", true},
		{"vietnamese round trip", nfc, nfc, true},
		{"wrong password", "correct horse battery", "correct horse batterz", false},
		{"empty tried", "correct horse battery", "", false},
		{"case matters", "Mật khẩu rất dài 2026", "mật khẩu rất dài 2026", false},
		// The same text in another normal form is other bytes, so it fails:
		// callers must NFC-normalize before both Hash and Verify.
		{"NFD is not NFC", nfc, nfd, false},
		{"NFC is not NFD", nfd, nfc, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			enc, err := h.Hash(tt.hashed)
			if err != nil {
				t.Fatalf("Hash: %v", err)
			}
			got, err := Verify(enc, tt.tried)
			if err != nil {
				t.Fatalf("Verify(%q): %v", enc, err)
			}
			if got != tt.want {
				t.Errorf("Verify(Hash(%+q), %+q) = %v, want %v", tt.hashed, tt.tried, got, tt.want)
			}
		})
	}
}

func TestHashFormat(t *testing.T) {
	h := TestHasher()
	a, err := h.Hash("một mật khẩu dài")
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Hash("một mật khẩu dài")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("PHC prefix", func(t *testing.T) {
		if want := "$argon2id$v=19$m=1024,t=1,p=1$"; !strings.HasPrefix(a, want) {
			t.Errorf("Hash = %q, want prefix %q", a, want)
		}
	})
	t.Run("salt and key sizes", func(t *testing.T) {
		p, err := parsePHC(a)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.salt) != 16 || len(p.key) != 32 {
			t.Errorf("salt %d bytes, key %d bytes; want 16 and 32", len(p.salt), len(p.key))
		}
	})
	t.Run("fresh salt each time", func(t *testing.T) {
		if a == b {
			t.Errorf("two hashes of one password are equal: %q", a)
		}
	})
	t.Run("default parameters", func(t *testing.T) {
		if d := DefaultHasher(); d != (Hasher{Memory: 65536, Time: 2, Threads: 2}) {
			t.Errorf("DefaultHasher() = %+v", d)
		}
	})
}

func TestHashRefusesBadParameters(t *testing.T) {
	tests := []struct {
		name string
		h    Hasher
	}{
		{"zero time", Hasher{Memory: 1024, Time: 0, Threads: 1}},
		{"zero threads", Hasher{Memory: 1024, Time: 1, Threads: 0}},
		{"memory over 1 GiB", Hasher{Memory: 1<<20 + 1, Time: 1, Threads: 1}},
		{"time over 20", Hasher{Memory: 1024, Time: 21, Threads: 1}},
		{"memory under 8 KiB per thread", Hasher{Memory: 8, Time: 1, Threads: 2}},
		{"zero value", Hasher{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if enc, err := tt.h.Hash("mật khẩu đủ dài"); err == nil {
				t.Errorf("Hash with %+v = %q, want an error", tt.h, enc)
			}
		})
	}
}

// validSalt and validKey are well-formed fields for building malformed
// strings that differ from a valid one in exactly one way.
const (
	validSalt = "c29tZXNhbHRzb21lc2FsdA" // 16 bytes
	validKey  = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
)

func TestVerifyMalformed(t *testing.T) {
	ok := "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$" + validKey
	if _, err := Verify(ok, "x"); err != nil {
		t.Fatalf("the well-formed base case fails: %v", err)
	}
	withParams := func(params string) string {
		return "$argon2id$v=19$" + params + "$" + validSalt + "$" + validKey
	}
	tests := []struct {
		name, encoded string
	}{
		{"empty", ""},
		{"just dollars", "$$$$$"},
		{"plain text", "hunter2"},
		{"wrong algorithm argon2i", strings.Replace(ok, "argon2id", "argon2i", 1)},
		{"wrong algorithm bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"wrong version", strings.Replace(ok, "v=19", "v=16", 1)},
		{"missing version", "$argon2id$m=1024,t=1,p=1$" + validSalt + "$" + validKey},
		{"missing key", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt},
		{"extra field", ok + "$AAAA"},
		{"no leading dollar", ok[1:]},
		{"missing parameter", withParams("m=1024,t=1")},
		{"parameters out of order", withParams("t=1,m=1024,p=1")},
		{"empty parameter", withParams("m=,t=1,p=1")},
		{"negative parameter", withParams("m=-1024,t=1,p=1")},
		{"signed parameter", withParams("m=+1024,t=1,p=1")},
		{"hex parameter", withParams("m=0x400,t=1,p=1")},
		{"memory over uint32", withParams("m=99999999999,t=1,p=1")},
		{"memory over 1 GiB", withParams("m=1048577,t=1,p=1")},
		{"time over 20", withParams("m=1024,t=21,p=1")},
		{"time huge", withParams("m=1024,t=4294967295,p=1")},
		{"time zero", withParams("m=1024,t=0,p=1")},
		{"threads zero", withParams("m=1024,t=1,p=0")},
		{"threads over uint8", withParams("m=1024,t=1,p=256")},
		{"memory under 8 KiB per thread", withParams("m=16,t=1,p=4")},
		{"salt bad base64", "$argon2id$v=19$m=1024,t=1,p=1$!!notbase64!!$" + validKey},
		{"salt padded", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "==$" + validKey},
		{"salt non-canonical trailing bits", "$argon2id$v=19$m=1024,t=1,p=1$c29tZXNhbHRzb21lc2FsdB$" + validKey},
		{"salt too short", "$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$" + validKey},
		{"salt empty", "$argon2id$v=19$m=1024,t=1,p=1$$" + validKey},
		{"key bad base64", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$****"},
		{"key url alphabet", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$" + strings.Repeat("_", 43)},
		{"key too short", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$AAAA"},
		{"key too long", "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$" + strings.Repeat("A", 200)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ok, err := Verify(tt.encoded, "mật khẩu bất kỳ")
			if err == nil || ok {
				t.Errorf("Verify(%q) = %v, %v; want false and an error", tt.encoded, ok, err)
			}
		})
	}
}

func TestNeedsRehash(t *testing.T) {
	old, err := TestHasher().Hash("mật khẩu cũ đủ dài")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		h       Hasher
		encoded string
		want    bool
	}{
		{"same parameters", TestHasher(), old, false},
		{"more memory", Hasher{Memory: 2048, Time: 1, Threads: 1}, old, true},
		{"more time", Hasher{Memory: 1024, Time: 2, Threads: 1}, old, true},
		{"more threads", Hasher{Memory: 1024, Time: 1, Threads: 2}, old, true},
		{"default from test", DefaultHasher(), old, true},
		{"short key", TestHasher(), "$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$AAAAAAAAAAAAAAAAAAAAAA", true},
		{"malformed", TestHasher(), "$argon2id$garbage", true},
		{"empty", TestHasher(), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.NeedsRehash(tt.encoded); got != tt.want {
				t.Errorf("%+v.NeedsRehash(%q) = %v, want %v", tt.h, tt.encoded, got, tt.want)
			}
		})
	}
	t.Run("old hash still verifies after the defaults change", func(t *testing.T) {
		if ok, err := Verify(old, "mật khẩu cũ đủ dài"); !ok || err != nil {
			t.Errorf("Verify(old) = %v, %v; want true, nil", ok, err)
		}
	})
}

// FuzzVerify checks that no encoded string makes Verify panic. Strings that
// parse to costly parameters are only parsed, not run through argon2: a
// 1 GiB hash per input would stall the fuzzer without testing our code,
// since the parameters have already been bounds-checked by then.
func FuzzVerify(f *testing.F) {
	good, err := TestHasher().Hash("mật khẩu hạt giống")
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{
		good,
		"",
		"$argon2id$v=19$m=1024,t=1,p=1$" + validSalt + "$" + validKey,
		"$argon2id$v=19$m=8,t=1,p=1$" + validSalt + "$" + validKey,
		"$argon2id$v=19$m=1048576,t=20,p=255$" + validSalt + "$" + validKey,
		"$argon2i$v=19$m=1024,t=1,p=1$" + validSalt + "$" + validKey,
		"$argon2id$v=19$m=1024,t=1,p=0$$",
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	} {
		f.Add(s, "mật khẩu hạt giống")
	}
	f.Fuzz(func(t *testing.T, encoded, password string) {
		p, err := parsePHC(encoded)
		if err == nil && uint64(p.memory)*uint64(p.time) > 16*1024 {
			return
		}
		ok, verr := Verify(encoded, password)
		if (err == nil) != (verr == nil) {
			t.Fatalf("parsePHC error %v but Verify error %v", err, verr)
		}
		if verr != nil && ok {
			t.Fatalf("Verify(%q) = true with error %v", encoded, verr)
		}
	})
}

// BenchmarkHashDefault measures the production setting, the figure quoted in
// DefaultHasher's comment.
func BenchmarkHashDefault(b *testing.B) {
	h := DefaultHasher()
	for b.Loop() {
		if _, err := h.Hash("Mật khẩu rất dài 2026"); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleHasher_Hash() {
	h := TestHasher() // DefaultHasher() in production
	enc, _ := h.Hash("Mật khẩu rất dài 2026")
	ok, _ := Verify(enc, "Mật khẩu rất dài 2026")
	fmt.Println(strings.HasPrefix(enc, "$argon2id$v=19$"), ok)
	// Output: true true
}
