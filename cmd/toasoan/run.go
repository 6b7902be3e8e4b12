package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/store"
)

const usageText = `toasoan: hệ thống xuất bản báo điện tử

Cách dùng:
  toasoan [serve] [cờ]   chạy trang báo (mặc định)
  toasoan migrate [cờ]   cập nhật lược đồ cơ sở dữ liệu
  toasoan user add --email E --name N --role R   thêm người dùng (mật khẩu đọc từ đầu vào chuẩn)
  toasoan user passwd --email E                  đặt mật khẩu mới (đọc từ đầu vào chuẩn)
  toasoan user reset-2fa --email E               tắt xác thực hai bước của người dùng
  toasoan token create --email E                 tạo khóa API cho người dùng
  toasoan site [set KHÓA GIÁ-TRỊ]                 xem hoặc đặt cài đặt của báo (tên, múi giờ, purge_url...)
  toasoan import wordpress TỆP.xml [--uploads D] nhập bài, ảnh, bình luận từ tệp xuất của WordPress
  toasoan import html --map BẢN-ĐỒ.json NGUỒN... nhập bài từ các trang HTML của hệ thống cũ
  toasoan check-comment < cac-cau.txt            thử quy tắc bình luận, mỗi dòng một bình luận
  toasoan export wordpress --to TỆP.xml          xuất cả tờ báo thành tệp WXR cho WordPress
  toasoan backup --to TỆP                        sao lưu cả tờ báo (dữ liệu và ảnh) vào một tệp, khi máy chủ vẫn chạy
  toasoan restore TỆP                            khôi phục bản sao lưu vào một cơ sở dữ liệu trống (SQLite hoặc PostgreSQL)
  toasoan redirects import TỆP.csv               nhập chuyển hướng địa chỉ cũ (địa chỉ cũ, địa chỉ mới, 301 hoặc 410)
  toasoan redirects test ĐỊA-CHỈ                 trang báo trả lời gì ở một địa chỉ cũ
  toasoan redirects list [TỪ]                    liệt kê chuyển hướng ở dạng CSV
  toasoan version                                phiên bản, bản sửa mã nguồn và thời điểm của nó

Mọi lệnh nhận --data và --database; "toasoan LỆNH -h" liệt kê các cờ.
`

// Run is the whole program; main and the end-to-end tests call it.
func Run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	if slices.Contains(args, "--version") || slices.Contains(args, "-version") {
		cmd = "version"
	}
	var err error
	switch cmd {
	case "serve":
		err = runServe(ctx, args, getenv, stdout, stderr)
	case "migrate":
		err = runMigrate(ctx, args, getenv, stdout)
	case "user":
		err = runUser(ctx, args, getenv, stdin, stdout)
	case "token":
		err = runToken(ctx, args, getenv, stdout)
	case "site":
		err = runSite(ctx, args, getenv, stdout)
	case "import":
		err = runImport(ctx, args, getenv, stdout, stderr)
	case "check-comment":
		err = runCheckComment(ctx, args, getenv, stdin, stdout)
	case "export":
		err = runExport(ctx, args, getenv, stdout)
	case "backup":
		err = runBackup(ctx, args, getenv, stdout, stderr)
	case "restore":
		err = runRestore(ctx, args, getenv, stdin, stdout)
	case "redirects":
		err = runRedirects(ctx, args, getenv, stdin, stdout)
	case "version":
		err = runVersion(stdout)
	case "help":
		fmt.Fprint(stdout, usageText)
	default:
		err = fmt.Errorf("không có lệnh %q; xem \"toasoan help\"", cmd)
	}
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

// openStore opens the configured database, making the data folder first.
func openStore(ctx context.Context, c Config) (*store.Store, error) {
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("thư mục dữ liệu %s: %w", c.DataDir, err)
	}
	s, err := store.Open(ctx, c.source())
	if err != nil {
		// Drivers report each address tried on its own line; the operator
		// gets one line.
		return nil, fmt.Errorf("không kết nối được cơ sở dữ liệu: %s", strings.Join(strings.Fields(err.Error()), " "))
	}
	return s, nil
}

func runMigrate(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	c, err := parseConfig("migrate", args, getenv, stdout)
	if err != nil {
		return err
	}
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	n, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	v, _ := s.SchemaVersion(ctx)
	fmt.Fprintf(stdout, "đã áp dụng %d bản cập nhật; lược đồ ở phiên bản %d\n", n, v)
	return nil
}

// newLogger is the server's log on w, in the format and from the level
// the configuration asks. Log messages are in English, the operators'
// tools' language; what readers and editors see is Vietnamese.
func newLogger(w io.Writer, c Config) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
