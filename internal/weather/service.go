package weather

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/toasoan/toasoan/internal/news"
	"github.com/toasoan/toasoan/internal/store"
)

// Provider is where forecasts come from: Open-Meteo in production, a
// local test server in tests. Forecast answers for every place, in order,
// or fails as a whole.
type Provider interface {
	Forecast(ctx context.Context, places []Place) ([]news.Forecast, error)
}

// Defaults for Config.
const (
	DefaultInterval = 30 * time.Minute
	DefaultStale    = 3 * time.Hour
)

// leaseName is the job's row in job_leases; leaseTTL outlasts a fetch
// (the client gives up after 10 s) and the write after it, so a lease
// never runs out under a server still working, and a server that died
// holding it blocks the others for two minutes at most.
const (
	leaseName = "weather-refresh"
	leaseTTL  = 2 * time.Minute
)

// Config is what New needs.
type Config struct {
	Store    *store.Store
	Provider Provider         // nil: a service that only reads, as pages do
	Interval time.Duration    // how old data may get before it is fetched again
	Stale    time.Duration    // how old data may get before the box stops showing it
	Now      func() time.Time // defaults to time.Now
	Log      *slog.Logger
}

// Service refreshes forecasts in the background and reads them for pages.
type Service struct {
	store    *store.Store
	provider Provider
	interval time.Duration
	stale    time.Duration
	now      func() time.Time
	log      *slog.Logger
	holder   string // this process in job_leases
}

// New prepares the service; it fetches nothing until Refresh or Run.
func New(c Config) *Service {
	if c.Interval <= 0 {
		c.Interval = DefaultInterval
	}
	if c.Stale <= 0 {
		c.Stale = DefaultStale
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 8)
	rand.Read(b)
	return &Service{store: c.Store, provider: c.Provider, interval: c.Interval, stale: c.Stale,
		now: c.Now, log: c.Log, holder: hex.EncodeToString(b)}
}

// Outcome says what a Refresh did.
type Outcome string

// The outcomes of a Refresh that did not fail.
const (
	Refreshed    Outcome = "refreshed"     // fetched and stored
	Fresh        Outcome = "fresh"         // every locality's data is younger than the interval
	Busy         Outcome = "busy"          // another server holds the lease
	NoLocalities Outcome = "no-localities" // nothing to ask for
)

// Refresh fetches every locality's forecast in one request and stores the
// lot in one transaction, unless another server is at it or the data is
// fresh. On any failure the stored data stays as it was.
func (s *Service) Refresh(ctx context.Context) (Outcome, error) {
	if s.provider == nil {
		return "", errors.New("weather: no provider configured")
	}
	ctx, cancel := context.WithTimeout(ctx, leaseTTL)
	defer cancel()
	taken, err := s.store.TakeLease(ctx, leaseName, s.holder, s.now(), leaseTTL)
	if err != nil {
		return "", err
	}
	if !taken {
		return Busy, nil
	}
	defer func() {
		// A lease that cannot be released runs out by itself in leaseTTL.
		if err := s.store.ReleaseLease(context.WithoutCancel(ctx), leaseName, s.holder); err != nil {
			s.log.Warn("weather: release lease", "err", err)
		}
	}()
	locs, err := s.store.Localities(ctx)
	if err != nil || len(locs) == 0 {
		return NoLocalities, err
	}
	reports, err := s.store.WeatherReports(ctx)
	if err != nil {
		return "", err
	}
	if s.allFresh(locs, reports) {
		return Fresh, nil
	}
	places := make([]Place, len(locs))
	for i, l := range locs {
		places[i] = Place{Latitude: l.Latitude, Longitude: l.Longitude}
	}
	forecasts, err := s.provider.Forecast(ctx, places)
	if err != nil {
		return "", err
	}
	if len(forecasts) != len(locs) {
		return "", fmt.Errorf("weather: %d forecasts for %d localities", len(forecasts), len(locs))
	}
	fetched := s.now().UTC()
	out := make([]news.WeatherReport, len(locs))
	for i, l := range locs {
		out[i] = news.WeatherReport{LocalityID: l.ID, Latitude: l.Latitude, Longitude: l.Longitude, FetchedAt: fetched, Forecast: forecasts[i]}
	}
	if _, err := s.store.SaveWeather(ctx, out); err != nil {
		return "", err
	}
	return Refreshed, nil
}

// allFresh reports whether every locality has data younger than the
// interval, as when another server has just fetched it.
func (s *Service) allFresh(locs []news.Locality, reports map[int64]news.WeatherReport) bool {
	now := s.now()
	for _, l := range locs {
		r, ok := reports[l.ID]
		if !ok || now.Sub(r.FetchedAt) >= s.interval {
			return false
		}
	}
	return true
}

// Run refreshes until ctx ends. It looks every sixth of the interval, so
// data is at most 7/6 of the interval old while the provider answers, a
// failed fetch is retried soon, and a locality added in the newsroom gets
// its data within minutes; when the data is fresh a look costs a few
// queries and no request.
func (s *Service) Run(ctx context.Context) {
	poll := max(s.interval/6, time.Second)
	last := s.now()
	for {
		outcome, err := s.Refresh(ctx)
		switch {
		case err != nil && ctx.Err() == nil:
			s.log.Warn("weather refresh failed; pages keep the last good data", "err", err)
		case outcome == Refreshed:
			s.log.Info("weather refreshed")
		}
		// Data that just grew too old must leave cached pages too.
		if now := s.now(); s.store.WeatherTurnedStale(ctx, last, now, s.stale) == nil {
			last = now
		}
		timer := time.NewTimer(poll)
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
		}
	}
}
