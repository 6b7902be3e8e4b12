package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/store"
)

// newPageCache makes the page cache and keeps it exact: changes committed
// here invalidate at once, changes from other servers arrive through the
// store's listener, and a lost listener flushes everything. Each server
// tells the paper's purge hook (a CDN or Varnish in front) after it has
// dropped its own pages, so the proxy cannot keep a copy that one of the
// servers rendered before it heard of the change. nil when the cache is off.
func newPageCache(ctx context.Context, s *store.Store, c Config, log *slog.Logger) *pagecache.Cache {
	if c.CacheBytes == 0 {
		return nil
	}
	pages := pagecache.New(c.CacheBytes, time.Now)
	purge := &purger{store: s, log: log, client: &http.Client{Timeout: 5 * time.Second}, retries: []time.Duration{time.Second, 5 * time.Second}}
	invalidate := func(keys []string) {
		pages.Invalidate(keys...)
		go purge.send(context.WithoutCancel(ctx), keys)
	}
	s.OnChange(invalidate)
	go s.Listen(ctx, invalidate, func() {
		log.Warn("lost the change notices of the other servers; page cache flushed")
		pages.Flush()
		go purge.send(context.WithoutCancel(ctx), []string{"site"}) // every page carries "site"
	})
	return pages
}

// purger posts changed keys to the paper's purge hook (site setting
// purge_url), so a CDN or Varnish in front drops the same pages by their
// Surrogate-Key. The keys go both in a Surrogate-Key header, space
// separated, for a proxy that purges from headers (deploy/varnish.vcl),
// and as JSON {"keys": [...]} in the body, for a webhook.
type purger struct {
	store   *store.Store
	log     *slog.Logger
	client  *http.Client
	retries []time.Duration // waits before trying again after a failure
}

// send posts keys to the purge hook, trying again after a network error
// or a 5xx: a proxy that misses a purge keeps a stale page until it
// expires (an hour in deploy/varnish.vcl).
func (p *purger) send(ctx context.Context, keys []string) {
	site, err := p.store.Site(ctx)
	if err != nil || site.PurgeURL == "" {
		return
	}
	body, _ := json.Marshal(map[string][]string{"keys": keys})
	for attempt := 0; ; attempt++ {
		err := p.post(ctx, site.PurgeURL, body, keys)
		if err == nil {
			return
		}
		if attempt == len(p.retries) {
			p.log.Error("purge hook failed; the proxy may serve these pages stale until they expire", "keys", strings.Join(keys, " "), "err", err)
			return
		}
		t := time.NewTimer(p.retries[attempt])
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}

// errHookFailed is a 5xx from the purge hook, worth trying again; a 4xx
// is logged and not retried, since it would get the same answer.
type errHookFailed struct{ status int }

func (e errHookFailed) Error() string { return "purge hook answered " + strconv.Itoa(e.status) }

func (p *purger) post(ctx context.Context, url string, body []byte, keys []string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		p.log.Error("purge hook", "err", err)
		return nil // a bad URL does not get better
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(keys, " "))
	resp, err := p.client.Do(req)
	if err != nil {
		return err
	}
	resp.Body.Close()
	switch {
	case resp.StatusCode >= 500:
		return errHookFailed{resp.StatusCode}
	case resp.StatusCode >= 300:
		p.log.Error("purge hook", "status", resp.StatusCode)
	}
	return nil
}
