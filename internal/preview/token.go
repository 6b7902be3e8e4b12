package preview

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"time"
)

// claims are what a preview link says about itself, signed: the article,
// the revision it was made at (a withdrawal after it ends the link), the
// generation of the article's links (a revocation ends older ones) and
// when it expires.
type claims struct {
	ArticleID  int64
	Revision   int
	Generation int
	Expires    time.Time // whole seconds
}

// The token is base64url (no padding) of a fixed layout: version byte,
// article id (8 bytes), revision (4), generation (4), expiry in Unix
// seconds (8), then the HMAC-SHA256 of those 25 bytes (32). Fixed sizes
// leave nothing to parse before the signature is checked.
const (
	tokenVersion = 1
	payloadBytes = 1 + 8 + 4 + 4 + 8
	macBytes     = sha256.Size
	tokenChars   = (payloadBytes + macBytes) * 8 / 6 // 57 bytes: 76 characters, no padding
)

// errBadToken is any token that is not one this paper signed: the wrong
// length or alphabet, a changed or cut signature, another key.
var errBadToken = errors.New("preview: bad token")

// sign makes the token for c with key.
func sign(key []byte, c claims) string {
	b := make([]byte, payloadBytes, payloadBytes+macBytes)
	b[0] = tokenVersion
	binary.BigEndian.PutUint64(b[1:9], uint64(c.ArticleID))
	binary.BigEndian.PutUint32(b[9:13], uint32(c.Revision))
	binary.BigEndian.PutUint32(b[13:17], uint32(c.Generation))
	binary.BigEndian.PutUint64(b[17:25], uint64(c.Expires.Unix()))
	return base64.RawURLEncoding.EncodeToString(append(b, mac(key, b)...))
}

// parse checks token's signature with key, in constant time, before
// reading anything from it; it does not look at the expiry.
func parse(key []byte, token string) (claims, error) {
	if len(token) != tokenChars {
		return claims{}, errBadToken
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(token)
	if err != nil || len(b) != payloadBytes+macBytes {
		return claims{}, errBadToken
	}
	payload, sum := b[:payloadBytes], b[payloadBytes:]
	if !hmac.Equal(sum, mac(key, payload)) || payload[0] != tokenVersion {
		return claims{}, errBadToken
	}
	c := claims{
		ArticleID:  int64(binary.BigEndian.Uint64(payload[1:9])),
		Revision:   int(binary.BigEndian.Uint32(payload[9:13])),
		Generation: int(binary.BigEndian.Uint32(payload[13:17])),
		Expires:    time.Unix(int64(binary.BigEndian.Uint64(payload[17:25])), 0).UTC(),
	}
	if c.ArticleID <= 0 {
		return claims{}, errBadToken
	}
	return c, nil
}

func mac(key, payload []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(payload)
	return m.Sum(nil)
}
