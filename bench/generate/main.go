// Command generate benchmarks schedule generation against its floor.
//
// Given DATABASE_URL (a scratch database: it truncates inspections and the
// audit trail), it migrates, seeds -venues venues (or reuses a database
// seeded with that many by an earlier run), runs VACUUM ANALYZE, and then, in
// this one process and -reps times over:
//
//   - the floor: PostgreSQL's bare INSERT … SELECT of the same rows (the same
//     venues joined to the same policy periods) into a plain table with the
//     columns generation fills and no index, no foreign key, no default;
//   - the row floor: the same INSERT into a table with all of inspections'
//     columns and defaults (its id from uuid_v7(), timestamps, xid8 …) but
//     no index, no constraint but NOT NULL: what the rows cost by themselves;
//   - a cold generation (models.Generate as of -as-of into an empty
//     inspections table);
//   - a re-run (the same date again: everything exists already);
//
// and once more, a cold run into an inspections table analyzed while empty
// (-trap), which PostgreSQL may plan as a quadratic nested loop: it is
// cancelled after -trap times the cold run's median, or 2 minutes.
//
// Each timed statement starts after a CHECKPOINT (when the role may run one),
// so that no measurement pays for the dirty pages of the one before it. It
// prints one line per repetition on stderr and, on stdout, a markdown table
// row of the medians: elapsed times, the ratios cold/floor and re-run/cold,
// the CPU time of the PostgreSQL backend that did the work (when the role may
// read /proc/self/stat with pg_read_file: on a shared machine it is steadier
// than the elapsed time), the WAL written, and the peak RSS of this process
// while it measured. The work is done in PostgreSQL; the RSS is the Go
// process's, which holds no venue.
//
//	DATABASE_URL=postgres://… go run ./bench/generate -venues 75276
//
// scripts/bench.sh (make bench-generate) runs it against a throwaway cluster.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/seed"
	"gorm.io/gorm"
)

func main() {
	venues := flag.Int("venues", 75276, "how many venues to seed (a database seeded with as many is reused)")
	reps := flag.Int("reps", 3, "how many times to measure each of floor, row floor, cold run and re-run (medians are reported)")
	asOfFlag := flag.String("as-of", "2026-05-10", "the date to generate for, YYYY-MM-DD")
	header := flag.Bool("header", false, "print the markdown table's header before its row")
	trap := flag.Float64("trap", 5, "after the repetitions, run a cold generation once more with inspections analyzed while empty, cancelled after this many times the cold run's median (at least 2 minutes); 0: do not")
	flag.Parse()
	asOf, err := schedules.ParseDate(*asOfFlag)
	if err != nil {
		fail(fmt.Errorf("-as-of: %w", err))
	}
	if *venues < 1 || *reps < 1 {
		fail(errors.New("-venues and -reps must be at least 1"))
	}
	// Slow statements are the point here: keep GORM's slow-query lines quiet.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
	if err := run(context.Background(), *venues, *reps, asOf, *trap, *header, os.Stdout, os.Stderr); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench-generate:", err)
	os.Exit(1)
}

// measure is one timed statement: its elapsed time, the CPU time of the
// backend that ran it (-1 when unknown) and the WAL the cluster wrote.
type measure struct {
	wall, cpu time.Duration
	wal       int64
}

// The things measured in each repetition.
const (
	floorM = iota
	rowFloorM
	coldM
	rerunM
	nMeasures
)

var names = [nMeasures]string{"floor", "row floor", "cold", "re-run"}

