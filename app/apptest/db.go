// Package apptest gives tests a real PostgreSQL database of their own and
// an HTTP client for the whole service. `make test` starts a throwaway
// cluster and sets TEST_DATABASE_URL; each test package migrates one
// template database, and each test gets a fresh clone of it, so tests run
// in parallel without seeing each other's rows.
package apptest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/models"
	"gorm.io/gorm"
)

// Tests hash passwords cheaply; set once, before any test runs.
func init() { models.BcryptCost = 4 }

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// Config is the configuration tests run with: the test database, a fixed
// secret, cheap password hashes.
func Config(t testing.TB, dsn string) app.Config {
	t.Helper()
	cfg, err := app.LoadEnv(map[string]string{
		"DATABASE_URL": dsn,
		"APP_ENV":      "test",
		"JWT_SECRET":   "test-secret-test-secret-test-secret",
		"LOG_LEVEL":    "error",
		"DATA_DIR":     t.TempDir(),
		"DB_MAX_CONNS": "8",
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// HaveCluster reports whether the tests have a PostgreSQL cluster
// (TEST_DATABASE_URL, which `make test` sets).
func HaveCluster() bool { return os.Getenv("TEST_DATABASE_URL") != "" }

// HaveReplica reports whether the cluster has a streaming replica
// (TEST_REPLICA_URL, which `make test` sets).
func HaveReplica() bool { return os.Getenv("TEST_REPLICA_URL") != "" }

// ReplicaURL is the URL of dsn's database on the cluster's streaming
// replica (TEST_REPLICA_URL).
func ReplicaURL(t testing.TB, dsn string) string {
	t.Helper()
	u, err := url.Parse(os.Getenv("TEST_REPLICA_URL"))
	if err != nil || u.String() == "" {
		t.Fatalf("TEST_REPLICA_URL %q: %v", os.Getenv("TEST_REPLICA_URL"), err)
	}
	d, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	return withDB(u, strings.TrimPrefix(d.Path, "/"))
}

// adminURL is the cluster's URL from the environment.
func adminURL(t testing.TB) *url.URL {
	t.Helper()
	raw := os.Getenv("TEST_DATABASE_URL")
	if raw == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a PostgreSQL cluster for them")
	}
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("TEST_DATABASE_URL: %v", err)
	}
	return u
}

func withDB(u *url.URL, name string) string {
	c := *u
	c.Path = "/" + name
	return c.String()
}

func randomName(prefix string) string {
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// NewDB makes a fresh, migrated database for one test and returns its URL;
// it is dropped when the test ends.
func NewDB(t testing.TB) string {
	t.Helper()
	u := adminURL(t)
	admin := openRaw(t, withDB(u, "postgres"))
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(t, u, admin) })
	if templateErr != nil {
		t.Fatalf("template database: %v", templateErr)
	}
	name := randomName("jx_test_")
	if err := admin.Exec(fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName)).Error; err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		_ = admin.Exec(fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name)).Error
		closeDB(admin)
	})
	return withDB(u, name)
}

// makeTemplate creates and migrates this package's template database.
func makeTemplate(t testing.TB, u *url.URL, admin *gorm.DB) (string, error) {
	name := randomName("jx_tpl_")
	if err := admin.Exec("CREATE DATABASE " + name).Error; err != nil {
		return "", err
	}
	cfg := Config(t, withDB(u, name))
	db, err := app.OpenDB(cfg)
	if err != nil {
		return "", err
	}
	defer closeDB(db)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	return name, app.Migrate(ctx, db, "up", io.Discard)
}

func openRaw(t testing.TB, dsn string) *gorm.DB {
	t.Helper()
	cfg := Config(t, dsn)
	cfg.DBMaxConns = 2
	db, err := app.OpenDB(cfg)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	return db
}

func closeDB(db *gorm.DB) {
	if s, err := db.DB(); err == nil {
		_ = s.Close()
	}
}

// DB opens a fresh test database through GORM, closed when the test ends.
func DB(t testing.TB) (*gorm.DB, app.Config) {
	t.Helper()
	dsn := NewDB(t)
	cfg := Config(t, dsn)
	db, err := app.OpenDB(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		checkStats(t, db)
		checkOutbox(t, db)
		closeDB(db)
	})
	return db, cfg
}

// checkStats fails the test when the counts that triggers keep per grid and
// day (the stats_* tables of migration 00006) differ from counting the
// venues, inspections and hazards again, or cannot be recounted: so every
// write of every test checks them.
func checkStats(t testing.TB, db *gorm.DB) {
	t.Helper()
	var diff []string
	err := db.Transaction(func(tx *gorm.DB) error {
		for _, q := range []string{
			"CREATE TEMP TABLE kept_venues ON COMMIT DROP AS SELECT * FROM stats_venues WHERE n <> 0",
			"CREATE TEMP TABLE kept_inspections ON COMMIT DROP AS SELECT * FROM stats_inspections WHERE (due, done, on_time, open, ad_hoc, ad_hoc_done) <> (0, 0, 0, 0, 0, 0)",
			"CREATE TEMP TABLE kept_hazards ON COMMIT DROP AS SELECT * FROM stats_hazards WHERE (found, fixed_on_site, fixed_by_deadline, rectified, verified, open) <> (0, 0, 0, 0, 0, 0)",
			"SELECT stats_rebuild()",
		} {
			if err := tx.Exec(q).Error; err != nil {
				return err
			}
		}
		for _, name := range []string{"venues", "inspections", "hazards"} {
			var rows []string
			err := tx.Raw(fmt.Sprintf(`SELECT 'kept ' || k::text FROM (SELECT * FROM kept_%[1]s EXCEPT SELECT * FROM stats_%[1]s) k
				UNION ALL SELECT 'counted ' || c::text FROM (SELECT * FROM stats_%[1]s EXCEPT SELECT * FROM kept_%[1]s) c`, name)).Scan(&rows).Error
			if err != nil {
				return err
			}
			for _, r := range rows {
				diff = append(diff, "stats_"+name+": "+r)
			}
		}
		return errRollback
	})
	if err != nil && !errors.Is(err, errRollback) {
		t.Errorf("the stats counts could not be recounted: %v", err)
		return
	}
	if len(diff) > 0 {
		t.Errorf("the stats counts kept by triggers differ from a recount:\n%s", strings.Join(diff, "\n"))
	}
}

var errRollback = errors.New("rollback")
