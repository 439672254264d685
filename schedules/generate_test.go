package schedules_test

import (
	"context"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/seed"
	"gorm.io/gorm"
)

// generatorLock is the advisory-lock key the generator takes ("jiuxiao").
const generatorLock int64 = 0x6A69757869616F

// genDB is a fresh database with the demo city and n demo venues, and the
// admin as an actor. Without a cluster (plain `go test ./schedules/...`,
// which runs the rules' unit tests) the test is skipped; `make test` always
// has one.
func genDB(t *testing.T, venues int) (*gorm.DB, models.Actor) {
	t.Helper()
	if !apptest.HaveCluster() {
		t.Skip("no TEST_DATABASE_URL: run with `make test` for the tests of generation against PostgreSQL")
	}
	db, cfg := apptest.DB(t)
	err := seed.Run(context.Background(), db, seed.Options{Venues: venues, Password: apptest.Password, Location: cfg.Location}, io.Discard)
	if err != nil {
		t.Fatalf("seed: %v", err)
	}
	admin := idOf(t, db, "SELECT id::text FROM users WHERE username = 'admin'")
	return db, models.Actor{UserID: admin, Role: vocab.Admin, RequestID: "test"}
}

// idOf is the id that a query returns.
func idOf(t *testing.T, db *gorm.DB, sql string) uuid.UUID {
	t.Helper()
	var s string
	if err := db.Raw(sql).Scan(&s).Error; err != nil {
		t.Fatal(err)
	}
	id, err := uuid.Parse(s)
	if err != nil {
		t.Fatalf("%s: %q: %v", sql, s, err)
	}
	return id
}

// genVenue creates a venue of the given level in grid dcf-1-g1.
func genVenue(t *testing.T, db *gorm.DB, admin models.Actor, level vocab.RiskLevel) uuid.UUID {
	t.Helper()
	grid := idOf(t, db, "SELECT id::text FROM org_units WHERE code = 'dcf-1-g1'")
	v, err := models.CreateVenue(context.Background(), db, admin, models.NewVenue{
		Name: "测试场所", Category: "shop", RiskLevel: level, GridID: grid, Address: "聊城市东昌路1号", Lat: 36.45, Lng: 115.98,
	})
	if err != nil {
		t.Fatal(err)
	}
	return v.ID
}

func date(t *testing.T, s string) schedules.Date {
	t.Helper()
	d, err := schedules.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func countOf(t *testing.T, db *gorm.DB, sql string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := db.Raw(sql, args...).Scan(&n).Error; err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

// openRoutine lists a venue's scheduled routine inspections as
// "interval period_start".
func openRoutine(t *testing.T, db *gorm.DB, venue uuid.UUID) []string {
	t.Helper()
	var out []string
	err := db.Raw(`SELECT interval || ' ' || period_start FROM inspections
		WHERE venue_id = ? AND kind = 'routine' AND status = 'scheduled' ORDER BY period_start, interval`, venue).Scan(&out).Error
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func wantOpen(t *testing.T, db *gorm.DB, venue uuid.UUID, want ...string) {
	t.Helper()
	got := openRoutine(t, db, venue)
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Fatalf("scheduled routine inspections of the venue: %q, want %q", got, want)
	}
}

func generate(t *testing.T, db *gorm.DB, asOf string) schedules.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	r, err := models.Generate(ctx, db, models.Actor{}, date(t, asOf), schedules.Date{})
	if err != nil {
		t.Fatalf("generate as of %s: %v", asOf, err)
	}
	return r
}

func TestGenerateConcurrent(t *testing.T) {
	t.Parallel()
	db, _ := genDB(t, 120)
	venues := countOf(t, db, "SELECT count(*) FROM venues WHERE status = 'active'")
	// Ensure many generators started together on the same date create each
	// task exactly once between them, and each run is recorded.
	const runs = 6
	var wg sync.WaitGroup
	var mu sync.Mutex
	var created, skipped int64
	var errs []error
	start := make(chan struct{})
	for range runs {
		wg.Go(func() {
			<-start
			r, err := models.Generate(context.Background(), db, models.Actor{}, date(t, "2026-05-10"), schedules.Date{})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, err)
				return
			}
			created += r.Created
			skipped += r.Skipped
		})
	}
	close(start)
	wg.Wait()
	if len(errs) > 0 {
		t.Fatalf("generate: %v", errs)
	}
	if created != venues || skipped != (runs-1)*venues {
		t.Fatalf("created %d and skipped %d in all; want %d and %d", created, skipped, venues, (runs-1)*venues)
	}
	if n := countOf(t, db, "SELECT count(*) FROM inspections"); n != venues {
		t.Fatalf("%d inspections for %d venues", n, venues)
	}
	if n := countOf(t, db, `SELECT count(*) FROM venues v WHERE (SELECT count(*) FROM inspections i WHERE i.venue_id = v.id) <> 1`); n != 0 {
		t.Fatalf("%d venues do not have exactly one inspection", n)
	}
	if n := countOf(t, db, "SELECT count(*) FROM schedule_runs"); n != runs {
		t.Fatalf("%d runs recorded, want %d", n, runs)
	}
}

