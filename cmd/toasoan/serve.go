package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"time"

	"github.com/toasoan/toasoan/internal/accounts"
	"github.com/toasoan/toasoan/internal/auth"
	"github.com/toasoan/toasoan/internal/comment"
	"github.com/toasoan/toasoan/internal/demo"
	"github.com/toasoan/toasoan/internal/editorial"
	"github.com/toasoan/toasoan/internal/media"
	"github.com/toasoan/toasoan/internal/metrics"
	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/notify"
	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/pagefiles"
	"github.com/toasoan/toasoan/internal/popup"
	"github.com/toasoan/toasoan/internal/purge"
	"github.com/toasoan/toasoan/internal/redirects"
	"github.com/toasoan/toasoan/internal/richtext"
	"github.com/toasoan/toasoan/internal/search"
	"github.com/toasoan/toasoan/internal/server"
	"github.com/toasoan/toasoan/internal/store"
	"github.com/toasoan/toasoan/internal/views"
	"github.com/toasoan/toasoan/internal/weather"
)

// runServe migrates the database, sets up a new paper (the demo, the
// first administrator), and serves the site until ctx is cancelled.
func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	c, err := parseConfig("serve", args, getenv, stdout)
	if err != nil {
		return err
	}
	if c.WeatherStale < c.WeatherInterval {
		return fmt.Errorf("--weather-stale (%v) phải dài hơn --weather-interval (%v), nếu không hộp thời tiết sẽ thường trống", c.WeatherStale, c.WeatherInterval)
	}
	logs := newLogBuffer(stderr)
	defer logs.Flush()
	log := newLogger(logs, c)
	s, err := openStore(ctx, c)
	if err != nil {
		return err
	}
	defer closeStore(s, log)
	if _, err := s.Migrate(ctx); err != nil {
		return err
	}
	lib, err := media.New(filepath.Join(c.DataDir, "media"))
	if err != nil {
		return err
	}
	av, transcoder, err := newAV(c, s, log)
	if err != nil {
		return err
	}
	people := accounts.New(s, auth.DefaultHasher(), time.Now)
	// Servers starting together on a fresh database set it up one at a
	// time: the second finds the demo and the administrator there.
	err = s.Exclusive(ctx, "setup", func() error { return setUp(ctx, s, lib, people, c, log, stdout) })
	if err != nil {
		return err
	}
	desk := editorial.New(s, richtext.NewPolicy(), time.Now)
	comments, err := comment.New(ctx, s, time.Now)
	if err != nil {
		return err
	}
	mailer, err := notify.New(s, notify.Config{URL: c.SMTP, From: c.MailFrom})
	if err != nil {
		return err
	}
	// The weather job fetches for every server's pages; with no URL the
	// boxes show what is stored, or say there is no data.
	forecasts := weather.Config{Store: s, Interval: c.WeatherInterval, Stale: c.WeatherStale, Log: log}
	if c.WeatherURL != "" {
		if forecasts.Provider, err = weather.NewOpenMeteo(c.WeatherURL, c.WeatherKey, 10*time.Second); err != nil {
			return fmt.Errorf("--weather-url: %w", err)
		}
	}
	weatherBox := weather.New(forecasts)
	jobs, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	pages, filesSent, err := listenForChanges(jobs, s, c, log)
	if err != nil {
		return err
	}
	counts := metrics.New(metrics.Deps{Store: s, Cache: pages, MaxMailAttempts: notify.MaxAttempts, Version: version(), Log: log})
	oldAddresses := redirects.New(s, time.Now)
	readers := views.New(s, time.Now)
	handler, err := server.New(server.Deps{Store: s, Media: lib, Editorial: desk, Comments: comments, Accounts: people,
		Weather: weatherBox, Cache: pages, Proxies: c.TrustedProxies, Metrics: counts, Version: version(), Log: log,
		Redirects: oldAddresses, Views: readers, AV: av, Search: search.New(s, c.SearchLimits)})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return fmt.Errorf("không mở được %s: %w", c.Addr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	fmt.Fprintf(stdout, "toasoan đang phục vụ tại http://%s (cơ sở dữ liệu: %s)\n", ln.Addr(), s.Dialect())
	log.Info("serving", "addr", ln.Addr().String(), "database", s.Dialect(), "version", version())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	switch {
	case c.MetricsAddr != "":
		if err := serveOperator(jobs, "--metrics-addr", c.MetricsAddr, counts.Handler(), c.MetricsAddr == c.DebugAddr, stdout); err != nil {
			return err
		}
		if c.DebugAddr != "" && c.DebugAddr != c.MetricsAddr {
			if err := serveOperator(jobs, "--debug-addr", c.DebugAddr, nil, true, stdout); err != nil {
				return err
			}
		}
	case c.DebugAddr != "":
		if err := serveOperator(jobs, "--debug-addr", c.DebugAddr, counts.Handler(), true, stdout); err != nil {
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
	// The redirects' hits are counted in memory and written once a
	// minute, and once more at shutdown before the database is closed.
	hitsWritten := make(chan struct{})
	go func() { defer close(hitsWritten); oldAddresses.RunHits(jobs, time.Minute, log) }()
	// Views are written every few seconds and once more at shutdown; the
	// most-read lists are read again every minute.
	viewsWritten := make(chan struct{})
	go func() { defer close(viewsWritten); readers.Run(jobs, c.ViewsFlush, c.MostReadEvery, log) }()
	// Transcoding stops with the other jobs; a job it interrupts is
	// claimed again when its lease runs out, here or on another server.
	if av != nil {
		go av.RunSweeps(jobs, time.Hour) // resumable uploads abandoned for a day
	}
	go reindexPending(jobs, s, log)
	transcodeStopped := make(chan struct{})
	go func() {
		defer close(transcodeStopped)
		if transcoder != nil {
			transcoder.Run(jobs)
		}
	}()
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
	stopJobs()
	<-hitsWritten
	<-viewsWritten
	<-transcodeStopped
	<-filesSent
	return nil
}

// listenForChanges makes the page cache (nil when --cache-bytes is 0) and
// the purge hook hear every committed change, this server's at once and
// the other servers' through the store's listener, in that order: the
// proxy in front is purged after this server dropped its own copies. It
// returns once the listener hears changes, so no page is kept from before.
// With --page-files the cache's pages are also written there, and deleted
// with the cache's own copies, before the proxy is told.
func listenForChanges(ctx context.Context, s *store.Store, c Config, log *slog.Logger) (pages *pagecache.Cache, filesSent <-chan struct{}, err error) {
	hook := purge.New(ctx, s, &http.Client{Timeout: 5 * time.Second}, log, nil)
	filesSent = closed()
	if c.CacheBytes <= 0 {
		s.Subscribe(hook.Changed)
	} else {
		// The hook is told the pages the cache dropped, for a proxy that
		// purges by URL (deploy/nginx.conf).
		pages = pagecache.New(c.CacheBytes, c.CacheMaxAge, time.Now)
		if filesSent, err = mirrorPages(ctx, pages, c, log); err != nil {
			return nil, nil, err
		}
		s.Subscribe(func(ch news.Change) { hook.ChangedPages(ch, pages.ChangedPages(ch)) })
	}
	listening := make(chan struct{})
	go s.Listen(ctx, func() { close(listening) })
	select {
	case <-listening:
	case <-ctx.Done():
	}
	return pages, filesSent, nil
}

// mirrorPages writes the cache's pages as files for nginx (--page-files):
// to a folder on this machine, or, given nginx's address, to its folder
// over HTTP for several servers (deploy/nginx-pages-dav.conf). The
// channel closes once the last deletes have gone to nginx after ctx ends.
func mirrorPages(ctx context.Context, pages *pagecache.Cache, c Config, log *slog.Logger) (<-chan struct{}, error) {
	if c.PageFiles == "" {
		return closed(), nil
	}
	if !pagefiles.IsRemote(c.PageFiles) {
		folder, err := pagefiles.Open(c.PageFiles, log)
		if err != nil {
			return nil, err
		}
		pages.SetMirror(folder)
		go dropExpiredFiles(ctx, pages, c.CacheMaxAge)
		log.Info("cached pages written for nginx", "page_files", folder.Dir())
		return closed(), nil
	}
	remote, err := pagefiles.OpenRemote(c.PageFiles, &http.Client{Timeout: 5 * time.Second}, log)
	if err != nil {
		return nil, err
	}
	starting, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := remote.Empty(starting); err != nil {
		log.Warn("page files: nginx does not answer; the old pages are deleted once it does", "page_files", remote.Address(), "err", err)
	}
	pages.SetMirror(remote)
	go dropExpiredFiles(ctx, pages, c.CacheMaxAge)
	sent := make(chan struct{})
	go func() { defer close(sent); remote.Run(ctx) }()
	log.Info("cached pages sent to nginx", "page_files", remote.Address())
	return sent, nil
}

func closed() <-chan struct{} {
	ch := make(chan struct{})
	close(ch)
	return ch
}

// dropExpiredFiles deletes, every tenth of maxAge (at most every 10
// seconds), the page files past the cache's maximum age: the safety net
// for a missed change holds for nginx's copies as for the cache's.
func dropExpiredFiles(ctx context.Context, pages *pagecache.Cache, maxAge time.Duration) {
	t := time.NewTicker(min(max(maxAge/10, 100*time.Millisecond), 10*time.Second))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			pages.DropExpired()
		}
	}
}

