package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/jackc/pgx/v5"
	"github.com/jiuxiao/jiuxiao/bench/internal/latency"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// load: throughput and latency on loopback, at the scale of a province
// (JX_LOAD_VENUES venues, default 1.2 million, with JX_LOAD_MONTHS months
// of past inspections), for an officer's task list, a submit with three
// hazards, the figures of a city and of the province, and a 100,000-row
// XLSX ledger; beside, in the same run, Fiber's bare JSON handler and
// pgbench of the task list's SQL, as ratios.
func load(ctx context.Context, h *harness) error {
	const db = "rel_load"
	venues := envInt("JX_LOAD_VENUES", 1_200_000)
	months := envInt("JX_LOAD_MONTHS", 12)
	cities := envInt("JX_LOAD_CITIES", 15)
	dur := time.Duration(envInt("JX_LOAD_SECONDS", 15)) * time.Second
	strict := os.Getenv("JX_LOAD_TARGETS") != "report"
	for _, tool := range []string{"wrk", "pgbench"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s is not installed (scripts/reliability.sh installs it)", tool)
		}
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return errors.New("taskset is not installed (it comes with Debian's util-linux)")
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := time.Now().In(loc)
	h.logf("load: building %d venues in %d more cities with %d months of history", venues, cities, months)
	t0 := time.Now()
	if err := h.freshDB(ctx, db, 0); err != nil {
		return err
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	steps, err := buildLoadData(ctx, conn, cities, venues, months, today, h.logf)
	if err != nil {
		return err
	}
	built := time.Since(t0)
	counts, err := scalar[string](ctx, conn, `SELECT format('%s venues, %s grids, %s officers, %s inspections (%s past), %s hazards',
		(SELECT count(*) FROM venues), (SELECT count(*) FROM org_units WHERE kind = 'grid'), (SELECT count(*) FROM bench_officers),
		(SELECT count(*) FROM inspections), (SELECT count(*) FROM inspections WHERE submitted_at IS NOT NULL), (SELECT count(*) FROM hazards))`)
	if err != nil {
		return err
	}
	size, _ := scalar[string](ctx, conn, "SELECT pg_size_pretty(pg_database_size(current_database()))")
	h.record(result{Test: "load: data set", Fault: fmt.Sprintf("built in SQL in %s (%s)", built.Round(time.Second), steps),
		Figure: counts + ", " + size, Lost: "n/a", OK: true})

	r, err := h.startReplica(ctx, "load", db, map[string]string{"LOG_LEVEL": "warn"})
	if err != nil {
		return err
	}
	officers, err := mintOfficers(ctx, conn, 400)
	if err != nil {
		return err
	}
	hc := httpClient(30 * time.Second)
	if res, err := call(ctx, hc, "GET", r.base+"/api/v1/me", officers[0].token, nil, nil); err != nil || res.Status != 200 {
		return fmt.Errorf("a minted token does not work: %v %d %s", err, res.Status, res.Body)
	}
	tokFile := filepath.Join(h.out, "load-tokens.txt")
	var tb strings.Builder
	for _, o := range officers {
		tb.WriteString(o.token + "\n")
	}
	if err := os.WriteFile(tokFile, []byte(tb.String()), 0o644); err != nil {
		return err
	}
	taskPath := "/api/v1/inspections?mine=true"
	script := filepath.Join(h.out, "tasklist.lua")
	lua := fmt.Sprintf(`local tokens = {}
for line in io.lines(%q) do tokens[#tokens + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", %q, {["Authorization"] = "Bearer " .. tokens[(i %% #tokens) + 1]})
end
`, tokFile, taskPath)
	if err := os.WriteFile(script, []byte(lua), 0o644); err != nil {
		return err
	}
	// warm the caches
	if _, err := runWrk(ctx, r.base+taskPath, script, 8, 3*time.Second, ""); err != nil {
		return err
	}

	// The task list, at 64 connections, against pgbench of its SQL and
	// against Fiber's bare handler; and at 8 connections, for latency.
	app64, err := runWrk(ctx, r.base+taskPath, script, 64, dur, "")
	if err != nil {
		return err
	}
	// Where the CPU goes at 8 connections, in each (docs/BENCHMARKS.md).
	cpu := h.cpuFrom(r)
	app8, err := runWrk(ctx, r.base+taskPath, script, 8, dur, "")
	if err != nil {
		return err
	}
	app8CPU := cpu.String()
	pg64, err := runPgbench(ctx, h, db, len(officers), 64, dur, "")
	if err != nil {
		return err
	}
	cpu = h.cpuFrom(r)
	pg8, err := runPgbench(ctx, h, db, len(officers), 8, dur, "")
	if err != nil {
		return err
	}
	pg8CPU := cpu.String()
	split, err := splitLoad(ctx, h, r, db, r.base+taskPath, script, len(officers), dur)
	if err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	self, _ := os.Executable()
	bareCmd := exec.Command(self, "bare", "-port", strconv.Itoa(port))
	bareCmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := bareCmd.Start(); err != nil {
		return err
	}
	time.Sleep(500 * time.Millisecond)
	bare64, err := runWrk(ctx, fmt.Sprintf("http://127.0.0.1:%d/json", port), "", 64, dur, "")
	_ = bareCmd.Process.Kill()
	_ = bareCmd.Wait()
	if err != nil {
		return err
	}
	var c checks
	c.expect(app64.non2xx == 0 && app8.non2xx == 0, "task list answers that were not 2xx: %d at 64 connections, %d at 8", app64.non2xx, app8.non2xx)
	ratio := app64.rps / pg64.rps
	var t checks
	t.expect(ratio >= 0.5, "the task list ran at %.0f%% of pgbench's rate (target ≥ 50%%)", 100*ratio)
	t.expect(app64.p99 < 20*time.Millisecond, "p99 at 64 connections %s (target < 20 ms)", ms(app64.p99))
	// On shared cores the ratio weighs the service's CPU against the
	// database's; the target of 0.9 is checked with the database on cores
	// of its own (splitLoad, docs/BENCHMARKS.md).
	ratio8 := app8.rps / pg8.rps
	t.expect(app8.p99 < 20*time.Millisecond, "p99 at 8 connections %s (target < 20 ms)", ms(app8.p99))
	h.record(result{Test: "load: officer task list", Fault: fmt.Sprintf("GET %s, 400 officers' tokens in turn, wrk -c64 and -c8 %s (bare Fiber, pgbench -c64 and -c8 -M prepared in the same run)", taskPath, dur),
		Figure: fmt.Sprintf("app %.0f req/s, p50 %s, p99 %s; pgbench of the list query %.0f tx/s, p50 %s, p99 %s; bare Fiber JSON %.0f req/s, p99 %s; app/pgbench %.2f, app/bare %.3f; at 8 connections: app %.0f req/s, p50 %s, p99 %s, pgbench %.0f tx/s, p99 %s, app/pgbench %.2f; CPU at 8 connections: app — %s; pgbench — %s",
			app64.rps, ms(app64.p50), ms(app64.p99), pg64.rps, ms(pg64.p50), ms(pg64.p99), bare64.rps, ms(bare64.p99), ratio, app64.rps/bare64.rps,
			app8.rps, ms(app8.p50), ms(app8.p99), pg8.rps, ms(pg8.p99), ratio8, app8CPU, pg8CPU),
		Lost: "n/a", OK: c.ok() && (t.ok() || !strict), Details: append(c.failed, t.failed...)})
	h.record(split.result(strict))

	// Submit with three hazards.
	cpu = h.cpuFrom(r)
	sub, err := submitLoad(ctx, conn, hc, r.base, officers, 16, dur, today)
	if err != nil {
		return err
	}
	subCPU := cpu.String()
	// The same with 4 other officers: the latency when the two vCPUs are
	// not saturated by the load itself.
	cpu = h.cpuFrom(r)
	sub4, err := submitLoad(ctx, conn, hc, r.base, officers[16:], 4, dur, today)
	if err != nil {
		return err
	}
	sub4CPU := cpu.String()
	var cs, ts checks
	cs.expect(sub.bad == 0 && sub4.bad == 0, "%d submits or starts were not 2xx: %v %v", sub.bad+sub4.bad, sub.samples, sub4.samples)
	// The submit's targets: the rate with 16 officers, the latency with 4.
	ts.expect(sub.rps >= 300, "submits with 16 officers %.0f/s (target ≥ 300/s)", sub.rps)
	ts.expect(sub4.p99 < 50*time.Millisecond, "submit p99 with 4 officers %s (target < 50 ms)", ms(sub4.p99))
	h.record(result{Test: "load: submit with 3 hazards", Fault: fmt.Sprintf("16 officers, each start then submit (full checklist, 2 deadline hazards sharing a reinspection, 1 on-site with a photo), closed loop for %s; then 4 other officers", dur),
		Figure: fmt.Sprintf("%d submits, %.0f/s, p50 %s, p99 %s, max %s (start: p50 %s, p99 %s), CPU: %s; 4 officers: %.0f/s, p50 %s, p99 %s, CPU: %s",
			sub.n, sub.rps, ms(sub.p50), ms(sub.p99), ms(sub.max), ms(sub.startP50), ms(sub.startP99), subCPU, sub4.rps, ms(sub4.p50), ms(sub4.p99), sub4CPU),
		Lost: "n/a", OK: cs.ok() && (ts.ok() || !strict), Details: append(cs.failed, ts.failed...)})

	// Figures of a city and of the province.
	admin, err := mintToken(ctx, conn, "admin")
	if err != nil {
		return err
	}
	city, err := scalar[string](ctx, conn, "SELECT id::text FROM org_units WHERE code = 'p01'")
	if err != nil {
		return err
	}
	cityVenues, _ := scalar[int64](ctx, conn, "SELECT count(*) FROM venues v JOIN org_units g ON g.id = v.grid_id WHERE g.path @> ARRAY[$1]::uuid[]", city)
	cityLat, err := timeRequests(ctx, hc, r.base+"/api/v1/stats/overview?org_unit_id="+city, admin, 20)
	if err != nil {
		return err
	}
	provLat, err := timeRequests(ctx, hc, r.base+"/api/v1/stats/overview", admin, 10)
	if err != nil {
		return err
	}
	gridsLat, err := timeRequests(ctx, hc, r.base+"/api/v1/stats/grids?org_unit_id="+city, admin, 10)
	if err != nil {
		return err
	}
	var tst checks
	tst.expect(latency.Percentile(cityLat, 99) < 100*time.Millisecond, "city figures p99 %s (target < 100 ms)", ms(latency.Percentile(cityLat, 99)))
	tst.expect(latency.Percentile(provLat, 99) < time.Second, "province figures p99 %s (target < 1 s)", ms(latency.Percentile(provLat, 99)))
	h.record(result{Test: "load: figures", Fault: fmt.Sprintf("GET /stats/overview one at a time: a city (%d venues) ×20, the province (%d) ×10; /stats/grids of the city ×10", cityVenues, venues),
		Figure: fmt.Sprintf("city p50 %s, p99 %s; province p50 %s, p99 %s; per grid of the city p50 %s, p99 %s",
			ms(latency.Percentile(cityLat, 50)), ms(latency.Percentile(cityLat, 99)), ms(latency.Percentile(provLat, 50)), ms(latency.Percentile(provLat, 99)), ms(latency.Percentile(gridsLat, 50)), ms(latency.Percentile(gridsLat, 99))),
		Lost: "n/a", OK: tst.ok() || !strict, Details: tst.failed})

	// An officer's first sync (every page, as a new phone does) and an
	// empty delta after it: both should cost what the grid holds now, not
	// its years of history.
	syncUser, err := scalar[string](ctx, conn, "SELECT u.username FROM bench_officers b JOIN users u ON u.id = b.user_id ORDER BY b.n LIMIT 1 OFFSET 7")
	if err != nil {
		return err
	}
	syncTok, err := mintToken(ctx, conn, syncUser)
	if err != nil {
		return err
	}
	var full, delta []time.Duration
	pages, items := 0, 0
	for i := 0; i < 10; i++ {
		t0 := time.Now()
		since := ""
		for n := 0; n < 1000; n++ {
			res, err := call(ctx, hc, "GET", r.base+"/api/v1/sync/changes?since="+url.QueryEscape(since), syncTok, nil, nil)
			if err != nil {
				return err
			}
			if res.Status != 200 {
				return fmt.Errorf("sync: %d %s", res.Status, tail(res.Body, 300))
			}
			var page struct {
				Next    string `json:"next_cursor"`
				HasMore bool   `json:"has_more"`
			}
			var lists map[string]json.RawMessage
			if err := json.Unmarshal(res.Body, &page); err != nil {
				return fmt.Errorf("sync: %w", err)
			}
			if i == 0 {
				_ = json.Unmarshal(res.Body, &lists)
				for _, k := range []string{"venues", "inspections", "hazards", "tombstones"} {
					var l []json.RawMessage
					_ = json.Unmarshal(lists[k], &l)
					items += len(l)
				}
				pages++
			}
			since = page.Next
			if !page.HasMore {
				break
			}
		}
		full = append(full, time.Since(t0))
		d, err := timeRequests(ctx, hc, r.base+"/api/v1/sync/changes?since="+url.QueryEscape(since), syncTok, 1)
		if err != nil {
			return err
		}
		delta = append(delta, d...)
	}
	h.record(result{Test: "load: sync", Fault: fmt.Sprintf("GET /sync/changes as %s, every page from the start (a new phone) ×10, then an empty delta", syncUser),
		Figure: fmt.Sprintf("first sync %d pages, %d changes: p50 %s, max %s; empty delta p50 %s, max %s",
			pages, items, ms(latency.Percentile(full, 50)), ms(latency.Percentile(full, 100)), ms(latency.Percentile(delta, 50)), ms(latency.Percentile(delta, 100))),
		Lost: "n/a", OK: true})

	// A 100,000-row XLSX ledger, on a fresh replica so that its peak RSS is
	// the export's.
	cutoff, rows, err := ledgerCutoff(ctx, conn, city, 100_000)
	if err != nil {
		return err
	}
	exp, err := h.startReplica(ctx, "export", db, map[string]string{"LOG_LEVEL": "warn"})
	if err != nil {
		return err
	}
	baseRSS := rssKB(exp.cmd.Process.Pid, "VmHWM")
	sup, err := mintToken(ctx, conn, "sup-p01")
	if err != nil {
		return err
	}
	xc := httpClient(10 * time.Minute)
	start := time.Now()
	res, err := call(ctx, xc, "GET", exp.base+"/api/v1/exports/inspections.xlsx?due_before="+cutoff, sup, nil, nil)
	took := time.Since(start)
	if err != nil {
		return err
	}
	peak := rssKB(exp.cmd.Process.Pid, "VmHWM")
	var ce, te checks
	ce.expect(res.Status == 200 && len(res.Body) > 1<<20, "export: %d, %d bytes", res.Status, len(res.Body))
	te.expect(peak < 150*1024, "peak RSS %d MB (target < 150 MB)", peak/1024)
	h.record(result{Test: "load: XLSX ledger", Fault: fmt.Sprintf("GET /exports/inspections.xlsx?due_before=%s as a city's supervisor (%d rows), on a fresh replica", cutoff, rows),
		Figure: fmt.Sprintf("%d rows, %.1f MB in %s; peak RSS of the process %d MB (at start %d MB)", rows, float64(len(res.Body))/(1<<20), took.Round(100*time.Millisecond), peak/1024, baseRSS/1024),
		Lost:   "n/a", OK: ce.ok() && (te.ok() || !strict), Details: append(ce.failed, te.failed...)})
	replicaChecks(&c, r, exp)
	if !c.ok() {
		h.record(result{Test: "load: replica logs", Fault: "all of the above", Figure: "problems in the logs", Lost: "n/a", OK: false, Details: c.failed})
	}
	return nil
}

func ms(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	case d >= 10*time.Millisecond:
		return fmt.Sprintf("%.0f ms", float64(d.Microseconds())/1000)
	}
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}

