package app

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"strconv"
)

// Serve runs the API until ctx ends (SIGTERM or SIGINT), then stops taking
// connections and lets the requests in flight finish, up to SHUTDOWN_TIMEOUT.
func Serve(ctx context.Context, cfg Config) error {
	db, err := OpenDB(cfg)
	if err != nil {
		return err
	}
	if cfg.MigrateOnStart {
		if err := Migrate(ctx, db, "up", os.Stderr); err != nil {
			return err
		}
	}
	f := New(cfg, db)
	stopCron, err := startCron(ctx, cfg, db)
	if err != nil {
		return err
	}

	errc := make(chan error, 1)
	addr := ":" + strconv.Itoa(cfg.Port)
	go func() { errc <- f.Listen(addr) }()
	slog.Info("serving", "addr", addr, "env", cfg.Env, "tz", cfg.TZ)

	select {
	case err := <-errc:
		return fmt.Errorf("listen: %w", err)
	case <-ctx.Done():
	}
	slog.Info("shutting down", "grace", cfg.ShutdownGrace.String())
	stopCron()
	if err := f.ShutdownWithTimeout(cfg.ShutdownGrace); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
	slog.Info("stopped")
	return nil
}
