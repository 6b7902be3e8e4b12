package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestCheckComment(t *testing.T) {
	t.Parallel()
	input := strings.Join([]string{
		"Cảm ơn báo đã đưa tin kịp thời.",
		"cam on bao da dua tin kip thoi",
		"tieengs Vieetj",
		norm.NFD.String("Đúng vậy"),
		"Xem thêm tại https://example.vn/bai-viet nhé các bạn",
		"Bài viết\u202e rất hay",
	}, "\n")
	var out bytes.Buffer
	err := Run(context.Background(), []string{"check-comment", "--data", t.TempDir()}, func(string) string { return "" }, strings.NewReader(input), &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	want := []string{"ok", "từ chối: Vui lòng gõ tiếng Việt có dấu", "từ chối: Vui lòng gõ tiếng Việt có dấu", "ok", "ok (đánh dấu: có liên kết)", "từ chối: "}
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d comments:\n%s", len(lines), len(want), out.String())
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want %q…", i+1, lines[i], w)
		}
	}
}
