package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/web"
)

// flagSet is where a subcommand adds flags of its own.
type flagSet = *flag.FlagSet

// Config is every setting of a toasoan process, from flags with matching
// environment variables; flags win.
type Config struct {
	Addr     string // --addr, TOASOAN_ADDR
	DataDir  string // --data, TOASOAN_DATA: the SQLite file and the photos
	Database string // --database, TOASOAN_DATABASE: empty for SQLite, or postgres://...
	Demo     bool   // --demo, TOASOAN_DEMO: load the demo paper into an empty database

	AdminEmail string // --admin-email, TOASOAN_ADMIN_EMAIL: sign-in address of the administrator a new paper's first start creates

	SchedulerPoll time.Duration // --scheduler-poll: how often scheduled articles are checked at most
	ViewsFlush    time.Duration // --views-flush: how often counted views are written (a crash loses at most this much)
	MostReadEvery time.Duration // --most-read-refresh: how often the "Đọc nhiều" lists are read again
	SearchLimits  search.Limits // --search-timeout, --search-concurrency: each reader's search's deadline, and how many run at once
	CacheBytes    int           // --cache-bytes, TOASOAN_CACHE_BYTES: memory for rendered pages; 0 turns the cache off
	CacheMaxAge   time.Duration // --cache-max-age: how long a cached page may be served without a render, the safety net for a missed change
	PageFiles     string        // --page-files, TOASOAN_PAGE_FILES: a folder the cached pages are written to, for nginx to send (deploy/nginx-pages.conf), or nginx's http:// address of it for several servers (deploy/nginx-pages-dav.conf); empty: off
	SMTP          string        // --smtp, TOASOAN_SMTP: smtp://user:pass@host:port for notifications; empty: off
	MailFrom      string        // --mail-from, TOASOAN_MAIL_FROM: sender of notifications

	WeatherURL      string        // --weather-url, TOASOAN_WEATHER_URL: Open-Meteo's API; empty: no weather job
	WeatherKey      string        // TOASOAN_WEATHER_KEY only, so the key stays out of process lists: Open-Meteo's commercial key
	WeatherInterval time.Duration // --weather-interval: how old the weather data may get before it is fetched again
	WeatherStale    time.Duration // --weather-stale: how old it may get before the box stops showing it

	DebugAddr   string     // --debug-addr, TOASOAN_DEBUG_ADDR: where Go's profiler (net/http/pprof) listens; empty: off
	MetricsAddr string     // --metrics-addr, TOASOAN_METRICS_ADDR: where Prometheus metrics are served; empty: on --debug-addr if set
	LogFormat   string     // --log-format, TOASOAN_LOG_FORMAT: text or json
	LogLevel    slog.Level // --log-level, TOASOAN_LOG_LEVEL: debug, info, warn or error

	Media avConfig // video and audio: ffmpeg, workers, limits (config_av.go)

	TrustedProxies web.Proxies // --trusted-proxies, TOASOAN_TRUSTED_PROXIES: reverse proxies whose X-Forwarded-For names the reader
	parseProxies   func() error
	logLevelErr    error
}

