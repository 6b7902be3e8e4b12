package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/toasoan/toasoan/internal/api"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/newsroom"
	"github.com/toasoan/toasoan/internal/notify"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/weather"
	"github.com/toasoan/toasoan/internal/web"
)

// runServe migrates the database, loads the demo paper into an empty one,
// and serves the site until ctx is cancelled.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := parseConfig("serve", args, getenv, stdout)
	if err != nil {
		return err
	}
	log := newLogger(stderr)
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	if n, err := s.ReindexMissing(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("đã lập chỉ mục tìm kiếm", "bai", n)
	}
	lib, err := media.New(filepath.Join(c.DataDir, "media"))
	if err != nil {
		return err
	}
	if c.Demo {
		if err := loadDemo(ctx, s, lib, log.Info); err != nil {
			return err
		}
	}
	if err := ensureAdmin(ctx, s, auth.DefaultHasher(), stdout); err != nil {
		return err
	}
	desk := newsroom.New(s, richtext.NewPolicy(), time.Now)
	comments, err := comment.New(ctx, s, time.Now)
	if err != nil {
		return err
	}
	mailer, err := notify.New(s, notify.Config{URL: c.SMTP, From: c.MailFrom})
	if err != nil {
		return err
	}
	jsonAPI := api.New(api.Deps{Store: s, Newsroom: desk, Comments: comments, Media: lib, Log: log})
	pages := newPageCache(ctx, s, c, log)
	// The weather job fetches for every server's pages; with no URL the
	// boxes show what is stored, or say there is no data.
	forecasts := weather.Config{Store: s, Interval: c.WeatherInterval, Stale: c.WeatherStale, Log: log}
	if c.WeatherStale < c.WeatherInterval {
		return fmt.Errorf("--weather-stale (%v) phải dài hơn --weather-interval (%v), nếu không hộp thời tiết sẽ thường trống", c.WeatherStale, c.WeatherInterval)
	}
	if c.WeatherURL != "" {
		if forecasts.Provider, err = weather.NewOpenMeteo(c.WeatherURL, c.WeatherKey, 10*time.Second); err != nil {
			return fmt.Errorf("--weather-url: %w", err)
		}
	}
	weatherBox := weather.New(forecasts)
	site, err := web.New(web.Deps{Store: s, Media: lib, Newsroom: desk, Comments: comments, API: jsonAPI.Handler(),
		Hasher: auth.DefaultHasher(), Log: log, Cache: pages, Weather: weatherBox})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("không mở được %s: %w", c.Addr, err)
	}
	srv := &http.Server{
		Handler:           site.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "toasoan đang phục vụ tại http://%s (cơ sở dữ liệu: %s)\n", ln.Addr(), s.Dialect())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	jobs, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	if c.DebugAddr != "" {
		if err := serveProfiler(jobs, c.DebugAddr, stdout); err != nil {
			return err
		}
	}
	go desk.RunScheduler(jobs, c.SchedulerPoll, log)
	if forecasts.Provider != nil {
		go weatherBox.Run(jobs)
	}
	go popup.New(s).RunClock(jobs, time.Minute, time.Now, log)
	if mailer != nil {
		go mailer.Run(jobs, 30*time.Second, log)
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func loadDemo(ctx context.Context, s *store.Store, lib *media.Library, info func(string, ...any)) error {
	site, err := s.Site(ctx)
	if err != nil {
		return err
	}
	loaded, err := demo.Loader{Store: s, Media: lib, Policy: richtext.NewPolicy(), Now: time.Now(), Zone: site.Location}.LoadIfEmpty(ctx)
	if err != nil {
		return fmt.Errorf("nạp báo mẫu: %w", err)
	}
	if loaded {
		info("đã nạp báo mẫu vào cơ sở dữ liệu trống")
	}
	return nil
}
