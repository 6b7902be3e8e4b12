package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/wordpress"
)

const exportUsage = "cách dùng: toasoan export wordpress --to TỆP.xml [--base-url https://baohatinh.vn] [--data D | --database URL]"

// runExport is "toasoan export wordpress": the whole paper as a WXR file
// for WordPress's importer. The file is written beside its destination
// and renamed into place at the end, so a failed export leaves no half
// file and an older file of the same name stays whole.
func runExport(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "wordpress" {
		return errors.New(exportUsage)
	}
	var to, baseURL string
	s, _, err := commandStore(ctx, "export wordpress", args[1:], getenv, stdout, func(fs flagSet) {
		fs.StringVar(&to, "to", "", "tệp WXR sẽ ghi, ví dụ baohatinh.xml")
		fs.StringVar(&baseURL, "base-url", "", "địa chỉ gốc của báo cho các liên kết và ảnh trong tệp; mặc định: cài đặt base_url")
	})
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	if strings.TrimSpace(to) == "" {
		return errors.New("export wordpress: thiếu --to TỆP.xml\n" + exportUsage)
	}
	tmp, err := os.CreateTemp(filepath.Dir(to), ".toasoan-export-*.xml")
	if err != nil {
		return fmt.Errorf("không tạo được tệp trong thư mục %s: %w", filepath.Dir(to), err)
	}
	done := false
	defer func() {
		if !done {
			_ = tmp.Close()           // the export failed already; this error adds nothing
			_ = os.Remove(tmp.Name()) // nor does this one: the file is ours and half-written
		}
	}()
	sum, err := wordpress.Export(ctx, tmp, s, wordpress.ExportOptions{BaseURL: baseURL})
	if news.ErrorCode(err) == news.Invalid {
		return fmt.Errorf("export wordpress: %s", news.ErrorMessage(err))
	}
	if err != nil {
		return fmt.Errorf("export wordpress: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", to, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", to, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", to, err)
	}
	if err := os.Rename(tmp.Name(), to); err != nil {
		return fmt.Errorf("ghi tệp %s: %w", to, err)
	}
	done = true
	_, err = fmt.Fprintf(stdout, "đã xuất %d bài, %d chuyên mục, %d thẻ, %d ảnh, %d bình luận, %d tác giả vào %s\n",
		sum.Articles, sum.Sections, sum.Tags, sum.Photos, sum.Comments, sum.Authors, to)
	return err
}
