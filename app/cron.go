package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/go-co-op/gocron/v2"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// startCron runs schedule generation in-process on SCHEDULE_CRON (a
// five-field crontab in TZ), when it is set. Every replica may run the cron:
// the generator's advisory lock lets one of them work and the others skip.
// It returns the function that stops the scheduler.
func startCron(ctx context.Context, cfg Config, db *gorm.DB, m *metrics) (func(), error) {
	if cfg.ScheduleCron == "" {
		return func() {}, nil
	}
	s, err := gocron.NewScheduler(gocron.WithLocation(cfg.Location))
	if err != nil {
		return nil, err
	}
	_, err = s.NewJob(gocron.CronJob(cfg.ScheduleCron, false), gocron.NewTask(func() {
		asOf := schedules.DateIn(cfg.now(), cfg.Location)
		res, err := models.GenerateIfIdle(ctx, db, asOf)
		switch {
		case errors.Is(err, schedules.ErrBusy):
			m.cronRan("skipped")
			slog.Info("schedule generation: another replica is running it; skipped")
		case err != nil:
			m.cronRan("failed")
			slog.Error("schedule generation failed", "error", err)
		default:
			m.cronRan("ok")
			slog.Info("schedule generation", "summary", res.Summary(), "created", res.Created, "skipped", res.Skipped,
				"cancelled", res.Cancelled, "escalated", res.Escalated, "elapsed_ms", res.ElapsedMS)
		}
	}), gocron.WithSingletonMode(gocron.LimitModeReschedule))
	if err != nil {
		return nil, fmt.Errorf("SCHEDULE_CRON %q: %w", cfg.ScheduleCron, err)
	}
	s.Start()
	slog.Info("schedule cron started", "cron", cfg.ScheduleCron, "tz", cfg.TZ)
	return func() { _ = s.Shutdown() }, nil
}
