package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// runCheckComment reads comment texts from standard input, one a line,
// and prints for each "ok", "ok (…flags)" or "từ chối: <reason>", with the
// paper's own word lists: exactly the rules the article page applies.
func runCheckComment(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	s, _, err := commandStore(ctx, "check-comment", args, getenv, stdout)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	words, err := s.CommentWords(ctx)
	if err != nil {
		return err
	}
	lines := bufio.NewScanner(stdin)
	lines.Buffer(make([]byte, 64<<10), 1<<20)
	for lines.Scan() {
		flags, err := comment.Inspect(vietnamese.NFC(lines.Text()), words)
		switch {
		case err != nil:
			fmt.Fprintf(stdout, "từ chối: %s\n", news.ErrorMessage(err))
		case len(flags) > 0:
			fmt.Fprintf(stdout, "ok (đánh dấu: %s)\n", strings.Join(flags, ", "))
		default:
			fmt.Fprintln(stdout, "ok")
		}
	}
	return lines.Err()
}
