package schedules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"gorm.io/gorm"
)

// Two advisory locks order generation against everything else, across
// every process on the database:
//   - generatorLock makes runs take turns (the cron's replicas try it and
//     skip when it is taken; the API and the command line wait for it);
//   - changeLock is taken exclusively by a run, and shared by each
//     transaction that changes levels, the policy or a venue's status (see
//     WaitForRun), so that a change never interleaves with a run: either
//     the run sees the change, or the change cancels what the run made.
const (
	generatorLock int64 = 0x6A69757869616F // "jiuxiao"
	changeLock    int64 = 0x6A69757869616F + 1
)

// ErrBusy: another generator holds the lock (only when Lock does not wait).
var ErrBusy = errors.New("another schedule generation is running")

// Result is what a generation run did.
type Result struct {
	AsOf      Date          `json:"as_of"`
	Periods   []LevelPeriod `json:"periods"`
	Created   int64         `json:"created"`
	Skipped   int64         `json:"skipped"`
	Cancelled int64         `json:"cancelled"`
	Escalated int64         `json:"escalated"`
	Elapsed   time.Duration `json:"-"`
	ElapsedMS int64         `json:"elapsed_ms"`
}

// LevelPeriod is the period that a level's interval gives for the as-of date.
type LevelPeriod struct {
	Level vocab.RiskLevel `json:"risk_level"`
	Period
}

// AsOfError refuses an as-of date too far ahead.
type AsOfError struct{ AsOf, Limit Date }

func (e *AsOfError) Error() string {
	return fmt.Sprintf("as of %s is too far ahead: a run may prepare at most the next period, up to %s", e.AsOf, e.Limit)
}

// A generation run is one transaction, which its caller (models.Generate)
// holds: Lock; the sweep of what rule 2 should have cancelled, for the
// venues changed since SweepSince; CreateRoutine; the daily chores;
// RecordRun.

// Lock takes the generator's transaction-scoped advisory locks: they are
// released with the transaction, on whichever connection ran it. With wait
// false it returns ErrBusy at once when another run holds them.
func Lock(ctx context.Context, tx *gorm.DB, wait bool) error {
	return lock(tx.WithContext(ctx), wait)
}

// WaitForRun is what a transaction that changes levels, the policy or a
// venue's status does before it cancels inspections: a run in progress may
// be making them under the old level, so it waits for the run to commit,
// and what the run made is cancelled too.
func WaitForRun(ctx context.Context, tx *gorm.DB) error {
	if err := tx.WithContext(ctx).Exec("SELECT pg_advisory_xact_lock_shared(?)", changeLock).Error; err != nil {
		return fmt.Errorf("wait for schedule generation: %w", err)
	}
	return nil
}

// SweepSince is where a run's sweep starts: the start of the last run, or
// nil (every venue) when the policy changed since then, or on the first run.
func SweepSince(ctx context.Context, tx *gorm.DB) (*time.Time, error) {
	var since struct {
		LastRun      *time.Time
		PolicyChange time.Time
	}
	err := tx.WithContext(ctx).Raw(`SELECT (SELECT max(started_at) FROM schedule_runs) AS last_run, (SELECT max(updated_at) FROM policy) AS policy_change`).
		Scan(&since).Error
	if err != nil {
		return nil, fmt.Errorf("read last run: %w", err)
	}
	if since.LastRun == nil || !since.PolicyChange.Before(*since.LastRun) {
		return nil, nil
	}
	return since.LastRun, nil
}

// Routine is the statement that makes the routine inspections as of a
// date under the policy in the database: every active venue gets one for
// the period of its level's interval that contains the date (rules 1-4 of
// the contract), in one INSERT … SELECT, so venues are never loaded into the
// process and its memory does not grow with their number. The unique index
// on (venue, interval, period) makes a doubled task impossible.
type Routine struct {
	SQL     string
	Args    []any
	Periods []LevelPeriod
}

// RoutineAsOf builds the Routine statement of asOf.
func RoutineAsOf(ctx context.Context, db *gorm.DB, asOf Date) (Routine, error) {
	var policy []struct {
		RiskLevel vocab.RiskLevel
		Interval  vocab.Interval
	}
	if err := db.WithContext(ctx).Raw("SELECT risk_level, interval FROM policy ORDER BY risk_level").Scan(&policy).Error; err != nil {
		return Routine{}, fmt.Errorf("read policy: %w", err)
	}
	if len(policy) == 0 {
		return Routine{}, errors.New("the policy is empty")
	}
	var r Routine
	values := ""
	for i, p := range policy {
		per := PeriodOf(p.Interval, asOf)
		r.Periods = append(r.Periods, LevelPeriod{Level: p.RiskLevel, Period: per})
		if i > 0 {
			values += ", "
		}
		values += "(?, ?, ?::date, ?::date)"
		r.Args = append(r.Args, p.RiskLevel, p.Interval, per.Start, per.End)
	}
	// The inspections a run makes are audited by one row for the run, not
	// one each: a province's run makes a million. Their created_at is the
	// run's started_at (both are the transaction's now()), which ties each
	// to its run.
	r.SQL = `INSERT INTO inspections (venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date)
	SELECT v.id, v.grid_id, 'routine', 'scheduled', p.interval, p.period_start, p.period_start, p.period_end
	FROM venues v
	JOIN (VALUES ` + values + `) AS p (risk_level, interval, period_start, period_end) ON p.risk_level = v.risk_level
	WHERE v.status = 'active'
	  AND NOT EXISTS (SELECT 1 FROM inspections i
	                  WHERE i.venue_id = v.id AND i.kind = 'routine' AND i.status <> 'cancelled'
	                    AND i.interval = p.interval AND i.period_start = p.period_start)
	  AND NOT EXISTS (SELECT 1 FROM inspections i
	                  WHERE i.venue_id = v.id AND i.submitted_on IS NOT NULL
	                    AND i.kind IN ('routine', 'ad_hoc') AND i.status <> 'cancelled'
	                    AND i.submitted_on BETWEEN p.period_start AND p.period_end)
	ON CONFLICT DO NOTHING`
	return r, nil
}