// flags registers the settings on fs, with defaults from the environment.
func (c *Config) flags(fs *flag.FlagSet, getenv func(string) string) {
	env := func(key, def string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return def
	}
	fs.StringVar(&c.WeatherURL, "weather-url", env("TOASOAN_WEATHER_URL", "https://api.open-meteo.com"),
		"dịch vụ thời tiết Open-Meteo; trống: không lấy số liệu thời tiết; khóa (nếu có) đặt ở TOASOAN_WEATHER_KEY (TOASOAN_WEATHER_URL)")
	c.WeatherKey = getenv("TOASOAN_WEATHER_KEY")
	c.WeatherInterval, c.WeatherStale = 30*time.Minute, 3*time.Hour
	duration := func(v *time.Duration, lo, hi time.Duration) func(string) error {
		return func(s string) error {
			d, err := time.ParseDuration(s)
			if err != nil || d < lo || d > hi {
				return fmt.Errorf("cần một khoảng thời gian từ %v đến %v", lo, hi)
			}
			*v = d
			return nil
		}
	}
	fs.Func("weather-interval", "bao lâu lấy lại số liệu thời tiết một lần, ví dụ 30m (mặc định 30m)", duration(&c.WeatherInterval, 5*time.Minute, 24*time.Hour))
	fs.Func("weather-stale", "số liệu thời tiết cũ hơn chừng này thì hộp thời tiết báo chưa có số liệu mới (mặc định 3h)", duration(&c.WeatherStale, 10*time.Minute, 7*24*time.Hour))
	fs.StringVar(&c.Addr, "addr", env("TOASOAN_ADDR", "127.0.0.1:8080"), "địa chỉ lắng nghe (TOASOAN_ADDR)")
	fs.StringVar(&c.DataDir, "data", env("TOASOAN_DATA", "./data"), "thư mục dữ liệu: tệp SQLite và ảnh (TOASOAN_DATA)")
	fs.StringVar(&c.Database, "database", env("TOASOAN_DATABASE", ""), "postgres://... để dùng PostgreSQL; trống: SQLite trong thư mục dữ liệu (TOASOAN_DATABASE)")
	fs.StringVar(&c.SMTP, "smtp", env("TOASOAN_SMTP", ""), "máy chủ gửi thư thông báo, smtp://người-dùng:mật-khẩu@máy:cổng; trống: tắt (TOASOAN_SMTP)")
	fs.StringVar(&c.AdminEmail, "admin-email", env("TOASOAN_ADMIN_EMAIL", "admin@localhost"), "email đăng nhập của tài khoản quản trị đầu tiên, tạo khi báo mới chạy lần đầu (TOASOAN_ADMIN_EMAIL)")
	fs.StringVar(&c.MailFrom, "mail-from", env("TOASOAN_MAIL_FROM", "noreply@localhost"), "địa chỉ gửi thư thông báo (TOASOAN_MAIL_FROM)")
	cacheBytes, _ := strconv.Atoi(env("TOASOAN_CACHE_BYTES", "67108864"))
	fs.IntVar(&c.CacheBytes, "cache-bytes", cacheBytes, "bộ nhớ cho trang đã dựng, tính bằng byte; 0: tắt (TOASOAN_CACHE_BYTES)")
	fs.StringVar(&c.PageFiles, "page-files", env("TOASOAN_PAGE_FILES", ""), "thư mục máy chủ ghi các trang đã dựng để nginx gửi thẳng cho bạn đọc (deploy/nginx-pages.conf), hoặc địa chỉ http:// của thư mục ấy trên nginx khi có nhiều máy chủ (deploy/nginx-pages-dav.conf); máy chủ xóa hết khi khởi động; trống: tắt (TOASOAN_PAGE_FILES)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", env("TOASOAN_METRICS_ADDR", ""), "địa chỉ cho số đo Prometheus /metrics, chỉ nên là địa chỉ nội bộ; trống: dùng --debug-addr nếu có (TOASOAN_METRICS_ADDR)")
	fs.StringVar(&c.LogFormat, "log-format", env("TOASOAN_LOG_FORMAT", "text"), "dạng nhật ký máy chủ: text hoặc json (TOASOAN_LOG_FORMAT)")
	c.LogLevel = slog.LevelInfo
	if err := c.LogLevel.UnmarshalText([]byte(env("TOASOAN_LOG_LEVEL", "info"))); err != nil {
		c.logLevelErr = fmt.Errorf("TOASOAN_LOG_LEVEL: cần debug, info, warn hoặc error")
	}
	fs.Func("log-level", "mức nhật ký: debug, info, warn hoặc error (mặc định info; TOASOAN_LOG_LEVEL)", func(v string) error {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			return fmt.Errorf("cần debug, info, warn hoặc error")
		}
		c.logLevelErr = nil
		return nil
	})
	c.CacheMaxAge = 5 * time.Minute
	fs.Func("cache-max-age", "trang đã dựng được dùng lại tối đa bao lâu trước khi dựng lại, ví dụ 5m (mặc định 5m)", duration(&c.CacheMaxAge, time.Second, 24*time.Hour))
	fs.StringVar(&c.DebugAddr, "debug-addr", env("TOASOAN_DEBUG_ADDR", ""), "địa chỉ cho bộ đo hiệu năng /debug/pprof/, chỉ nên là 127.0.0.1:cổng; trống: tắt (TOASOAN_DEBUG_ADDR)")
	proxies := env("TOASOAN_TRUSTED_PROXIES", "")
	fs.StringVar(&proxies, "trusted-proxies", proxies, "các proxy ngược được tin để lấy địa chỉ bạn đọc từ X-Forwarded-For, dải CIDR cách nhau bằng dấu phẩy, ví dụ 127.0.0.1,10.0.0.0/8; trống: dùng địa chỉ kết nối (TOASOAN_TRUSTED_PROXIES)")
	c.parseProxies = func() (err error) { c.TrustedProxies, err = web.ParseProxies(proxies); return err }
	fs.DurationVar(&c.SchedulerPoll, "scheduler-poll", 15*time.Second, "khoảng kiểm tra bài hẹn giờ tối đa")
	c.ViewsFlush, c.MostReadEvery = 10*time.Second, time.Minute
	fs.Func("views-flush", "lượt xem được ghi vào cơ sở dữ liệu sau mỗi khoảng này, ví dụ 10s (mặc định 10s)", duration(&c.ViewsFlush, 100*time.Millisecond, 10*time.Minute))
	fs.Func("most-read-refresh", "danh sách \"Đọc nhiều\" được tính lại sau mỗi khoảng này, ví dụ 1m (mặc định 1m)", duration(&c.MostReadEvery, 100*time.Millisecond, time.Hour))
	c.SearchLimits = search.Limits{Timeout: search.DefaultTimeout, Concurrency: search.DefaultConcurrency}
	fs.Func("search-timeout", "tìm kiếm của bạn đọc dừng lại sau khoảng này, kể cả thời gian chờ lượt, ví dụ 2s (mặc định 2s)", duration(&c.SearchLimits.Timeout, 100*time.Millisecond, time.Minute))
	fs.Func("search-concurrency", "số lượt tìm kiếm chạy cùng lúc, từ 1 đến 64 (mặc định 4)", func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 64 {
			return fmt.Errorf("cần một số từ 1 đến 64")
		}
		c.SearchLimits.Concurrency = n
		return nil
	})
	c.Media.flags(fs, duration)
	c.Demo = true
	fs.Func("demo", "nạp báo mẫu vào cơ sở dữ liệu trống: true hoặc false (TOASOAN_DEMO)", func(v string) error {
		b, err := strconv.ParseBool(v)
		c.Demo = b
		return err
	})
}

