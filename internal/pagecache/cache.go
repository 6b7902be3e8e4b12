// Package pagecache keeps rendered public pages in memory with the keys
// they depend on ("article:12", "section:3", "site"...), so that a change
// drops exactly the pages that show it and nothing stale is served once
// the change is committed. It is bounded in bytes, renders a page once
// however many readers ask for it at the same moment, and keeps a gzip
// variant beside the plain one.
//
// A page is fresh for at most a maximum age, the safety net for a change
// whose notice was missed, and all pages turn stale at once when notices
// may have been missed (MarkStale). A stale page is rendered again before
// it is served; it is kept only to be served when that render finds the
// database unreachable (a 503): stale, but better than an error page.
package pagecache

import (
	"bytes"
	"compress/gzip"
	"container/list"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/news"
)

// PublicCacheControl is what a kept page tells browsers and proxies: 30
// seconds fresh, the safety net of a proxy no purge reaches, and served
// while refreshed for five minutes more.
const PublicCacheControl = "public, max-age=30, stale-while-revalidate=300"

// Page is one cached response.
type Page struct {
	Status int
	Header http.Header // Content-Type and the like; no per-reader headers
	Body   []byte
	Gzip   []byte // nil when compressing does not pay
	// Length and GzipLength are the Content-Length values, made once.
	Length, GzipLength []string
	ETag               string
	Keys               []string
	Created            time.Time // when the cache kept it
}

// Cache is the page cache. The zero value is not usable; use New.
type Cache struct {
	mu       sync.Mutex
	maxBytes int
	maxAge   time.Duration
	bytes    int
	pages    map[string]*list.Element // by request key
	order    *list.List               // front: most recently used
	byKey    map[string]map[string]bool
	epoch    uint64            // counts invalidations
	dropped  map[string]uint64 // dependency key -> epoch it was last invalidated
	flushed  uint64            // epoch of the last Flush or MarkStale
	stale    uint64            // pages kept before this epoch are stale
	inflight map[string]*call
	now      func() time.Time
	stats    Stats

	// mirror, when set, is told of every page kept and dropped (a folder
	// of page files a proxy serves: pagefiles). mirrorMu orders what it is
	// told; unmirror holds the request keys of mirrored pages dropped
	// under mu, for the mirror to drop once mu is released.
	mirror   Mirror
	mirrorMu sync.Mutex
	unmirror []string
}

// Mirror keeps a copy of the cache's fresh pages outside it, such as files
// a proxy serves without asking the server. The cache tells it of each
// page it keeps and drops, one call at a time and in order, never while
// holding its own lock, so a page dropped is never kept again after.
type Mirror interface {
	// Keep copies page p of request key; false: it keeps no copy of
	// this page (one it cannot serve as the server would).
	Keep(key string, p *Page) bool
	// Drop removes the copies of these request keys, now.
	Drop(keys []string)
}

// SetMirror gives the cache its mirror; call it before the cache is used.
func (c *Cache) SetMirror(m Mirror) { c.mirror = m }

// Stats count what the cache did, for the benchmarks and /healthz.
type Stats struct {
	Hits, Misses, Renders, Invalidations, Evictions, StaleServed int
	Bytes, Pages                                                 int
}

// Source says where Get's page came from.
type Source int

// The sources of a page.
const (
	Hit      Source = iota // kept and fresh
	Rendered               // rendered for this request (or for one it waited on)
	Stale                  // kept but stale, served because the render could not reach the database
)

type call struct {
	done   chan struct{}
	page   *Page
	source Source
}

// New returns a cache holding at most maxBytes of pages (plain and gzip),
// each fresh for at most maxAge.
func New(maxBytes int, maxAge time.Duration, now func() time.Time) *Cache {
	return &Cache{maxBytes: maxBytes, maxAge: maxAge, pages: map[string]*list.Element{}, order: list.New(),
		byKey: map[string]map[string]bool{}, dropped: map[string]uint64{}, inflight: map[string]*call{}, now: now}
}

// fresh reports whether a kept entry may be served without a render.
func (c *Cache) fresh(e *entry) bool {
	return e.epoch >= c.stale && c.now().Sub(e.page.Created) < c.maxAge
}

// Peek returns the cached page for key if it is fresh, or nil: the hit
// path that needs no render function.
func (c *Cache) Peek(key string) *Page {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.pages[key]
	if !ok || !c.fresh(el.Value.(*entry)) {
		return nil
	}
	c.order.MoveToFront(el)
	c.stats.Hits++
	return el.Value.(*entry).page
}

// Get is GetFrom without saying where the page came from.
func (c *Cache) Get(key string, render func() (*Page, bool)) *Page {
	p, _ := c.GetFrom(key, render)
	return p
}