// Literal is the statement with its arguments written in, to run in psql
// (bench/generate/breakdown.sh measures it so).
func (r Routine) Literal(db *gorm.DB) string {
	return db.ToSQL(func(tx *gorm.DB) *gorm.DB { return tx.Exec(r.SQL, r.Args...) })
}

// CreateRoutine runs the Routine statement of asOf in tx, and records in
// res the periods, how many inspections it made, and how many active venues
// it skipped. An as-of date past AsOfLimit(today, the policy's intervals) is
// refused with an *AsOfError before anything is made; a zero today sets no
// bound.
func CreateRoutine(ctx context.Context, tx *gorm.DB, asOf, today Date, res *Result) error {
	r, err := RoutineAsOf(ctx, tx, asOf)
	if err != nil {
		return err
	}
	if !today.IsZero() {
		ivs := make([]vocab.Interval, len(r.Periods))
		for i, p := range r.Periods {
			ivs[i] = p.Interval
		}
		if limit := AsOfLimit(today, ivs); asOf.After(limit) {
			return &AsOfError{AsOf: asOf, Limit: limit}
		}
	}
	res.Periods = r.Periods
	if err := avoidEmptyTableTrap(tx.WithContext(ctx)); err != nil {
		return err
	}
	ins := tx.WithContext(ctx).Exec(r.SQL, r.Args...)
	if ins.Error != nil {
		return fmt.Errorf("create inspections: %w", ins.Error)
	}
	res.Created = ins.RowsAffected
	var active int64
	if err := tx.WithContext(ctx).Raw("SELECT count(*) FROM venues WHERE status = 'active'").Scan(&active).Error; err != nil {
		return fmt.Errorf("count venues: %w", err)
	}
	res.Skipped = active - res.Created
	return nil
}

// RecordRun writes the run's schedule_runs row — which is also where the
// next sweep starts from — and returns its id. runBy is the user who asked
// for the run (nil for the cron and the command line).
func RecordRun(ctx context.Context, tx *gorm.DB, res Result, runBy *uuid.UUID) (uuid.UUID, error) {
	periods, err := json.Marshal(res.Periods)
	if err != nil {
		return uuid.Nil, err
	}
	// started_at is the transaction's start on the database clock, the
	// clock of the venues' updated_at that the next sweep compares with.
	var run struct{ ID uuid.UUID }
	err = tx.WithContext(ctx).Raw(`INSERT INTO schedule_runs (as_of, started_at, finished_at, periods, created, skipped, cancelled, escalated, run_by)
		VALUES (?, now(), clock_timestamp(), ?::jsonb, ?, ?, ?, ?, ?) RETURNING id`,
		res.AsOf, string(periods), res.Created, res.Skipped, res.Cancelled, res.Escalated, runBy).Scan(&run).Error
	if err != nil {
		return uuid.Nil, fmt.Errorf("record the run: %w", err)
	}
	return run.ID, nil
}

func lock(tx *gorm.DB, wait bool) error {
	if wait {
		if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", generatorLock).Error; err != nil {
			return err
		}
	} else {
		var got bool
		if err := tx.Raw("SELECT pg_try_advisory_xact_lock(?)", generatorLock).Scan(&got).Error; err != nil {
			return err
		}
		if !got {
			return ErrBusy
		}
	}
	// Wait for the level, policy and venue changes in flight to commit.
	return tx.Exec("SELECT pg_advisory_xact_lock(?)", changeLock).Error
}

// Summary is the one-line report of a run, as `jiuxiao schedule generate`
// prints it.
func (r Result) Summary() string {
	s := fmt.Sprintf("as of %s:", r.AsOf)
	for _, p := range r.Periods {
		s += fmt.Sprintf(" %s %s %s..%s;", p.Level, p.Interval, p.Start, p.End)
	}
	return s + fmt.Sprintf(" created %d, skipped %d, cancelled %d, escalated %d, elapsed %s",
		r.Created, r.Skipped, r.Cancelled, r.Escalated, r.Elapsed.Round(time.Millisecond))
}

// avoidEmptyTableTrap keeps a run from going quadratic. When inspections was
// analyzed while (nearly) empty — a new database after a VACUUM ANALYZE, say
// — the planner takes it for empty and may check the NOT EXISTS of each venue
// with a sequential scan of inspections, the table this INSERT is filling:
// 44 s instead of 1.2 s for 75,276 venues, hours for a province (make
// bench-generate, its last column). While inspections' statistics count
// fewer rows than a tenth of the venues, sequential scans are turned off for
// the run's transaction, so that the checks use the indexes; the venues are
// then read through an index, which costs a little on that first run only.
func avoidEmptyTableTrap(tx *gorm.DB) error {
	var small bool
	err := tx.Raw(`SELECT i.reltuples >= 0 AND i.reltuples < greatest(1000, v.reltuples / 10)
		FROM pg_class i, pg_class v WHERE i.oid = 'inspections'::regclass AND v.oid = 'venues'::regclass`).Scan(&small).Error
	if err != nil {
		return fmt.Errorf("read table statistics: %w", err)
	}
	if small {
		return tx.Exec("SET LOCAL enable_seqscan = off").Error
	}
	return nil
}
