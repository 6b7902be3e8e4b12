// Package views counts readers' views of published stories without
// cookies and without a database write per view, and keeps the paper's
// "Đọc nhiều" lists.
//
// A story's page sends one small POST after it is shown (so cached pages
// stay cached). A view counts when it is not a bot's or a prefetch, the
// story is published, and the same reader has not been counted for the
// same story in the last 30 minutes. A reader is recognised by a hash of
// address, browser and story under a salt drawn at random each day and
// kept only in memory: nothing stored identifies a reader, and yesterday's
// hashes cannot be matched to today's. Counts wait in memory and are
// added to the store in one transaction every few seconds; each server
// adds its own, so the totals are every server's sum.
package views

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"log/slog"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/web"
)

// Limits of the counter.
const (
	// Window is how long one reader counts once for one story.
	Window = 30 * time.Minute
	// perAddress bounds the views one address may count in a Window, for
	// every story together: generous, since a mobile carrier puts many
	// readers behind one address, but a flood with changing browser names
	// from one address stops here.
	perAddress = 300
	// maxReaders bounds the recognised readers kept in memory; past it new
	// readers are not counted until the window frees room, so a flood of
	// invented addresses costs bounded memory.
	maxReaders = 500_000
)

// Counter counts views. Make one with New; it is safe for concurrent use.
type Counter struct {
	store *store.Store
	now   func() time.Time

	mu        sync.Mutex
	salt      [32]byte
	saltDay   string                      // the UTC day salt was drawn for
	seen      map[[16]byte]time.Time      // reader and story -> when counted
	addresses map[[16]byte]*addressWindow // address -> its views in the window
	pending   map[pendingKey]int64        // story and hour -> views not yet written
	ranking   rankings
}

type pendingKey struct {
	article int64
	hour    int64 // Unix seconds of the hour's start
}

type addressWindow struct {
	start time.Time
	n     int
}

// New returns a counter over s.
func New(s *store.Store, now func() time.Time) *Counter {
	if now == nil {
		now = time.Now
	}
	return &Counter{
		store:     s,
		now:       now,
		seen:      map[[16]byte]time.Time{},
		addresses: map[[16]byte]*addressWindow{},
		pending:   map[pendingKey]int64{},
	}
}

// Outcome says what became of a view.
type Outcome int

// The outcomes of Count.
const (
	Counted  Outcome = iota
	Repeated         // the same reader, the same story, within the window
	Ignored          // a bot or a prefetch
)

// bots matches the User-Agent of crawlers, link previewers and tools; a
// browser's never does.
var bots = regexp.MustCompile(`(?i)bot|crawl|spider|slurp|preview|facebookexternalhit|zalo.*link|curl|wget|python|java/|go-http-client|headless|lighthouse|monitor|fetch`)

