// Package metrics is what the paper tells Prometheus: requests and their
// latency by route and status, the page cache, what waits in the
// newsroom's queues (comments to moderate, mail to send, stories past
// their time, forecasts growing old), the database pools and the Go
// runtime. It is served on its own address (--metrics-addr), never on the
// paper's.
package metrics

import (
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/toasoan/toasoan/internal/pagecache"
	"github.com/toasoan/toasoan/internal/store"
)

// Metrics holds the registry and the request metrics the server feeds.
type Metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// Deps are what the collectors read; Cache may be nil.
type Deps struct {
	Store           *store.Store
	Cache           *pagecache.Cache
	MaxMailAttempts int
	Version         string
	Log             *slog.Logger
}

// New registers every collector.
func New(d Deps) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "toasoan_http_requests_total",
			Help: "HTTP requests answered, by route pattern (\"cache\" for a page the cache answered before routing), method and status.",
		}, []string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "toasoan_http_request_duration_seconds",
			Help:    "Time to answer a request, by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "toasoan_build_info", Help: "The running version; always 1."}, []string{"version"})
	build.WithLabelValues(d.Version).Set(1)
	m.registry.MustRegister(m.requests, m.latency, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&paperCollector{d: d})
	return m
}

// Request counts one answered request (web.Recorder).
func (m *Metrics) Request(route, method string, status int, d time.Duration) {
	if route == "" {
		route = "none"
	}
	m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(d.Seconds())
}

// Handler serves the metrics in Prometheus' text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// paperCollector reads the page cache's counters, the database pools and
// the newsroom's queues at each scrape.
type paperCollector struct{ d Deps }

var (
	cacheEvents = prometheus.NewDesc("toasoan_page_cache_events_total", "Page cache hits, misses, renders, invalidations, evictions, and stale pages served while the database was unreachable.", []string{"event"}, nil)
	cacheSize   = prometheus.NewDesc("toasoan_page_cache_bytes", "Bytes of pages the page cache holds.", nil, nil)
	cachePages  = prometheus.NewDesc("toasoan_page_cache_pages", "Pages the page cache holds.", nil, nil)
	poolOpen    = prometheus.NewDesc("toasoan_db_connections", "Database connections, by pool and state.", []string{"pool", "state"}, nil)
	poolWaits   = prometheus.NewDesc("toasoan_db_wait_seconds_total", "Time spent waiting for a database connection, by pool.", []string{"pool"}, nil)
	pending     = prometheus.NewDesc("toasoan_comments_pending", "Reader comments waiting for a moderator.", nil, nil)
	mail        = prometheus.NewDesc("toasoan_mail_outbox", "Notification mail not sent: queued (still tried) or failed (given up).", []string{"state"}, nil)
	overdue     = prometheus.NewDesc("toasoan_scheduler_lag_seconds", "How long the earliest scheduled story is past its time (0 when none is).", nil, nil)
	weatherAge  = prometheus.NewDesc("toasoan_weather_data_age_seconds", "Age of the oldest locality's forecast (absent when none is stored).", nil, nil)
	scrapeError = prometheus.NewDesc("toasoan_metrics_database_up", "1 when the queues could be read from the database at this scrape, 0 when not.", nil, nil)
)

func (c *paperCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{cacheEvents, cacheSize, cachePages, poolOpen, poolWaits, pending, mail, overdue, weatherAge, scrapeError} {
		ch <- d
	}
}

func (c *paperCollector) Collect(ch chan<- prometheus.Metric) {
	if c.d.Cache != nil {
		st := c.d.Cache.Stats()
		for event, n := range map[string]int{"hit": st.Hits, "miss": st.Misses, "render": st.Renders, "invalidation": st.Invalidations,
			"eviction": st.Evictions, "stale": st.StaleServed} {
			ch <- prometheus.MustNewConstMetric(cacheEvents, prometheus.CounterValue, float64(n), event)
		}
		ch <- prometheus.MustNewConstMetric(cacheSize, prometheus.GaugeValue, float64(st.Bytes))
		ch <- prometheus.MustNewConstMetric(cachePages, prometheus.GaugeValue, float64(st.Pages))
	}
	for pool, st := range c.d.Store.PoolStats() {
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(st.InUse), pool, "in_use")
		ch <- prometheus.MustNewConstMetric(poolOpen, prometheus.GaugeValue, float64(st.Idle), pool, "idle")
		ch <- prometheus.MustNewConstMetric(poolWaits, prometheus.CounterValue, st.WaitDuration.Seconds(), pool)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	now := time.Now()
	b, err := c.d.Store.Backlog(ctx, now, c.d.MaxMailAttempts)
	if err != nil {
		c.d.Log.Warn("metrics: reading the queues", "err", err)
		ch <- prometheus.MustNewConstMetric(scrapeError, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(scrapeError, prometheus.GaugeValue, 1)
	ch <- prometheus.MustNewConstMetric(pending, prometheus.GaugeValue, float64(b.CommentsPending))
	ch <- prometheus.MustNewConstMetric(mail, prometheus.GaugeValue, float64(b.MailQueued), "queued")
	ch <- prometheus.MustNewConstMetric(mail, prometheus.GaugeValue, float64(b.MailFailed), "failed")
	lag := 0.0
	if !b.OverdueSince.IsZero() {
		lag = now.Sub(b.OverdueSince).Seconds()
	}
	ch <- prometheus.MustNewConstMetric(overdue, prometheus.GaugeValue, lag)
	if !b.WeatherOldest.IsZero() {
		ch <- prometheus.MustNewConstMetric(weatherAge, prometheus.GaugeValue, now.Sub(b.WeatherOldest).Seconds())
	}
}
