package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/vietnamese"
)

// siteSettings are the paper's settings an IT person sets from the shell,
// with what each is for.
var siteSettings = []struct{ key, help string }{
	{"name", "tên báo"},
	{"dateline", "đầu sapo, ví dụ \"(Baohatinh.vn) - \""},
	{"description", "mô tả trang báo"},
	{"base_url", "địa chỉ gốc, ví dụ https://baohatinh.vn; trống: lấy theo yêu cầu"},
	{"logo_url", "địa chỉ logo"},
	{"time_zone", "múi giờ IANA, ví dụ Asia/Ho_Chi_Minh"},
	{"purge_url", "địa chỉ xóa bộ nhớ đệm của proxy/CDN phía trước; trống: tắt"},
}

// runSite is "toasoan site" (list the settings) and "toasoan site set KEY
// VALUE". A change reaches running servers on PostgreSQL at once; a
// SQLite server reads it when restarted.
func runSite(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	usage := errors.New("cách dùng: toasoan site [--data D | --database URL]  hoặc  toasoan site set KHÓA GIÁ-TRỊ")
	var key, value string
	if len(args) > 0 && args[0] == "set" {
		if len(args) < 3 || strings.HasPrefix(args[1], "-") {
			return usage
		}
		key, value, args = args[1], args[2], args[3:]
	}
	s, c, err := commandStore(ctx, "site", args, getenv, stdout)
	if err != nil {
		return err
	}
	defer s.Close()
	site, err := s.Site(ctx)
	if err != nil {
		return err
	}
	if key == "" {
		for _, setting := range siteSettings {
			fmt.Fprintf(stdout, "%-12s %q\t# %s\n", setting.key, *siteField(&site, setting.key), setting.help)
		}
		return nil
	}
	field := siteField(&site, key)
	if field == nil {
		keys := make([]string, len(siteSettings))
		for i, setting := range siteSettings {
			keys[i] = setting.key
		}
		return fmt.Errorf("site set: không có khóa %q; các khóa: %s", key, strings.Join(keys, ", "))
	}
	if *field, err = checkSiteValue(key, value); err != nil {
		return err
	}
	if err := s.SaveSite(ctx, site); err != nil {
		return errors.New(news.ErrorMessage(err))
	}
	fmt.Fprintf(stdout, "đã lưu %s = %q\n", key, *field)
	if c.Database == "" {
		fmt.Fprintln(stdout, "máy chủ dùng SQLite đang chạy sẽ áp dụng sau khi khởi động lại")
	}
	return nil
}

func siteField(site *news.Site, key string) *string {
	switch key {
	case "name":
		return &site.Name
	case "dateline":
		return &site.Dateline
	case "description":
		return &site.Description
	case "base_url":
		return &site.BaseURL
	case "logo_url":
		return &site.LogoURL
	case "time_zone":
		return &site.TimeZone
	case "purge_url":
		return &site.PurgeURL
	}
	return nil
}

// checkSiteValue normalizes a value and refuses one the paper cannot use.
func checkSiteValue(key, value string) (string, error) {
	value = vietnamese.NFC(value)
	if key != "dateline" { // the dateline ends in a space on purpose
		value = strings.TrimSpace(value)
	}
	if len(value) > 500 || strings.ContainsAny(value, "\r\n\x00") {
		return "", fmt.Errorf("site set %s: giá trị quá dài hoặc có ký tự xuống dòng", key)
	}
	switch {
	case key == "name" && value == "":
		return "", errors.New("site set name: tên báo không được trống")
	case slices.Contains([]string{"base_url", "logo_url", "purge_url"}, key) && value != "":
		u, err := url.Parse(value)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return "", fmt.Errorf("site set %s: cần một địa chỉ http:// hoặc https://", key)
		}
		if key == "base_url" {
			value = strings.TrimRight(value, "/")
		}
	}
	return value, nil
}
