package app

import (
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/adaptor"
	"github.com/jiuxiao/jiuxiao/notify"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the Prometheus series of one app: request counts and
// durations by route template (not by raw path, which would explode the
// series), plus the Go runtime's and the process's own.
type metrics struct {
	reg      *prometheus.Registry
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
	ops                      // app/metrics_ops.go
	outbox   *notify.Metrics // events and deliveries
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "jiuxiao_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by method, route and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"method", "route", "status"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "jiuxiao_http_requests_in_flight",
			Help: "HTTP requests being answered now.",
		}),
	}
	m.reg.MustRegister(m.duration, m.inFlight, collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	m.ops = newOps(m.reg)
	return m
}

// middleware times each request to the last byte of its answer (a streamed
// ledger included) and counts what it sent.
func (m *metrics) middleware(c *fiber.Ctx) error {
	start := time.Now()
	m.inFlight.Inc()
	err := c.Next()
	status := c.Response().StatusCode()
	if err != nil {
		if fe, ok := err.(*fiber.Error); ok {
			status = fe.Code
		} else {
			status = problemStatus(err)
		}
	}
	// Fiber reuses the buffers behind these strings: copy them before a
	// label keeps them.
	method, route := strings.Clone(c.Method()), m.routeOf(c, status)
	m.countLogin(route, status, err)
	onSent(c, func(sent int64) {
		m.inFlight.Dec()
		m.duration.WithLabelValues(method, route, strconv.Itoa(status)).Observe(time.Since(start).Seconds())
		m.size.WithLabelValues(method, route).Observe(float64(sent))
	})
	return err
}

func problemStatus(err error) int {
	p, _ := problemFor(err)
	return p.Status
}

func (m *metrics) handler() fiber.Handler {
	return adaptor.HTTPHandler(promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
}
