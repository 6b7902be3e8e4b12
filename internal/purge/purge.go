// Package purge tells a caching proxy in front of the paper (Varnish, a
// CDN) which pages to drop: the paper's purge hook, the site setting
// purge_url, receives the keys of every change after this server has
// dropped its own copies, so the proxy cannot keep a page that a server
// rendered before it heard of the change.
package purge

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Hook posts changed keys to the paper's purge hook. The keys go both in
// a Surrogate-Key header, space separated, for a proxy that purges from
// headers (deploy/varnish.vcl), and as JSON {"keys": [...]} in the body,
// for a webhook.
type Hook struct {
	ctx     context.Context // ends the retries at shutdown
	store   *store.Store
	log     *slog.Logger
	client  *http.Client
	retries []time.Duration // waits before trying again after a failure
}

// New returns the hook of the paper behind s; retries is how long to wait
// before each new attempt after a failure (nil: one second, then five).
func New(ctx context.Context, s *store.Store, client *http.Client, log *slog.Logger, retries []time.Duration) *Hook {
	if retries == nil {
		retries = []time.Duration{time.Second, 5 * time.Second}
	}
	return &Hook{ctx: context.WithoutCancel(ctx), store: s, log: log, client: client, retries: retries}
}

// Changed hands ch to the hook without waiting: the store's subscriber,
// after the page cache. A change that may have missed others purges every
// page ("site", which every page carries).
func (h *Hook) Changed(ch news.Change) {
	keys := ch.Strings()
	if ch.All {
		keys = []string{string(news.SiteKey)}
	}
	go h.Send(keys)
}

// Send posts keys to the purge hook, if the paper has one, trying again
// after a network error or a 5xx: a proxy that misses a purge keeps a
// stale page until it expires (an hour in deploy/varnish.vcl).
func (h *Hook) Send(keys []string) {
	site, err := h.store.Site(h.ctx)
	if err != nil {
		h.log.Error("purge hook: cannot read the paper's settings; the proxy may serve these pages stale", "keys", strings.Join(keys, " "), "err", err)
		return
	}
	if site.PurgeURL == "" {
		return
	}
	body, err := json.Marshal(map[string][]string{"keys": keys})
	if err != nil {
		h.log.Error("purge hook", "err", err)
		return
	}
	for attempt := 0; ; attempt++ {
		err := h.post(site.PurgeURL, body, keys)
		if err == nil {
			return
		}
		if attempt == len(h.retries) {
			h.log.Error("purge hook failed; the proxy may serve these pages stale until they expire", "keys", strings.Join(keys, " "), "err", err)
			return
		}
		t := time.NewTimer(h.retries[attempt])
		select {
		case <-h.ctx.Done():
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

func (h *Hook) post(url string, body []byte, keys []string) error {
	req, err := http.NewRequestWithContext(h.ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		h.log.Error("purge hook", "err", err)
		return nil // a bad URL does not get better
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Surrogate-Key", strings.Join(keys, " "))
	resp, err := h.client.Do(req)
	if err != nil {
		return err
	}
	if err := resp.Body.Close(); err != nil {
		h.log.Debug("purge hook: closing the answer", "err", err)
	}
	switch {
	case resp.StatusCode >= 500:
		return errHookFailed{resp.StatusCode}
	case resp.StatusCode >= 300:
		h.log.Error("purge hook", "status", resp.StatusCode)
	}
	return nil
}