// GetFrom returns the cached page for key, rendering it with render when
// it is missing or stale, and says where it came from. Concurrent Gets of
// a key render it once. render returns the page and whether it may be
// cached (errors and per-reader answers may not); a page whose
// dependencies changed while it rendered is served but not kept. When the
// render answers 503 (the database is unreachable) and a stale copy is
// kept, the stale copy is served instead.
func (c *Cache) GetFrom(key string, render func() (*Page, bool)) (*Page, Source) {
	c.mu.Lock()
	var old *Page
	if el, ok := c.pages[key]; ok {
		e := el.Value.(*entry)
		if c.fresh(e) {
			c.order.MoveToFront(el)
			c.stats.Hits++
			c.mu.Unlock()
			return e.page, Hit
		}
		old = e.page
	}
	if cl, ok := c.inflight[key]; ok {
		c.stats.Hits++
		c.mu.Unlock()
		<-cl.done
		if cl.page != nil {
			return cl.page, cl.source
		}
		return c.GetFrom(key, render)
	}
	cl := &call{done: make(chan struct{})}
	c.inflight[key] = cl
	start := c.epoch
	c.stats.Misses++
	c.mu.Unlock()

	page, cacheable := c.safeRender(key, cl, render)
	if page != nil && cacheable {
		finish(page)
	}

	c.mu.Lock()
	delete(c.inflight, key)
	c.stats.Renders++
	source := Rendered
	kept := false
	switch {
	case page != nil && cacheable && !c.changedSince(page.Keys, start):
		c.put(key, page)
		cl.page, cl.source = page, Rendered
		kept = true
	case old != nil && (page == nil || page.Status == http.StatusServiceUnavailable):
		page, source = old, Stale
		cl.page, cl.source = old, Stale
		c.stats.StaleServed++
	}
	c.mu.Unlock()
	close(cl.done)
	if c.mirror != nil {
		c.dropUnmirrored() // what put replaced or pushed out
		if kept {
			c.mirrorKept(key, page)
		}
	}
	return page, source
}

// mirrorKept gives the mirror page, kept under key, unless it was dropped
// meanwhile; if it is dropped while the mirror copies it, the copy goes.
func (c *Cache) mirrorKept(key string, page *Page) {
	c.mirrorMu.Lock()
	defer c.mirrorMu.Unlock()
	if !c.holds(key, page, false) || !c.mirror.Keep(key, page) {
		return
	}
	if !c.holds(key, page, true) {
		c.mirror.Drop([]string{key})
	}
}

// holds reports whether key's fresh entry is page; with mark, it records
// that the mirror has a copy, which the entry's removal then drops.
func (c *Cache) holds(key string, page *Page, mark bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	el, ok := c.pages[key]
	if !ok {
		return false
	}
	e := el.Value.(*entry)
	if e.page != page || !c.fresh(e) {
		return false
	}
	if mark {
		e.mirrored = true
	}
	return true
}

// dropUnmirrored tells the mirror to drop the mirrored pages the cache
// dropped.
func (c *Cache) dropUnmirrored() {
	c.mirrorMu.Lock()
	defer c.mirrorMu.Unlock()
	c.mu.Lock()
	keys := c.unmirror
	c.unmirror = nil
	c.mu.Unlock()
	if len(keys) > 0 {
		c.mirror.Drop(keys)
	}
}

// unmirrorAll, with mu held, takes every mirrored page from the mirror
// (after Flush or MarkStale), or only those past the maximum age.
func (c *Cache) unmirrorAll(expiredOnly bool) {
	for el := c.order.Front(); el != nil; el = el.Next() {
		if e := el.Value.(*entry); e.mirrored && (!expiredOnly || !c.fresh(e)) {
			e.mirrored = false
			c.unmirror = append(c.unmirror, e.key)
		}
	}
}

// DropExpired takes from the mirror the pages past the cache's maximum
// age: the cache renders them again before serving them, and the mirror
// must not serve them either. The server calls it every few seconds.
func (c *Cache) DropExpired() {
	if c.mirror == nil {
		return
	}
	c.mu.Lock()
	c.unmirrorAll(true)
	c.mu.Unlock()
	c.dropUnmirrored()
}

// safeRender runs render; a panic releases the waiters before it goes on
// up to the server's recovery, so nobody blocks forever.
func (c *Cache) safeRender(key string, cl *call, render func() (*Page, bool)) (*Page, bool) {
	defer func() {
		if v := recover(); v != nil {
			c.mu.Lock()
			delete(c.inflight, key)
			c.mu.Unlock()
			close(cl.done)
			panic(v)
		}
	}()
	return render()
}

// changedSince reports whether any of keys was invalidated, or the cache
// flushed, after epoch start.
func (c *Cache) changedSince(keys []string, start uint64) bool {
	if c.flushed > start {
		return true
	}
	for _, k := range keys {
		if c.dropped[k] > start {
			return true
		}
	}
	return false
}

type entry struct {
	key      string
	page     *Page
	size     int
	epoch    uint64 // when it was kept
	mirrored bool   // the mirror holds a copy
}

