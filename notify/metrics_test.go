package notify_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/notify"
	"github.com/prometheus/client_golang/prometheus"
)

// Ensure the metrics count events and deliveries by outcome and
// subscription, show the outbox's lag while an event waits, and that the
// service serves them.
func TestOutboxMetrics(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	rc := newReceiver(t, func(n int, w http.ResponseWriter, _ *http.Request) {
		if n == 1 {
			w.WriteHeader(500)
			return
		}
		w.WriteHeader(200)
	})
	webhook, _ := subscribe(t, e, rc.URL, quiet)
	bulkEvents(t, e, 2)
	m := notify.NewMetrics(e.DB, nil)
	reg := prometheus.NewRegistry()
	reg.MustRegister(m.Collectors()...)
	if lag := value(t, reg, "jiuxiao_outbox_lag_seconds", "", ""); lag <= 0 {
		t.Errorf("lag %v with two events waiting", lag)
	}
	d := dispatcher(e, func(o *notify.Options) { o.Metrics, o.Concurrency, o.Backoff = m, 1, notify.Backoff{Base: time.Hour} })
	if _, err := d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := value(t, reg, "jiuxiao_events_total", "type", string(quiet)); n != 2 {
		t.Errorf("jiuxiao_events_total{type=%q} = %v, want 2", quiet, n)
	}
	if ok, retry := value(t, reg, "jiuxiao_deliveries_total", "outcome", "delivered"), value(t, reg, "jiuxiao_deliveries_total", "outcome", "retry"); ok != 1 || retry != 1 {
		t.Errorf("deliveries delivered %v, retry %v; want 1 and 1", ok, retry)
	}
	if pending := value(t, reg, "jiuxiao_deliveries_pending", "webhook", webhook); pending != 1 {
		t.Errorf("jiuxiao_deliveries_pending = %v, want 1", pending)
	}
	body := string(e.Get("", "/metrics").Must(t, http.StatusOK).Body)
	for _, name := range []string{"jiuxiao_outbox_lag_seconds", "jiuxiao_deliveries_pending{webhook=\"" + webhook + "\"} 1"} {
		if !strings.Contains(body, name) {
			t.Errorf("/metrics has no %s", name)
		}
	}
}

// value is the sum of a gathered metric's values whose label has the
// value given (all of them when label is "").
func value(t *testing.T, reg *prometheus.Registry, name, label, want string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			keep := label == ""
			for _, l := range m.GetLabel() {
				keep = keep || (l.GetName() == label && l.GetValue() == want)
			}
			if keep {
				sum += m.GetGauge().GetValue() + m.GetCounter().GetValue()
			}
		}
	}
	return sum
}