func TestGenerateIfIdle(t *testing.T) {
	t.Parallel()
	db, _ := genDB(t, 10)
	// Another replica is generating: it holds the generator's lock.
	other := db.Begin()
	if err := other.Exec("SELECT pg_advisory_xact_lock(?)", generatorLock).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Rollback() })
	t.Run("ErrBusy", func(t *testing.T) {
		// Ensure the cron's run gives up at once and writes nothing.
		_, err := models.GenerateIfIdle(context.Background(), db, date(t, "2026-05-10"))
		if !errors.Is(err, schedules.ErrBusy) {
			t.Fatalf("err = %v, want ErrBusy", err)
		}
		if n := countOf(t, db, "SELECT (SELECT count(*) FROM inspections) + (SELECT count(*) FROM schedule_runs)"); n != 0 {
			t.Fatalf("%d rows written", n)
		}
	})
	t.Run("OK/Waits", func(t *testing.T) {
		// Ensure the API's run waits for the lock instead.
		ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
		defer cancel()
		if _, err := models.Generate(ctx, db, models.Actor{}, date(t, "2026-05-10"), schedules.Date{}); err == nil {
			t.Fatal("Generate ran while another run held the lock")
		}
		other.Rollback()
		// (the cancelled run's backend may hold the lock a moment longer,
		// so this one waits rather than tries)
		r := generate(t, db, "2026-05-10")
		if r.Created != 10 {
			t.Fatalf("after the lock is released: %+v", r)
		}
	})
}

func TestGenerateSweep(t *testing.T) {
	t.Parallel()
	db, admin := genDB(t, 0)
	green := genVenue(t, db, admin, "green")
	yellow := genVenue(t, db, admin, "yellow")
	generate(t, db, "2026-05-10")
	wantOpen(t, db, green, "half_yearly 2026-01-01")

	t.Run("OK/LevelChangedOutsideTheAPI", func(t *testing.T) {
		// Ensure a level changed straight in the database (no cancelling)
		// is caught by the next run: the stale task is cancelled, with an
		// audit row, and the new one made.
		if err := db.Exec("UPDATE venues SET risk_level = 'red', updated_at = now() WHERE id = ?", green).Error; err != nil {
			t.Fatal(err)
		}
		r := generate(t, db, "2026-05-10")
		if r.Cancelled != 1 || r.Created != 1 {
			t.Fatalf("run = %+v", r)
		}
		wantOpen(t, db, green, "monthly 2026-05-01")
		if n := countOf(t, db, `SELECT count(*) FROM audit_log WHERE entity = 'inspection' AND action = 'cancel'
			AND entity_id IN (SELECT id FROM inspections WHERE venue_id = ?)`, green); n != 1 {
			t.Fatalf("%d audit rows for the cancelled task", n)
		}
	})
	t.Run("OK/PolicyChangedOutsideTheAPI", func(t *testing.T) {
		// Ensure a policy changed straight in the database is caught too.
		if err := db.Exec("UPDATE policy SET interval = 'half_yearly', updated_at = now() WHERE risk_level = 'yellow'").Error; err != nil {
			t.Fatal(err)
		}
		r := generate(t, db, "2026-05-10")
		if r.Cancelled != 1 || r.Created != 1 {
			t.Fatalf("run = %+v", r)
		}
		wantOpen(t, db, yellow, "half_yearly 2026-01-01")
	})
	t.Run("OK/Summary", func(t *testing.T) {
		r := generate(t, db, "2026-05-10")
		s := r.Summary()
		for _, want := range []string{"as of 2026-05-10:", "red monthly 2026-05-01..2026-05-31;", "created 0, skipped 2, cancelled 0, escalated 0"} {
			if !strings.Contains(s, want) {
				t.Errorf("summary %q lacks %q", s, want)
			}
		}
	})
}

