package schedules

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Two advisory locks order generation against everything else, across
// every process on the database:
//   - generatorLock makes runs take turns (the cron's replicas try it and
//     skip when it is taken; the API and the command line wait for it);
//   - changeLock is taken exclusively by a run, and shared by each
//     transaction that changes levels, the policy or a venue's status (see
//     CancelStale), so that a change never interleaves with a run: either
//     the run sees the change, or the change cancels what the run made.
const (
	generatorLock int64 = 0x6A69757869616F // "jiuxiao"
	changeLock    int64 = 0x6A69757869616F + 1
)

// ErrBusy: another generator holds the lock (only when Options.Wait is false).
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
	Level string `json:"risk_level"`
	Period
}

// Options tune a generation run.
type Options struct {
	// Wait for a running generator to finish (then run, finding little to
	// do) instead of returning ErrBusy at once.
	Wait bool
	// After runs inside the generation's transaction once the inspections
	// are made (the escalation of overdue major hazards hooks in here); its
	// count is reported as Escalated.
	After func(ctx context.Context, tx *gorm.DB, asOf Date) (int64, error)
	// RunBy is the user who asked for the run (nil for cron and the CLI),
	// and RequestID the API request, for the audit rows of what it does.
	RunBy     *uuid.UUID
	RequestID string
	// Today bounds the run: an as-of date past AsOfLimit(Today, the policy's
	// intervals) is refused with an *AsOfError, and what After does by the
	// calendar (escalation) uses Today when asOf is later. Zero: no bound.
	Today Date
}

// AsOfError refuses an as-of date too far ahead.
type AsOfError struct{ AsOf, Limit Date }

func (e *AsOfError) Error() string {
	return fmt.Sprintf("as of %s is too far ahead: a run may prepare at most the next period, up to %s", e.AsOf, e.Limit)
}

