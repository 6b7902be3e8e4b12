package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// runUser is "toasoan user add --email E --name N --role R[,R]": the
// password comes from standard input, so it never shows in the shell's
// history or the process list.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return errors.New("cách dùng: toasoan user add --email E --name N --role R (mật khẩu đọc từ đầu vào chuẩn)")
	}
	var email, name, roles string
	c, err := parseConfig("user add", args[1:], getenv, stdout, func(fs flagSet) {
		fs.StringVar(&email, "email", "", "email đăng nhập")
		fs.StringVar(&name, "name", "", "họ tên")
		fs.StringVar(&roles, "role", "", "vai trò, cách nhau bằng dấu phẩy: "+roleNames())
	})
	if err != nil {
		return err
	}
	in := accounts.UserInput{Email: email, Name: name}
	for _, r := range strings.Split(roles, ",") {
		in.Roles = append(in.Roles, news.Role(strings.TrimSpace(r)))
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("đọc mật khẩu: %w", err)
	}
	if in.Password = strings.TrimRight(line, "\r\n"); in.Password == "" {
		return errors.New("user add: cần mật khẩu ở đầu vào chuẩn")
	}
	s, err := openMigrated(ctx, c)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	u, _, err := accounts.New(s, auth.DefaultHasher(), time.Now).SaveUser(ctx, news.Shell(), in)
	if err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	_, err = fmt.Fprintf(stdout, "đã tạo người dùng %s (%s)\n", u.Email, strings.Join(u.RoleLabels(), ", "))
	return err
}

// runToken is "toasoan token create --email E": prints a new API token.
func runToken(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("cách dùng: toasoan token create --email E [--name TÊN]")
	}
	var email, name string
	s, _, err := commandStore(ctx, "token create", args[1:], getenv, stdout, func(fs flagSet) {
		fs.StringVar(&email, "email", "", "email của người dùng sở hữu khóa")
		fs.StringVar(&name, "name", "dòng lệnh", "tên khóa")
	})
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	u, err := s.UserByEmail(ctx, email)
	if news.ErrorCode(err) == news.NotFound {
		return fmt.Errorf("không có người dùng %q", email)
	}
	if err != nil {
		return err
	}
	token, _, err := accounts.New(s, auth.DefaultHasher(), time.Now).CreateToken(ctx, news.Shell(), u.ID, name)
	if err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	_, err = fmt.Fprintln(stdout, token)
	return err
}

func roleNames() string {
	var names []string
	for _, r := range news.Roles() {
		names = append(names, string(r))
	}
	return strings.Join(names, ", ")
}

// commandStore parses a subcommand's flags and opens its store, migrated:
// the first steps of every subcommand that reads or writes the paper.
func commandStore(ctx context.Context, name string, args []string, getenv func(string) string, usage io.Writer, extra ...func(flagSet)) (*store.Store, Config, error) {
	c, err := parseConfig(name, args, getenv, usage, extra...)
	if err != nil {
		return nil, c, err
	}
	s, err := openMigrated(ctx, c)
	return s, c, err
}

// openMigrated opens the store and brings its schema up to date.
func openMigrated(ctx context.Context, c Config) (*store.Store, error) {
	s, err := openStore(ctx, c)
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// closeQuietly closes a subcommand's store when it is done: what it wrote
// is committed by then, so a failure to close loses nothing.
func closeQuietly(s *store.Store) { _ = s.Close() }
