package replica

import "github.com/prometheus/client_golang/prometheus"

var (
	lagDesc = prometheus.NewDesc("jiuxiao_replica_lag_seconds",
		"How far the read replica is behind the primary (-1 when unknown: unreachable, promoted or too far behind).", nil, nil)
	usableDesc = prometheus.NewDesc("jiuxiao_replica_usable",
		"1 while reads go to the replica, 0 while they go to the primary.", nil, nil)
	statementsDesc = prometheus.NewDesc("jiuxiao_replica_statements_total",
		"Statements of the heavy reads run on the replica.", nil, nil)
	fallbacksDesc = prometheus.NewDesc("jiuxiao_replica_fallbacks_total",
		"Heavy reads sent to the primary instead: stale (the replica was too far behind or down), own_write (the user had just written), replica_failed (a statement met a broken replica and ran again on the primary).",
		[]string{"reason"}, nil)
)

// Describe implements prometheus.Collector.
func (r *Router) Describe(ch chan<- *prometheus.Desc) {
	ch <- lagDesc
	ch <- usableDesc
	ch <- statementsDesc
	ch <- fallbacksDesc
}

// Collect implements prometheus.Collector.
func (r *Router) Collect(ch chan<- prometheus.Metric) {
	s, n := r.Status(), r.Reads()
	usable := 0.0
	if s.Usable {
		usable = 1
	}
	ch <- prometheus.MustNewConstMetric(lagDesc, prometheus.GaugeValue, s.LagS)
	ch <- prometheus.MustNewConstMetric(usableDesc, prometheus.GaugeValue, usable)
	ch <- prometheus.MustNewConstMetric(statementsDesc, prometheus.CounterValue, float64(n.Replica))
	ch <- prometheus.MustNewConstMetric(fallbacksDesc, prometheus.CounterValue, float64(n.Stale), reasonStale)
	ch <- prometheus.MustNewConstMetric(fallbacksDesc, prometheus.CounterValue, float64(n.OwnWrite), reasonOwnWrite)
	ch <- prometheus.MustNewConstMetric(fallbacksDesc, prometheus.CounterValue, float64(n.Failed), reasonFailed)
}
