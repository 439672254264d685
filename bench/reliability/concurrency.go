package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// concurrency: three `jiuxiao serve` replicas with SCHEDULE_CRON every
// minute, and then, for several dates, two `jiuxiao schedule generate`
// processes and a POST /schedules/generate to each replica, all five at
// once. Afterwards every active venue has exactly one routine inspection
// for each period, and the first cron tick ran on one replica only.
func concurrency(ctx context.Context, h *harness) error {
	const db = "rel_concurrency"
	venues := envInt("JX_CONC_VENUES", 100_000)
	h.logf("concurrency: seeding %d venues", venues)
	if err := h.freshDB(ctx, db, venues); err != nil {
		return err
	}
	var rs []*replica
	for i := 1; i <= 3; i++ {
		r, err := h.startReplica(ctx, "replica"+strconv.Itoa(i), db, map[string]string{"SCHEDULE_CRON": "* * * * *"})
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := schedules.DateIn(time.Now(), loc)

	// The first cron tick after all three are up (and at least 3 s after,
	// so that each has its scheduler running).
	tick := time.Now().Add(3 * time.Second).Truncate(time.Minute).Add(time.Minute)
	h.logf("concurrency: 3 replicas up; waiting for the cron tick at %s", tick.Format("15:04:05"))
	var c checks
	ran, skipped, failed, created := 0, 0, 0, 0.0
	deadline := tick.Add(90 * time.Second)
	for time.Now().Before(deadline) {
		ran, skipped, failed, created = 0, 0, 0, 0
		for _, r := range rs {
			for _, l := range r.logLines() {
				at, _ := time.Parse(time.RFC3339Nano, fmt.Sprint(l["time"]))
				msg, _ := l["msg"].(string)
				if at.Before(tick) || at.After(tick.Add(55*time.Second)) || !strings.HasPrefix(msg, "schedule generation") {
					continue
				}
				switch {
				case strings.Contains(msg, "skip"):
					skipped++
				case strings.Contains(msg, "fail"):
					failed++
				default:
					ran++
					n, _ := l["created"].(float64)
					created += n
				}
			}
		}
		if ran+skipped+failed >= 3 {
			break
		}
		time.Sleep(500 * time.Millisecond)
	}
	active, err := scalar[int64](ctx, conn, "SELECT count(*) FROM venues WHERE status = 'active'")
	if err != nil {
		return err
	}
	c.expect(ran == 1 && skipped == 2 && failed == 0, "cron tick at %s: %d replica(s) ran it, %d skipped, %d failed; want 1, 2, 0",
		tick.Format("15:04"), ran, skipped, failed)
	c.expect(int64(created) == active, "the cron run created %d inspections for %d active venues", int64(created), active)
	bad, err := periodViolations(ctx, conn, today)
	if err != nil {
		return err
	}
	c.expect(bad == 0, "after the cron tick, %d venues do not have exactly one routine inspection for today's period", bad)
	h.record(result{Test: "concurrency: in-process cron", Fault: fmt.Sprintf("3 replicas, SCHEDULE_CRON every minute, %d venues", venues),
		Figure: fmt.Sprintf("tick %s: ran on %d replica, skipped on %d, failed on %d; %d inspections for %d venues", tick.Format("15:04"),
			ran, skipped, failed, int64(created), active), Lost: "n/a", OK: c.ok(), Details: c.failed})

	// Five generators at once per date: 2 processes, 3 API calls.
	admin, err := login(ctx, httpClient(10*time.Second), rs[0].base, "admin")
	if err != nil {
		return err
	}
	// Today's period and three earlier ones (a run prepares at most the
	// next period, so late runs for past periods are the other dates).
	first := schedules.NewDate(today.Year(), today.Month(), 1)
	dates := []schedules.Date{today, first.AddDays(-45), first.AddDays(-100), first.AddDays(-190)}
	hc := httpClient(5 * time.Minute)
	var c2 checks
	rounds := 0
	for _, d := range dates {
		before, err := scalar[int64](ctx, conn, "SELECT count(*) FROM inspections WHERE kind = 'routine'")
		if err != nil {
			return err
		}
		start := make(chan struct{})
		var wg sync.WaitGroup
		var mu sync.Mutex
		var errs []string
		for i := 0; i < 5; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				var err error
				if i < 2 {
					_, err = h.runBin(ctx, map[string]string{"DATABASE_URL": h.dbURL(db), "LOG_LEVEL": "warn"}, "schedule", "generate", "--as-of", d.String())
				} else {
					var r reply
					r, err = call(ctx, hc, "POST", rs[i-2].base+"/api/v1/schedules/generate", admin, map[string]string{"as_of": d.String()}, nil)
					if err == nil && r.Status != 200 {
						err = fmt.Errorf("%s: POST /schedules/generate: %d %s", rs[i-2].name, r.Status, r.Body)
					}
				}
				if err != nil {
					mu.Lock()
					errs = append(errs, err.Error())
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		rounds++
		for _, e := range errs {
			c2.fail("as of %s: %s", d, e)
		}
		bad, err := periodViolations(ctx, conn, d)
		if err != nil {
			return err
		}
		after, err := scalar[int64](ctx, conn, "SELECT count(*) FROM inspections WHERE kind = 'routine'")
		if err != nil {
			return err
		}
		runs, err := scalar[int64](ctx, conn, "SELECT count(*) FROM schedule_runs WHERE as_of = $1", d.String())
		if err != nil {
			return err
		}
		h.logf("concurrency: as of %s: %d generators at once made %d inspections; %d runs recorded", d, 5, after-before, runs)
		c2.expect(bad == 0, "as of %s: %d venues do not have exactly one routine inspection for the period", d, bad)
		c2.expect(runs >= 5, "as of %s: %d runs recorded, want at least 5", d, runs)
	}
	dups, err := scalar[int64](ctx, conn, `SELECT count(*) FROM (SELECT 1 FROM inspections WHERE kind = 'routine' AND status <> 'cancelled'
		GROUP BY venue_id, interval, period_start HAVING count(*) > 1) d`)
	if err != nil {
		return err
	}
	total, err := scalar[int64](ctx, conn, "SELECT count(*) FROM inspections WHERE kind = 'routine'")
	if err != nil {
		return err
	}
	c2.expect(dups == 0, "%d duplicated routine inspections", dups)
	replicaChecks(&c2, rs...)
	h.record(result{Test: "concurrency: generators at once", Fault: fmt.Sprintf("%d dates × (2 `schedule generate` + 3 POST /schedules/generate on 3 replicas) at once", rounds),
		Figure: fmt.Sprintf("%d routine inspections, 0 missing, %d duplicates", total, dups), Lost: "n/a", OK: c2.ok(), Details: c2.failed})
	return nil
}

// periodViolations counts the active venues that do not have exactly one
// live routine inspection for the period of their level that contains d.
func periodViolations(ctx context.Context, conn *pgx.Conn, d schedules.Date) (int64, error) {
	rows, err := conn.Query(ctx, "SELECT DISTINCT interval FROM policy")
	if err != nil {
		return 0, err
	}
	ivs, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return 0, err
	}
	expr := "CASE p.interval"
	for _, iv := range ivs {
		expr += fmt.Sprintf(" WHEN '%s' THEN DATE '%s'", iv, schedules.PeriodOf(vocab.Interval(iv), d).Start)
	}
	expr += " END"
	return scalar[int64](ctx, conn, `SELECT count(*) FROM venues v JOIN policy p ON p.risk_level = v.risk_level
		WHERE v.status = 'active' AND (SELECT count(*) FROM inspections i WHERE i.venue_id = v.id AND i.kind = 'routine'
		  AND i.status <> 'cancelled' AND i.interval = p.interval AND i.period_start = `+expr+`) <> 1`)
}

// envInt reads an integer setting of the harness.
func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}
