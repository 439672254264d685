package models

import (
	"context"
	"errors"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Generate runs schedule generation as of a date for the actor (an admin,
// or the zero Actor for the command line), waiting for a run in progress.
// An as-of date past schedules.AsOfLimit of today is a ValidationError on
// as_of; a zero today sets no bound (benchmarks, tests of other dates).
func Generate(ctx context.Context, db *gorm.DB, actor Actor, asOf, today schedules.Date) (schedules.Result, error) {
	return generate(ctx, db, actor, asOf, today, true)
}

// GenerateIfIdle is Generate for the in-process cron: when another replica
// is generating, it returns schedules.ErrBusy at once.
func GenerateIfIdle(ctx context.Context, db *gorm.DB, asOf schedules.Date) (schedules.Result, error) {
	return generate(ctx, db, Actor{}, asOf, asOf, false)
}

// generate is one run, in one transaction: the locks, the sweep (rule 2 for
// the venues changed since the last run: level changes, policy changes and
// closing a venue cancel in their own transactions, the sweep catches
// changes made outside the API), the routine inspections, the daily chores
// (escalating overdue major hazards, forgetting Idempotency-Key answers
// older than their 24 hours, kept a day longer), and the run's record with
// one audit row for it.
func generate(ctx context.Context, db *gorm.DB, actor Actor, asOf, today schedules.Date, wait bool) (schedules.Result, error) {
	res := schedules.Result{AsOf: asOf}
	if err := actor.MayGenerate(); err != nil {
		return res, err
	}
	start := time.Now()
	err := db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if err := schedules.Lock(ctx, tx, wait); err != nil {
			return err
		}
		since, err := schedules.SweepSince(ctx, tx)
		if err != nil {
			return err
		}
		venues := allVenues
		if since != nil {
			venues = venuesChangedSince(*since)
		}
		if res.Cancelled, err = cancelStale(ctx, tx, actor, "found by the generator", venues); err != nil {
			return err
		}
		if err := schedules.CreateRoutine(ctx, tx, asOf, today, &res); err != nil {
			var far *schedules.AsOfError
			if errors.As(err, &far) {
				return Invalid("as_of", "must be on or before %s: a run prepares at most the next period", far.Limit)
			}
			return err
		}
		if err := tx.Exec("DELETE FROM idempotency_keys WHERE created_at < now() - interval '48 hours'").Error; err != nil {
			return translate(err, "purge idempotency keys")
		}
		on := asOf
		if !today.IsZero() && today.Before(asOf) {
			on = today // hazards escalate on the real calendar, not a prepared period's
		}
		if res.Escalated, err = escalate(ctx, tx, on, actor); err != nil {
			return err
		}
		if err := notifyDaily(ctx, tx, actor, on); err != nil {
			return err
		}
		res.ElapsedMS = time.Since(start).Milliseconds()
		run, err := schedules.RecordRun(ctx, tx, res, nullID(actor.UserID))
		if err != nil {
			return err
		}
		return audit(ctx, tx, actor, "generate", "schedule_run", run, nil, nil, res)
	})
	res.Elapsed = time.Since(start)
	res.ElapsedMS = res.Elapsed.Milliseconds()
	return res, err
}

// venueSet names the venues whose stale inspections cancelStale cancels:
// one venue, those changed since a time, or (the zero venueSet) all.
type venueSet struct {
	id    *uuid.UUID
	since *time.Time
}

var allVenues = venueSet{}

func oneVenue(id uuid.UUID) venueSet          { return venueSet{id: &id} }
func venuesChangedSince(t time.Time) venueSet { return venueSet{since: &t} }

// cond is the set as a condition on venues v.
func (s venueSet) cond() stmt {
	switch {
	case s.id != nil:
		return sqlOf("v.id = ?", *s.id)
	case s.since != nil:
		return sqlOf("v.updated_at >= ?", *s.since)
	}
	return sqlOf("TRUE")
}

// cancelStale carries out rule 2 for a set of venues: their routine
// inspections still scheduled under an interval that is no longer their
// level's, or of a venue no longer active, are cancelled, each with an
// audit row, in one statement whatever the number of venues. It returns how
// many it cancelled. A level change, a policy change and closing a venue
// call it in their transactions, and generation for the venues changed
// since its last run.
func cancelStale(ctx context.Context, tx *gorm.DB, actor Actor, reason string, venues venueSet) (int64, error) {
	if err := schedules.WaitForRun(ctx, tx); err != nil {
		return 0, err
	}
	// The step scheduled → cancelled of InspectionLife, set-based.
	with := sqlOf(`c AS (
			UPDATE inspections i SET status = 'cancelled', version = i.version + 1, updated_at = now()
			FROM venues v JOIN policy p ON p.risk_level = v.risk_level
			WHERE i.venue_id = v.id AND i.kind = 'routine' AND i.status = 'scheduled'
			  AND (v.status <> 'active' OR i.interval <> p.interval)
			  AND (`)
	with.addStmt(venues.cond()).add(`)
			RETURNING i.id, i.grid_id, i.interval, i.period_start)`)
	rows := sqlOf(`SELECT c.id AS entity_id, c.grid_id,
		       jsonb_build_object('status', 'scheduled', 'interval', c.interval, 'period_start', c.period_start) AS before,
		       jsonb_build_object('status', 'cancelled', 'reason', ?::text) AS after
		FROM c`, reason)
	return auditEach(ctx, tx, actor, ActCancel, "inspection", with, rows)
}