func run(ctx context.Context, n, reps int, asOf schedules.Date, trap float64, header bool, out, log io.Writer) error {
	open := func(conns string) (*gorm.DB, error) {
		cfg, err := app.LoadEnv(map[string]string{
			"DATABASE_URL": os.Getenv("DATABASE_URL"),
			"APP_ENV":      "test",
			"LOG_LEVEL":    "error",
			"DB_MAX_CONNS": conns,
		})
		if err != nil {
			return nil, err
		}
		return app.OpenDB(cfg)
	}
	db, err := open("4")
	if err != nil {
		return err
	}
	if err := app.Migrate(ctx, db, "up", io.Discard); err != nil {
		return err
	}
	var pgVersion string
	if err := db.Raw("SHOW server_version").Scan(&pgVersion).Error; err != nil {
		return err
	}
	fmt.Fprintf(log, "bench: PostgreSQL %s, %d CPUs, %s, load average %s\n", pgVersion, runtime.NumCPU(), memTotal(), loadAvg())

	seedTook, err := seedVenues(ctx, db, n, log)
	if err != nil {
		return err
	}
	if err := db.Exec("VACUUM ANALYZE").Error; err != nil {
		return fmt.Errorf("vacuum analyze: %w", err)
	}
	// Measurements go through one connection, so that they all run in the
	// same backend, whose CPU time can be read.
	m, err := open("1")
	if err != nil {
		return err
	}
	seedPeak := procStatus("VmHWM")
	// From here on, VmHWM is the peak of the measurements alone (Linux resets
	// it when "5" is written to clear_refs).
	resetPeak := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
	var before runtime.MemStats
	runtime.ReadMemStats(&before)

	floorSQL, err := floorInsert(m, asOf)
	if err != nil {
		return err
	}
	checkpoint := m.Exec("CHECKPOINT").Error == nil
	if !checkpoint {
		fmt.Fprintln(log, "bench: this role may not CHECKPOINT; measurements may pay for each other's dirty pages")
	}
	if _, err := backendCPU(m); err != nil {
		fmt.Fprintf(log, "bench: the backend's CPU time is unknown (%v)\n", err)
	}
	// Autovacuum would ANALYZE inspections at moments of its choosing: just
	// after a TRUNCATE, that changes the cold run's plan (see -trap). The
	// repetitions run with it off for inspections, so that each cold run
	// finds the table as TRUNCATE leaves it (never analyzed since).
	if err := m.Exec("ALTER TABLE inspections SET (autovacuum_enabled = off)").Error; err != nil {
		return err
	}
	defer m.Exec("ALTER TABLE inspections RESET (autovacuum_enabled)")
	all := make([][nMeasures]measure, 0, reps)
	var made int64
	for i := 1; i <= reps; i++ {
		var r [nMeasures]measure
		// Every repetition starts as the first: an empty inspections table,
		// venues vacuumed (the foreign-key checks of a cold run lock every
		// venue row, which later scans would otherwise tidy up).
		for _, q := range []string{
			"TRUNCATE inspections CASCADE",
			"DELETE FROM schedule_runs",
			"DROP TABLE IF EXISTS bench_floor, bench_row_floor",
			// (autovacuum off: it would vacuum these tables, and write WAL,
			// during the measurements that follow)
			`CREATE TABLE bench_floor (venue_id uuid, grid_id uuid, kind text, status text,
				interval text, period_start date, opens_on date, due_date date) WITH (autovacuum_enabled = off)`,
			"CREATE TABLE bench_row_floor (LIKE inspections INCLUDING DEFAULTS) WITH (autovacuum_enabled = off)",
			"VACUUM ANALYZE venues",
		} {
			if err := m.Exec(q).Error; err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		if err := emptyAuditLog(m); err != nil && i == 1 {
			fmt.Fprintf(log, "bench: the audit trail is not emptied between repetitions (%v)\n", err)
		}
		var rows [nMeasures]int64
		steps := [nMeasures]func() (int64, error){
			floorM: func() (int64, error) {
				res := m.Exec(floorSQL)
				return res.RowsAffected, res.Error
			},
			rowFloorM: func() (int64, error) {
				res := m.Exec(strings.Replace(floorSQL, "bench_floor", "bench_row_floor", 1))
				return res.RowsAffected, res.Error
			},
			coldM: func() (int64, error) {
				res, err := models.Generate(ctx, m, models.Actor{}, asOf, schedules.Date{})
				return res.Created, err
			},
			rerunM: func() (int64, error) {
				res, err := models.Generate(ctx, m, models.Actor{}, asOf, schedules.Date{})
				return res.Created, err
			},
		}
		for k, f := range steps {
			r[k], rows[k], err = timed(m, checkpoint, f)
			if err != nil {
				return fmt.Errorf("%s: %w", names[k], err)
			}
		}
		if rows[coldM] != rows[floorM] || rows[rowFloorM] != rows[floorM] {
			return fmt.Errorf("the floor inserted %d rows, the row floor %d, the cold run %d: they should be the same rows",
				rows[floorM], rows[rowFloorM], rows[coldM])
		}
		if rows[rerunM] != 0 {
			return fmt.Errorf("the re-run made %d inspections, want 0", rows[rerunM])
		}
		fmt.Fprintf(log, "bench: %d venues, rep %d: %d rows; floor %s, row floor %s, cold %s = %.1f× floor, re-run %s = %.3f× cold; backend CPU %s / %s / %s / %s; WAL %s / %s / %s / %s; load average %s\n",
			n, i, rows[coldM], secs(r[floorM].wall), secs(r[rowFloorM].wall), secs(r[coldM].wall), ratio(r[coldM].wall, r[floorM].wall),
			secs(r[rerunM].wall), ratio(r[rerunM].wall, r[coldM].wall),
			cpuSecs(r[floorM].cpu), cpuSecs(r[rowFloorM].cpu), cpuSecs(r[coldM].cpu), cpuSecs(r[rerunM].cpu),
			mb(r[floorM].wal), mb(r[rowFloorM].wal), mb(r[coldM].wal), mb(r[rerunM].wal), loadAvg())
		all = append(all, r)
		made = rows[coldM]
	}
	if err := m.Exec("DROP TABLE IF EXISTS bench_floor, bench_row_floor").Error; err != nil {
		return err
	}
	coldMedian := median(all, func(r [nMeasures]measure) time.Duration { return r[coldM].wall })
	trapped := "not run"
	if trap > 0 {
		limit := max(time.Duration(trap*float64(coldMedian)), 2*time.Minute)
		trapped, err = coldAfterAnalyze(ctx, m, asOf, checkpoint, limit)
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "bench: %d venues, cold run with inspections analyzed while empty: %s\n", n, trapped)
	}

	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	peak := procStatus("VmHWM")
	peakNote := "while measuring"
	if !resetPeak {
		peakNote = "whole process, seeding included"
	}
	fmt.Fprintf(log, "bench: peak RSS %s (%s), %s while migrating and seeding; Go heap allocated while measuring %.1f MiB in %d statements\n",
		peak, peakNote, seedPeak, float64(after.TotalAlloc-before.TotalAlloc)/(1<<20), nMeasures*reps)

	var med [nMeasures]measure
	for k := range nMeasures {
		med[k] = measure{
			wall: median(all, func(r [nMeasures]measure) time.Duration { return r[k].wall }),
			cpu:  median(all, func(r [nMeasures]measure) time.Duration { return r[k].cpu }),
			wal:  int64(median(all, func(r [nMeasures]measure) time.Duration { return time.Duration(r[k].wal) })),
		}
	}
	if header {
		fmt.Fprintln(out, "| venues | inspections made | seeding | floor | row floor | cold run | cold ÷ floor (target ≤ 2) | cold ÷ row floor | re-run | re-run ÷ cold (target ≤ 0.1) | backend CPU: floor / row floor / cold / re-run | CPU cold ÷ floor | WAL: floor / row floor / cold | cold run, inspections analyzed while empty | peak RSS of the Go process |")
		fmt.Fprintln(out, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	}
	fmt.Fprintf(out, "| %s | %s | %s | %s | %s | %s | **%.1f** | %.1f | %s | **%.3f** | %s / %s / %s / %s | %s | %s / %s / %s | %s | %s |\n",
		thousands(int64(n)), thousands(made), seedTook,
		secs(med[floorM].wall), secs(med[rowFloorM].wall), secs(med[coldM].wall),
		ratio(med[coldM].wall, med[floorM].wall), ratio(med[coldM].wall, med[rowFloorM].wall),
		secs(med[rerunM].wall), ratio(med[rerunM].wall, med[coldM].wall),
		cpuSecs(med[floorM].cpu), cpuSecs(med[rowFloorM].cpu), cpuSecs(med[coldM].cpu), cpuSecs(med[rerunM].cpu),
		cpuRatio(med[coldM].cpu, med[floorM].cpu),
		mb(med[floorM].wal), mb(med[rowFloorM].wal), mb(med[coldM].wal), trapped, peak)
	return nil
}

func median(all [][nMeasures]measure, f func([nMeasures]measure) time.Duration) time.Duration {
	d := make([]time.Duration, len(all))
	for i, r := range all {
		d[i] = f(r)
	}
	slices.Sort(d)
	if len(d)%2 == 1 {
		return d[len(d)/2]
	}
	return (d[len(d)/2-1] + d[len(d)/2]) / 2
}

// coldAfterAnalyze times a cold run into an inspections table that is
// empty and has been analyzed so (as after ANALYZE or VACUUM of a fresh or
// emptied table): PostgreSQL then takes the table for certainly empty and
// may plan the NOT EXISTS as a nested loop over a sequential scan of it,
// which the INSERT fills as it goes: quadratic. The run is cancelled after
// limit. It leaves inspections empty.
func coldAfterAnalyze(ctx context.Context, db *gorm.DB, asOf schedules.Date, checkpoint bool, limit time.Duration) (string, error) {
	for _, q := range []string{"TRUNCATE inspections CASCADE", "DELETE FROM schedule_runs", "VACUUM ANALYZE venues", "ANALYZE inspections"} {
		if err := db.Exec(q).Error; err != nil {
			return "", fmt.Errorf("%s: %w", q, err)
		}
	}
	if checkpoint {
		if err := db.Exec("CHECKPOINT").Error; err != nil {
			return "", err
		}
	}
	// The server cancels the statement (db has one connection, so the
	// setting reaches the generation's transaction).
	if err := db.Exec(fmt.Sprintf("SET statement_timeout = %d", limit.Milliseconds())).Error; err != nil {
		return "", err
	}
	start := time.Now()
	res, err := models.Generate(ctx, db, models.Actor{}, asOf, schedules.Date{})
	took := time.Since(start)
	if err := db.Exec("RESET statement_timeout").Error; err != nil {
		return "", err
	}
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "57014":
		return fmt.Sprintf("> %s (cancelled)", secs(limit)), db.Exec("TRUNCATE inspections CASCADE").Error
	case err != nil:
		return "", fmt.Errorf("cold run after ANALYZE: %w", err)
	}
	return fmt.Sprintf("%s (%d made)", secs(took), res.Created), db.Exec("TRUNCATE inspections CASCADE").Error
}