// waitForLockWait waits until a backend of the database waits on a lock.
func waitForLockWait(t *testing.T, db *gorm.DB) {
	t.Helper()
	for range 200 {
		if countOf(t, db, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`) > 0 {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Log("no backend waited on a lock; carrying on")
}

// raceGenerate runs a generation while change (a level change, a policy
// change, closing a venue) is in an open transaction, and commits change
// only once the run is under way, as when a supervisor's request and the
// cron meet.
func raceGenerate(t *testing.T, db *gorm.DB, asOf string, change func(tx *gorm.DB) error) {
	t.Helper()
	tx := db.Begin()
	if err := change(tx); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_, err := models.Generate(ctx, db, models.Actor{}, date(t, asOf), schedules.Date{})
		done <- err
	}()
	// the run either finishes or waits for the change's row locks
	select {
	case err := <-done:
		if err != nil {
			tx.Rollback()
			t.Fatal(err)
		}
		if err := tx.Commit().Error; err != nil {
			t.Fatal(err)
		}
		return
	case <-time.After(200 * time.Millisecond):
	}
	waitForLockWait(t, db)
	if err := tx.Commit().Error; err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestGenerateRace(t *testing.T) {
	t.Parallel()
	// Rule 2 must hold when a change and a generation run meet: after the
	// change and one more run, a venue has no task left scheduled under an
	// interval that is not its level's, and a closed venue none at all.

	t.Run("OK/LevelChange", func(t *testing.T) {
		t.Parallel()
		db, admin := genDB(t, 0)
		generate(t, db, "2026-06-30") // an earlier run
		v := genVenue(t, db, admin, "green")
		raceGenerate(t, db, "2026-07-01", func(tx *gorm.DB) error {
			_, err := models.FileReclassification(context.Background(), tx, admin, v,
				models.NewReclassification{ToLevel: "red", Reason: "发现重大隐患"})
			return err
		})
		generate(t, db, "2026-07-01")
		wantOpen(t, db, v, "monthly 2026-07-01")
	})
	t.Run("OK/PolicyChange", func(t *testing.T) {
		t.Parallel()
		db, admin := genDB(t, 0)
		generate(t, db, "2026-06-30")
		v := genVenue(t, db, admin, "green")
		raceGenerate(t, db, "2026-07-01", func(tx *gorm.DB) error {
			_, _, err := models.SetPolicy(context.Background(), tx, admin,
				models.Policy{Red: vocab.Monthly, Yellow: vocab.Quarterly, Green: vocab.Quarterly})
			return err
		})
		generate(t, db, "2026-07-01")
		wantOpen(t, db, v, "quarterly 2026-07-01")
	})
	t.Run("OK/Close", func(t *testing.T) {
		t.Parallel()
		db, admin := genDB(t, 0)
		generate(t, db, "2026-06-30")
		v := genVenue(t, db, admin, "green")
		closed := vocab.VenueClosed
		raceGenerate(t, db, "2026-07-01", func(tx *gorm.DB) error {
			_, err := models.UpdateVenue(context.Background(), tx, admin, v, models.VenuePatch{Status: &closed, Version: 1})
			return err
		})
		generate(t, db, "2026-07-01")
		wantOpen(t, db, v)
	})
}

// lockWaiters is how many backends of the database wait on a lock.
func lockWaiters(t *testing.T, db *gorm.DB) int64 {
	t.Helper()
	return countOf(t, db, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
}

func TestGenerateChangeDuringRun(t *testing.T) {
	t.Parallel()
	db, admin := genDB(t, 0)
	generate(t, db, "2026-06-30")
	v := genVenue(t, db, admin, "green")
	// Hold the run up after it has taken its locks: another transaction
	// holds schedule_runs, which the run reads first.
	hold := db.Begin()
	t.Cleanup(func() { hold.Rollback() })
	if err := hold.Exec("LOCK TABLE schedule_runs IN ACCESS EXCLUSIVE MODE").Error; err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	gen, rec := make(chan error, 1), make(chan error, 1)
	go func() {
		_, err := models.Generate(ctx, db, models.Actor{}, date(t, "2026-07-01"), schedules.Date{})
		gen <- err
	}()
	waitFor := func(n int64) {
		for range 300 {
			if lockWaiters(t, db) >= n {
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
		t.Fatalf("fewer than %d backends wait on a lock", n)
	}
	waitFor(1)
	// A supervisor reclassifies the venue while the run is under way.
	go func() {
		_, err := models.FileReclassification(ctx, db, admin, v, models.NewReclassification{ToLevel: "red", Reason: "发现重大隐患"})
		rec <- err
	}()
	waitFor(2)
	hold.Rollback()
	// Ensure both finish (no deadlock between the run's locks and the
	// change's row locks), and rule 2 holds after the next run.
	for name, ch := range map[string]chan error{"generate": gen, "reclassify": rec} {
		select {
		case err := <-ch:
			if err != nil {
				t.Errorf("%s: %v", name, err)
			}
		case <-ctx.Done():
			t.Fatalf("%s did not finish", name)
		}
	}
	generate(t, db, "2026-07-01")
	wantOpen(t, db, v, "monthly 2026-07-01")
}

// TestGenerateEmptyTableTrap checks the guard of a run against inspections
// statistics that say "empty" (the quadratic plan of make bench-generate's
// last column): sequential scans are off for the run's transaction exactly
// while the statistics count fewer inspections than a tenth of the venues.
func TestGenerateEmptyTableTrap(t *testing.T) {
	db, admin := genDB(t, 12000)
	seqscan := func(t *testing.T) string {
		t.Helper()
		var v string
		err := db.Transaction(func(tx *gorm.DB) error {
			if err := schedules.AvoidEmptyTableTrap(tx); err != nil {
				return err
			}
			return tx.Raw("SHOW enable_seqscan").Scan(&v).Error
		})
		if err != nil {
			t.Fatal(err)
		}
		var after string
		if err := db.Raw("SHOW enable_seqscan").Scan(&after).Error; err != nil || after != "on" {
			t.Fatalf("enable_seqscan outlived the transaction: %q, %v", after, err)
		}
		return v
	}
	exec := func(t *testing.T, sql string) {
		t.Helper()
		if err := db.Exec(sql).Error; err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
	}
	exec(t, "ANALYZE venues")

	// Never analyzed: PostgreSQL does not take the table for empty.
	if v := seqscan(t); v != "on" {
		t.Errorf("inspections never analyzed: enable_seqscan %s, want on", v)
	}
	exec(t, "ANALYZE inspections")
	if v := seqscan(t); v != "off" {
		t.Errorf("inspections analyzed while empty: enable_seqscan %s, want off", v)
	}
	// The run under the guard makes every task, and afterwards the
	// statistics are real again.
	res, err := models.Generate(context.Background(), db, admin, date(t, "2026-05-10"), schedules.Date{})
	if err != nil || res.Created != 12000 {
		t.Fatalf("generate: %+v, %v", res, err)
	}
	exec(t, "ANALYZE inspections")
	if v := seqscan(t); v != "on" {
		t.Errorf("inspections analyzed with 12,000 rows: enable_seqscan %s, want on", v)
	}
}
