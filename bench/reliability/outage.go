package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/seed"
)

// outcome is one request of the outage test as the client saw it.
type outcome struct {
	start, end time.Time
	status     int
	retryAfter string
	err        string
	write      string // the client id of a venue it created, if a write
	path       string
}

// outage: clients write (new venues with client ids, half with an
// Idempotency-Key) and read through two replicas while PostgreSQL is
// stopped (pg_ctl stop -m fast) and, some seconds later, started again.
// Every answer is a 2xx or a 503 with Retry-After, none takes longer than
// the client's timeout, the replicas live through it and recover by
// themselves, and every write that got a 2xx is in the database.
func outage(ctx context.Context, h *harness) error {
	const db = "rel_outage"
	down := time.Duration(envInt("JX_OUTAGE_SECONDS", 8)) * time.Second
	const clientTimeout = 10 * time.Second
	if err := h.freshDB(ctx, db, 900); err != nil {
		return err
	}
	var rs []*replica
	for i := 1; i <= 2; i++ {
		r, err := h.startReplica(ctx, fmt.Sprintf("replica%d", i), db, map[string]string{"REQUEST_TIMEOUT": "5s", "LOG_LEVEL": "warn"})
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	hc := httpClient(clientTimeout)
	var officers []string
	for _, a := range seed.Accounts() {
		if a.Role == vocab.Officer && len(officers) < 12 {
			officers = append(officers, a.Username)
		}
	}
	tokens, err := loginAll(ctx, hc, rs[0].base, officers)
	if err != nil {
		return err
	}
	grids := map[string]string{}
	for _, o := range officers {
		r, err := call(ctx, hc, "GET", rs[0].base+"/api/v1/me", tokens[o], nil, nil)
		if err != nil {
			return err
		}
		var me struct {
			GridIDs []string `json:"grid_ids"`
		}
		if err := json.Unmarshal(r.Body, &me); err != nil || len(me.GridIDs) == 0 {
			return fmt.Errorf("%s has no grid: %s", o, r.Body)
		}
		grids[o] = me.GridIDs[0]
	}

	var mu sync.Mutex
	var outcomes []outcome
	stop := make(chan struct{})
	var wg sync.WaitGroup
	worker := func(i int, officer string, writes bool) {
		defer wg.Done()
		rng := rand.New(rand.NewPCG(uint64(i), 7))
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			base := rs[(i+n)%len(rs)].base
			o := outcome{start: time.Now()}
			var r reply
			var err error
			if writes {
				id := uuid.NewString()
				hdr := map[string]string{}
				if rng.IntN(2) == 0 {
					hdr["Idempotency-Key"] = uuid.NewString()
				}
				o.write, o.path = id, "POST /venues"
				r, err = call(ctx, hc, "POST", base+"/api/v1/venues", tokens[officer], map[string]any{
					"id": id, "name": fmt.Sprintf("停库%d-%d", i, n), "category": "restaurant", "risk_level": "green", "grid_id": grids[officer],
					"address": "聊城市柳园路2号", "lat": 36.45, "lng": 115.97}, hdr)
			} else if n%3 == 0 {
				o.path = "GET /readyz"
				r, err = call(ctx, hc, "GET", base+"/readyz", "", nil, nil)
			} else {
				o.path = "GET /inspections?mine=true"
				r, err = call(ctx, hc, "GET", base+"/api/v1/inspections?mine=true", tokens[officer], nil, nil)
			}
			o.end = time.Now()
			if err != nil {
				o.err = err.Error()
			} else {
				o.status, o.retryAfter = r.Status, r.Header.Get("Retry-After")
			}
			mu.Lock()
			outcomes = append(outcomes, o)
			mu.Unlock()
			if o.status == 503 || err != nil {
				time.Sleep(time.Duration(100+rng.IntN(200)) * time.Millisecond)
			} else {
				time.Sleep(time.Duration(rng.IntN(30)) * time.Millisecond)
			}
		}
	}
	for i, o := range officers {
		wg.Add(1)
		go worker(i, o, i < 8)
	}
	h.logf("outage: %d clients writing and reading through 2 replicas", len(officers))
	time.Sleep(6 * time.Second)
	stopAt := time.Now()
	if err := h.pgctl(ctx, "stop"); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	stoppedAt := time.Now()
	h.logf("outage: PostgreSQL stopped (%s); down for %s", stoppedAt.Sub(stopAt).Round(time.Millisecond), down)
	time.Sleep(down)
	startAt := time.Now()
	if err := h.pgctl(ctx, "start"); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	upAt := time.Now()
	h.logf("outage: PostgreSQL started again (%s)", upAt.Sub(startAt).Round(time.Millisecond))
	time.Sleep(10 * time.Second)
	close(stop)
	wg.Wait()

	var c checks
	during, during503, acked, ackedWrites := 0, 0, 0, []string{}
	var committed503 []string
	firstOK := time.Time{}
	var maxLatency time.Duration
	byStatus := map[string]int{}
	for _, o := range outcomes {
		lat := o.end.Sub(o.start)
		maxLatency = max(maxLatency, lat)
		key := fmt.Sprint(o.status)
		if o.err != "" {
			key = "error"
		}
		byStatus[key]++
		inOutage := o.end.After(stopAt) && o.start.Before(upAt)
		if inOutage {
			during++
		}
		switch {
		case o.err != "":
			c.fail("%s at %s: %s", o.path, o.start.Format("15:04:05.000"), o.err)
		case o.status == 503:
			if inOutage {
				during503++
			}
			if o.retryAfter == "" {
				c.fail("%s: 503 without Retry-After", o.path)
			}
			if o.write != "" {
				committed503 = append(committed503, o.write)
			}
		case o.status >= 200 && o.status < 300:
			if o.write != "" {
				acked++
				ackedWrites = append(ackedWrites, o.write)
			}
			if o.start.After(upAt) && (firstOK.IsZero() || o.end.Before(firstOK)) {
				firstOK = o.end
			}
		default:
			c.fail("%s: status %d", o.path, o.status)
		}
		c.expect(lat < clientTimeout, "%s took %s", o.path, lat)
	}
	if len(c.failed) > 20 {
		c.failed = append(c.failed[:20], fmt.Sprintf("… and %d more", len(c.failed)-20))
	}
	c.expect(during503 > 0, "no request met the outage (%d during it)", during)
	c.expect(!firstOK.IsZero(), "no request succeeded after PostgreSQL came back")
	for _, r := range rs {
		c.expect(r.alive(), "%s died: %s", r.name, r.logTail())
	}
	replicaChecks(&c, rs...)

	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	missing, err := scalar[int64](ctx, conn, "SELECT count(*) FROM unnest($1::uuid[]) AS w(id) WHERE NOT EXISTS (SELECT 1 FROM venues v WHERE v.id = w.id)", ackedWrites)
	if err != nil {
		return err
	}
	c.expect(missing == 0, "%d writes answered 2xx are not in the database", missing)
	landed, err := scalar[int64](ctx, conn, "SELECT count(*) FROM venues WHERE id = ANY($1::uuid[])", committed503)
	if err != nil {
		return err
	}
	var codes []string
	for k, n := range byStatus {
		codes = append(codes, fmt.Sprintf("%d×%s", n, k))
	}
	sort.Strings(codes)
	recovery := "never"
	if !firstOK.IsZero() {
		recovery = firstOK.Sub(upAt).Round(10*time.Millisecond).String() + " after it was up"
	}
	h.record(result{Test: "database outage", Fault: fmt.Sprintf("pg_ctl stop -m fast for %s under 12 clients (8 writing) on 2 replicas", down),
		Figure: fmt.Sprintf("%d requests met the outage: %d got 503 + Retry-After, the slowest answer of the run took %s (client timeout %s); first 2xx %s; %d writes acked, %d missing; %d of %d writes answered 503 had committed (a retry with the same id returns them); answers: %s",
			during, during503, maxLatency.Round(time.Millisecond), clientTimeout, recovery, acked, missing, landed, len(committed503), strings.Join(codes, " ")),
		Lost: yesNo(missing > 0), OK: c.ok(), Details: c.failed})
	return nil
}
