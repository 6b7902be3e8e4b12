package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	guarded "github.com/toasoan/toasoan/internal/fetch"
	"github.com/toasoan/toasoan/internal/htmlarchive"
	"github.com/toasoan/toasoan/internal/importer"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/wordpress"
)

const importUsage = `cách dùng:
  toasoan import wordpress TỆP.xml [--uploads THƯ-MỤC] [--fetch-host TÊN-MIỀN] [--dry-run]
  toasoan import html --map BẢN-ĐỒ.json NGUỒN... [--fetch-host TÊN-MIỀN] [--rate 1] [--dry-run]`

// importFlags are the import command's own flags.
type importFlags struct {
	uploads    string
	mapFile    string
	fetchHosts string
	private    bool
	rate       float64
	dryRun     bool
	users      bool
	batch      int
}

func (f *importFlags) add(fs flagSet) {
	fs.StringVar(&f.uploads, "uploads", "", "bản sao thư mục wp-content/uploads của trang WordPress")
	fs.StringVar(&f.mapFile, "map", "", "bản đồ bộ chọn CSS của trang cũ (xem docs/IMPORT-HTML.md)")
	fs.StringVar(&f.fetchHosts, "fetch-host", "", "các tên miền (cách nhau bởi dấu phẩy) được phép tải bài và ảnh về")
	fs.BoolVar(&f.private, "fetch-private", false, "cho phép tên miền được phép trỏ vào địa chỉ nội bộ (trang cũ trong mạng của báo)")
	fs.Float64Var(&f.rate, "rate", 1, "số lần tải tối đa mỗi giây trên một tên miền")
	fs.BoolVar(&f.dryRun, "dry-run", false, "chỉ đọc và kiểm tra, không ghi gì")
	fs.BoolVar(&f.users, "users", false, "tạo tài khoản phóng viên (chưa có mật khẩu) cho mỗi tác giả có email")
	fs.IntVar(&f.batch, "batch", 200, "số mục ghi trong một giao dịch")
}

// runImport is "toasoan import wordpress|html": it brings an archive in,
// resumably, printing its progress and then a summary with every warning.
func runImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return errors.New(importUsage)
	}
	kind := args[0]
	var f importFlags
	c, rest, err := parseConfigArgs("import "+kind, args[1:], getenv, stdout, f.add)
	if err != nil {
		return err
	}
	if f.batch < 1 || f.batch > 10_000 || f.rate <= 0 {
		return errors.New("--batch phải từ 1 đến 10000 và --rate lớn hơn 0")
	}
	src, fetcher, err := openImportSource(kind, rest, f)
	if err != nil {
		return err
	}
	s, err := openMigrated(ctx, c)
	if err != nil {
		return err
	}
	defer closeQuietly(s)
	lib, err := media.New(filepath.Join(c.DataDir, "media"))
	if err != nil {
		return err
	}
	bar := newProgressBar(stderr)
	im := importer.New(s, lib, importer.Options{DryRun: f.dryRun, Users: f.users, Fetch: fetcher, BatchSize: f.batch, Progress: bar.show})
	sum, err := im.Run(ctx, news.Shell(), src)
	bar.end()
	if werr := writeImportSummary(stdout, sum); werr != nil && err == nil {
		err = werr
	}
	if err != nil {
		return fmt.Errorf("nhập dừng lại (chạy lại lệnh để tiếp tục từ chỗ dừng): %s", importer.Reason(err))
	}
	return nil
}

