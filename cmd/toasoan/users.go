package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// userUsage is how the user command is used.
const userUsage = `cách dùng:
  toasoan user add --email E --name N --role R   thêm người dùng (mật khẩu đọc từ đầu vào chuẩn)
  toasoan user passwd --email E                  đặt mật khẩu mới (đọc từ đầu vào chuẩn)
  toasoan user reset-2fa --email E               tắt xác thực hai bước của người mất điện thoại`

// runUser is "toasoan user add|passwd|reset-2fa": passwords come from
// standard input, so they never show in the shell's history or the
// process list. What it does is audited as done at the shell.
func runUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 {
		return errors.New(userUsage)
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], getenv, stdin, stdout)
	case "passwd":
		return runUserPasswd(ctx, args[1:], getenv, stdin, stdout)
	case "reset-2fa":
		return runUserResetSecondFactor(ctx, args[1:], getenv, stdout)
	}
	return errors.New(userUsage)
}

func runUserAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	var email, name, roles string
	c, err := parseConfig("user add", args, getenv, stdout, func(fs flagSet) {
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
	if in.Password, err = readPassword(stdin, stdout, "user add"); err != nil {
		return err
	}
	s, err := openMigrated(ctx, c)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	u, _, err := accounts.New(s, auth.DefaultHasher(), time.Now).SaveUser(ctx, news.Shell(), in)
	if err != nil {
		return refusal(err)
	}
	_, err = fmt.Fprintf(stdout, "đã tạo người dùng %s (%s)\n", u.Email, strings.Join(u.RoleLabels(), ", "))
	return err
}

// runUserPasswd is "toasoan user passwd --email E": the operator's way
// back in when the administrator's password is lost, and anyone's.
func runUserPasswd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	var email string
	c, err := parseConfig("user passwd", args, getenv, stdout, func(fs flagSet) {
		fs.StringVar(&email, "email", "", "email đăng nhập của người dùng")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(email) == "" {
		return errors.New("user passwd: cần --email")
	}
	password, err := readPassword(stdin, stdout, "user passwd")
	if err != nil {
		return err
	}
	s, err := openMigrated(ctx, c)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	people, u, err := accountOf(ctx, s, email)
	if err != nil {
		return err
	}
	ended, err := people.SetPassword(ctx, news.Shell(), u.ID, password)
	if err != nil {
		return refusal(err)
	}
	_, err = fmt.Fprintf(stdout, "đã đặt mật khẩu mới cho %s; %s\n", u.Email, ended)
	return err
}

// runUserResetSecondFactor is "toasoan user reset-2fa --email E": for a
// member who lost the phone with their authenticator app.
func runUserResetSecondFactor(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	var email string
	s, _, err := commandStore(ctx, "user reset-2fa", args, getenv, stdout, func(fs flagSet) {
		fs.StringVar(&email, "email", "", "email đăng nhập của người dùng")
	})
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	people, u, err := accountOf(ctx, s, email)
	if err != nil {
		return err
	}
	_, ended, err := people.ResetSecondFactor(ctx, news.Shell(), u.ID)
	if err != nil {
		return refusal(err)
	}
	_, err = fmt.Fprintf(stdout, "đã tắt xác thực hai bước của %s; %s\n", u.Email, ended)
	return err
}

// readPassword reads one line of standard input as a password. At a
// terminal it says what it waits for; what is typed shows, so a script
// or a pipe ("< tệp") is the better way.
func readPassword(stdin io.Reader, stdout io.Writer, command string) (string, error) {
	if f, ok := stdin.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(stdout, "Mật khẩu mới (chữ gõ vào sẽ hiện trên màn hình), rồi Enter: ")
		}
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("đọc mật khẩu: %w", err)
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return "", fmt.Errorf("%s: cần mật khẩu ở đầu vào chuẩn", command)
	}
	return password, nil
}

// accountOf is the accounts service on s and the account that signs in
// with email, or the refusal to name.
func accountOf(ctx context.Context, s *store.Store, email string) (*accounts.Service, news.User, error) {
	people := accounts.New(s, auth.DefaultHasher(), time.Now)
	u, err := people.FindUser(ctx, email)
	if err != nil {
		return people, u, refusal(err)
	}
	return people, u, nil
}

// refusal is what the command says when a service refuses: the refusal's
// Vietnamese message, or the error itself when it is not a refusal.
func refusal(err error) error {
	if news.ErrorCode(err) == news.Internal {
		return err
	}
	return errors.New(news.ErrorMessage(err))
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
	people, u, err := accountOf(ctx, s, email)
	if err != nil {
		return err
	}
	token, _, err := people.CreateToken(ctx, news.Shell(), u.ID, name)
	if err != nil {
		return refusal(err)
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
