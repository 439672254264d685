package notify_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/notify"
)

// The benchmarks of the dispatcher, against a receiver on loopback that
// answers at once; docs/BENCHMARKS.md has the figures:
//
//	make test GOTESTFLAGS='-run ^$ -bench Dispatch|DeliveryLag -benchtime 20000x'

// BenchmarkDispatch is the dispatch rate: b.N events written at once (not
// timed), then relayed, claimed, sent and recorded by one dispatcher with
// its defaults.
func BenchmarkDispatch(b *testing.B) {
	if !apptest.HaveCluster() {
		b.Skip("needs TEST_DATABASE_URL (make test)")
	}
	e := env(b, nil)
	rc := newReceiver(b, func(int, http.ResponseWriter, *http.Request) {})
	webhook, _ := subscribe(b, e, rc.URL, quiet)
	bulkEvents(b, e, b.N)
	o := notify.Options{Allow: e.Cfg.WebhookAllow}
	if v, err := strconv.Atoi(os.Getenv("JX_PER_RECEIVER")); err == nil {
		o.PerReceiver, o.Concurrency = v, max(v, 64)
	}
	d := notify.New(e.DB, o)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	b.ResetTimer()
	start := time.Now()
	go func() { d.Run(ctx); close(done) }()
	for deliveries(b, e, webhook)["delivered"] < b.N {
		time.Sleep(50 * time.Millisecond)
	}
	elapsed := time.Since(start)
	b.StopTimer()
	stop()
	<-done
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "events/s")
}

// BenchmarkDeliveryLag writes 500 events a second for ten seconds (in
// batches of five every 10 ms, as changes commit) while a dispatcher with
// its defaults sends them, and reports the lag from an event's commit to
// its arrival at the receiver. b.N is not used: one run is the measure.
func BenchmarkDeliveryLag(b *testing.B) {
	if !apptest.HaveCluster() {
		b.Skip("needs TEST_DATABASE_URL (make test)")
	}
	e := env(b, nil)
	var mu sync.Mutex
	var lags []time.Duration
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		at := time.Now()
		var ev struct {
			OccurredAt time.Time `json:"occurred_at"`
		}
		_ = json.NewDecoder(r.Body).Decode(&ev)
		mu.Lock()
		lags = append(lags, at.Sub(ev.OccurredAt))
		mu.Unlock()
	}))
	defer srv.Close()
	webhook, _ := subscribe(b, e, srv.URL, quiet)
	d := notify.New(e.DB, notify.Options{Allow: e.Cfg.WebhookAllow})
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	const rate, seconds = 500, 10
	tick := time.NewTicker(10 * time.Millisecond)
	for range rate * seconds / 5 {
		<-tick.C
		bulkEvents(b, e, 5)
	}
	tick.Stop()
	for deliveries(b, e, webhook)["delivered"] < rate*seconds {
		time.Sleep(5 * time.Millisecond)
	}
	stop()
	<-done
	mu.Lock()
	defer mu.Unlock()
	slices.Sort(lags)
	b.ReportMetric(float64(lags[len(lags)/2].Microseconds())/1000, "ms-lag-p50")
	b.ReportMetric(float64(lags[len(lags)*99/100].Microseconds())/1000, "ms-lag-p99")
	b.ReportMetric(float64(lags[len(lags)-1].Microseconds())/1000, "ms-lag-max")
}