// writeImportSummary prints what an import did, and every warning with
// the item it concerns.
func writeImportSummary(w io.Writer, sum importer.Summary) error {
	var b strings.Builder
	title := "Đã nhập"
	if sum.DryRun {
		title = "Chạy thử (không ghi gì)"
	}
	fmt.Fprintf(&b, "%s từ %s trong %v:\n", title, sum.Source, sum.Took.Round(time.Millisecond))
	for _, line := range []struct {
		label string
		c     importer.Counts
	}{{"chuyên mục", sum.Sections}, {"tác giả", sum.Authors}, {"ảnh", sum.Photos}, {"bài", sum.Stories}, {"trang", sum.Pages}} {
		fmt.Fprintf(&b, "  %-11s %s\n", line.label, line.c)
	}
	fmt.Fprintf(&b, "  %-11s %d mới\n", "bình luận", sum.Comments)
	if sum.Accounts > 0 {
		fmt.Fprintf(&b, "  %-11s %d mới, chưa có mật khẩu: quản trị viên đặt lại mật khẩu cho từng người ở Người dùng\n", "tài khoản", sum.Accounts)
	}
	if len(sum.Warnings) > 0 {
		fmt.Fprintf(&b, "%d cảnh báo:\n", len(sum.Warnings))
		for _, w := range sum.Warnings {
			fmt.Fprintf(&b, "  %s: %s\n", w.Item, w.Message)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// progressBar shows an import's progress: a bar redrawn in place with
// the rate and the time left on a terminal, a plain line per step
// otherwise (a log file, a pipe).
type progressBar struct {
	w        io.Writer
	terminal bool
	last     time.Time
	drawn    bool
}

func newProgressBar(w io.Writer) *progressBar {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	return &progressBar{w: w, terminal: terminal}
}

func (p *progressBar) show(pr importer.Progress) {
	now := time.Now()
	if !pr.Done && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	line := progressLine(pr, now)
	if p.terminal {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		p.drawn = true
		return
	}
	fmt.Fprintln(p.w, line)
}

func (p *progressBar) end() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

// progressLine is one reading of the progress: items, rate, time left.
func progressLine(pr importer.Progress, now time.Time) string {
	elapsed := now.Sub(pr.Started).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(pr.Items) / elapsed
	}
	if pr.Total <= 0 {
		return fmt.Sprintf("%d mục (%d bài) · %.0f mục/giây", pr.Items, pr.Stories, rate)
	}
	done := min(float64(pr.Items)/float64(pr.Total), 1)
	const width = 30
	filled := int(done * width)
	bar := strings.Repeat("=", filled) + strings.Repeat(" ", width-filled)
	left := "?"
	if rate > 0 {
		left = (time.Duration(float64(pr.Total-pr.Items)/rate) * time.Second).Round(time.Second).String()
	}
	return fmt.Sprintf("[%s] %3.0f%% %d/%d mục · %.0f mục/giây · còn %s", bar, done*100, pr.Items, pr.Total, rate, left)
}

// openImportSource opens what the command names: a WordPress export or
// an HTML archive, and the fetcher the operator allowed.
func openImportSource(kind string, args []string, f importFlags) (importer.Source, importer.Fetcher, error) {
	client, err := importFetcher(f)
	if err != nil {
		return nil, nil, err
	}
	var fetcher importer.Fetcher
	if client != nil {
		fetcher = photoFetcher{client}
	}
	switch kind {
	case "html":
		if f.mapFile == "" || len(args) == 0 {
			return nil, nil, errors.New(importUsage)
		}
		m, err := htmlarchive.LoadMap(f.mapFile)
		if err != nil {
			return nil, nil, err
		}
		inputs, err := htmlarchive.InputsFromArgs(args)
		if err != nil {
			return nil, nil, err
		}
		return htmlarchive.New(m, inputs, client), fetcher, nil
	case "wordpress":
		if len(args) != 1 {
			return nil, nil, errors.New(importUsage)
		}
		r, err := wordpress.Open(args[0], wordpress.Options{Uploads: f.uploads})
		if err != nil {
			return nil, nil, err
		}
		return r, fetcher, nil
	}
	return nil, nil, fmt.Errorf("không có kiểu nhập %q\n%s", kind, importUsage)
}

// importFetcher is the client for the hosts the operator allowed, or nil
// when none were.
func importFetcher(f importFlags) (*guarded.Client, error) {
	var hosts []string
	for _, h := range strings.Split(f.fetchHosts, ",") {
		if h = strings.TrimSpace(h); h != "" {
			hosts = append(hosts, h)
		}
	}
	if len(hosts) == 0 {
		return nil, nil
	}
	if err := guarded.CheckAllowHosts(hosts); err != nil {
		return nil, err
	}
	return guarded.New(guarded.Options{AllowHosts: hosts, AllowPrivate: f.private,
		Interval: time.Duration(float64(time.Second) / f.rate)}), nil
}

// photoFetcher gives the importer the bytes of a photo's address.
type photoFetcher struct{ c *guarded.Client }

func (p photoFetcher) Get(ctx context.Context, url string, maxBytes int64) ([]byte, error) {
	res, err := p.c.Get(ctx, url, maxBytes)
	return res.Body, err
}