func (c *Cache) put(key string, p *Page) {
	size := cap(p.Body) + cap(p.Gzip) + len(key) + 256
	if size > c.maxBytes/4 {
		return // one page must never push out a quarter of the cache
	}
	if el, ok := c.pages[key]; ok {
		c.remove(el) // the stale copy it replaces
	}
	p.Created = c.now() // by the cache's clock, which its maximum age is measured on
	el := c.order.PushFront(&entry{key: key, page: p, size: size, epoch: c.epoch})
	c.pages[key] = el
	c.bytes += size
	for _, k := range p.Keys {
		if c.byKey[k] == nil {
			c.byKey[k] = map[string]bool{}
		}
		c.byKey[k][key] = true
	}
	for c.bytes > c.maxBytes {
		c.remove(c.order.Back())
		c.stats.Evictions++
	}
}

func (c *Cache) remove(el *list.Element) {
	e := el.Value.(*entry)
	if e.mirrored {
		c.unmirror = append(c.unmirror, e.key)
	}
	c.order.Remove(el)
	delete(c.pages, e.key)
	c.bytes -= e.size
	for _, k := range e.page.Keys {
		delete(c.byKey[k], e.key)
		if len(c.byKey[k]) == 0 {
			delete(c.byKey, k)
		}
	}
}

// Invalidate drops every page that depends on any of keys, and keeps
// pages being rendered now from being stored with stale content. It
// returns how many pages it dropped.
func (c *Cache) Invalidate(keys ...string) int {
	return len(c.invalidate(keys))
}

// afterDrop tells the mirror, if any, what was just dropped.
func (c *Cache) afterDrop() {
	if c.mirror != nil {
		c.dropUnmirrored()
	}
}

// invalidate is Invalidate, returning the request keys of the pages it
// dropped.
func (c *Cache) invalidate(keys []string) []string {
	defer c.afterDrop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.stats.Invalidations++
	var gone []string
	for _, k := range keys {
		c.dropped[k] = c.epoch
		for pageKey := range c.byKey[k] {
			if el, ok := c.pages[pageKey]; ok {
				c.remove(el)
				gone = append(gone, pageKey)
			}
		}
	}
	// dropped only needs keys newer than any render in flight: trim it
	// when nothing renders, so it cannot grow without bound.
	if len(c.inflight) == 0 && len(c.dropped) > 10000 {
		c.dropped = map[string]uint64{}
		c.flushed = c.epoch
	}
	return gone
}

// MarkStale makes every kept page stale: after notices may have been
// missed (a lost connection to the other servers, a database outage),
// nothing kept can be served without a render, but it is still better
// than an error page while the database is unreachable. Renders in flight
// are not kept either.
func (c *Cache) MarkStale() {
	defer c.afterDrop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.epoch++
	c.stale, c.flushed = c.epoch, c.epoch
	c.unmirrorAll(false)
}

// Flush drops every page.
func (c *Cache) Flush() {
	defer c.afterDrop()
	c.mu.Lock()
	defer c.mu.Unlock()
	c.unmirrorAll(false)
	c.epoch++
	c.flushed = c.epoch
	c.pages = map[string]*list.Element{}
	c.order.Init()
	c.byKey = map[string]map[string]bool{}
	c.dropped = map[string]uint64{}
	c.bytes = 0
}

// Stats reports the counters.
func (c *Cache) Stats() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.stats
	s.Bytes, s.Pages = c.bytes, len(c.pages)
	return s
}

// ETagValue is the page's entity tag, computed from its body.
func (p *Page) ETagValue() string {
	sum := sha256.Sum256(p.Body)
	return `"` + hex.EncodeToString(sum[:12]) + `"`
}

// finish computes the page's ETag and gzip variant once, when it is made.
func finish(p *Page) {
	if p.ETag == "" {
		p.ETag = p.ETagValue()
	}
	// Kept at their length: a render buffer grown by doubling holds up to
	// twice the page, memory the cache's count would not see (at 100,000
	// stories, 78 of the heap's 108 MB with the 64 MB cache full).
	p.Body = bytes.Clone(p.Body)
	p.Length = []string{strconv.Itoa(len(p.Body))}
	if len(p.Body) < 512 {
		return
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return // a level gzip knows: cannot happen; the page is served plain
	}
	if _, err := zw.Write(p.Body); err != nil {
		return
	}
	if err := zw.Close(); err != nil {
		return
	}
	if buf.Len() < len(p.Body) {
		p.Gzip = bytes.Clone(buf.Bytes())
		p.GzipLength = []string{strconv.Itoa(len(p.Gzip))}
	}
}

// Changed applies a committed change: the pages that show any of its
// keys are dropped; when notices may have been missed, every page turns
// stale. It is the store's subscriber (store.Subscribe).
func (c *Cache) Changed(ch news.Change) {
	c.ChangedPages(ch)
}

// ChangedPages is Changed, returning the request keys (path and the
// parameters that matter, see site's cacheKey) of the pages the change
// dropped, or, when every page turned stale, of every page kept: what a
// proxy that purges by URL must drop (deploy/nginx.conf).
func (c *Cache) ChangedPages(ch news.Change) []string {
	if !ch.All {
		return c.invalidate(ch.Strings())
	}
	c.MarkStale()
	c.mu.Lock()
	defer c.mu.Unlock()
	kept := make([]string, 0, len(c.pages))
	for k := range c.pages {
		kept = append(kept, k)
	}
	return kept
}
