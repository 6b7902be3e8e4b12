// Package fetch is the HTTP client imports use to read another site: old
// article pages, sitemaps, photos. An import follows addresses that came
// out of someone else's files, so the client trusts none of them: only
// http and https to the hosts the operator listed, never an address inside
// our own network (checked on the address actually dialed, so a name that
// resolves somewhere else a second time cannot slip through), every
// redirect checked again, a size cap on every answer, and one request per
// host per second so an import does not knock the old site over.
package fetch

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Options are what the operator decides about fetching.
type Options struct {
	// AllowHosts are the hosts that may be fetched: names
	// ("baohatinh.vn"; "*.baohatinh.vn" for every subdomain), IP addresses
	// or CIDR ranges. Nothing else is fetched.
	AllowHosts []string
	// AllowPrivate lets an allowed host resolve to a loopback, private,
	// link-local, unspecified or multicast address (an old site on the
	// paper's own network). Cloud metadata addresses stay refused.
	AllowPrivate bool
	// Interval is the least time between two requests to one host;
	// 0 means one second, a negative value no wait at all.
	Interval time.Duration
	// ConnectTimeout bounds connecting (and the TLS handshake and the wait
	// for the answer's headers); 0 means 10 seconds.
	ConnectTimeout time.Duration
	// Timeout bounds one whole request, body included; 0 means 60 seconds.
	Timeout time.Duration
	// Retries is how often a 429 or 503 answer is tried again; 0 means 3,
	// a negative value never, and at most 5.
	Retries int
	// MaxRetryWait is the longest wait a Retry-After may ask for; a server
	// asking for more fails the request instead. 0 means two minutes.
	MaxRetryWait time.Duration
	// PaperURL, when set, goes into the User-Agent so the old site's
	// operator knows who is reading.
	PaperURL string
	// Clock paces requests and waits between retries; nil is the real one.
	Clock Clock
}

// Client fetches under Options. It is safe for concurrent use.
type Client struct {
	http      *http.Client
	allow     allowList
	pace      *pacer
	clock     Clock
	userAgent string
	retries   int
	maxWait   time.Duration
}

// Response is an answer read whole.
type Response struct {
	Body        []byte
	ContentType string
	FinalURL    string // after redirects
}

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