// Generate makes sure every active venue has a routine inspection for the
// period of its level's interval that contains asOf (rules 1-4 of the
// contract). It is one INSERT … SELECT in PostgreSQL: venues are never
// loaded into the process, so its memory does not grow with their number.
// An advisory lock makes runs take turns; the unique index on (venue,
// interval, period) makes a doubled task impossible even without it.
func Generate(ctx context.Context, db *gorm.DB, asOf Date, opt Options) (Result, error) {
	start := time.Now()
	res := Result{AsOf: asOf}
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := lock(tx, opt.Wait); err != nil {
			return err
		}
		cancelled, err := sweep(ctx, tx, Who{UserID: opt.RunBy, RequestID: opt.RequestID})
		if err != nil {
			return err
		}
		res.Cancelled = cancelled
		var policy []struct {
			RiskLevel string
			Interval  Interval
		}
		if err := tx.Raw("SELECT risk_level, interval FROM policy ORDER BY risk_level").Scan(&policy).Error; err != nil {
			return fmt.Errorf("read policy: %w", err)
		}
		values, args := "", []any{}
		for i, p := range policy {
			per := PeriodOf(p.Interval, asOf)
			res.Periods = append(res.Periods, LevelPeriod{Level: p.RiskLevel, Period: per})
			if i > 0 {
				values += ", "
			}
			values += "(?, ?, ?::date, ?::date)"
			args = append(args, p.RiskLevel, string(p.Interval), per.Start, per.End)
		}
		if len(policy) == 0 {
			return errors.New("the policy is empty")
		}
		if !opt.Today.IsZero() {
			ivs := make([]Interval, len(policy))
			for i, p := range policy {
				ivs[i] = p.Interval
			}
			if limit := AsOfLimit(opt.Today, ivs); asOf.After(limit) {
				return &AsOfError{AsOf: asOf, Limit: limit}
			}
		}
		if err := avoidEmptyTableTrap(tx); err != nil {
			return err
		}
		// The inspections a run makes are audited by one row for the run
		// (below), not one each: a province's run makes a million. Their
		// created_at is the run's started_at (both are the transaction's
		// now()), which ties each to its run.
		ins := tx.Exec(`
			INSERT INTO inspections (venue_id, grid_id, kind, status, interval, period_start, opens_on, due_date)
			SELECT v.id, v.grid_id, 'routine', 'scheduled', p.interval, p.period_start, p.period_start, p.period_end
			FROM venues v
			JOIN (VALUES `+values+`) AS p (risk_level, interval, period_start, period_end) ON p.risk_level = v.risk_level
			WHERE v.status = 'active'
			  AND NOT EXISTS (SELECT 1 FROM inspections i
			                  WHERE i.venue_id = v.id AND i.kind = 'routine' AND i.status <> 'cancelled'
			                    AND i.interval = p.interval AND i.period_start = p.period_start)
			  AND NOT EXISTS (SELECT 1 FROM inspections i
			                  WHERE i.venue_id = v.id AND i.submitted_on IS NOT NULL
			                    AND i.kind IN ('routine', 'ad_hoc') AND i.status <> 'cancelled'
			                    AND i.submitted_on BETWEEN p.period_start AND p.period_end)
			ON CONFLICT DO NOTHING`, args...)
		if ins.Error != nil {
			return fmt.Errorf("create inspections: %w", ins.Error)
		}
		res.Created = ins.RowsAffected
		var active int64
		if err := tx.Raw("SELECT count(*) FROM venues WHERE status = 'active'").Scan(&active).Error; err != nil {
			return fmt.Errorf("count venues: %w", err)
		}
		res.Skipped = active - res.Created
		if opt.After != nil {
			on := asOf
			if !opt.Today.IsZero() && opt.Today.Before(asOf) {
				on = opt.Today // hazards escalate on the real calendar, not a prepared period's
			}
			n, err := opt.After(ctx, tx, on)
			if err != nil {
				return err
			}
			res.Escalated = n
		}
		res.ElapsedMS = time.Since(start).Milliseconds()
		summary, err := json.Marshal(res)
		if err != nil {
			return err
		}
		// started_at is the transaction's start on the database clock, the
		// clock of the venues' updated_at that the next sweep compares with.
		return tx.Exec(`WITH run AS (
				INSERT INTO schedule_runs (as_of, started_at, finished_at, periods, created, skipped, cancelled, escalated, run_by)
				VALUES (?, now(), clock_timestamp(), (?::jsonb)->'periods', ?, ?, ?, ?, ?)
				RETURNING id
			)
			INSERT INTO audit_log (actor_id, action, entity, entity_id, after, request_id)
			SELECT ?::uuid, 'generate', 'schedule_run', run.id, ?::jsonb, ? FROM run`,
			asOf, string(summary), res.Created, res.Skipped, res.Cancelled, res.Escalated, opt.RunBy,
			opt.RunBy, string(summary), opt.RequestID).Error
	})
	res.Elapsed = time.Since(start)
	res.ElapsedMS = res.Elapsed.Milliseconds()
	return res, err
}

// sweep cancels what rule 2 should have cancelled for venues changed since
// the last run began (all venues when the policy changed since then, or on
// the first run).
func sweep(ctx context.Context, tx *gorm.DB, who Who) (int64, error) {
	var since struct {
		LastRun      *time.Time
		PolicyChange time.Time
	}
	err := tx.Raw(`SELECT (SELECT max(started_at) FROM schedule_runs) AS last_run, (SELECT max(updated_at) FROM policy) AS policy_change`).
		Scan(&since).Error
	if err != nil {
		return 0, fmt.Errorf("read last run: %w", err)
	}
	if since.LastRun == nil || !since.PolicyChange.Before(*since.LastRun) {
		return CancelStale(ctx, tx, who, "found by the generator", "TRUE")
	}
	return CancelStale(ctx, tx, who, "found by the generator", "v.updated_at >= ?", *since.LastRun)
}

// lock takes the generator's transaction-scoped advisory locks: they are
// released with the transaction, on whichever connection that ran.
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
