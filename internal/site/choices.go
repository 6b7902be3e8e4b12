package site

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/toasoan/toasoan/internal/popup"
)

// localityCookie remembers the reader's choice in the weather box's
// picker; it holds a locality id and nothing else.
const localityCookie = "toasoan_dia_phuong"

// maxCookie bounds what is read of a cookie that varies a page: longer
// values are ignored whole, by the cache key and the page alike.
const maxCookie = 1000

// choices are the reader's cookies that change a public page (the weather
// box's locality, the closed announcements), parsed and normalised once:
// the cache key is made of them and the page reads them, so what the key
// ignores the page ignores too, and one reader's odd cookie can never
// decide what the next reader is served.
type choices struct {
	locality int64        // 0: the paper's default
	closed   popup.Closed // never nil
	key      string       // the part of the cache key they make, "" for none
}

// readChoices parses the request's cookies at now.
func readChoices(r *http.Request, now time.Time) choices {
	c := choices{closed: popup.Closed{}}
	if v, err := r.Cookie(localityCookie); err == nil && len(v.Value) <= 18 {
		if id, err := strconv.ParseInt(v.Value, 10, 64); err == nil && id > 0 {
			c.locality = id
			c.key += "|loc=" + strconv.FormatInt(id, 10)
		}
	}
	if v, err := r.Cookie(popup.CookieName); err == nil && len(v.Value) <= maxCookie {
		// Value keeps the closings that matter, in one order; parsing it
		// again gives the page exactly what the key says.
		if canonical := popup.ParseClosed(v.Value, now).Value(); canonical != "" {
			c.closed = popup.ParseClosed(canonical, now)
			c.key += "|popup=" + canonical
		}
	}
	return c
}

// choicesKey carries a request's parsed choices to its render.
type choicesKey struct{}

// choicesOf is the request's choices: those the cache key was made of,
// when the page renders for the cache; parsed now otherwise.
func (s *Server) choicesOf(r *http.Request) choices {
	if c, ok := r.Context().Value(choicesKey{}).(choices); ok {
		return c
	}
	return readChoices(r, s.now())
}

// withChoices keeps c for the render of r.
func withChoices(ctx context.Context, c choices) context.Context {
	return context.WithValue(ctx, choicesKey{}, c)
}