// officer is a minted identity for load: a token and where they work.
type officer struct {
	id, grid, token string
}

// mintToken signs an access token the way the service does, with the
// secret the harness gave the replicas: logging thousands of officers in
// would cost a bcrypt each.
func mintToken(ctx context.Context, conn *pgx.Conn, username string) (string, error) {
	var id, role, org string
	err := conn.QueryRow(ctx, "SELECT id::text, role, org_unit_id::text FROM users WHERE username = $1", username).Scan(&id, &role, &org)
	if err != nil {
		return "", fmt.Errorf("user %s: %w", username, err)
	}
	return sign(id, role, org)
}

func sign(id, role, org string) (string, error) {
	now := time.Now()
	return jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"role": role, "org": org, "iss": "jiuxiao", "sub": id, "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": uuid.NewString(),
	}).SignedString([]byte(secret))
}

// officerStep is the step between the officers the load takes, n of all
// the bench_officers: those numbered step, 2 × step, … n × step, spread
// over the province. wrk's tokens (mintOfficers) and pgbench's draws
// (taskListSQL) are of the same officers, so that the two read the same
// grids. pgbench used to draw from all the officers (4,518 in the full
// data, eleven times wrk's 400). On the full data that drew within 5% of
// the rate of the draw from the 400, which is within the noise, but the
// comparison is fair only if both read the same grids.
func officerStep(total, n int64) int64 { return max(total/n, 1) }

