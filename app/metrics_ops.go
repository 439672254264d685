package app

import (
	"context"
	"errors"
	"log/slog"
	"regexp"
	"runtime"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"gorm.io/gorm"
)

// ops are the series operators alert on beyond requests and durations:
// bytes sent, logins, the cron, the database pool, the build, the last
// generation run. deploy/prometheus/jiuxiao.rules.yml uses them.
type ops struct {
	reg    *prometheus.Registry
	size   *prometheus.HistogramVec
	logins *prometheus.CounterVec
	cron   *prometheus.CounterVec
	routes []routePattern
	known  map[string]bool // "METHOD path" of every API route
}

func newOps(reg *prometheus.Registry) ops {
	o := ops{
		reg: reg,
		size: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "jiuxiao_http_response_size_bytes",
			Help:    "Bytes sent in answer to HTTP requests (headers included; a streamed ledger whole), by method and route.",
			Buckets: prometheus.ExponentialBuckets(256, 4, 10), // 256 B .. 64 MB
		}, []string{"method", "route"}),
		logins: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiuxiao_logins_total",
			Help: "Logins by result: ok, failed (wrong username or password, or an inactive account), throttled (429).",
		}, []string{"result"}),
		cron: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiuxiao_schedule_cron_runs_total",
			Help: "Ticks of the in-process schedule cron by result: ok, skipped (another replica ran it), failed.",
		}, []string{"result"}),
	}
	for _, r := range []string{"ok", "failed", "throttled"} {
		o.logins.WithLabelValues(r)
	}
	for _, r := range []string{"ok", "skipped", "failed"} {
		o.cron.WithLabelValues(r)
	}
	reg.MustRegister(o.size, o.logins, o.cron)
	return o
}

// watch adds the series read from the database and the build: the pool's
// statistics (go_sql_*), jiuxiao_build_info and the last generation run.
func (m *metrics) watch(db *gorm.DB, version string) {
	if version == "" {
		version = "dev"
	}
	info := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "jiuxiao_build_info",
		Help: "Always 1: the version of the running binary and the Go it was built with.",
	}, []string{"version", "goversion"})
	info.WithLabelValues(version, runtime.Version()).Set(1)
	m.reg.MustRegister(info, &lastRunCollector{db: db})
	if sqlDB, err := db.DB(); err == nil {
		m.reg.MustRegister(collectors.NewDBStatsCollector(sqlDB, "jiuxiao"))
	}
}

// cronRan counts a tick of the in-process cron.
func (m *metrics) cronRan(result string) { m.cron.WithLabelValues(result).Inc() }

const loginRoute = "/api/v1/auth/login"

// countLogin counts the answer to a login by its result.
func (m *metrics) countLogin(route string, status int, err error) {
	if route != loginRoute {
		return
	}
	var throttled *models.ThrottledError
	switch {
	case status == fiber.StatusOK:
		m.logins.WithLabelValues("ok").Inc()
	case errors.As(err, &throttled):
		m.logins.WithLabelValues("throttled").Inc()
	case errors.Is(err, models.ErrBadCredentials):
		m.logins.WithLabelValues("failed").Inc()
	}
}

// routePattern matches a path against one route template.
type routePattern struct {
	method, path string
	re           *regexp.Regexp
}

var routeParam = regexp.MustCompile(`:[A-Za-z0-9_]+\??|\*`)

// learnRoutes keeps the app's route templates, so that an answer given by a
// middleware (a 401 of authentication, an Idempotency-Key conflict) is
// labelled with the route it was for rather than the middleware's prefix.
func (m *metrics) learnRoutes(f *fiber.App) {
	m.known = map[string]bool{}
	for _, r := range f.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/") {
			continue
		}
		expr := "^" + routeParam.ReplaceAllStringFunc(regexp.QuoteMeta(r.Path), func(p string) string {
			if p == "*" {
				return ".*"
			}
			return "[^/]+"
		}) + "/?$"
		// QuoteMeta escaped nothing of a parameter, so the names are intact.
		m.routes = append(m.routes, routePattern{method: r.Method, path: r.Path, re: regexp.MustCompile(expr)})
		m.known[r.Method+" "+r.Path] = true
	}
}

// routeOf is the route label of the request: its route's template, or, for
// an answer of a middleware mounted on a prefix (Use: authentication, the
// console's files, the final 404), the template of the API route the
// request was for; "unmatched" when no route fits.
func (m *metrics) routeOf(c *fiber.Ctx, status int) string {
	r := c.Route()
	method, path := c.Method(), c.Path()
	if m.known[r.Method+" "+r.Path] {
		return strings.Clone(r.Path)
	}
	if method == fiber.MethodHead {
		method = fiber.MethodGet
	}
	if strings.HasPrefix(path, "/api/") {
		for _, p := range m.routes {
			if p.method == method && p.re.MatchString(path) {
				return p.path
			}
		}
		return "unmatched"
	}
	if status == fiber.StatusNotFound {
		return "unmatched"
	}
	return strings.Clone(r.Path)
}

// lastRunCollector reads the newest schedule_runs row at each scrape, so
// that every replica tells the same last run, whoever made it (the cron of
// any replica, POST /schedules/generate, the command line), across restarts.
type lastRunCollector struct{ db *gorm.DB }

var (
	lastRunAt = prometheus.NewDesc("jiuxiao_schedule_last_run_timestamp_seconds",
		"When the last generation run finished (Unix time); only runs that succeed are recorded.", nil, nil)
	lastRunTook = prometheus.NewDesc("jiuxiao_schedule_last_run_duration_seconds",
		"How long the last generation run took.", nil, nil)
	lastRunRows = prometheus.NewDesc("jiuxiao_schedule_last_run_inspections",
		"What the last generation run did: inspections created, skipped (already there), cancelled, and hazards escalated.",
		[]string{"outcome"}, nil)
)

func (l *lastRunCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- lastRunAt
	ch <- lastRunTook
	ch <- lastRunRows
}

func (l *lastRunCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	var runs []struct {
		At, Took                               float64
		Created, Skipped, Cancelled, Escalated float64
	}
	err := l.db.WithContext(ctx).Raw(`SELECT extract(epoch FROM finished_at) AS at,
		       extract(epoch FROM finished_at - started_at) AS took, created, skipped, cancelled, escalated
		FROM schedule_runs ORDER BY started_at DESC LIMIT 1`).Scan(&runs).Error
	if err != nil {
		slog.Warn("metrics: read the last generation run", "error", err)
		return
	}
	if len(runs) == 0 {
		return // no run yet: the alert on absent() tells it
	}
	r := runs[0]
	ch <- prometheus.MustNewConstMetric(lastRunAt, prometheus.GaugeValue, r.At)
	ch <- prometheus.MustNewConstMetric(lastRunTook, prometheus.GaugeValue, r.Took)
	for outcome, n := range map[string]float64{"created": r.Created, "skipped": r.Skipped, "cancelled": r.Cancelled, "escalated": r.Escalated} {
		ch <- prometheus.MustNewConstMetric(lastRunRows, prometheus.GaugeValue, n, outcome)
	}
}
