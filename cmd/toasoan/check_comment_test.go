package main

import (
	"bytes"
	"context"
	"io"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/toasoan/toasoan/internal/store/storetest"
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

// TestCheckCommentOnANewPaper is the test: a paper started
// without the demo, with nobody having added a word, refuses the common
// insult from its first day, on either database; ordinary comments that
// fold into it pass.
func TestCheckCommentOnANewPaper(t *testing.T) {
	t.Parallel()
	for _, src := range storetest.Sources(t) {
		t.Run(src.Name, func(t *testing.T) {
			t.Parallel()
			where := []string{"--data", t.TempDir()}
			if src.Name == "postgres" {
				where = append(where, "--database", src.Source)
			}
			startProcess(t, append(where, "--demo=false")...)
			cmd := exec.Command(binary(t), append([]string{"check-comment"}, where...)...)
			cmd.Stdin = strings.NewReader(strings.Join([]string{
				"Đồ ngu",
				norm.NFD.String("Đồ ngu"),
				"ĐỒ   NGU!",
				"Thằng ngu này viết bài như vậy à",
				"Tối nay tôi đi ngủ sớm, chúc cả nhà ngủ ngon.",
				"Mùa đông rồi, nhớ mua đồ ngủ ấm cho các cháu.",
				"Tai nạn xảy ra do ngủ gật khi lái xe.",
			}, "\n"))
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("check-comment: %v\n%s", err, out)
			}
			want := []string{"từ chối: Bình luận có từ ngữ không phù hợp", "từ chối: Bình luận có từ ngữ không phù hợp",
				"từ chối: Bình luận có từ ngữ không phù hợp", "từ chối: Bình luận có từ ngữ không phù hợp", "ok", "ok", "ok"}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) != len(want) {
				t.Fatalf("%d answers for %d comments:\n%s", len(lines), len(want), out)
			}
			for i, w := range want {
				if !strings.HasPrefix(lines[i], w) {
					t.Errorf("comment %d: %q, want %q", i+1, lines[i], w)
				}
			}
		})
	}
}
