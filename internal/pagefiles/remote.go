package pagefiles

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/toasoan/toasoan/internal/pagecache"
)

// Remote is the page files of several servers behind one nginx: each
// server sends the pages its cache keeps to nginx's folder over HTTP (PUT
// and DELETE, nginx's own dav module: deploy/nginx-pages-dav.conf), and
// deletes each the moment its cache drops it. Every server hears every
// change, so the server that wrote a page is the one that deletes it.
//
// The cache tells Remote of each page in order; Remote sends them in that
// order from a queue of its own, so a miss never waits on nginx: a page
// dropped is deleted after it was written, never before. A delete that
// fails is tried again until nginx takes it (a page left behind would be
// served until the folder is emptied); a page that cannot be written is
// left to the server, which answers for it.
type Remote struct {
	base     *url.URL // the folder's address, ending in "/"
	client   *http.Client
	log      *slog.Logger
	sent     map[string][]string // sentHeaders
	warnings rareWarning         // pages not sent
	// deleteWarnings: deletes nginx did not take (each tried again); a
	// minute's worth is one line while nginx is away.
	deleteWarnings rareWarning
	retry          time.Duration // the first wait before a failed delete is tried again

	mu     sync.Mutex
	queue  []remoteOp
	writes int           // page writes in queue
	wake   chan struct{} // a send when queue gains an op
}

// remoteOp is a page to write (page set), a page to delete, or the whole
// folder to empty (empty).
type remoteOp struct {
	key   string
	page  *pagecache.Page
	empty bool
}

// maxQueuedWrites bounds the pages waiting to be sent while nginx is slow
// or away: past it a page stays with the server. Deletes are never
// refused.
const maxQueuedWrites = 1000

// IsRemote reports whether a --page-files value is nginx's address
// rather than a folder.
func IsRemote(where string) bool {
	return strings.HasPrefix(where, "http://") || strings.HasPrefix(where, "https://")
}

// OpenRemote prepares the pages sent to nginx's folder at address base
// (http://10.0.0.5:8081/pages/); the server then empties it (Empty).
func OpenRemote(base string, client *http.Client, log *slog.Logger) (*Remote, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("thư mục trang %q: cần địa chỉ http:// của nginx, ví dụ http://10.0.0.5:8081/pages/", base)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if u.Path == "/" {
		return nil, fmt.Errorf("thư mục trang %q: cần một thư mục con, ví dụ http://10.0.0.5:8081/pages/ (máy chủ xóa hết thư mục này khi khởi động)", base)
	}
	return &Remote{base: u, client: client, log: log, sent: sentHeaders(),
		warnings: rareWarning{now: time.Now}, deleteWarnings: rareWarning{now: time.Now},
		retry: 100 * time.Millisecond, wake: make(chan struct{}, 1)}, nil
}

// Empty deletes the folder, for a server starting before it keeps any
// page: a page left by its last run may show what has changed since, and
// only this server knew of it. The other servers' pages go too; they are
// sent again as their caches renew them. When nginx does not answer, the
// folder is deleted first thing once it does (Run tries until then).
func (r *Remote) Empty(ctx context.Context) error {
	err := r.delete(ctx, remoteOp{empty: true})
	if err != nil {
		r.pushFront(remoteOp{empty: true})
	}
	return err
}

// Address is the folder's address.
func (r *Remote) Address() string { return r.base.String() }

// Keep queues page p of request key to be written, if nginx can send it
// as the server would and the queue has room.
func (r *Remote) Keep(key string, p *pagecache.Page) bool {
	if !plainPath(key) || !sendable(r.sent, p) {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.writes >= maxQueuedWrites {
		return false
	}
	r.writes++
	r.push(remoteOp{key: key, page: p})
	return true
}

// Drop queues the files of keys to be deleted.
func (r *Remote) Drop(keys []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, key := range keys {
		if plainPath(key) {
			r.push(remoteOp{key: key})
		}
	}
}

// push, with mu held, queues op and wakes Run.
func (r *Remote) push(op remoteOp) {
	r.queue = append(r.queue, op)
	r.signal()
}

// signal wakes Run if it waits for the queue.
func (r *Remote) signal() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// pushFront queues op before the others.
func (r *Remote) pushFront(op remoteOp) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queue = append([]remoteOp{op}, r.queue...)
	r.signal()
}

