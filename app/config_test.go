package app_test

import (
	"context"
	"runtime"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
)

func TestServeRefusesWeakSecret(t *testing.T) {
	// Ensure serve refuses the example JWT_SECRET, or one under 32 bytes,
	// unless APP_ENV=development is chosen explicitly: with APP_ENV unset
	// it stops before it opens the database.
	for _, tc := range []struct {
		name string
		vars map[string]string
		ok   bool
	}{
		{"UnsetExample", map[string]string{}, false},
		{"UnsetShort", map[string]string{"JWT_SECRET": strings.Repeat("k", 31)}, false},
		{"TestExample", map[string]string{"APP_ENV": "test"}, false},
		{"UnsetLong", map[string]string{"JWT_SECRET": strings.Repeat("k", 32)}, true},
		{"Development", map[string]string{"APP_ENV": "development"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := app.LoadEnv(tc.vars)
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.CheckSecret(); (err == nil) != tc.ok {
				t.Fatalf("CheckSecret = %v, want ok=%v", err, tc.ok)
			}
			if tc.ok {
				return
			}
			// No DATABASE_URL either: serve must stop on the secret first.
			err = app.Serve(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), "JWT_SECRET") {
				t.Fatalf("serve = %v, want a JWT_SECRET error", err)
			}
		})
	}
	if _, err := app.LoadEnv(map[string]string{"APP_ENV": "staging"}); err == nil {
		t.Fatal("APP_ENV=staging was accepted")
	}
}

func TestConfigBounds(t *testing.T) {
	// Ensure token lifetimes above the cap and non-positive read timeouts
	// are refused when the configuration loads.
	for _, vars := range []map[string]string{
		{"ACCESS_TOKEN_TTL": "61m"},
		{"READ_TIMEOUT": "0s"},
		{"MAX_CONNS_PER_IP": "-1"},
		{"DB_MAX_CONNS": "-1"},
		{"REPLICA_MAX_LAG": "0s"},
		{"DATABASE_URL": "postgres://a@b/c", "DATABASE_REPLICA_URL": "postgres://a@b/c"},
	} {
		if _, err := app.LoadEnv(vars); err == nil {
			t.Errorf("%v was accepted", vars)
		}
	}
}

func TestDBConnsDefault(t *testing.T) {
	// Ensure the pool is sized to the processors unless DB_MAX_CONNS says
	// otherwise: twice GOMAXPROCS, never fewer than 4.
	for _, tc := range []struct {
		procs int
		vars  map[string]string
		want  int
	}{
		{1, map[string]string{}, 4},
		{2, map[string]string{}, 4},
		{2, map[string]string{"DB_MAX_CONNS": ""}, 4},
		{3, map[string]string{}, 6},
		{8, map[string]string{}, 16},
		{2, map[string]string{"DB_MAX_CONNS": "2"}, 2},
		{8, map[string]string{"DB_MAX_CONNS": "40"}, 40},
	} {
		prev := runtime.GOMAXPROCS(tc.procs)
		cfg, err := app.LoadEnv(tc.vars)
		runtime.GOMAXPROCS(prev)
		if err != nil {
			t.Fatal(err)
		}
		if cfg.DBMaxConns != tc.want {
			t.Errorf("GOMAXPROCS=%d %v: DB_MAX_CONNS %d, want %d", tc.procs, tc.vars, cfg.DBMaxConns, tc.want)
		}
	}
}
