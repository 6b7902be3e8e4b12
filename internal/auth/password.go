// Package auth holds the security building blocks of the newsroom's sign-in:
// password hashing and policy, random tokens, TOTP second factors and a rate
// limiter. It is pure: no database, no net/http, so every piece can be tested
// in isolation and reused by the web layer and the command line alike.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// Hasher hashes passwords with argon2id. The parameters live in the value,
// not in globals, so tests use a cheap Hasher and production a costly one.
type Hasher struct {
	Memory  uint32 // KiB
	Time    uint32 // passes over the memory
	Threads uint8  // lanes
}

// Sizes of what Hash produces. A 16-byte salt is what RFC 9106 recommends;
// a 32-byte key is more than any guessing attack can exhaust.
const (
	saltLen = 16
	keyLen  = 32
)

// DefaultHasher is the production setting: 64 MiB, 2 passes, 2 lanes.
// OWASP's password storage cheat sheet asks argon2id for at least 19 MiB
// with 2 passes (or equivalent trades of memory for passes); we keep the 2
// passes and triple the memory, which RFC 9106 also suggests (64 MiB) for
// memory-constrained servers. Memory is what makes guessing on GPUs costly.
// On the development machine one hash takes about 0.1 s
// (BenchmarkHashDefault), slow enough to hurt guessing and fast enough for a
// sign-in form. Raising these later is safe: Verify reads the parameters
// from each stored hash, and NeedsRehash tells the caller to upgrade.
func DefaultHasher() Hasher {
	return Hasher{Memory: 64 * 1024, Time: 2, Threads: 2}
}

// TestHasher is 1 MiB, 1 pass, 1 lane: fast enough for tests that hash many
// passwords. Never use it for real accounts.
func TestHasher() Hasher {
	return Hasher{Memory: 1024, Time: 1, Threads: 1}
}

// Hash returns the PHC string of password with a fresh random salt. The
// caller should NFC-normalize password first (see CheckPassword): the same
// Vietnamese word typed on two keyboards can arrive as different bytes.
// It fails only when h's parameters are outside the bounds Verify accepts,
// so nothing is ever stored that could not be checked later.
func (h Hasher) Hash(password string) (string, error) {
	p := phc{memory: h.Memory, time: h.Time, threads: h.Threads}
	if err := p.checkBounds(); err != nil {
		return "", fmt.Errorf("auth: hash: %w", err)
	}
	p.salt = make([]byte, saltLen)
	rand.Read(p.salt) // never fails since Go 1.24: it crashes the program instead
	p.key = argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, keyLen)
	return p.String(), nil
}

// Verify reports whether password matches encoded. It uses the parameters
// stored in encoded, not the current defaults, so old hashes keep working
// after the defaults change. A malformed or absurdly costly encoded string is
// an error, never a panic: a corrupted row must not crash or stall the
// server. The comparison is constant-time so timing reveals nothing about
// how much of the key matched.
func Verify(encoded, password string) (bool, error) {
	p, err := parsePHC(encoded)
	if err != nil {
		return false, fmt.Errorf("auth: verify: %w", err)
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1, nil
}

// NeedsRehash reports whether encoded was made with other parameters than h,
// so the caller can re-hash the password at the next successful sign-in,
// the only moment it has the plain text. A malformed encoded string needs
// replacing too, so it reports true.
func (h Hasher) NeedsRehash(encoded string) bool {
	p, err := parsePHC(encoded)
	if err != nil {
		return true
	}
	return p.memory != h.Memory || p.time != h.Time || p.threads != h.Threads ||
		len(p.salt) != saltLen || len(p.key) != keyLen
}
