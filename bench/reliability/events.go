package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
)

// events: the real binary SIGKILLed while its webhook deliveries are in
// flight, then started again. A receiver on loopback (through
// WEBHOOK_ALLOW_HOSTS) answers 200 after a short delay, so that requests are
// in flight at the kill; every event written must reach it at least once
// after the restart (the leases of the killed process run out and the new
// one sends them), and every delivery must end delivered.
func events(ctx context.Context, h *harness) error {
	const db = "rel_events"
	n := envInt("JX_EVENTS_N", 600)
	if err := h.freshDB(ctx, db, 50); err != nil {
		return err
	}
	// The receiver: counts each webhook-id it is sent.
	var mu sync.Mutex
	seen := map[string]int{}
	var requests atomic.Int64
	port, err := freePort()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("webhook-id")
		time.Sleep(100 * time.Millisecond)
		mu.Lock()
		seen[id]++
		mu.Unlock()
		requests.Add(1)
	})}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()
	hook := "http://" + ln.Addr().String() + "/hooks"

	env := map[string]string{"WEBHOOK_ALLOW_HOSTS": "127.0.0.1", "WEBHOOK_TIMEOUT": "2s", "WEBHOOK_PER_RECEIVER": "2"}
	r1, err := h.startReplica(ctx, "replica1", db, env)
	if err != nil {
		return err
	}
	hc := httpClient(30 * time.Second)
	token, err := login(ctx, hc, r1.base, "admin")
	if err != nil {
		return err
	}
	res, err := call(ctx, hc, "POST", r1.base+"/api/v1/webhooks", token, map[string]any{"url": hook, "event_types": models.EventTypes}, nil)
	if err != nil || res.Status != 201 {
		return fmt.Errorf("subscribe: %v %d %s", err, res.Status, res.Body)
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	grid, err := scalar[string](ctx, conn, "SELECT id::text FROM org_units WHERE kind = 'grid' ORDER BY code LIMIT 1")
	if err != nil {
		return err
	}
	// n venues made through the API, 8 at a time: venue.created each.
	var wg sync.WaitGroup
	var made, failed atomic.Int64
	next := atomic.Int64{}
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				res, err := call(ctx, hc, "POST", r1.base+"/api/v1/venues", token, map[string]any{"name": "事件场所" + strconv.FormatInt(i, 10),
					"category": "shop", "risk_level": "yellow", "grid_id": grid, "address": "聊城市东昌路" + strconv.FormatInt(i, 10) + "号",
					"lat": 36.45, "lng": 115.98, "contact_name": "王先生", "contact_phone": "13800000000"}, nil)
				if err == nil && res.Status == 201 {
					made.Add(1)
				} else {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	// SIGKILL once deliveries are under way and far from done.
	deadline := time.Now().Add(60 * time.Second)
	for requests.Load() < 20 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	// … at a moment when deliveries are leased (claimed, their outcome not
	// yet recorded).
	var leased int64
	for time.Now().Before(deadline) {
		if leased, err = scalar[int64](ctx, conn, "SELECT count(*) FROM deliveries WHERE lease IS NOT NULL AND status = 'pending'"); err != nil {
			return err
		}
		if leased > 0 {
			break
		}
		time.Sleep(2 * time.Millisecond)
	}
	atKill := requests.Load()
	code := r1.stop(syscall.SIGKILL, 5*time.Second)
	r2, err := h.startReplica(ctx, "replica2", db, env)
	if err != nil {
		return err
	}
	// The events since the subscription: the seed's own (an owner
	// invitation) came before it and are no one's to deliver.
	const since = " FROM events WHERE occurred_at >= (SELECT min(created_at) FROM webhooks)"
	total, err := scalar[int64](ctx, conn, "SELECT count(*)"+since)
	if err != nil {
		return err
	}
	// The leases of the killed replica run out after WEBHOOK_TIMEOUT + 30 s.
	start := time.Now()
	var pending int64
	for time.Since(start) < 120*time.Second {
		pending, err = scalar[int64](ctx, conn, "SELECT count(*) FROM deliveries WHERE status <> 'delivered'")
		if err != nil {
			return err
		}
		if pending == 0 {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	took := time.Since(start)
	ids, err := conn.Query(ctx, "SELECT id::text"+since)
	if err != nil {
		return err
	}
	var lost, twice int
	mu.Lock()
	for ids.Next() {
		var id string
		if err := ids.Scan(&id); err != nil {
			ids.Close()
			mu.Unlock()
			return err
		}
		switch {
		case seen[id] == 0:
			lost++
		case seen[id] > 1:
			twice++
		}
	}
	mu.Unlock()
	ids.Close()
	var c checks
	c.expect(made.Load() == int64(n) && failed.Load() == 0, "%d of %d venues made (%d failed)", made.Load(), n, failed.Load())
	c.expect(code == -1 || code != 0, "the killed replica exited %d", code)
	c.expect(atKill < total && leased > 0, "nothing was in flight at the kill (%d of %d events arrived, %d leased)", atKill, total, leased)
	c.expect(lost == 0, "%d of %d events never arrived", lost, total)
	c.expect(pending == 0, "%d deliveries not delivered %s after the restart", pending, took.Round(time.Second))
	replicaChecks(&c, r2)
	h.record(result{Test: "events: SIGKILL mid-delivery",
		Fault: fmt.Sprintf("%d events (venues made through the API) to a receiver answering in 100 ms, 2 at a time; SIGKILL of the only replica after %d requests, %d deliveries leased; restart", total, atKill, leased),
		Figure: fmt.Sprintf("every event arrived: %d lost, %d arrived twice (at least once), %d requests in all; all delivered %s after the restart (the leases last WEBHOOK_TIMEOUT + 30 s)",
			lost, twice, requests.Load(), took.Round(time.Second)),
		Lost: yesNo(lost > 0), OK: c.ok(), Details: c.failed})
	return nil
}
