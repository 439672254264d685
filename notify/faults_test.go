package notify_test

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/notify"
)

// quiet is a type no test makes: the subscriptions of these tests get
// their webhook.test events only.
const quiet = models.EventReportClosed

// queue makes n events for one subscription (webhook.test events, each
// with its delivery) and returns their ids.
func queue(t *testing.T, e *apptest.Env, webhook string, n int) []string {
	t.Helper()
	var out []string
	for range n {
		d := e.Post("admin", "/api/v1/webhooks/"+webhook+"/test", nil).Must(t, http.StatusAccepted).Map(t)
		out = append(out, d["event_id"].(string))
	}
	return out
}

// delivery is a delivery's state by its event.
type deliveryRow struct {
	Status     string
	Attempts   int
	LastStatus *int
	LastError  string
}

func deliveryOf(t *testing.T, e *apptest.Env, event string) deliveryRow {
	t.Helper()
	var d deliveryRow
	if err := e.DB.Raw("SELECT status, attempts, last_status, last_error FROM deliveries WHERE event_id = ?", event).Scan(&d).Error; err != nil {
		t.Fatal(err)
	}
	return d
}

// Ensure that a receiver failing the first tries gets each event, once it
// answers 2xx, with the same webhook-id and body every time, and that it is
// then delivered exactly once.
func TestRetriesUntilDelivered(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	const fails = 3
	var mu sync.Mutex
	tries := map[string]int{}
	rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("webhook-id")
		mu.Lock()
		tries[id]++
		n := tries[id]
		mu.Unlock()
		if n <= fails {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
	webhook, secret := subscribe(t, e, rc.URL, quiet)
	events := queue(t, e, webhook, 5)
	d := dispatcher(e, nil)
	for round := 0; round < 20 && deliveries(t, e, webhook)["delivered"] < len(events); round++ {
		if _, err := d.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond) // past the test's 1 ms backoff
	}
	bodies := map[string]string{}
	for _, g := range rc.requests() {
		verify(t, secret, g, time.Now())
		if g.Event.ID.String() != g.ID {
			t.Errorf("webhook-id %s, body's id %s", g.ID, g.Event.ID)
		}
		if b, ok := bodies[g.ID]; ok && b != string(g.Body) {
			t.Errorf("event %s: the body changed between attempts", g.ID)
		}
		bodies[g.ID] = string(g.Body)
	}
	for _, ev := range events {
		if tries[ev] != fails+1 {
			t.Errorf("event %s: %d requests, want %d (3 failed, 1 delivered)", ev, tries[ev], fails+1)
		}
		if d := deliveryOf(t, e, ev); d.Status != "delivered" || d.Attempts != fails+1 || d.LastStatus == nil || *d.LastStatus != 200 || d.LastError != "" {
			t.Errorf("event %s: delivery %+v, want delivered after %d attempts", ev, d, fails+1)
		}
	}
}

