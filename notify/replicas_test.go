package notify_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/notify"
	"gorm.io/gorm"
)

// openReplica is a second connection pool on e's database: another replica.
func openReplica(t *testing.T, e *apptest.Env) *gorm.DB {
	t.Helper()
	db, err := app.OpenDB(e.Cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if s, err := db.DB(); err == nil {
			_ = s.Close()
		}
	})
	return db
}

// bulkEvents writes n events of one subscription's type straight into the
// outbox, unrelayed, as n audited changes would.
func bulkEvents(t testing.TB, e *apptest.Env, n int) {
	t.Helper()
	err := e.DB.Exec(`INSERT INTO events (type, subject_type, subject_id, sequence, data)
		SELECT ?, 'report', uuid_v7(), 1, jsonb_build_object('n', i) FROM generate_series(1, ?) i`, string(quiet), n).Error
	if err != nil {
		t.Fatal(err)
	}
}

// Ensure that two dispatchers on one database, as two replicas run them,
// deliver each event once, between them.
func TestTwoDispatchersDeliverOnce(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	var mu sync.Mutex
	count := map[string]int{}
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		count[r.Header.Get("webhook-id")]++
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	})
	webhook, _ := subscribe(t, e, rc.URL, quiet)
	const n = 600
	bulkEvents(t, e, n)
	ctx, stop := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for _, db := range []*gorm.DB{e.DB, openReplica(t, e)} {
		d := notify.New(db, notify.Options{Allow: e.Cfg.WebhookAllow, Poll: 5 * time.Millisecond, Batch: 50, Concurrency: 8})
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(ctx) }()
	}
	waitFor(t, func() bool { return deliveries(t, e, webhook)["delivered"] == n }, "600 deliveries")
	stop()
	wg.Wait()
	mu.Lock()
	defer mu.Unlock()
	if len(count) != n {
		t.Errorf("%d events reached the receiver, want %d", len(count), n)
	}
	for id, k := range count {
		if k != 1 {
			t.Errorf("event %s was delivered %d times", id, k)
		}
	}
}

// Ensure that a dispatcher that dies mid-delivery — it sent, and never
// recorded the answer — loses nothing: once its lease has run out, another
// one delivers the event again, with the same webhook-id.
func TestDispatcherKilledMidDelivery(t *testing.T) {
	t.Parallel()
	c := newClock(time.Now())
	e := env(t, c)
	arrived, release := make(chan struct{}, 10), make(chan struct{})
	rc := newReceiver(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			arrived <- struct{}{}
			<-release
		}
		w.WriteHeader(http.StatusOK)
	})
	webhook, _ := subscribe(t, e, rc.URL, quiet)
	event := queue(t, e, webhook, 1)[0]

	doomed := openReplica(t, e)
	a := notify.New(doomed, notify.Options{Allow: e.Cfg.WebhookAllow, Now: c.Now, Timeout: 5 * time.Second, Poll: 5 * time.Millisecond})
	ctx, kill := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	<-arrived
	// It dies: its connections go, so it records nothing.
	if s, err := doomed.DB(); err == nil {
		_ = s.Close()
	}
	kill()
	close(release)
	<-done
	if got := deliveryOf(t, e, event); got.Status != "pending" || got.Attempts != 0 {
		t.Fatalf("after the crash: %+v, want pending, no attempt recorded", got)
	}

	b := dispatcher(e, nil)
	if n, err := b.RunOnce(context.Background()); err != nil || n != 0 {
		t.Fatalf("within the lease another dispatcher took %d (%v), want none", n, err)
	}
	c.Add(time.Minute) // past the lease (timeout + 30 s)
	if n, err := b.RunOnce(context.Background()); err != nil || n != 1 {
		t.Fatalf("after the lease: %d attempted (%v), want 1", n, err)
	}
	if got := deliveryOf(t, e, event); got.Status != "delivered" {
		t.Fatalf("after the lease: %+v, want delivered", got)
	}
	reqs := rc.requests()
	if len(reqs) != 2 || reqs[0].ID != event || reqs[1].ID != event {
		t.Fatalf("the receiver got %d requests, want the event twice with webhook-id %s", len(reqs), event)
	}
}
