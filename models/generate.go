package models

import (
	"context"

	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// Generate runs schedule generation as of a date for the actor (the API's
// admin, or the zero Actor for cron and the command line), waiting for a run
// in progress, and escalating overdue major hazards in the same transaction.
func Generate(ctx context.Context, db *gorm.DB, actor Actor, asOf schedules.Date) (schedules.Result, error) {
	return schedules.Generate(ctx, db, asOf, schedules.Options{Wait: true, RunBy: nullID(actor.UserID), After: escalate})
}

// GenerateIfIdle is Generate for the in-process cron: when another replica
// is generating, it returns schedules.ErrBusy at once.
func GenerateIfIdle(ctx context.Context, db *gorm.DB, asOf schedules.Date) (schedules.Result, error) {
	return schedules.Generate(ctx, db, asOf, schedules.Options{After: escalate})
}

// escalate is filled in with hazards.
func escalate(ctx context.Context, tx *gorm.DB, asOf schedules.Date) (int64, error) { return 0, nil }
