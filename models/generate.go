package models

import (
	"context"
	"errors"

	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Generate runs schedule generation as of a date for the actor (the API's
// admin, or the zero Actor for cron and the command line), waiting for a run
// in progress, and escalating overdue major hazards in the same transaction.
// An as-of date past schedules.AsOfLimit of today is a ValidationError on
// as_of; a zero today sets no bound (benchmarks, tests of other dates).
func Generate(ctx context.Context, db *gorm.DB, actor Actor, asOf, today schedules.Date) (schedules.Result, error) {
	res, err := schedules.Generate(ctx, db, asOf, schedules.Options{Wait: true, RunBy: nullID(actor.UserID), RequestID: actor.RequestID,
		After: dailyChores(actor), Today: today})
	var far *schedules.AsOfError
	if errors.As(err, &far) {
		return res, Invalid("as_of", "must be on or before %s: a run prepares at most the next period", far.Limit)
	}
	return res, err
}

// GenerateIfIdle is Generate for the in-process cron: when another replica
// is generating, it returns schedules.ErrBusy at once.
func GenerateIfIdle(ctx context.Context, db *gorm.DB, asOf schedules.Date) (schedules.Result, error) {
	return schedules.Generate(ctx, db, asOf, schedules.Options{After: dailyChores(Actor{}), Today: asOf})
}

// dailyChores is what a generation run by actor does besides making
// inspections: escalate overdue major hazards (the audit rows name the
// actor and their request), and forget Idempotency-Key responses older
// than their 24 hours (kept a day longer).
func dailyChores(actor Actor) func(ctx context.Context, tx *gorm.DB, asOf schedules.Date) (int64, error) {
	return func(ctx context.Context, tx *gorm.DB, asOf schedules.Date) (int64, error) {
		if err := tx.WithContext(ctx).Exec("DELETE FROM idempotency_keys WHERE created_at < now() - interval '48 hours'").Error; err != nil {
			return 0, translate(err, "purge idempotency keys")
		}
		return escalate(ctx, tx, asOf, actor)
	}
}