// Ensure that receivers that are down, too slow, answer 500, 429 or 301,
// cut the answer off, or answer 200 after the timeout lose nothing: the
// delivery stays pending (never failed) while retries remain, records the
// answer, and is delivered once the receiver is well; after the retries'
// window it is failed, and a manual retry delivers it.
func TestReceiverFaults(t *testing.T) {
	t.Parallel()
	c := newClock(time.Now())
	e := env(t, c)
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	hold := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}
	other := newReceiver(t, nil) // where the 301 points
	// down drops every connection until it is brought up: a receiver that
	// is not there, on an address no other test can take meanwhile.
	downURL, down2, bringUp := downReceiver(t)
	cases := []struct {
		name   string
		behave func(w http.ResponseWriter, r *http.Request)
		url    string
		code   int // last_status; 0 for none
	}{
		{name: "down", url: downURL},
		{name: "slow", behave: hold},
		{name: "500", behave: func(w http.ResponseWriter, _ *http.Request) { http.Error(w, "boom", 500) }, code: 500},
		{name: "429", behave: func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(429)
		}, code: 429},
		{name: "301", behave: func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+"/moved", http.StatusMovedPermanently)
		}, code: 301},
		{name: "closed before answering", behave: func(w http.ResponseWriter, _ *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.Close()
		}},
		{name: "closed mid-answer", behave: func(w http.ResponseWriter, _ *http.Request) {
			conn, buf, _ := w.(http.Hijacker).Hijack()
			_, _ = buf.WriteString("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{\"ok\":")
			_ = buf.Flush()
			_ = conn.Close()
		}, code: 200},
		{name: "200 after the timeout", behave: func(w http.ResponseWriter, r *http.Request) {
			hold(w, r)
			w.WriteHeader(200)
		}},
	}
	type sub struct {
		webhook, event string
		well           *bool
		rc             *receiver
	}
	subs := make([]sub, len(cases))
	for i, tc := range cases {
		well := new(bool)
		behave := tc.behave
		rc := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
			if *well || behave == nil {
				w.WriteHeader(http.StatusNoContent)
				return
			}
			behave(w, r)
		})
		url := rc.URL
		if tc.url != "" {
			url = tc.url
		}
		webhook, _ := subscribe(t, e, url, quiet)
		subs[i] = sub{webhook: webhook, event: queue(t, e, webhook, 1)[0], well: well, rc: rc}
	}
	d := dispatcher(e, nil)
	for round := 1; round <= 3; round++ {
		if _, err := d.RunOnce(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.Add(time.Second) // past the backoff
		for i, tc := range cases {
			got := deliveryOf(t, e, subs[i].event)
			if got.Status != "pending" || got.Attempts != round || got.LastError == "" {
				t.Errorf("%s, round %d: delivery %+v, want pending after %d attempts with an error", tc.name, round, got, round)
			}
			if (tc.code == 0) != (got.LastStatus == nil) || (got.LastStatus != nil && *got.LastStatus != tc.code) {
				t.Errorf("%s: last_status %v, want %d", tc.name, got.LastStatus, tc.code)
			}
		}
	}
	if n := len(other.requests()); n != 0 {
		t.Errorf("the redirect was followed %d times", n)
	}

	// A day later, still failing: failed, and kept.
	c.Add(24 * time.Hour)
	if _, err := d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		if got := deliveryOf(t, e, subs[i].event); got.Status != "failed" {
			t.Errorf("%s, after 24 hours: %+v, want failed", tc.name, got)
		}
	}
	// Well again, and retried by hand: delivered, with the same webhook-id.
	for i := range cases {
		*subs[i].well = true
		var id string
		if err := e.DB.Raw("SELECT id::text FROM deliveries WHERE event_id = ?", subs[i].event).Scan(&id).Error; err != nil {
			t.Fatal(err)
		}
		e.Post("admin", "/api/v1/deliveries/"+id+"/retry", nil).Must(t, http.StatusAccepted)
	}
	bringUp()
	if _, err := d.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, tc := range cases {
		if got := deliveryOf(t, e, subs[i].event); got.Status != "delivered" {
			t.Errorf("%s, retried by hand: %+v, want delivered", tc.name, got)
		}
		rc := subs[i].rc
		if tc.url != "" {
			rc = down2
		}
		reqs := rc.requests()
		if len(reqs) == 0 || reqs[len(reqs)-1].ID != subs[i].event {
			t.Errorf("%s: the delivered request has webhook-id %v, want %s", tc.name, reqs, subs[i].event)
		}
	}
}

// downReceiver is the URL of a receiver that closes every connection
// without an answer, what it receives, and bringUp, after which it answers
// 204. Its listener stays bound throughout, so that no other test's server
// takes the port while it is down.
func downReceiver(t *testing.T) (string, *receiver, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rc := &receiver{}
	sw := &switchListener{Listener: ln}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc.mu.Lock()
		rc.all = append(rc.all, got{ID: r.Header.Get("webhook-id")})
		rc.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}), ReadHeaderTimeout: time.Second}
	go func() { _ = srv.Serve(sw) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + ln.Addr().String(), rc, func() { sw.up.Store(true) }
}

// switchListener drops the connections it accepts until up.
type switchListener struct {
	net.Listener
	up atomic.Bool
}

func (l *switchListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil || l.up.Load() {
			return c, err
		}
		c.Close()
	}
}

// Ensure that a receiver that hangs holds at most PerReceiver requests, so
// the others' events go on being delivered, and that a request of the API
// that makes an event is not held by it.
func TestHangingReceiverStallsNoOne(t *testing.T) {
	t.Parallel()
	e := env(t, nil)
	release := make(chan struct{})
	inFlight := make(chan struct{}, 100)
	hang := newReceiver(t, func(_ int, w http.ResponseWriter, r *http.Request) {
		inFlight <- struct{}{}
		select {
		case <-release:
		case <-r.Context().Done():
		}
	})
	fast := newReceiver(t, nil)
	slowHook, _ := subscribe(t, e, hang.URL, quiet)
	fastHook, _ := subscribe(t, e, fast.URL, quiet)
	queue(t, e, slowHook, 20)
	d := dispatcher(e, func(o *notify.Options) { o.Concurrency, o.PerReceiver, o.Timeout = 4, 2, time.Minute })
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	t.Cleanup(func() { stop(); <-done })
	<-inFlight
	<-inFlight // the hanging receiver holds its two
	// The API answers while the receiver hangs, and its event goes out.
	events := queue(t, e, fastHook, 10)
	waitFor(t, func() bool { return deliveries(t, e, fastHook)["delivered"] == len(events) }, "the fast receiver's deliveries")
	if n := len(inFlight); n != 0 {
		t.Errorf("the hanging receiver got %d requests more than its 2", n)
	}
	close(release)
	waitFor(t, func() bool { return deliveries(t, e, slowHook)["delivered"] == 20 }, "the slow receiver's deliveries")
}

// waitFor polls cond until it holds, failing the test after 20 seconds.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for range 2000 {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("gave up waiting for %s", what)
}