// setUp gives a new paper what it needs on its first start: the demo
// paper (with --demo) and the first administrator, whose one-time
// password is printed once; and every member without a byline their pen
// name.
func setUp(ctx context.Context, s *store.Store, lib *media.Library, people *accounts.Service, c Config, log *slog.Logger, stdout io.Writer) error {
	// The administrator's password hash (argon2, a third of a second)
	// is made while the demo's pictures are drawn.
	type ensured struct {
		admin    news.User
		password string
		err      error
	}
	first := make(chan ensured, 1)
	go func() {
		admin, password, err := people.EnsureAdmin(ctx, c.AdminEmail)
		first <- ensured{admin, password, err}
	}()
	if c.Demo {
		if err := loadDemo(ctx, s, lib, log.Info); err != nil {
			<-first
			return err
		}
	}
	e := <-first
	if e.err != nil {
		return e.err
	}
	if n, err := s.GivePenNames(ctx); err != nil {
		return err
	} else if n > 0 {
		log.Info("pen names given to members who had none", "members", n)
	}
	admin, password := e.admin, e.password
	if password == "" {
		return nil
	}
	_, err := fmt.Fprintf(stdout, "Đã tạo tài khoản quản trị %s với mật khẩu dùng một lần: %s\n(hãy đăng nhập tại /toasoan/: lần đầu đăng nhập phải đổi mật khẩu; mật khẩu này không hiện lại)\n", admin.Email, password)
	return err
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
		info("demo paper loaded into the empty database")
	}
	return nil
}

// reindexPending completes the search index once the server answers:
// the stories it lacks (written before it existed, or restored), then,
// newest first and a few at a time so the newsroom's writes pass
// between, the stories indexed before it held word pairs; it stops when
// none is left or the server stops, and goes on at the next start.
func reindexPending(ctx context.Context, s *store.Store, log *slog.Logger) {
	if n, err := s.ReindexMissing(ctx); err != nil {
		if ctx.Err() == nil {
			log.Warn("search index: completing it stopped; it goes on at the next start", "err", err)
		}
		return
	} else if n > 0 {
		log.Info("search index completed", "articles", n)
	}
	total := 0
	for ctx.Err() == nil {
		n, err := s.ReindexPending(ctx, 50)
		if err != nil {
			if ctx.Err() == nil {
				log.Warn("search index: indexing again stopped; it goes on at the next start", "err", err)
			}
			return
		}
		if n == 0 {
			break
		}
		total += n
	}
	if total > 0 {
		log.Info("search index: stories indexed again with word pairs", "articles", total)
	}
}

// closeStore closes the database at the end, logging what it says.
func closeStore(s *store.Store, log *slog.Logger) {
	if err := s.Close(); err != nil {
		log.Warn("closing the database", "err", err)
	}
}