// Count counts r's view of story id. It answers news.NotFound for a story
// that is not published and news.TooMany for an address over its limit;
// neither is counted.
func (c *Counter) Count(ctx context.Context, r *http.Request, id int64) (Outcome, error) {
	if isPrefetch(r) || bots.MatchString(r.UserAgent()) || r.UserAgent() == "" {
		return Ignored, nil
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" {
		return Ignored, news.Errorf(news.Forbidden, "Lượt xem chỉ được gửi từ trang của báo")
	}
	address := web.ClientIP(r)
	now := c.now()
	reader, addr := c.hashes(now, address, r.UserAgent(), id)

	c.mu.Lock()
	if last, ok := c.seen[reader]; ok && now.Sub(last) < Window {
		c.mu.Unlock()
		return Repeated, nil
	}
	c.mu.Unlock()

	published, err := c.store.IsPublished(ctx, id)
	if err != nil {
		return Ignored, err
	}
	if !published {
		return Ignored, news.Errorf(news.NotFound, "Không có bài viết đã đăng số %d", id)
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	if last, ok := c.seen[reader]; ok && now.Sub(last) < Window {
		return Repeated, nil // counted by a request that raced this one
	}
	w := c.addresses[addr]
	if w == nil || now.Sub(w.start) >= Window {
		w = &addressWindow{start: now}
		c.addresses[addr] = w
	}
	if w.n >= perAddress || len(c.seen) >= maxReaders {
		return Ignored, news.Errorf(news.TooMany, "Quá nhiều lượt xem từ một địa chỉ, vui lòng thử lại sau")
	}
	w.n++
	c.seen[reader] = now
	c.pending[pendingKey{article: id, hour: now.UTC().Truncate(time.Hour).Unix()}]++
	return Counted, nil
}

// speculative matches the headers browsers send with a prefetch or a
// prerender ("Sec-Purpose: prefetch;prerender", "Purpose: prefetch").
var speculative = regexp.MustCompile(`(?i)prefetch|preview|prerender`)

// isPrefetch reports a browser's speculative load, which nobody reads.
func isPrefetch(r *http.Request) bool {
	for _, h := range []string{"Sec-Purpose", "Purpose", "X-Purpose", "X-Moz"} {
		if v := r.Header.Get(h); v != "" && speculative.MatchString(v) {
			return true
		}
	}
	return false
}

// hashes returns the reader's key for this story and the address's key,
// both under today's salt (drawn anew each UTC day; the old day's keys
// are forgotten with it).
func (c *Counter) hashes(now time.Time, address, browser string, id int64) (reader, addr [16]byte) {
	c.mu.Lock()
	day := now.UTC().Format(time.DateOnly)
	if day != c.saltDay {
		if _, err := rand.Read(c.salt[:]); err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		c.saltDay = day
		clear(c.seen)
		clear(c.addresses)
	}
	salt := c.salt
	c.mu.Unlock()

	h := sha256.New()
	h.Write(salt[:])
	h.Write([]byte(address))
	copy(addr[:], h.Sum(nil))
	h.Write([]byte{0})
	h.Write([]byte(browser))
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(id))
	h.Write(n[:])
	copy(reader[:], h.Sum(nil))
	return reader, addr
}

// Flush writes the views counted since the last flush; on failure they
// are kept for the next one. It also forgets readers past their window.
func (c *Counter) Flush(ctx context.Context) error {
	c.mu.Lock()
	pending := c.pending
	c.pending = map[pendingKey]int64{}
	now := c.now()
	for k, t := range c.seen {
		if now.Sub(t) >= Window {
			delete(c.seen, k)
		}
	}
	for k, w := range c.addresses {
		if now.Sub(w.start) >= Window {
			delete(c.addresses, k)
		}
	}
	c.mu.Unlock()

	counts := make([]store.ViewCount, 0, len(pending))
	for k, n := range pending {
		counts = append(counts, store.ViewCount{ArticleID: k.article, Hour: time.Unix(k.hour, 0).UTC(), N: n})
	}
	if err := c.store.AddViews(ctx, counts); err != nil {
		c.mu.Lock()
		for k, n := range pending {
			c.pending[k] += n
		}
		c.mu.Unlock()
		return err
	}
	return nil
}

// Run flushes every interval and refreshes the most-read lists every
// refresh until ctx ends, then flushes once more (with a short deadline
// of its own, since ctx is done) so a clean shutdown loses nothing.
func (c *Counter) Run(ctx context.Context, flush, refresh time.Duration, log *slog.Logger) {
	flushes := time.NewTicker(flush)
	defer flushes.Stop()
	refreshes := time.NewTicker(refresh)
	defer refreshes.Stop()
	if err := c.Refresh(ctx); err != nil {
		log.Warn("most-read lists not refreshed", "err", err)
	}
	for {
		select {
		case <-flushes.C:
			if err := c.Flush(ctx); err != nil {
				log.Warn("views not written; kept for the next try", "err", err)
			}
		case <-refreshes.C:
			if err := c.Refresh(ctx); err != nil {
				log.Warn("most-read lists not refreshed", "err", err)
			}
		case <-ctx.Done():
			last, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if err := c.Flush(last); err != nil {
				log.Warn("views lost at shutdown", "err", err)
			}
			cancel()
			return
		}
	}
}
