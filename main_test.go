package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// cli runs the jiuxiao command against a database and returns its output.
func cli(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(args, &out)
	return out.String(), err
}

func TestCommands(t *testing.T) {
	dsn := apptest.NewDB(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("APP_ENV", "test")
	t.Setenv("LOG_LEVEL", "error")
	t.Setenv("BOOTSTRAP_PASSWORD", "a-long-enough-password")

	t.Run("Version", func(t *testing.T) {
		out, err := cli(t, "version")
		if err != nil || !strings.HasPrefix(out, "jiuxiao ") {
			t.Fatalf("version: %q, %v", out, err)
		}
	})
	t.Run("MigrateStatus", func(t *testing.T) {
		out, err := cli(t, "migrate", "status")
		if err != nil || !strings.Contains(out, "00001_foundation.sql") || strings.Contains(out, "pending") {
			t.Fatalf("migrate status: %q, %v", out, err)
		}
	})
	t.Run("Bootstrap", func(t *testing.T) {
		// Ensure the first city and admin of a real deployment are made once.
		out, err := cli(t, "bootstrap", "--city-code", "lc", "--city-name", "聊城市", "--admin", "chief")
		if err != nil || !strings.Contains(out, "admin chief") {
			t.Fatalf("bootstrap: %q, %v", out, err)
		}
		if _, err := cli(t, "bootstrap", "--city-code", "other", "--city-name", "某市"); err == nil {
			t.Fatal("a second bootstrap was allowed")
		}
	})
	t.Run("CalendarImport", func(t *testing.T) {
		f := filepath.Join(t.TempDir(), "cal.json")
		if err := os.WriteFile(f, []byte(`{"year": 2027, "holidays": ["2027-01-01"], "workdays": ["2027-01-09"]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		out, err := cli(t, "calendar", "import", f)
		if err != nil || !strings.Contains(out, "1 holidays, 1 make-up") {
			t.Fatalf("calendar import: %q, %v", out, err)
		}
		if err := os.WriteFile(f, []byte(`{"year": 2027, "holidays": [], "workdays": ["2027-01-06"]}`), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := cli(t, "calendar", "import", f); err == nil {
			t.Fatal("a make-up working day on a Wednesday was accepted")
		}
	})
	t.Run("ScheduleGenerate", func(t *testing.T) {
		out, err := cli(t, "schedule", "generate", "--as-of", "2026-05-10")
		if err != nil || !strings.Contains(out, "created 0, skipped 0") || !strings.Contains(out, "2026-05-01 .. 2026-05-31") {
			t.Fatalf("schedule generate: %q, %v", out, err)
		}
		if _, err := cli(t, "schedule", "generate", "--as-of", "10/05/2026"); err == nil {
			t.Fatal("a bad date was accepted")
		}
	})
	t.Run("SeedIfEmpty", func(t *testing.T) {
		out, err := cli(t, "seed", "--if-empty")
		if err != nil || !strings.Contains(out, "nothing seeded") {
			t.Fatalf("seed --if-empty on a database with users: %q, %v", out, err)
		}
	})
	t.Run("StatsRebuild", func(t *testing.T) {
		db, err := app.OpenDB(apptest.Config(t, dsn))
		if err != nil {
			t.Fatal(err)
		}
		// Counts that drifted (here: a grid that does not exist) are counted again.
		if err := db.Exec(`INSERT INTO stats_venues VALUES (gen_random_uuid(), 'red', 'shop', 5)`).Error; err != nil {
			t.Fatal(err)
		}
		out, err := cli(t, "stats", "rebuild")
		if err != nil || !strings.Contains(out, "stats rebuilt in") || !strings.Contains(out, ": 0 venue, 0 inspection and 0 hazard rows") {
			t.Fatalf("stats rebuild: %q, %v", out, err)
		}
		var n int64
		if err := db.Raw("SELECT count(*) FROM stats_venues").Scan(&n).Error; err != nil || n != 0 {
			t.Fatalf("stats_venues after the rebuild: %d rows, %v", n, err)
		}
		if _, err := cli(t, "stats", "recount"); err == nil {
			t.Fatal("stats recount was accepted")
		}
	})
	t.Run("MigrateRecountsWhenTZChanges", func(t *testing.T) {
		db, err := app.OpenDB(apptest.Config(t, dsn))
		if err != nil {
			t.Fatal(err)
		}
		zone := func() string {
			var z string
			if err := db.Raw("SELECT zone FROM stats_zone").Scan(&z).Error; err != nil {
				t.Fatal(err)
			}
			return z
		}
		before := zone()
		t.Setenv("TZ", "Asia/Urumqi")
		out, err := cli(t, "migrate", "up")
		if err != nil || !strings.Contains(out, "TZ changed: the figures' counts were recounted in Asia/Urumqi") || zone() != "Asia/Urumqi" {
			t.Fatalf("migrate up with another TZ (was %s): %q, %v; zone now %s", before, out, err, zone())
		}
		if out, err := cli(t, "migrate", "up"); err != nil || strings.Contains(out, "TZ changed") {
			t.Fatalf("migrate up again with the same TZ: %q, %v", out, err)
		}
	})
	t.Run("ErrUnknownCommand", func(t *testing.T) {
		if _, err := cli(t, "frobnicate"); err == nil {
			t.Fatal("an unknown command succeeded")
		}
	})
}