// mintOfficers signs tokens for n officers spread over the province.
func mintOfficers(ctx context.Context, conn *pgx.Conn, n int) ([]officer, error) {
	total, err := scalar[int64](ctx, conn, "SELECT count(*) FROM bench_officers")
	if err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `SELECT user_id::text, org_unit_id::text, grid_id::text FROM bench_officers
		WHERE n % $2 = 0 ORDER BY n LIMIT $1`, n, officerStep(total, int64(n)))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []officer
	for rows.Next() {
		var id, org, grid string
		if err := rows.Scan(&id, &org, &grid); err != nil {
			return nil, err
		}
		tok, err := sign(id, "officer", org)
		if err != nil {
			return nil, err
		}
		out = append(out, officer{id: id, grid: grid, token: tok})
	}
	return out, rows.Err()
}

// bench is one throughput measurement.
type bench struct {
	rps           float64
	p50, p99      time.Duration
	non2xx, total int
}

var (
	wrkRate  = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkPct   = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	wrkNon   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
	wrkTotal = regexp.MustCompile(`(\d+) requests in`)
)

// runWrk runs wrk (two threads, like the two cores) and reads its summary.
func runWrk(ctx context.Context, url, script string, conns int, d time.Duration, cores string) (bench, error) {
	args := []string{"-t2", fmt.Sprintf("-c%d", conns), fmt.Sprintf("-d%ds", int(d.Seconds())), "--latency", "--timeout", "10s"}
	if script != "" {
		args = append(args, "-s", script)
	}
	out, err := onCores(ctx, cores, "wrk", append(args, url)...).CombinedOutput()
	if err != nil {
		return bench{}, fmt.Errorf("wrk: %w: %s", err, out)
	}
	var b bench
	if m := wrkRate.FindSubmatch(out); m != nil {
		b.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	}
	for _, m := range wrkPct.FindAllSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(string(m[2]), 64)
		d := time.Duration(v * float64(map[string]time.Duration{"us": time.Microsecond, "ms": time.Millisecond, "s": time.Second}[string(m[3])]))
		if string(m[1]) == "50" {
			b.p50 = d
		} else {
			b.p99 = d
		}
	}
	if m := wrkNon.FindSubmatch(out); m != nil {
		b.non2xx, _ = strconv.Atoi(string(m[1]))
	}
	if m := wrkTotal.FindSubmatch(out); m != nil {
		b.total, _ = strconv.Atoi(string(m[1]))
	}
	if b.rps == 0 {
		return b, fmt.Errorf("wrk printed no rate: %s", out)
	}
	return b, nil
}

