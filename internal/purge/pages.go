package purge

import (
	"net/http"
	"net/url"
	"strings"
	"time"
)

// PathPlaceholder in a purge_url marks a proxy that purges one URL at a
// time: each page's path and query take its place.
const PathPlaceholder = "{path}"

// encodings are the variants a proxy keeps of each page (deploy/nginx.conf
// keys them by whether the reader takes gzip): each is purged.
var encodings = []string{"gzip", ""}

// purgePages asks the proxy to drop each page, in each encoding. Pages a
// reader's choices vary (their request key holds "|") are not kept by
// the proxy, and a 404 is a page the proxy did not hold: neither needs
// telling. A failed purge is tried again like the keys' post.
func (h *Hook) purgePages(template string, pages []string) {
	for _, page := range pages {
		if strings.Contains(page, "|") {
			continue
		}
		path, query, _ := strings.Cut(page, "?")
		target := strings.Replace(template, PathPlaceholder, (&url.URL{Path: path, RawQuery: query}).String(), 1)
		for _, enc := range encodings {
			h.retry(func() error { return h.purgeOne(target, enc) }, page)
		}
	}
}

func (h *Hook) purgeOne(target, encoding string) error {
	req, err := http.NewRequestWithContext(h.ctx, http.MethodGet, target, nil)
	if err != nil {
		h.log.Error("purge hook", "url", target, "err", err)
		return nil // a bad URL does not get better
	}
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	} else {
		req.Header.Set("Accept-Encoding", "identity") // else Go's client asks for gzip
	}
	return h.do(req, true)
}

// retry runs send until it succeeds or the waits run out.
func (h *Hook) retry(send func() error, what string) {
	for attempt := 0; ; attempt++ {
		err := send()
		if err == nil {
			return
		}
		if attempt == len(h.retries) {
			h.log.Error("purge hook failed; the proxy may serve this stale until it expires", "what", what, "err", err)
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
