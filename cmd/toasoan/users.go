package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// ensureAdmin gives a new installation its first account: an
// administrator (also editor-in-chief, so one person can run a small paper)
// whose one-time password is printed once.
func ensureAdmin(ctx context.Context, s *store.Store, h auth.Hasher, stdout io.Writer) error {
	n, err := s.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	password := auth.NewPassword()
	hash, err := h.Hash(password)
	if err != nil {
		return err
	}
	u, err := s.CreateUser(ctx, news.User{Email: "admin@localhost", Name: "Quản trị viên", PasswordHash: hash,
		Roles: []news.Role{news.Admin, news.EditorInChief}})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã tạo tài khoản quản trị %s với mật khẩu dùng một lần: %s\n(hãy đăng nhập tại /toasoan/ và đổi mật khẩu; mật khẩu này không hiện lại)\n", u.Email, password)
	return nil
}

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
	u := news.User{Email: strings.TrimSpace(email), Name: strings.TrimSpace(vietnamese.NFC(name))}
	if !strings.Contains(u.Email, "@") || u.Name == "" {
		return errors.New("user add: cần --email và --name")
	}
	for _, r := range strings.Split(roles, ",") {
		role, err := news.ParseRole(strings.TrimSpace(r))
		if err != nil {
			return errors.New(news.ErrorMessage(err))
		}
		u.Roles = append(u.Roles, role)
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("đọc mật khẩu: %w", err)
	}
	password := vietnamese.NFC(strings.TrimRight(line, "\r\n"))
	if err := auth.CheckPassword(password); err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	if u.PasswordHash, err = auth.DefaultHasher().Hash(password); err != nil {
		return err
	}
	s, err := openMigrated(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if u, err = s.CreateUser(ctx, u); err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	s.Audit(ctx, news.AuditEntry{Action: "user.create", ObjectType: "user", ObjectID: u.ID, Detail: u.Email + " (dòng lệnh)"})
	fmt.Fprintf(stdout, "đã tạo người dùng %s (%s)\n", u.Email, strings.Join(u.RoleLabels(), ", "))
	return nil
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
	defer s.Close()
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return fmt.Errorf("không có người dùng %q", email)
	}
	token := auth.NewToken()
	t, err := s.CreateAPIToken(ctx, u.ID, auth.HashToken(token), name)
	if err != nil {
		return err
	}
	s.Audit(ctx, news.AuditEntry{UserID: u.ID, Action: "token.create", ObjectType: "token", ObjectID: t.ID, Detail: name + " (dòng lệnh)"})
	fmt.Fprintln(stdout, token)
	return nil
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
		s.Close()
		return nil, err
	}
	return s, nil
}