// taskListSQL is the statement GET /inspections?mine=true sends for an
// officer, as models builds it (models.TaskListSQL: the page of 50 + 1 by
// the scope, the filter and the order, then its venues, the columns, the
// open-hazard count and the hazards' ids), for one of the load's officers
// (officerStep) that pgbench draws at random. It is the app's own
// statement with the app's own parameters ($1 … become pgbench's :p1 …),
// so that the two are prepared and planned
// alike. With the values written in, the page's LIMIT was a constant to
// pgbench and a parameter to the app, and PostgreSQL planned the two apart:
// in one run pgbench's was a bitmap scan and a sort of every open task of
// the grid, 1.7 ms of PostgreSQL's CPU a call against the app's 0.9. The
// draw is a lookup by primary key before it, in the same transaction,
// which also gives the values.
func taskListSQL(ctx context.Context, h *harness, db string, officers, step int64) (string, error) {
	gdb, err := gorm.Open(postgres.Open(h.dbURL(db)), &gorm.Config{DryRun: true, DisableAutomaticPing: true, Logger: logger.Discard})
	if err != nil {
		return "", err
	}
	if sqlDB, err := gdb.DB(); err == nil {
		defer sqlDB.Close()
	}
	stand := uuid.New() // among the values where the officer is
	q, vars, err := models.TaskListSQL(ctx, gdb, stand, schedules.DateIn(time.Now(), time.UTC))
	if err != nil {
		return "", err
	}
	cols := make([]string, len(vars))
	named := 0
	for i, v := range vars {
		switch v := v.(type) {
		case uuid.UUID:
			if v != stand {
				return "", fmt.Errorf("the task list's statement has a uuid that is not its officer's: %s", v)
			}
			cols[i] = fmt.Sprintf("user_id AS p%d", i+1)
			named++
		case int:
			cols[i] = fmt.Sprintf("%d AS p%d", v, i+1)
		default:
			return "", fmt.Errorf("the task list's statement has a value pgbench is not given: %T %v", v, v)
		}
	}
	if named < 2 {
		return "", fmt.Errorf("the task list's statement no longer names its officer in its scope and its filter: %s", q)
	}
	q = regexp.MustCompile(`\$([0-9]+)\b`).ReplaceAllString(q, ":p$1")
	return fmt.Sprintf("\\set n random(1, %d) * %d\nSELECT %s FROM bench_officers WHERE n = :n \\gset\n%s;\n", officers, step, strings.Join(cols, ", "), q), nil
}

