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
	h.ChangedPages(ch, nil)
}

// ChangedPages is Changed with the request keys of the pages the page
// cache dropped for ch (pagecache.ChangedPages), for a proxy that purges
// by URL.
func (h *Hook) ChangedPages(ch news.Change, pages []string) {
	keys := ch.Strings()
	if ch.All {
		keys = []string{string(news.SiteKey)}
	}
	go func() {
		h.SendPages(keys, pages)
		// Once more a moment later: an answer this server made from its
		// copy just before the change may reach the proxy after the first
		// purge, and be kept there with nothing left to purge it (nginx
		// refreshing a stale page in the background does this).
		t := time.NewTimer(SecondPurge)
		defer t.Stop()
		select {
		case <-h.ctx.Done():
		case <-t.C:
			h.SendPages(keys, pages)
		}
	}()
}

// SecondPurge is how long after a change its purge is sent again.
const SecondPurge = 300 * time.Millisecond

// Send is SendPages without pages: for a proxy that purges by key.
func (h *Hook) Send(keys []string) { h.SendPages(keys, nil) }

// SendPages tells the paper's purge hook, if it has one, what changed,
// trying again after a network error or a 5xx: a proxy that misses a
// purge keeps a stale page until it expires (an hour in
// deploy/varnish.vcl, 30 seconds in deploy/nginx.conf). A purge_url with
// {path} in it is a proxy that purges by URL (nginx's cache purge
// module): it is asked once for each page and encoding. Any other is
// posted the keys.
func (h *Hook) SendPages(keys, pages []string) {
	site, err := h.store.Site(h.ctx)
	if err != nil {
		h.log.Error("purge hook: cannot read the paper's settings; the proxy may serve these pages stale", "keys", strings.Join(keys, " "), "err", err)
		return
	}
	if site.PurgeURL == "" {
		return
	}
	if strings.Contains(site.PurgeURL, PathPlaceholder) {
		h.purgePages(site.PurgeURL, pages)
		return
	}
	body, err := json.Marshal(map[string][]string{"keys": keys})
	if err != nil {
		h.log.Error("purge hook", "err", err)
		return
	}
	h.retry(func() error { return h.post(site.PurgeURL, body, keys) }, strings.Join(keys, " "))
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
	return h.do(req, false)
}

// do sends req to the proxy: a network error or a 5xx is worth trying
// again; another error answer is logged (a 404 too, unless it is only a
// page the proxy did not hold).
func (h *Hook) do(req *http.Request, notHeldIsFine bool) error {
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
	case resp.StatusCode == http.StatusNotFound && notHeldIsFine:
	case resp.StatusCode >= 300:
		h.log.Error("purge hook", "url", req.URL.String(), "status", resp.StatusCode)
	}
	return nil
}
