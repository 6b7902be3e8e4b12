package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
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
	purge := &purger{store: s, log: log, client: &http.Client{Timeout: 5 * time.Second}}
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
	store  *store.Store
	log    *slog.Logger
	client *http.Client
}

func (p *purger) send(ctx context.Context, keys []string) {
	site, err := p.store.Site(ctx)
	if err != nil || site.PurgeURL == "" {
		return
	}
	body, _ := json.Marshal(map[string][]string{"keys": keys})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, site.PurgeURL, bytes.NewReader(body))
	if err != nil {
		p.log.Error("purge hook", "err", err)
		return
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(keys, " "))
	resp, err := p.client.Do(req)
	if err != nil {
		p.log.Error("purge hook", "err", err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		p.log.Error("purge hook", "status", resp.StatusCode)
	}
}