// emptyAuditLog empties the audit trail (a generation run writes one row;
// the seed writes none), so that every repetition starts alike. The trail
// is append-only, by triggers that this (scratch) database's owner turns off
// for the moment.
func emptyAuditLog(db *gorm.DB) error {
	return db.Transaction(func(tx *gorm.DB) error {
		for _, q := range []string{
			"ALTER TABLE audit_log DISABLE TRIGGER USER",
			"TRUNCATE audit_log",
			"ALTER TABLE audit_log ENABLE TRIGGER USER",
		} {
			if err := tx.Exec(q).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// seedVenues seeds n venues into an empty database, or accepts one seeded
// with n venues already; it returns how long seeding took ("reused" when it
// did not seed).
func seedVenues(ctx context.Context, db *gorm.DB, n int, log io.Writer) (string, error) {
	var have int64
	if err := db.Raw("SELECT count(*) FROM venues").Scan(&have).Error; err != nil {
		return "", err
	}
	switch {
	case have == int64(n):
		fmt.Fprintf(log, "bench: reusing the %d venues seeded already\n", n)
		return "reused", nil
	case have != 0:
		return "", fmt.Errorf("the database has %d venues, not %d: give an empty scratch database", have, n)
	}
	start := time.Now()
	err := seed.Run(ctx, db, seed.Options{Venues: n, Password: "bench-generate-password"}, log)
	if err != nil {
		return "", err
	}
	took := time.Since(start)
	fmt.Fprintf(log, "bench: seeded %d venues in %s\n", n, took.Round(time.Second))
	return secs(took), nil
}

// floorInsert is generation's INSERT … SELECT stripped to the bare copy: the
// same venues joined to the same policy periods (as Generate computes them
// for asOf), into bench_floor, with no NOT EXISTS and no ON CONFLICT.
func floorInsert(db *gorm.DB, asOf schedules.Date) (string, error) {
	var policy []struct {
		RiskLevel string
		Interval  vocab.Interval
	}
	if err := db.Raw("SELECT risk_level, interval FROM policy ORDER BY risk_level").Scan(&policy).Error; err != nil {
		return "", fmt.Errorf("read policy: %w", err)
	}
	if len(policy) == 0 {
		return "", errors.New("the policy is empty")
	}
	var values []string
	for _, p := range policy {
		per := schedules.PeriodOf(p.Interval, asOf)
		values = append(values, fmt.Sprintf("('%s', '%s', '%s'::date, '%s'::date)", p.RiskLevel, p.Interval, per.Start, per.End))
	}
	return `INSERT INTO bench_floor (venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date)
		SELECT v.id, v.grid_id, 'routine', 'scheduled', p.interval, p.period_start, p.period_start, p.period_end
		FROM venues v
		JOIN (VALUES ` + strings.Join(values, ", ") + `) AS p (risk_level, interval, period_start, period_end) ON p.risk_level = v.risk_level
		WHERE v.status = 'active'`, nil
}

// timed runs f after a checkpoint and measures it; it returns the row count
// f returns.
func timed(db *gorm.DB, checkpoint bool, f func() (int64, error)) (measure, int64, error) {
	if checkpoint {
		if err := db.Exec("CHECKPOINT").Error; err != nil {
			return measure{}, 0, err
		}
	}
	var lsn0, lsn1 string
	if err := db.Raw("SELECT pg_current_wal_lsn()::text").Scan(&lsn0).Error; err != nil {
		return measure{}, 0, err
	}
	cpu0, cpuErr := backendCPU(db)
	start := time.Now()
	rows, err := f()
	took := time.Since(start)
	if err != nil {
		return measure{}, 0, err
	}
	cpu1, err := backendCPU(db)
	if cpuErr != nil || err != nil {
		cpu0, cpu1 = 0, -1
	}
	if err := db.Raw("SELECT pg_current_wal_lsn()::text").Scan(&lsn1).Error; err != nil {
		return measure{}, 0, err
	}
	var wal int64
	if err := db.Raw("SELECT pg_wal_lsn_diff(?::pg_lsn, ?::pg_lsn)::bigint", lsn1, lsn0).Scan(&wal).Error; err != nil {
		return measure{}, 0, err
	}
	return measure{wall: took, cpu: cpu1 - cpu0, wal: wal}, rows, nil
}

// backendCPU is the CPU time (user and system) the database connection's
// backend process has used, from its /proc/self/stat. It needs a role that
// may read server files (a superuser, or pg_read_server_files) and a server
// on Linux; the clock tick is taken to be 1/100 s, as on every Linux build.
func backendCPU(db *gorm.DB) (time.Duration, error) {
	var stat string
	if err := db.Raw("SELECT pg_read_file('/proc/self/stat')").Scan(&stat).Error; err != nil {
		return 0, err
	}
	// The fields after "(comm)": state is field 3, utime 14 and stime 15.
	_, rest, ok := strings.Cut(stat, ") ")
	f := strings.Fields(rest)
	if !ok || len(f) < 13 {
		return 0, fmt.Errorf("unexpected /proc/self/stat: %q", stat)
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64)
	stime, err2 := strconv.ParseInt(f[12], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, err
	}
	return time.Duration(utime+stime) * 10 * time.Millisecond, nil
}

// procStatus is a field of /proc/self/status, such as "VmHWM", as "12.3 MiB".
func procStatus(field string) string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for line := range strings.Lines(string(b)) {
		if name, val, ok := strings.Cut(line, ":"); ok && name == field {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(val), " kB"), 64)
			if err != nil {
				return strings.TrimSpace(val)
			}
			return fmt.Sprintf("%.1f MiB", kb/1024)
		}
	}
	return "?"
}

// memTotal is the machine's memory from /proc/meminfo.
func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "memory unknown"
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return fmt.Sprintf("%.1f GiB of memory", kb/(1<<20))
		}
	}
	return "memory unknown"
}

// loadAvg is the machine's 1-minute load average: the machines are shared.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func cpuRatio(a, b time.Duration) string {
	if a < 0 || b <= 0 {
		return "?"
	}
	return fmt.Sprintf("%.1f", ratio(a, b))
}

func secs(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.3f s", d.Seconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

func cpuSecs(d time.Duration) string {
	if d < 0 {
		return "?"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/1e6) }

// thousands formats 1200000 as 1,200,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
