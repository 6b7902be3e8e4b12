package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/settings"
)

// runSite is "toasoan site" (list the settings) and "toasoan site set KEY
// VALUE". A change reaches the running servers by the store's change
// notices: at once on PostgreSQL, within half a second on SQLite.
func runSite(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	usage := errors.New("cách dùng: toasoan site [--data D | --database URL]  hoặc  toasoan site set KHÓA GIÁ-TRỊ")
	var key, value string
	if len(args) > 0 && args[0] == "set" {
		if len(args) < 3 || strings.HasPrefix(args[1], "-") {
			return usage
		}
		key, value, args = args[1], args[2], args[3:]
	}
	s, _, err := commandStore(ctx, "site", args, getenv, stdout)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	paper := settings.New(s)
	if key == "" {
		site, err := paper.Site(ctx)
		if err != nil {
			return err
		}
		for _, setting := range news.SiteSettings() {
			if _, err := fmt.Fprintf(stdout, "%-16s %q\t# %s\n", setting.Key, *site.Field(setting.Key), setting.Help); err != nil {
				return err
			}
		}
		return nil
	}
	stored, err := paper.Set(ctx, news.Shell(), key, value)
	if err != nil {
		return fmt.Errorf("site set %s: %s", key, news.ErrorMessage(err))
	}
	_, err = fmt.Fprintf(stdout, "đã lưu %s = %q (các máy chủ đang chạy áp dụng trong vòng một giây)\n", key, stored)
	return err
}