// parseConfig reads the settings of a subcommand: environment first, then
// args. A bad value is one error line, never a usage dump.
func parseConfig(name string, args []string, getenv func(string) string, usage io.Writer, extra ...func(flagSet)) (Config, error) {
	c, rest, err := parseConfigArgs(name, args, getenv, usage, extra...)
	if err == nil && len(rest) > 0 {
		return c, fmt.Errorf("%s: đối số thừa %q", name, rest[0])
	}
	return c, err
}

// parseConfigArgs is parseConfig for a subcommand that also takes
// arguments (files, addresses), which may come before, between or after
// its flags; it returns them in order.
func parseConfigArgs(name string, args []string, getenv func(string) string, usage io.Writer, extra ...func(flagSet)) (Config, []string, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.flags(fs, getenv)
	for _, add := range extra {
		add(fs)
	}
	if v := getenv("TOASOAN_DEMO"); v != "" {
		if err := fs.Set("demo", v); err != nil {
			return c, nil, fmt.Errorf("TOASOAN_DEMO=%q: phải là true hoặc false", v)
		}
	}
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(usage)
				fmt.Fprintf(usage, "Cách dùng: toasoan %s [cờ]\n", name)
				fs.PrintDefaults()
			}
			return c, nil, err
		}
		if fs.NArg() == 0 {
			break
		}
		rest, args = append(rest, fs.Arg(0)), fs.Args()[1:]
	}
	err := c.validate() // before c is returned: it fills in parsed values
	return c, rest, err
}

func (c *Config) validate() error {
	if c.logLevelErr != nil {
		return c.logLevelErr
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return errors.New("--log-format: cần text hoặc json")
	}
	if c.MetricsAddr != "" {
		if _, port, err := net.SplitHostPort(c.MetricsAddr); err != nil || port == "" {
			return fmt.Errorf("--metrics-addr %q: cần dạng máy:cổng, ví dụ 127.0.0.1:9090", c.MetricsAddr)
		}
	}
	if c.parseProxies != nil {
		if err := c.parseProxies(); err != nil {
			return fmt.Errorf("--trusted-proxies: %w", err)
		}
	}
	if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		return fmt.Errorf("--addr %q: cần dạng máy:cổng, ví dụ 127.0.0.1:8080", c.Addr)
	}
	if c.DebugAddr != "" {
		if _, port, err := net.SplitHostPort(c.DebugAddr); err != nil || port == "" {
			return fmt.Errorf("--debug-addr %q: cần dạng máy:cổng, ví dụ 127.0.0.1:6060", c.DebugAddr)
		}
	}
	if c.CacheBytes < 0 || c.CacheBytes > 8<<30 {
		return errors.New("--cache-bytes: từ 0 đến 8 GiB")
	}
	if c.PageFiles != "" && c.CacheBytes == 0 {
		return errors.New("--page-files: các trang ghi ra là của bộ nhớ trang, hãy bật nó (--cache-bytes lớn hơn 0)")
	}
	if c.SchedulerPoll < 100*time.Millisecond || c.SchedulerPoll > time.Hour {
		return errors.New("--scheduler-poll: từ 100ms đến 1h")
	}
	if _, err := accounts.CheckEmail(c.AdminEmail); err != nil {
		return fmt.Errorf("--admin-email: %s", news.ErrorMessage(err))
	}
	if strings.TrimSpace(c.DataDir) == "" {
		return errors.New("--data: cần một thư mục dữ liệu")
	}
	if c.Database != "" {
		u, err := url.Parse(c.Database)
		if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
			return errors.New("--database: cần một địa chỉ postgres://người-dùng@máy/cơ-sở-dữ-liệu, hoặc để trống để dùng SQLite")
		}
	}
	return nil
}

// source is what store.Open takes: the PostgreSQL URL or the SQLite file.
func (c Config) source() string {
	if c.Database != "" {
		return c.Database
	}
	return filepath.Join(c.DataDir, "toasoan.db")
}
