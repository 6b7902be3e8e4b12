package auth

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// phc is an argon2id hash in the PHC string format:
//
//	$argon2id$v=19$m=65536,t=2,p=2$<salt>$<key>
//
// with salt and key in unpadded standard base64, as the reference
// implementation and other languages' libraries write it, so hashes can be
// moved to or from another system.
type phc struct {
	memory    uint32 // KiB
	time      uint32
	threads   uint8
	salt, key []byte
}

// Bounds on stored parameters. A hash is read from the database, and a
// corrupted or planted row must not make one sign-in allocate gigabytes or
// run for minutes; real settings stay far below these.
const (
	maxMemory  = 1 << 20 // KiB, that is 1 GiB
	maxTime    = 20
	minSaltLen = 8 // RFC 9106's minimum
	maxSaltLen = 64
	minKeyLen  = 16
	maxKeyLen  = 64
	argonV     = 19 // argon2 version 1.3, the only one x/crypto computes
)

// b64 is strict so that each hash has exactly one spelling: a string with
// stray trailing bits is refused rather than silently accepted.
func b64() *base64.Encoding { return base64.RawStdEncoding.Strict() }

func (p phc) String() string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argonV, p.memory, p.time, p.threads, b64().EncodeToString(p.salt), b64().EncodeToString(p.key))
}

// checkBounds refuses parameters that argon2 cannot run (it panics on zero
// passes or lanes) or that would be a denial of service.
func (p phc) checkBounds() error {
	switch {
	case p.memory > maxMemory:
		return fmt.Errorf("memory %d KiB is over the limit of %d KiB", p.memory, maxMemory)
	case p.time < 1 || p.time > maxTime:
		return fmt.Errorf("time %d is outside 1..%d", p.time, maxTime)
	case p.threads < 1:
		return errors.New("threads must be at least 1")
	case p.memory < 8*uint32(p.threads):
		// argon2 would silently raise it, so the hash would not mean what it says.
		return fmt.Errorf("memory %d KiB is under 8 KiB for each of %d threads", p.memory, p.threads)
	}
	return nil
}

// parsePHC decodes an argon2id PHC string, checking every field, so Verify
// never hands argon2 something that makes it panic or run away.
func parsePHC(s string) (phc, error) {
	var p phc
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return p, errors.New("not a PHC string with 5 fields")
	}
	if parts[1] != "argon2id" {
		return p, fmt.Errorf("algorithm %q is not argon2id", parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argonV) {
		return p, fmt.Errorf("version %q is not v=%d", parts[2], argonV)
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return p, fmt.Errorf("parameters %q are not m=,t=,p=", parts[3])
	}
	m, err := parseParam(params[0], "m=", 32)
	if err != nil {
		return p, err
	}
	t, err := parseParam(params[1], "t=", 32)
	if err != nil {
		return p, err
	}
	th, err := parseParam(params[2], "p=", 8)
	if err != nil {
		return p, err
	}
	p.memory, p.time, p.threads = uint32(m), uint32(t), uint8(th)
	if err := p.checkBounds(); err != nil {
		return p, err
	}
	if p.salt, err = b64().DecodeString(parts[4]); err != nil {
		return p, fmt.Errorf("salt: %w", err)
	}
	if n := len(p.salt); n < minSaltLen || n > maxSaltLen {
		return p, fmt.Errorf("salt of %d bytes is outside %d..%d", n, minSaltLen, maxSaltLen)
	}
	if p.key, err = b64().DecodeString(parts[5]); err != nil {
		return p, fmt.Errorf("key: %w", err)
	}
	if n := len(p.key); n < minKeyLen || n > maxKeyLen {
		return p, fmt.Errorf("key of %d bytes is outside %d..%d", n, minKeyLen, maxKeyLen)
	}
	return p, nil
}

// parseParam reads one "name=decimal" parameter in the order PHC fixes.
// ParseUint in base 10 refuses signs, underscores and values over bits.
func parseParam(s, prefix string, bits int) (uint64, error) {
	digits, ok := strings.CutPrefix(s, prefix)
	if !ok {
		return 0, fmt.Errorf("parameter %q does not start with %s", s, prefix)
	}
	n, err := strconv.ParseUint(digits, 10, bits)
	if err != nil {
		return 0, fmt.Errorf("parameter %q: %w", s, err)
	}
	return n, nil
}
