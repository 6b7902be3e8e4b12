package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// adminAPI is a client of base's JSON API with a fresh token of the first
// administrator, made by "toasoan token create" on the database storeArgs
// name (--data D or --database URL).
func adminAPI(t *testing.T, base string, storeArgs ...string) apiClient {
	t.Helper()
	var out bytes.Buffer
	args := append([]string{"token", "create", "--email", "admin@localhost"}, storeArgs...)
	if err := Run(context.Background(), args, func(string) string { return "" }, strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	return apiClient{t: t, base: base, token: strings.TrimSpace(out.String())}
}

// apiClient calls the JSON API with a token and fails the test on an error.
type apiClient struct {
	t           *testing.T
	base, token string
}

func (c apiClient) call(method, path, body string) map[string]any {
	c.t.Helper()
	req, _ := http.NewRequest(method, c.base+path, strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	var v map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&v); err != nil {
		c.t.Fatalf("%s %s: %d, not JSON: %v", method, path, resp.StatusCode, err)
	}
	if resp.StatusCode >= 300 {
		c.t.Fatalf("%s %s: %d %v", method, path, resp.StatusCode, v)
	}
	return v
}
