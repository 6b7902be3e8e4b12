package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestSiteSettingsFromTheShell(t *testing.T) {
	t.Parallel()
	data := t.TempDir()
	site := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := Run(context.Background(), append(append([]string{"site"}, args...), "--data", data), func(string) string { return "" }, strings.NewReader(""), &out, io.Discard)
		return out.String(), err
	}
	if _, err := site("set", "purge_url", "http://127.0.0.1:6081/.toasoan/purge"); err != nil {
		t.Fatal(err)
	}
	// A decomposed name (as some keyboards type it) is stored composed.
	if _, err := site("set", "name", "Bá\u006f Hà Tı\u0302\u0303nh"); err != nil {
		t.Fatal(err)
	}
	// The legal footer's settings are the command line's too.
	if out, err := site("set", "licence_date", "31/01/2020"); err != nil || !strings.Contains(out, `"2020-01-31"`) {
		t.Fatalf("licence_date: %q %v", out, err)
	}
	out, err := site()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`purge_url        "http://127.0.0.1:6081/.toasoan/purge"`, `name             "Báo Hà T`,
		`licence_date     "2020-01-31"`, `correctors       "managing-editor,editor-in-chief"`} {
		if !strings.Contains(out, want) {
			t.Errorf("settings list lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range [][]string{
		{"set", "purge_url", "javascript:alert(1)"},
		{"set", "purge_url", "ftp://proxy/purge"},
		{"set", "name", "   "},
		{"set", "name", "Báo\nHà Tĩnh"},
		{"set", "time_zone", "Asia/Ha_Tinh"},
		{"set", "password", "x"},
		{"set", "name"},
		{"set", "name", strings.Repeat("đ", 400)},
		{"set", "name", "<script>alert(1)</script>"},
		{"set", "email", "không phải thư"},
		{"set", "correctors", "moderator"},
		{"set", "correctors", ""},
	} {
		if _, err := site(bad...); err == nil {
			t.Errorf("site %q accepted", bad)
		}
	}
	if out, _ := site(); !strings.Contains(out, `purge_url        "http://127.0.0.1:6081/.toasoan/purge"`) || !strings.Contains(out, "Asia/Ho_Chi_Minh") ||
		!strings.Contains(out, `correctors       "managing-editor,editor-in-chief"`) {
		t.Errorf("a refused change altered the settings:\n%s", out)
	}
}