// runPgbench runs the task list's SQL with pgbench and reads the rate and,
// from its per-transaction log, the latencies.
func runPgbench(ctx context.Context, h *harness, db string, officers, conns int, d time.Duration, cores string) (bench, error) {
	dir := filepath.Join(h.out, "pgbench")
	_ = os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return bench{}, err
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return bench{}, err
	}
	total, err := scalar[int64](ctx, conn, "SELECT count(*) FROM bench_officers")
	conn.Close(ctx)
	if err != nil {
		return bench{}, err
	}
	file := filepath.Join(dir, "tasklist.sql")
	script, err := taskListSQL(ctx, h, db, int64(officers), officerStep(total, int64(officers)))
	if err != nil {
		return bench{}, err
	}
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		return bench{}, err
	}
	pgbin := os.Getenv("PG_BIN")
	if pgbin == "" {
		pgbin = "/usr/lib/postgresql/15/bin"
	}
	cmd := onCores(ctx, cores, filepath.Join(pgbin, "pgbench"), "-n", "-M", "prepared", "-c", strconv.Itoa(conns), "-j", "2",
		"-T", strconv.Itoa(int(d.Seconds())), "-f", file, "-l", "--log-prefix", filepath.Join(dir, "log"),
		"-h", h.pgDir+"/run", "-p", h.pgPort, "-U", "jiuxiao", db)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return bench{}, fmt.Errorf("pgbench: %w: %s", err, out)
	}
	var b bench
	if m := regexp.MustCompile(`tps = ([\d.]+) \(without initial connection time\)`).FindSubmatch(out); m != nil {
		b.rps, _ = strconv.ParseFloat(string(m[1]), 64)
	}
	logs, _ := filepath.Glob(filepath.Join(dir, "log*"))
	var lat []time.Duration
	for _, l := range logs {
		f, err := os.Open(l)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) >= 3 {
				us, _ := strconv.ParseInt(fields[2], 10, 64)
				lat = append(lat, time.Duration(us)*time.Microsecond)
			}
		}
		f.Close()
	}
	if b.rps == 0 || len(lat) == 0 {
		return b, fmt.Errorf("pgbench printed no rate: %s", out)
	}
	b.p50, b.p99 = latency.Percentile(lat, 50), latency.Percentile(lat, 99)
	return b, nil
}

