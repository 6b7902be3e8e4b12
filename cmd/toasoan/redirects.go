package main

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/redirects"
)

// redirectsUsage is how the redirects command is used.
const redirectsUsage = `cách dùng:
  toasoan redirects import TỆP.csv   nhập chuyển hướng (mỗi dòng: địa chỉ cũ, địa chỉ mới, mã 301 hoặc 410); "-": đầu vào chuẩn
  toasoan redirects test ĐỊA-CHỈ     trang báo trả lời gì ở một địa chỉ cũ
  toasoan redirects list [TỪ]        mọi chuyển hướng (hoặc những cái có TỪ) ở dạng CSV, nhập lại được`

// runRedirects is "toasoan redirects import|test|list": the old addresses
// of the paper, as the newsroom's page at /toasoan/chuyen-huong manages
// them. An import reaches the running servers by the store's change
// notices, like any change.
func runRedirects(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(redirectsUsage)
	}
	sub, args := args[0], args[1:]
	var arg string
	if len(args) > 0 && (!strings.HasPrefix(args[0], "-") || args[0] == "-") {
		arg, args = args[0], args[1:]
	}
	if sub != "import" && sub != "test" && sub != "list" || arg == "" && sub != "list" {
		return errors.New(redirectsUsage)
	}
	s, _, err := commandStore(ctx, "redirects "+sub, args, getenv, stdout)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	table := redirects.New(s, time.Now)
	switch sub {
	case "import":
		return importRedirects(ctx, table, arg, stdin, stdout)
	case "test":
		answer, err := table.Test(ctx, arg)
		if err != nil {
			return refusal(err)
		}
		_, err = fmt.Fprintln(stdout, answer.Message())
		return err
	}
	return listRedirects(ctx, table, arg, stdout)
}

func importRedirects(ctx context.Context, table *redirects.Service, name string, stdin io.Reader, stdout io.Writer) error {
	in := stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("không mở được tệp %s: %w", name, err)
		}
		defer f.Close()
		in = f
	}
	sum, err := table.ImportCSV(ctx, news.Shell(), in)
	if ie, ok := errors.AsType[*redirects.ImportError](err); ok {
		lines := append([]string{ie.Heading}, ie.Problems...)
		if more := ie.Total - len(ie.Problems); more > 0 {
			lines = append(lines, "và "+strconv.Itoa(more)+" lỗi khác.")
		}
		return errors.New(strings.Join(lines, "\n  "))
	}
	if err != nil {
		return refusal(err)
	}
	_, err = fmt.Fprintln(stdout, sum.String()+" Các máy chủ đang chạy áp dụng trong vòng một giây.")
	return err
}

// listRedirects writes the redirects as CSV (old,new,status), the form
// import reads back.
func listRedirects(ctx context.Context, table *redirects.Service, query string, stdout io.Writer) error {
	out := csv.NewWriter(stdout)
	if err := out.Write([]string{"old", "new", "status"}); err != nil {
		return err
	}
	const page = 1000
	for offset := 0; ; offset += page {
		list, _, err := table.List(ctx, news.Shell(), query, page, offset)
		if err != nil {
			return refusal(err)
		}
		for _, r := range list {
			if err := out.Write([]string{r.From, r.To, strconv.Itoa(int(r.Status))}); err != nil {
				return err
			}
		}
		if len(list) < page {
			break
		}
	}
	out.Flush()
	return out.Error()
}
