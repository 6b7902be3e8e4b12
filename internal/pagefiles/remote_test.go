package pagefiles

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/pagecache"
)

// fakeNginx takes PUT and DELETE as nginx's dav module does (folders made
// as needed, a folder deleted with Depth: infinity, 404 for a delete of
// nothing), keeps the files in memory, and tells the test each request.
type fakeNginx struct {
	srv      *httptest.Server
	requests chan string // "METHOD /path", as each is answered

	mu    sync.Mutex
	files map[string]string
	fail  map[string]int // "METHOD /path": how many more to refuse with 503
}

func startFakeNginx(t *testing.T) *fakeNginx {
	t.Helper()
	n := &fakeNginx{requests: make(chan string, 100), files: map[string]string{}, fail: map[string]int{}}
	n.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		op := r.Method + " " + r.URL.Path
		defer func() { n.requests <- op }()
		n.mu.Lock()
		defer n.mu.Unlock()
		if n.fail[op] > 0 {
			n.fail[op]--
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		switch r.Method {
		case http.MethodPut:
			n.files[r.URL.Path] = string(body)
			w.WriteHeader(http.StatusCreated)
		case http.MethodDelete:
			found := false
			for name := range n.files {
				if name == r.URL.Path || strings.HasSuffix(r.URL.Path, "/") && r.Header.Get("Depth") == "infinity" && strings.HasPrefix(name, r.URL.Path) {
					delete(n.files, name)
					found = true
				}
			}
			if !found {
				http.NotFound(w, r)
				return
			}
			w.WriteHeader(http.StatusNoContent)
		default:
			http.Error(w, "no", http.StatusMethodNotAllowed)
		}
	}))
	t.Cleanup(n.srv.Close)
	return n
}