// Run sends the queue to nginx, in order, until ctx ends; then it sends
// the deletes still queued (a correction made just before the server
// stopped), for a few seconds at most.
func (r *Remote) Run(ctx context.Context) {
	for ctx.Err() == nil {
		if op, ok := r.next(); ok {
			r.send(ctx, op)
			continue
		}
		select {
		case <-ctx.Done():
		case <-r.wake:
		}
	}
	r.finish()
}

// next takes the queue's first op.
func (r *Remote) next() (remoteOp, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.queue) == 0 {
		return remoteOp{}, false
	}
	op := r.queue[0]
	r.queue[0] = remoteOp{}
	r.queue = r.queue[1:]
	if op.page != nil {
		r.writes--
	}
	return op, true
}

// finish sends the deletes left when the server stops.
func (r *Remote) finish() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for ctx.Err() == nil {
		op, ok := r.next()
		if !ok {
			return
		}
		if op.page == nil {
			r.send(ctx, op)
		}
	}
}

// send does op. A page is written gzip first, as in the folder, and a
// page not written whole is deleted, so nginx never sends half of one.
// Deletes are tried until nginx takes them or ctx ends.
func (r *Remote) send(ctx context.Context, op remoteOp) {
	if op.page == nil {
		r.deleteUntilDone(ctx, op)
		return
	}
	if ctx.Err() != nil {
		return // a server stopping writes no more pages
	}
	name := r.file(op.key)
	var err error
	if op.page.Gzip != nil {
		err = r.call(ctx, http.MethodPut, name+".gz", op.page.Gzip)
	} else {
		err = r.call(ctx, http.MethodDelete, name+".gz", nil)
	}
	if err == nil {
		err = r.call(ctx, http.MethodPut, name, op.page.Body)
	}
	if err != nil {
		if ctx.Err() == nil {
			r.warnings.warn(r.log, "page files: a page could not be sent to nginx; the server answers for it", "page", op.key, "err", err)
		}
		r.deleteUntilDone(ctx, remoteOp{key: op.key})
	}
}

// deleteUntilDone deletes op's files (or empties the folder), trying again
// after a wait that doubles up to 5 s while nginx refuses or is away. A
// delete cut short by ctx goes back to the queue's head, for finish.
func (r *Remote) deleteUntilDone(ctx context.Context, op remoteOp) {
	wait := r.retry
	for {
		err := r.delete(ctx, op)
		if err == nil {
			return
		}
		if ctx.Err() != nil {
			r.pushFront(op)
			return
		}
		r.deleteWarnings.warn(r.log, "page files: nginx did not delete an old page; trying again", "page", op.key, "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
}

func (r *Remote) delete(ctx context.Context, op remoteOp) error {
	if op.empty {
		return r.call(ctx, http.MethodDelete, r.base.String(), nil)
	}
	name := r.file(op.key)
	if err := r.call(ctx, http.MethodDelete, name+".gz", nil); err != nil {
		return err
	}
	return r.call(ctx, http.MethodDelete, name, nil)
}

// file is the address of request key's file: the page /thoi-su is
// thoi-su.html, the home page .html (keys are plainPath's).
func (r *Remote) file(key string) string {
	return r.base.String() + strings.TrimPrefix(key, "/") + Suffix
}

// call sends one PUT or DELETE; a DELETE of what is not there is done.
func (r *Remote) call(ctx context.Context, method, address string, body []byte) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, address, rd)
	if err != nil {
		return err
	}
	if method == http.MethodDelete && strings.HasSuffix(address, "/") {
		req.Header.Set("Depth", "infinity") // nginx deletes a folder only so asked
	}
	resp, err := r.client.Do(req)
	if err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // the connection is reused once read
	_ = resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		return nil
	case method == http.MethodDelete && resp.StatusCode == http.StatusNotFound:
		return nil
	}
	return errors.New(method + " " + address + ": " + resp.Status)
}
