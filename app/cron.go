package app

import (
	"context"

	"gorm.io/gorm"
)

// startCron is filled in by the scheduler.
func startCron(ctx context.Context, cfg Config, db *gorm.DB) (func(), error) { return func() {}, nil }
