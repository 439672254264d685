package notify

import (
	"context"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"
)

// Metrics are the outbox's Prometheus series: events (counted as they are
// relayed, once each whichever replica relays them), deliveries by outcome
// and subscription, and, read from the database at each scrape, the age of
// the oldest event not yet delivered and the deliveries pending and failed
// per subscription. A nil *Metrics counts nothing.
type Metrics struct {
	events     *prometheus.CounterVec
	deliveries *prometheus.CounterVec
	lag        *prometheus.Desc
	pending    *prometheus.Desc
	failed     *prometheus.Desc
	db         *gorm.DB
	now        func() time.Time
}

// NewMetrics makes the series; register them with Collectors.
func NewMetrics(db *gorm.DB, now func() time.Time) *Metrics {
	if now == nil {
		now = time.Now
	}
	return &Metrics{
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiuxiao_events_total",
			Help: "Events of the outbox, by type, counted as a dispatcher relays them to the subscriptions.",
		}, []string{"type"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "jiuxiao_deliveries_total",
			Help: "Delivery attempts, by subscription (webhook id, or sms) and outcome: delivered, retry or failed.",
		}, []string{"webhook", "outcome"}),
		lag: prometheus.NewDesc("jiuxiao_outbox_lag_seconds",
			"Age of the oldest event not yet delivered (0 when none).", nil, nil),
		pending: prometheus.NewDesc("jiuxiao_deliveries_pending",
			"Deliveries waiting to be sent or retried, by subscription.", []string{"webhook"}, nil),
		failed: prometheus.NewDesc("jiuxiao_deliveries_failed",
			"Deliveries that gave up and wait for a manual retry, by subscription.", []string{"webhook"}, nil),
		db: db, now: now,
	}
}

// Collectors are what to register.
func (m *Metrics) Collectors() []prometheus.Collector {
	return []prometheus.Collector{m.events, m.deliveries, m}
}

// Describe is part of prometheus.Collector.
func (m *Metrics) Describe(ch chan<- *prometheus.Desc) {
	ch <- m.lag
	ch <- m.pending
	ch <- m.failed
}

// Collect reads the outbox's state; a database that does not answer within
// two seconds leaves the gauges out of this scrape.
func (m *Metrics) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := models.ReadOutboxState(ctx, m.db)
	if err != nil {
		return
	}
	lag := 0.0
	if st.OldestUndelivered != nil {
		lag = max(m.now().Sub(*st.OldestUndelivered).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(m.lag, prometheus.GaugeValue, lag)
	for w, n := range st.Pending {
		ch <- prometheus.MustNewConstMetric(m.pending, prometheus.GaugeValue, float64(n), w)
	}
	for w, n := range st.Failed {
		ch <- prometheus.MustNewConstMetric(m.failed, prometheus.GaugeValue, float64(n), w)
	}
}

func (m *Metrics) eventsRelayed(t models.EventType, n int) {
	if m != nil {
		m.events.WithLabelValues(string(t)).Add(float64(n))
	}
}

func (m *Metrics) delivered(r models.DeliveryResult) {
	if m == nil {
		return
	}
	outcome := "retry"
	switch r.Status {
	case vocab.DeliveryDelivered:
		outcome = "delivered"
	case vocab.DeliveryFailed:
		outcome = "failed"
	}
	m.deliveries.WithLabelValues(r.Webhook, outcome).Inc()
}