// expect fails unless the next requests nginx answers are want, in order.
func (n *fakeNginx) expect(t *testing.T, want ...string) {
	t.Helper()
	for _, w := range want {
		select {
		case got := <-n.requests:
			if got != w {
				t.Fatalf("nginx was sent %q, want %q", got, w)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("nginx was sent nothing, want %q", w)
		}
	}
}

func (n *fakeNginx) file(name string) (string, bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	body, ok := n.files[name]
	return body, ok
}

// openRemote opens the pages at the fake's /pages/ and runs them until
// the test ends.
func openRemote(t *testing.T, n *fakeNginx, log *slog.Logger) (*Remote, context.CancelFunc) {
	t.Helper()
	r, err := OpenRemote(n.srv.URL+"/pages", n.srv.Client(), log)
	if err != nil {
		t.Fatal(err)
	}
	r.retry = time.Millisecond
	if err := r.Empty(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return r, cancel
}

// TestRemoteSendsPagesWhereNginxLooks: the folder is emptied first (what
// this server's last run left), then each page kept is written gzip first
// where deploy/nginx-pages.conf looks, and deleted when dropped, in the
// order the cache told.
func TestRemoteSendsPagesWhereNginxLooks(t *testing.T) {
	t.Parallel()
	n := startFakeNginx(t)
	n.files["/pages/cu.html.html"] = "left by the last run"
	r, _ := openRemote(t, n, quiet())
	n.expect(t, "DELETE /pages/")
	if _, ok := n.file("/pages/cu.html.html"); ok {
		t.Fatal("the last run's page is still there")
	}

	if !r.Keep("/thoi-su/bai-post1.html", htmlPage("bài một")) {
		t.Fatal("a plain page was not kept")
	}
	plain := htmlPage("trang chủ")
	plain.Gzip = nil
	r.Keep("/", plain)
	r.Drop([]string{"/thoi-su/bai-post1.html"})
	n.expect(t, "PUT /pages/thoi-su/bai-post1.html.html.gz", "PUT /pages/thoi-su/bai-post1.html.html",
		"DELETE /pages/.html.gz", "PUT /pages/.html",
		"DELETE /pages/thoi-su/bai-post1.html.html.gz", "DELETE /pages/thoi-su/bai-post1.html.html")
	if body, ok := n.file("/pages/.html"); !ok || body != "trang chủ" {
		t.Errorf("the home page's file: %q, %v", body, ok)
	}
	if _, ok := n.file("/pages/thoi-su/bai-post1.html.html"); ok {
		t.Error("a dropped page's file is still there")
	}

	// What nginx could not send as the server would is not sent at all.
	odd := htmlPage("riêng")
	odd.Header.Set("Set-Cookie", "a=b")
	for key, p := range map[string]*pagecache.Page{"/tim-kiem?q=lua": htmlPage("tìm"), "/../etc/passwd": htmlPage("x"), "/the-thao": odd} {
		if r.Keep(key, p) {
			t.Errorf("%s was kept", key)
		}
	}
	r.Drop([]string{"/tim-kiem?q=lua"})
	r.Keep("/the-thao", htmlPage("thể thao"))
	n.expect(t, "PUT /pages/the-thao.html.gz", "PUT /pages/the-thao.html")
}

// TestRemoteEmptiesOnceNginxAnswers: a server starting while nginx is away
// (or refuses) empties the folder first thing once it answers, before the
// pages it kept meanwhile.
func TestRemoteEmptiesOnceNginxAnswers(t *testing.T) {
	t.Parallel()
	n := startFakeNginx(t)
	n.files["/pages/cu.html"] = "left by the last run"
	n.fail["DELETE /pages/"] = 2
	r, err := OpenRemote(n.srv.URL+"/pages/", n.srv.Client(), quiet())
	if err != nil {
		t.Fatal(err)
	}
	r.retry = time.Millisecond
	if err := r.Empty(context.Background()); err == nil {
		t.Fatal("Empty reports done while nginx refused")
	}
	r.Keep("/moi", htmlPage("mới"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	n.expect(t, "DELETE /pages/", "DELETE /pages/", "DELETE /pages/", "PUT /pages/moi.html.gz", "PUT /pages/moi.html")
	if _, ok := n.file("/pages/cu.html"); ok {
		t.Error("the last run's page outlived the start")
	}
}

// TestRemoteDeletesUntilNginxTakesThem: a delete nginx refuses is tried
// again, and what came after it waits, so a page dropped never outlives
// a page written later; a page nginx did not take whole is deleted.
func TestRemoteDeletesUntilNginxTakesThem(t *testing.T) {
	t.Parallel()
	n := startFakeNginx(t)
	var log bytes.Buffer
	r, _ := openRemote(t, n, slog.New(slog.NewTextHandler(&log, nil)))
	n.expect(t, "DELETE /pages/")
	r.Keep("/a", htmlPage("cũ"))
	n.expect(t, "PUT /pages/a.html.gz", "PUT /pages/a.html")

	n.mu.Lock()
	n.fail["DELETE /pages/a.html"] = 2
	n.fail["PUT /pages/b.html"] = 1
	n.mu.Unlock()
	r.Drop([]string{"/a"})
	r.Keep("/a", htmlPage("mới"))
	r.Keep("/b", htmlPage("bê"))
	n.expect(t, "DELETE /pages/a.html.gz", "DELETE /pages/a.html",
		"DELETE /pages/a.html.gz", "DELETE /pages/a.html",
		"DELETE /pages/a.html.gz", "DELETE /pages/a.html",
		"PUT /pages/a.html.gz", "PUT /pages/a.html",
		"PUT /pages/b.html.gz", "PUT /pages/b.html", "DELETE /pages/b.html.gz", "DELETE /pages/b.html")
	if body, _ := n.file("/pages/a.html"); body != "mới" {
		t.Errorf("a's file holds %q, want the page written after the delete", body)
	}
	if _, ok := n.file("/pages/b.html.gz"); ok {
		t.Error("half a page was left: b's gzip without b")
	}
	if !strings.Contains(log.String(), "trying again") || !strings.Contains(log.String(), "could not be sent to nginx") {
		t.Errorf("the log says nothing of nginx refusing:\n%s", log.String())
	}
}

// TestRemoteQueueKeepsDeletesWhenFull: while nginx is away, pages wait up
// to a bound and the rest stay with the server; deletes always wait.
func TestRemoteQueueKeepsDeletesWhenFull(t *testing.T) {
	t.Parallel()
	r, err := OpenRemote("http://127.0.0.1:1/pages/", http.DefaultClient, quiet())
	if err != nil {
		t.Fatal(err)
	}
	for i := range maxQueuedWrites {
		if !r.Keep(fmt.Sprintf("/bai-%d", i), htmlPage("bài")) {
			t.Fatalf("page %d refused with room in the queue", i)
		}
	}
	if r.Keep("/mot-nua", htmlPage("bài")) {
		t.Fatal("a page was queued past the bound")
	}
	r.Drop([]string{"/bai-1", "/bai-2"})
	if got := len(r.queue); got != maxQueuedWrites+2 {
		t.Fatalf("queue holds %d ops, want %d pages and 2 deletes", got, maxQueuedWrites)
	}
}

// TestRemoteSendsItsDeletesWhenStopping: a correction made just before the
// server stops still deletes its page; pages waiting to be written are
// left (the server is going).
func TestRemoteSendsItsDeletesWhenStopping(t *testing.T) {
	t.Parallel()
	n := startFakeNginx(t)
	r, err := OpenRemote(n.srv.URL+"/pages/", n.srv.Client(), quiet())
	if err != nil {
		t.Fatal(err)
	}
	r.Keep("/moi", htmlPage("mới"))
	r.Drop([]string{"/cu"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.Run(ctx)
	n.expect(t, "DELETE /pages/cu.html.gz", "DELETE /pages/cu.html")
	if _, ok := n.file("/pages/moi.html"); ok {
		t.Error("a page was written by a server stopping")
	}
}

// TestOpenRemoteRefusesWhatIsNotAFolderAddress: the folder is emptied at
// every start, so an address that names nginx's root, or is not an
// address, is refused with a message that says what is wanted.
func TestOpenRemoteRefusesWhatIsNotAFolderAddress(t *testing.T) {
	t.Parallel()
	for _, bad := range []string{"ftp://10.0.0.5/pages/", "http://10.0.0.5:8081/", "http://10.0.0.5:8081", "http:///pages/", "http://10.0.0.5/pages/?x=1", "http://10.0.0.5/%zz/"} {
		if _, err := OpenRemote(bad, http.DefaultClient, quiet()); err == nil || !strings.Contains(err.Error(), "thư mục trang") {
			t.Errorf("%q: %v", bad, err)
		}
	}
	r, err := OpenRemote("http://10.0.0.5:8081/pages", http.DefaultClient, quiet())
	if err != nil || r.Address() != "http://10.0.0.5:8081/pages/" {
		t.Errorf("a folder without its slash: %v, %v", r, err)
	}
	if !IsRemote("http://10.0.0.5:8081/pages/") || IsRemote("/var/cache/toasoan/pages") {
		t.Error("IsRemote mistakes a folder for an address or the reverse")
	}
}
