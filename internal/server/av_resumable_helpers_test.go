package server_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// tusClient speaks the tus protocol as a reporter's uploader does: it
// creates an upload, sends pieces, and after a break asks where to
// resume (HEAD) and goes on, asking again when the server answers 409
// (a piece of the broken request may land after the first HEAD).
type tusClient struct {
	t      *testing.T
	base   string      // the server
	create string      // the creation path: /api/v1/uploads or /toasoan/tai-len
	header http.Header // authorization: a token, or a session's CSRF token
	client *http.Client
}

func apiTus(t *testing.T, base, token string) *tusClient {
	return &tusClient{t: t, base: base, create: "/api/v1/uploads", client: http.DefaultClient,
		header: http.Header{"Authorization": {"Bearer " + token}}}
}

func newsroomTus(t *testing.T, b *browser) *tusClient {
	return &tusClient{t: t, base: b.base, create: "/toasoan/tai-len", client: b.client,
		header: http.Header{"X-Csrf-Token": {b.csrf}, "Accept": {"application/json"}}}
}

// request sends one tus request; the answer's body is read whole.
func (c *tusClient) request(method, path string, body io.Reader, header ...string) (*http.Response, []byte, error) {
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Tus-Resumable", "1.0.0")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if br, ok := body.(*bytes.Reader); ok {
		req.ContentLength = int64(br.Len())
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	return resp, data, err
}

func (c *tusClient) must(method, path string, body io.Reader, header ...string) (*http.Response, []byte) {
	c.t.Helper()
	resp, data, err := c.request(method, path, body, header...)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp, data
}

// start creates an upload of size bytes titled title; it returns the
// upload's path.
func (c *tusClient) start(size int, title string) string {
	c.t.Helper()
	meta := "filename " + base64.StdEncoding.EncodeToString([]byte("clip;rm -rf $(x).mp4")) +
		",title " + base64.StdEncoding.EncodeToString([]byte(title))
	resp, body := c.must(http.MethodPost, c.create, nil, "Upload-Length", strconv.Itoa(size), "Upload-Metadata", meta)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusCreated || loc == "" {
		c.t.Fatalf("create: %d %q %s", resp.StatusCode, loc, body)
	}
	if u, err := http.NewRequest(http.MethodGet, loc, nil); err == nil && u.URL.Host != "" {
		loc = u.URL.RequestURI()
	}
	return loc
}

// offset is where the server says the upload stands.
func (c *tusClient) offset(path string) int {
	c.t.Helper()
	resp, _ := c.must(http.MethodHead, path, nil)
	n, err := strconv.Atoi(resp.Header.Get("Upload-Offset"))
	if resp.StatusCode != http.StatusOK || err != nil {
		c.t.Fatalf("HEAD %s: %d %q", path, resp.StatusCode, resp.Header.Get("Upload-Offset"))
	}
	return n
}

// patch sends data[from:] as one piece.
func (c *tusClient) patch(path string, data []byte, from int) (*http.Response, []byte) {
	c.t.Helper()
	return c.must(http.MethodPatch, path, bytes.NewReader(data[from:]),
		"Content-Type", "application/offset+octet-stream", "Upload-Offset", strconv.Itoa(from))
}

// breakAfter sends data[from:] but drops the connection after n bytes,
// as a phone losing its signal does.
func (c *tusClient) breakAfter(path string, data []byte, from, n int) {
	c.t.Helper()
	body := io.MultiReader(bytes.NewReader(data[from:from+n]), failingReader{})
	req, err := http.NewRequest(http.MethodPatch, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range c.header {
		req.Header[k] = v
	}
	req.Header.Set("Tus-Resumable", "1.0.0")
	req.Header.Set("Content-Type", "application/offset+octet-stream")
	req.Header.Set("Upload-Offset", strconv.Itoa(from))
	req.ContentLength = int64(len(data) - from)
	if resp, err := c.client.Do(req); err == nil {
		resp.Body.Close()
		c.t.Fatalf("a broken piece answered %d", resp.StatusCode)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("signal lost") }

// resume finishes an upload after a break: it waits for the server to
// have kept some of the broken piece, then sends the rest from where
// the server says, asking again on 409. It returns the last answer.
func (c *tusClient) resume(path string, data []byte) (*http.Response, []byte) {
	c.t.Helper()
	var from int
	waitFor(c.t, "the broken piece's bytes kept", func() bool { from = c.offset(path); return from > 0 })
	deadline := time.Now().Add(time.Minute)
	for {
		resp, body := c.patch(path, data, from)
		if resp.StatusCode != http.StatusConflict || time.Now().After(deadline) {
			return resp, body
		}
		from = c.offset(path)
	}
}

func (c *tusClient) String() string { return fmt.Sprintf("tus %s%s", c.base, c.create) }