// timeRequests sends n GETs one after another and returns their times.
func timeRequests(ctx context.Context, hc *http.Client, url, token string, n int) ([]time.Duration, error) {
	if _, err := call(ctx, hc, "GET", url, token, nil, nil); err != nil { // warm up
		return nil, err
	}
	var out []time.Duration
	for i := 0; i < n; i++ {
		t0 := time.Now()
		res, err := call(ctx, hc, "GET", url, token, nil, nil)
		if err != nil {
			return nil, err
		}
		if res.Status != 200 {
			return nil, fmt.Errorf("GET %s: %d %s", url, res.Status, tail(res.Body, 300))
		}
		out = append(out, time.Since(t0))
	}
	return out, nil
}

// submitStats is the outcome of the submit load.
type submitStats struct {
	n, bad             int
	rps                float64
	p50, p99, max      time.Duration
	startP50, startP99 time.Duration
	samples            []string
}

// submitLoad runs workers officers in a closed loop: start the next
// scheduled inspection of their grid, then submit it with three hazards.
func submitLoad(ctx context.Context, conn *pgx.Conn, hc *http.Client, base string, officers []officer, workers int, d time.Duration, today time.Time) (submitStats, error) {
	items := map[string][]string{}
	rows, err := conn.Query(ctx, "SELECT c, array_agg(code ORDER BY position) FROM checklist_items, unnest(categories) c GROUP BY c")
	if err != nil {
		return submitStats{}, err
	}
	for rows.Next() {
		var c string
		var codes []string
		if err := rows.Scan(&c, &codes); err != nil {
			return submitStats{}, err
		}
		items[c] = codes
	}
	rows.Close()
	deadline := schedules.DateIn(today, today.Location()).AddDays(14).String()
	type task struct {
		id, category string
		lat, lng     float64
		o            officer
		photo        string
	}
	var (
		mu               sync.Mutex
		subLat, startLat []time.Duration
		bad              atomic.Int64
		samples          []string
		wg               sync.WaitGroup
		stop             time.Time
		workerTasks      = make([][]task, workers)
		stride           = max(len(officers)/workers, 1)
		note             = func(what string) {
			mu.Lock()
			defer mu.Unlock()
			bad.Add(1)
			if len(samples) < 5 {
				samples = append(samples, what)
			}
		}
	)
	for w := 0; w < workers; w++ {
		// each worker has the tasks of three officers' grids, so that none
		// runs out before the time is up
		for k := 0; k < 3; k++ {
			ok := officers[(w*stride+k*workers*stride+k)%len(officers)]
			photo := uuid.NewString()
			body, ct := photoBody(photo, 900000+w*10+k)
			res, err := call(ctx, hc, "POST", base+"/api/v1/photos", ok.token, body, map[string]string{"Content-Type": ct})
			if err != nil || res.Status != 201 {
				return submitStats{}, fmt.Errorf("photo: %v %d %s", err, res.Status, res.Body)
			}
			rows, err := conn.Query(ctx, `SELECT i.id::text, v.category, v.lat, v.lng FROM inspections i JOIN venues v ON v.id = i.venue_id
				WHERE i.grid_id = $1 AND i.status = 'scheduled' AND i.kind = 'routine' ORDER BY i.due_date, i.id LIMIT 1000`, ok.grid)
			if err != nil {
				return submitStats{}, err
			}
			for rows.Next() {
				t := task{o: ok, photo: photo}
				if err := rows.Scan(&t.id, &t.category, &t.lat, &t.lng); err != nil {
					return submitStats{}, err
				}
				workerTasks[w] = append(workerTasks[w], t)
			}
			rows.Close()
		}
	}
	begin := time.Now()
	stop = begin.Add(d)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, t := range workerTasks[w] {
				o := t.o
				if time.Now().After(stop) || ctx.Err() != nil {
					return
				}
				t0 := time.Now()
				res, err := call(ctx, hc, "POST", base+"/api/v1/inspections/"+t.id+"/start", o.token, map[string]any{"lat": t.lat, "lng": t.lng, "accuracy_m": 8}, nil)
				if err != nil || res.Status != 200 {
					note(fmt.Sprintf("start: %v %d %s", err, res.Status, tail(res.Body, 200)))
					continue
				}
				t1 := time.Now()
				codes := items[t.category]
				body := map[string]any{
					"checklist": passAll(codes),
					"hazards": []map[string]any{
						{"id": uuid.NewString(), "code": codes[0], "severity": "general", "description": "灭火器压力不足", "fix_mode": "deadline", "deadline": deadline},
						{"id": uuid.NewString(), "code": codes[1], "severity": "major", "description": "安全出口上锁", "fix_mode": "deadline", "deadline": deadline},
						{"id": uuid.NewString(), "code": codes[2], "severity": "general", "description": "应急灯不亮", "fix_mode": "on_site", "photo_ids": []string{t.photo}},
					},
					"notes": "压测",
				}
				res, err = call(ctx, hc, "POST", base+"/api/v1/inspections/"+t.id+"/submit", o.token, body, nil)
				t2 := time.Now()
				if err != nil || res.Status != 200 {
					note(fmt.Sprintf("submit: %v %d %s", err, res.Status, tail(res.Body, 200)))
					continue
				}
				mu.Lock()
				startLat, subLat = append(startLat, t1.Sub(t0)), append(subLat, t2.Sub(t1))
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(begin)
	s := submitStats{n: len(subLat), bad: int(bad.Load()), samples: samples, rps: float64(len(subLat)) / elapsed.Seconds(),
		p50: latency.Percentile(subLat, 50), p99: latency.Percentile(subLat, 99), max: latency.Percentile(subLat, 100), startP50: latency.Percentile(startLat, 50), startP99: latency.Percentile(startLat, 99)}
	return s, nil
}

// ledgerCutoff is the first due date before which a city has at least n
// inspections that are not cancelled, and how many there are.
func ledgerCutoff(ctx context.Context, conn *pgx.Conn, city string, n int) (string, int64, error) {
	var cutoff string
	var rows int64
	err := conn.QueryRow(ctx, `WITH d AS (
		  SELECT i.due_date, count(*) AS k FROM inspections i JOIN org_units g ON g.id = i.grid_id
		  WHERE g.path @> ARRAY[$1]::uuid[] AND i.status <> 'cancelled' GROUP BY 1),
		c AS (SELECT due_date, sum(k) OVER (ORDER BY due_date) AS cum FROM d)
		SELECT (due_date + 1)::text, cum::bigint FROM c WHERE cum >= $2 ORDER BY due_date LIMIT 1`, city, n).Scan(&cutoff, &rows)
	if err != nil {
		return "", 0, fmt.Errorf("ledger cutoff: %w", err)
	}
	return cutoff, rows, nil
}

// rssKB reads a memory figure of a process from /proc, in KiB.
func rssKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, field+":") {
			n, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return n
		}
	}
	return 0
}
