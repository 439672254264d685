package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/jiuxiao/jiuxiao/models"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"gorm.io/gorm"
)

// Serve runs the API until ctx ends (SIGTERM or SIGINT), then stops taking
// connections and lets the requests in flight finish, up to SHUTDOWN_TIMEOUT.
func Serve(ctx context.Context, cfg Config) error {
	if err := cfg.CheckSecret(); err != nil {
		return err
	}
	db, err := OpenDB(cfg)
	if err != nil {
		return err
	}
	if cfg.MigrateOnStart {
		if err := migrateOnStart(ctx, db, os.Stderr); err != nil {
			return err
		}
	}
	f, m, auth := build(cfg, db)
	stopCron, err := startCron(ctx, cfg, db, m)
	if err != nil {
		return err
	}
	purgeCtx, stopPurge := context.WithCancel(ctx)
	defer stopPurge()
	go purgeAuth(purgeCtx, cfg, db)
	go keepSessions(purgeCtx, auth, db)
	stopDispatch := startDispatcher(context.WithoutCancel(ctx), cfg, db, m.outbox)

	addr := ":" + strconv.Itoa(cfg.Port)
	ln, err := net.Listen("tcp4", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	errc := make(chan error, 2)
	go func() { errc <- f.Listener(Listener(ln, cfg)) }()
	var metricsSrv *http.Server
	switch {
	case cfg.MetricsAddr != "":
		metricsSrv = &http.Server{Addr: cfg.MetricsAddr, ReadHeaderTimeout: 5 * time.Second,
			Handler: promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})}
		go func() {
			if err := metricsSrv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
				errc <- fmt.Errorf("metrics: %w", err)
			}
		}()
	case cfg.MetricsToken == "" && cfg.Env != "development" && cfg.Env != "test":
		slog.Warn("no /metrics: set METRICS_ADDR (a listener of their own) or METRICS_TOKEN (a bearer token)")
	}
	slog.Info("serving", "addr", addr, "env", cfg.Env, "tz", cfg.TZ, "metrics_addr", cfg.MetricsAddr)

	select {
	case err := <-errc:
		return fmt.Errorf("listen: %w", err)
	case <-ctx.Done():
	}
	slog.Info("shutting down", "grace", cfg.ShutdownGrace.String())
	stopCron()
	stopPurge()
	if metricsSrv != nil {
		_ = metricsSrv.Close()
	}
	err = f.ShutdownWithTimeout(cfg.ShutdownGrace)
	stopDispatch() // after the requests, whose events it may send; a delivery ends within WEBHOOK_TIMEOUT
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if sqlDB, err := db.DB(); err == nil {
		_ = sqlDB.Close()
	}
	slog.Info("stopped")
	return nil
}

// keepSessions reads again, every models.SessionRefresh and in one
// statement, the sessions this replica's users are using, so that their
// requests find them fresh (Auth.RefreshSessions).
func keepSessions(ctx context.Context, auth *models.Auth, db *gorm.DB) {
	t := time.NewTicker(models.SessionRefresh)
	defer t.Stop()
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		err := auth.RefreshSessions(ctx, db)
		switch {
		case err != nil && ctx.Err() == nil && !failing:
			// Requests read their sessions themselves meanwhile.
			slog.Warn("refresh of the sessions failed", "error", err)
			failing = true
		case err == nil && failing:
			slog.Info("refresh of the sessions works again")
			failing = false
		}
	}
}

// purgeAuth deletes spent login counters and expired refresh tokens every
// LOGIN_WINDOW (at most every ten minutes), on every replica: a cheap
// statement on an index.
func purgeAuth(ctx context.Context, cfg Config, db *gorm.DB) {
	every := min(max(cfg.LoginWindow, time.Minute), 10*time.Minute)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		// The public reports' counters share the table: kept for the longer window.
		attempts, tokens, err := models.PurgeAuth(ctx, db, max(cfg.LoginWindow, cfg.PublicReportWindow))
		if err != nil && ctx.Err() == nil {
			slog.Warn("purge of login attempts failed", "error", err)
		} else if attempts+tokens > 0 {
			slog.Debug("purged", "login_attempts", attempts, "refresh_tokens", tokens)
		}
	}
}
