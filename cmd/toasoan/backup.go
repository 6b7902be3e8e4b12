package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/backup"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/store"
)

const restoreUsage = "cách dùng: toasoan restore TỆP [--data D | --database URL]  (TỆP đứng đầu; - : đọc từ đầu vào chuẩn)"

// runBackup is "toasoan backup --to FILE": the whole paper, rows and
// photos, in one archive, while the servers run. The archive is written
// beside FILE and renamed onto it once complete, readable by its owner
// only (it holds password hashes); "--to -" writes it to standard output
// and the report to standard error.
func runBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var to string
	c, err := parseConfig("backup", args, getenv, stdout, func(fs flagSet) {
		fs.StringVar(&to, "to", "", "tệp sao lưu sẽ ghi, ví dụ /backup/toasoan-2026-01-31.tar.gz; - : đầu ra chuẩn")
	})
	if err != nil {
		return err
	}
	if strings.TrimSpace(to) == "" {
		return errors.New("backup: cần --to TỆP, ví dụ toasoan backup --to /backup/toasoan-$(date +%F).tar.gz")
	}
	b, err := paperOf(ctx, c, openExisting)
	if err != nil {
		return err
	}
	defer closeQuietly(b.Store)
	report := stdout
	var m backup.Manifest
	if to == "-" {
		report = stderr
		m, err = b.Write(ctx, stdout)
	} else {
		m, err = writeFileAtomically(to, func(w io.Writer) (backup.Manifest, error) { return b.Write(ctx, w) })
	}
	if err != nil {
		return refusal(err)
	}
	fmt.Fprintf(report, "đã sao lưu %s vào %s\n", m.Summary(), to)
	return nil
}

// paperOf is the paper a backup reads and a restore writes: the
// configured database, opened by open, and the data folder's photos.
func paperOf(ctx context.Context, c Config, open func(context.Context, Config) (*store.Store, error)) (backup.Backup, error) {
	s, err := open(ctx, c)
	if err != nil {
		return backup.Backup{}, err
	}
	lib, err := media.New(filepath.Join(c.DataDir, "media"))
	if err != nil {
		return backup.Backup{}, errors.Join(err, s.Close())
	}
	return backup.Backup{Store: s, Media: lib, Version: version(), Spool: c.DataDir, Now: time.Now}, nil
}

// openExisting opens the configured database without migrating it, and
// refuses one that does not exist or has no schema: a backup never
// creates a paper's file where --data points wrong, nor migrates one.
func openExisting(ctx context.Context, c Config) (*store.Store, error) {
	if c.Database == "" {
		if _, err := os.Stat(c.source()); err != nil {
			return nil, fmt.Errorf("không có cơ sở dữ liệu SQLite tại %s (--data chỉ tới thư mục dữ liệu của báo)", c.source())
		}
	}
	s, err := openStore(ctx, c)
	if err != nil {
		return nil, err
	}
	v, err := s.SchemaVersion(ctx)
	if err == nil && v == 0 {
		err = errors.New("cơ sở dữ liệu trống: không có gì để sao lưu")
	}
	if err != nil {
		return nil, errors.Join(err, s.Close())
	}
	return s, nil
}

// writeFileAtomically writes path through a temporary file beside it and
// renames it into place only when write succeeded, so a failed or
// interrupted backup never leaves a half archive under the real name.
func writeFileAtomically(path string, write func(io.Writer) (backup.Manifest, error)) (backup.Manifest, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return backup.Manifest{}, fmt.Errorf("không tạo được tệp sao lưu: %w", err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }() // gone once renamed
	m, err := write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if closeErr := tmp.Close(); err == nil {
		err = closeErr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	return m, err
}

// runRestore is "toasoan restore FILE": the archive into an empty
// database of either kind and the data folder's photos; all or nothing.
func runRestore(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || (strings.HasPrefix(args[0], "-") && args[0] != "-") {
		if _, err := parseConfig("restore", args, getenv, stdout); err != nil {
			return fmt.Errorf("%w\n%s", err, restoreUsage)
		}
		return errors.New(restoreUsage)
	}
	file, args := args[0], args[1:]
	c, err := parseConfig("restore", args, getenv, stdout)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, restoreUsage)
	}
	in := stdin
	if file != "-" {
		f, err := os.Open(file)
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("không có tệp sao lưu %s", file)
		}
		if err != nil {
			return fmt.Errorf("không mở được tệp sao lưu: %w", err)
		}
		defer f.Close()
		in = f
	}
	b, err := paperOf(ctx, c, openStore)
	if err != nil {
		return err
	}
	defer closeQuietly(b.Store)
	m, err := b.Restore(ctx, in)
	if err != nil {
		return refusal(err)
	}
	fmt.Fprintf(stdout, "đã khôi phục %s từ bản sao lưu lúc %s (%s, %s) vào cơ sở dữ liệu %s; mọi người cần đăng nhập lại\n",
		m.Summary(), m.CreatedAt.Format(time.RFC3339), m.Database, m.Toasoan, b.Store.Dialect())
	return nil
}
