package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/api"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
)

// clock is the newsroom service's clock, moved by the test.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// newsroomTest is a running API over a fresh database with one member of
// each role, each with a token.
type newsroomTest struct {
	t        *testing.T
	url      string
	store    *store.Store
	service  *editorial.Service
	clock    *clock
	mediaDir string
	section  news.Section
	other    news.Section
	author   news.Author
	users    map[string]news.User // by name: reporter, reporter2, editor, managing, chief, moderator, disabled
	tokens   map[string]string
	logs     *syncBuffer // what the API logged
}

// syncBuffer is a log destination the test reads while the server runs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// roles of the test's members.
var members = map[string][]news.Role{
	"reporter":  {news.Reporter},
	"reporter2": {news.Reporter},
	"editor":    {news.Editor},
	"managing":  {news.ManagingEditor},
	"chief":     {news.EditorInChief},
	"moderator": {news.Moderator},
	"admin":     {news.Admin},
	"disabled":  {news.Editor},
}

func start(t *testing.T, s *store.Store) *newsroomTest {
	t.Helper()
	ctx := context.Background()
	n := &newsroomTest{t: t, store: s, clock: &clock{t: time.Now().UTC()}, mediaDir: t.TempDir(),
		users: map[string]news.User{}, tokens: map[string]string{}, logs: &syncBuffer{}}
	var err error
	n.section, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "thoi-su", Name: "Thời sự"})
	must(t, err)
	n.other, err = s.CreateSection(ctx, news.System(), news.Section{Slug: "nong-nghiep", Name: "Nông nghiệp", ParentID: n.section.ID})
	must(t, err)
	n.author, err = s.CreateAuthor(ctx, news.System(), news.Author{Slug: "thu-ha", Name: "Thu Hà"})
	must(t, err)
	for name, roles := range members {
		u := news.User{Email: name + "@baohatinh.vn", Name: "Thành viên " + name, Roles: roles,
			PasswordHash: "x", Disabled: name == "disabled"}
		if name == "reporter" {
			u.AuthorID = n.author.ID
		}
		u, err = s.CreateUser(ctx, news.System(), u)
		must(t, err)
		tok := auth.NewToken()
		_, err = s.CreateAPIToken(ctx, news.System(), u.ID, auth.HashToken(tok), "test")
		must(t, err)
		n.users[name], n.tokens[name] = u, tok
	}
	lib, err := media.New(n.mediaDir)
	must(t, err)
	n.service = editorial.New(s, richtext.NewPolicy(), n.clock.now)
	comments, err := comment.New(ctx, s, n.clock.now)
	must(t, err)
	srv := httptest.NewServer(api.New(api.Deps{Store: s, Editorial: n.service, Comments: comments,
		Accounts: accounts.New(s, auth.TestHasher(), n.clock.now), Uploads: media.NewUploads(lib, s),
		Log: slog.New(slog.NewTextHandler(n.logs, nil))}).Handler())
	t.Cleanup(srv.Close)
	n.url = srv.URL
	return n
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request as who (a member's name, or "" for no token). body
// is sent as is when it is a string, as JSON otherwise.
func (n *newsroomTest) do(method, path, who string, body any) response {
	n.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		must(n.t, err)
		r = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, n.url+path, r)
	must(n.t, err)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if who != "" {
		req.Header.Set("Authorization", "Bearer "+n.tokens[who])
	}
	return n.send(req)
}

func (n *newsroomTest) send(req *http.Request) response {
	n.t.Helper()
	res, err := http.DefaultClient.Do(req)
	must(n.t, err)
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	must(n.t, err)
	if ct := res.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		n.t.Fatalf("%s %s: Content-Type %q", req.Method, req.URL.Path, ct)
	}
	if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
		n.t.Fatalf("%s %s: Cache-Control %q", req.Method, req.URL.Path, cc)
	}
	return response{status: res.StatusCode, header: res.Header, body: data}
}

// into checks the status and decodes the body into v.
func (r response) into(t *testing.T, status int, v any) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %s: %v", r.body, err)
	}
}

// apiError is the error object of a failed answer.
type apiError struct {
	Code            string `json:"code"`
	Message         string `json:"message"`
	RevisionID      int64  `json:"revision_id"`
	CurrentRevision int    `json:"current_revision"`
}

// failure checks that r is a JSON error with status and code and a
// message in Vietnamese, and returns it.
func (r response) failure(t *testing.T, status int, code string) apiError {
	t.Helper()
	var body struct{ Error apiError }
	r.into(t, status, &body)
	if body.Error.Code != code {
		t.Fatalf("code %q, want %q: %s", body.Error.Code, code, r.body)
	}
	if !vietnamese(body.Error.Message) {
		t.Fatalf("message %q is not in Vietnamese", body.Error.Message)
	}
	return body.Error
}

// vietnamese reports whether s has a letter only Vietnamese uses, a
// cheap check that a message was written for the newsroom.
func vietnamese(s string) bool {
	return strings.ContainsAny(s, "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùýĐ")
}

// article is the API's article as a client reads it.
type article struct {
	ID           int64      `json:"id"`
	Title        string     `json:"title"`
	Lead         string     `json:"lead"`
	Body         string     `json:"body"`
	SectionID    int64      `json:"section_id"`
	Tags         []string   `json:"tags"`
	Status       string     `json:"status"`
	URL          string     `json:"url"`
	Slug         string     `json:"slug"`
	Revision     int        `json:"revision"`
	CoverImageID *int64     `json:"cover_image_id"`
	PublishedAt  *time.Time `json:"published_at"`
	ScheduledAt  *time.Time `json:"scheduled_at"`
	EmbargoUntil *time.Time `json:"embargo_until"`
	CreatedAt    time.Time  `json:"created_at"`
	UpdatedAt    time.Time  `json:"updated_at"`
	Authors      []struct {
		ID   int64  `json:"id"`
		Name string `json:"name"`
	} `json:"authors"`
	Credit      string     `json:"credit"`
	Correction  string     `json:"correction"`
	CorrectedAt *time.Time `json:"corrected_at"`
}

type revision struct {
	ID       int64  `json:"id"`
	Number   int    `json:"number"`
	Kind     string `json:"kind"`
	Status   string `json:"status"`
	Note     string `json:"note"`
	UserID   *int64 `json:"user_id"`
	UserName string `json:"user_name"`
	Title    string `json:"title"`
	Body     string `json:"body"`
}

// create makes a draft as who and returns it.
func (n *newsroomTest) create(who string, fields map[string]any) article {
	n.t.Helper()
	body := map[string]any{"title": "Đường về xã mới", "lead": "Người dân vui mừng.",
		"body": "<p>Con đường bê tông dài 3 km.</p>", "section_id": n.section.ID}
	for k, v := range fields {
		body[k] = v
	}
	var a article
	n.do("POST", "/api/v1/articles", who, body).into(n.t, http.StatusCreated, &a)
	return a
}

func (n *newsroomTest) revisions(id int64) []revision {
	n.t.Helper()
	var out struct{ Revisions []revision }
	n.do("GET", path("/api/v1/articles/%d/revisions", id), "editor", nil).into(n.t, http.StatusOK, &out)
	return out.Revisions
}

func path(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// filesIn counts the files under dir, to see that a refused upload left
// nothing behind.
func filesIn(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	entries, err := os.ReadDir(dir)
	must(t, err)
	for _, e := range entries {
		if e.IsDir() {
			n += filesIn(t, dir+"/"+e.Name())
		} else {
			n++
		}
	}
	return n
}
