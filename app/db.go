package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jiuxiao/jiuxiao/migrations"
	"github.com/jiuxiao/jiuxiao/replica"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// OpenDB connects to PostgreSQL through GORM with a bounded pool. Sessions
// run in the service's time zone so that dates compare as officers see them.
func OpenDB(cfg Config) (*gorm.DB, error) {
	if cfg.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set (make run starts a local PostgreSQL and sets it for you)")
	}
	sqlDB, err := openPool(cfg, "DATABASE_URL", cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	return openGorm(cfg, sqlDB)
}

// openPool opens a bounded pool on url (named by setting in errors).
func openPool(cfg Config, setting, url string) (*sql.DB, error) {
	pgcfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", setting, err)
	}
	pgcfg.RuntimeParams["timezone"] = cfg.TZ
	pgcfg.RuntimeParams["application_name"] = "jiuxiao"
	sqlDB := stdlib.OpenDB(*pgcfg)
	sqlDB.SetMaxOpenConns(cfg.DBMaxConns)
	sqlDB.SetMaxIdleConns(cfg.DBMaxConns)
	sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	sqlDB.SetConnMaxLifetime(time.Hour)
	return sqlDB, nil
}

// openGorm is the service's GORM handle on a connection pool.
func openGorm(cfg Config, pool gorm.ConnPool) (*gorm.DB, error) {
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: pool}), &gorm.Config{
		Logger:                 gormLogger{slow: 500 * time.Millisecond, quiet: cfg.QuietSlowSQL},
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return time.Now().UTC() },
	})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return db, nil
}

// openReplica is the router of the heavy reads when DATABASE_REPLICA_URL is
// set (nil when it is not). The replica's pool opens lazily: a replica
// that is down at start is one the reads wait for, not a failed start.
func openReplica(cfg Config, db *gorm.DB, log *slog.Logger) (*replica.Router, error) {
	if cfg.DatabaseReplicaURL == "" {
		return nil, nil
	}
	pool, err := openPool(cfg, "DATABASE_REPLICA_URL", cfg.DatabaseReplicaURL)
	if err != nil {
		return nil, err
	}
	r, err := replica.New(db, pool, func(p gorm.ConnPool) (*gorm.DB, error) { return openGorm(cfg, p) },
		replica.Options{MaxLag: cfg.ReplicaMaxLag, Interval: cfg.ReplicaCheckInterval, Log: log})
	if err != nil {
		_ = pool.Close()
		return nil, err
	}
	r.Start()
	return r, nil
}

// Migrate applies every migration not yet applied (or, with status, prints
// them) using the SQL files embedded in the binary. goose locks so that two
// replicas starting at once do not migrate twice.
func Migrate(ctx context.Context, db *gorm.DB, command string, out io.Writer) error {
	return migrate(ctx, db, command, out, false)
}

// migrateOnStart is serve's `migrate up`: it says nothing when there was
// nothing to do (make run has just run `jiuxiao migrate up`, which said it).
func migrateOnStart(ctx context.Context, db *gorm.DB, out io.Writer) error {
	return migrate(ctx, db, "up", out, true)
}

func migrate(ctx context.Context, db *gorm.DB, command string, out io.Writer, quietWhenCurrent bool) error {
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, sqlDB, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	switch command {
	case "up":
		results, err := p.Up(ctx)
		for _, r := range results {
			fmt.Fprintf(out, "applied %s (%s)\n", r.Source.Path, r.Duration.Round(time.Millisecond))
		}
		if err != nil {
			return fmt.Errorf("migrate up: %w", err)
		}
		// The figures' counts are by day in the service's zone: a change of
		// TZ since they were counted recounts them (migration 00006).
		var recounted bool
		if err := db.WithContext(ctx).Raw("SELECT stats_use_zone()").Scan(&recounted).Error; err != nil {
			return fmt.Errorf("check the figures' zone: %w", err)
		}
		if recounted {
			fmt.Fprintf(out, "TZ changed: the figures' counts were recounted in %s\n", cfgZone(ctx, db))
		}
		v, err := p.GetDBVersion(ctx)
		if err == nil && (len(results) > 0 || recounted || !quietWhenCurrent) {
			fmt.Fprintf(out, "database at version %d\n", v)
		}
		return err
	case "status":
		st, err := p.Status(ctx)
		if err != nil {
			return fmt.Errorf("migrate status: %w", err)
		}
		for _, s := range st {
			at := "pending"
			if s.State == goose.StateApplied {
				at = "applied " + s.AppliedAt.Format(time.RFC3339)
			}
			fmt.Fprintf(out, "%05d %-40s %s\n", s.Source.Version, s.Source.Path, at)
		}
		return nil
	}
	return fmt.Errorf("migrate: unknown command %q (want up or status)", command)
}

// cfgZone is the session's time zone, as the service set it from TZ.
func cfgZone(ctx context.Context, db *gorm.DB) string {
	var z string
	_ = db.WithContext(ctx).Raw("SELECT current_setting('TimeZone')").Scan(&z).Error
	return z
}