// New makes a client. Entries of AllowHosts that are neither a name, an
// address nor a range match nothing; CheckAllowHosts says which they are.
func New(opts Options) *Client {
	if opts.Interval == 0 {
		opts.Interval = time.Second
	}
	if opts.ConnectTimeout <= 0 {
		opts.ConnectTimeout = 10 * time.Second
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 60 * time.Second
	}
	switch {
	case opts.Retries == 0:
		opts.Retries = 3
	case opts.Retries < 0:
		opts.Retries = 0
	case opts.Retries > 5:
		opts.Retries = 5
	}
	if opts.MaxRetryWait <= 0 {
		opts.MaxRetryWait = 2 * time.Minute
	}
	if opts.Clock == nil {
		opts.Clock = realClock{}
	}
	c := &Client{
		allow:     parseAllowList(opts.AllowHosts),
		pace:      newPacer(opts.Clock, opts.Interval),
		clock:     opts.Clock,
		userAgent: "toasoan-import/1",
		retries:   opts.Retries,
		maxWait:   opts.MaxRetryWait,
	}
	if opts.PaperURL != "" {
		c.userAgent += " (+" + opts.PaperURL + ")"
	}
	dialer := &net.Dialer{
		Timeout: opts.ConnectTimeout,
		Control: dialGuard(opts.AllowPrivate),
	}
	transport := &http.Transport{
		Proxy:                  nil, // a proxy would be dialed instead of the host, and the guard would check it
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		TLSHandshakeTimeout:    opts.ConnectTimeout,
		ResponseHeaderTimeout:  opts.ConnectTimeout,
		MaxResponseHeaderBytes: 64 << 10,
		IdleConnTimeout:        30 * time.Second,
		MaxIdleConnsPerHost:    2,
	}
	c.http = &http.Client{
		Transport:     transport,
		Timeout:       opts.Timeout,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// Get fetches rawURL and reads at most maxBytes of its body: a longer
// answer is an error, read no further than maxBytes+1. A 429 or 503 is
// tried again after the wait the server asks for (Retry-After) or growing
// waits; any other answer outside 2xx is an error. Every error is an
// *Error naming the URL.
func (c *Client) Get(ctx context.Context, rawURL string, maxBytes int64) (Response, error) {
	u, err := c.allow.check(rawURL)
	if err != nil {
		return Response{}, err
	}
	shown := u.String()
	if maxBytes <= 0 {
		return Response{}, &Error{URL: shown, Reason: "giới hạn dung lượng phải lớn hơn 0"}
	}
	for attempt := 0; ; attempt++ {
		if err := c.pace.wait(ctx, u.Hostname()); err != nil {
			return Response{}, failure(shown, err)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, shown, nil)
		if err != nil {
			return Response{}, failure(shown, err)
		}
		req.Header.Set("User-Agent", c.userAgent)
		resp, err := c.http.Do(req)
		if err != nil {
			return Response{}, failure(shown, err)
		}
		if (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) && attempt < c.retries {
			wait := retryWait(resp.Header.Get("Retry-After"), attempt, c.clock.Now())
			discard(resp.Body)
			if wait > c.maxWait {
				return Response{}, &Error{URL: shown, Status: resp.StatusCode, Err: ErrStatus,
					Reason: "máy chủ bảo chờ " + wait.Round(time.Second).String() + ", lâu quá"}
			}
			if err := c.clock.Sleep(ctx, wait); err != nil {
				return Response{}, failure(shown, err)
			}
			continue
		}
		return read(resp, shown, maxBytes)
	}
}

// read checks the answer's status and reads its body under the cap.
func read(resp *http.Response, shown string, maxBytes int64) (Response, error) {
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return Response{}, &Error{URL: shown, Status: resp.StatusCode, Err: ErrStatus,
			Reason: "máy chủ trả lời " + strconv.Itoa(resp.StatusCode)}
	}
	tooLarge := &Error{URL: shown, Err: ErrTooLarge, Reason: "lớn hơn giới hạn " + FormatBytes(maxBytes)}
	if resp.ContentLength > maxBytes {
		return Response{}, tooLarge
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBytes+1))
	if err != nil {
		return Response{}, failure(shown, err)
	}
	if int64(len(body)) > maxBytes {
		return Response{}, tooLarge
	}
	return Response{Body: body, ContentType: resp.Header.Get("Content-Type"), FinalURL: resp.Request.URL.String()}, nil
}

// checkRedirect holds each hop to the rules of the first request: the
// allow list (the address is checked again when it is dialed), the pace
// of its host, and at most maxRedirects hops.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > maxRedirects {
		return errTooManyRedirects
	}
	u, err := c.allow.check(req.URL.String())
	if err != nil {
		return err
	}
	return c.pace.wait(req.Context(), u.Hostname())
}

// discard reads a little of a body we will not use, so the connection can
// be used again, and closes it.
func discard(body io.ReadCloser) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, 64<<10))
	body.Close()
}

// retryWait is how long to wait before trying again: what Retry-After
// asks (seconds or a date), else 1, 2, 4... seconds.
func retryWait(header string, attempt int, now time.Time) time.Duration {
	if header != "" {
		if secs, err := strconv.ParseInt(header, 10, 64); err == nil && secs >= 0 {
			return time.Duration(min(secs, maxRetryAfter)) * time.Second
		}
		if at, err := http.ParseTime(header); err == nil {
			return max(at.Sub(now), 0)
		}
	}
	return time.Second << attempt
}

// maxRetryAfter bounds a Retry-After in seconds (a year) before it is
// turned into a Duration, which a larger number would overflow.
const maxRetryAfter = 365 * 24 * 3600

// errTooManyRedirects stops a redirect chain; failure words it.
var errTooManyRedirects = errors.New("too many redirects")
