package main

import (
	"context"
	"fmt"
	"os"
	"slices"
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

	// Every tick is counted from the replicas' own logs, up to the first
	// one that all three logged: a replica that is up may run a tick while
	// another is still starting, so the harness cannot pick its tick ahead.
	h.logf("concurrency: 3 replicas up; waiting for a cron tick that all three log")
	var c checks
	var ticks []cronTick
	for deadline := time.Now().Add(150 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		var lines [][]map[string]any
		for _, r := range rs {
			lines = append(lines, r.logLines())
		}
		if ticks = cronTicks(lines...); len(ticks) > 0 && ticks[len(ticks)-1].logged() == len(rs) {
			break
		}
	}
	active, err := scalar[int64](ctx, conn, "SELECT count(*) FROM venues WHERE status = 'active'")
	if err != nil {
		return err
	}
	figure := "no cron tick logged"
	if n := len(ticks); n == 0 || ticks[n-1].logged() < len(rs) {
		c.expect(false, "no cron tick was logged by all %d replicas within 150 s (%d tick(s) logged)", len(rs), n)
	} else {
		created := 0
		for _, t := range ticks {
			c.expect(t.ran == 1 && t.failed == 0, "cron tick at %s: %d replica(s) ran it, %d skipped, %d failed; want 1 to run and none to fail",
				t.at.Format("15:04"), t.ran, t.skipped, t.failed)
			created += t.created
		}
		last := ticks[n-1]
		c.expect(int64(created) == active, "the cron runs created %d inspections for %d active venues", created, active)
		figure = fmt.Sprintf("tick %s: ran on %d replica, skipped on %d, failed on %d; %d inspections for %d venues",
			last.at.Format("15:04"), last.ran, last.skipped, last.failed, created, active)
		if n > 1 {
			figure += fmt.Sprintf(" (made at %s, with %d replica(s) up)", ticks[0].at.Format("15:04"), ticks[0].logged())
		}
	}
	bad, err := periodViolations(ctx, conn, today)
	if err != nil {
		return err
	}
	c.expect(bad == 0, "after the cron tick, %d venues do not have exactly one routine inspection for today's period", bad)
	h.record(result{Test: "concurrency: in-process cron", Fault: fmt.Sprintf("3 replicas, SCHEDULE_CRON every minute, %d venues", venues),
		Figure: figure, Lost: "n/a", OK: c.ok(), Details: c.failed})

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

// cronTick is what the replicas logged of one minute's schedule generation.
type cronTick struct {
	at                   time.Time
	ran, skipped, failed int
	created              int
}

func (t cronTick) logged() int { return t.ran + t.skipped + t.failed }

// cronTicks reads the schedule generation lines of the replicas' logs,
// by the minute of their tick, oldest first.
func cronTicks(logs ...[]map[string]any) []cronTick {
	byMinute := map[time.Time]*cronTick{}
	for _, lines := range logs {
		for _, l := range lines {
			msg, _ := l["msg"].(string)
			at, err := time.Parse(time.RFC3339Nano, fmt.Sprint(l["time"]))
			if err != nil || !strings.HasPrefix(msg, "schedule generation") {
				continue
			}
			m := at.Truncate(time.Minute)
			t := byMinute[m]
			if t == nil {
				t = &cronTick{at: m}
				byMinute[m] = t
			}
			switch {
			case strings.Contains(msg, "skip"):
				t.skipped++
			case strings.Contains(msg, "fail"):
				t.failed++
			default:
				t.ran++
				n, _ := l["created"].(float64)
				t.created += int(n)
			}
		}
	}
	ticks := make([]cronTick, 0, len(byMinute))
	for _, t := range byMinute {
		ticks = append(ticks, *t)
	}
	slices.SortFunc(ticks, func(a, b cronTick) int { return a.at.Compare(b.at) })
	return ticks
}
