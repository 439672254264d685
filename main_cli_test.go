package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// jiuxiao runs a command line as main does: its exit status, stdout, stderr.
func jiuxiao(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := mainWith(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCLIHelp(t *testing.T) {
	// Ensure every way of asking for help prints usage on stdout and exits 0,
	// without reading the configuration or touching a database.
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
	lines := [][]string{{"--help"}, {"-h"}, {"help"}, {"-help"}}
	for _, c := range commands {
		words := strings.Fields(c.name)
		lines = append(lines, append(append([]string{}, words...), "--help"), append(append([]string{}, words...), "-h"),
			append([]string{"help"}, words...))
		if len(words) == 2 {
			lines = append(lines, []string{words[0], "--help"}, []string{"help", words[0]})
		}
	}
	for _, args := range lines {
		code, out, errOut := jiuxiao(args...)
		if code != 0 || !strings.HasPrefix(out, "usage: jiuxiao") || errOut != "" {
			t.Errorf("jiuxiao %s: exit %d, stdout %q, stderr %q; want 0 with usage on stdout", strings.Join(args, " "), code, out, errOut)
		}
	}
	_, out, _ := jiuxiao("help", "schedule", "generate")
	for _, want := range []string{"--as-of", "--json", "--print-sql"} {
		if !strings.Contains(out, want) {
			t.Errorf("help schedule generate does not mention %s:\n%s", want, out)
		}
	}
	_, out, _ = jiuxiao("help")
	for _, c := range commands {
		if !strings.Contains(out, "  "+c.name) {
			t.Errorf("help does not list %s:\n%s", c.name, out)
		}
	}
}

func TestCLIErrBadCommandLine(t *testing.T) {
	// Ensure a wrong command line exits 2 with the reason and the usage on
	// stderr, before anything runs.
	t.Setenv("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
	cases := []struct {
		args []string
		want string
	}{
		{nil, "no command given"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"schedule"}, "schedule: which command?"},
		{[]string{"schedule", "frob"}, `unknown command "frob"`},
		{[]string{"schedule", "generate", "2027-01-05"}, `unexpected argument "2027-01-05"`},
		{[]string{"schedule", "generate", "--as-of", "2027-01-05", "now"}, `unexpected argument "now"`},
		{[]string{"schedule", "generate", "--nope"}, "flag provided but not defined: -nope"},
		{[]string{"schedule", "generate", "--as-of", "10/05/2026"}, "--as-of"},
		{[]string{"schedule", "generate", "--json", "--print-sql"}, "do not go together"},
		{[]string{"migrate", "up", "down"}, `unexpected argument "down"`},
		{[]string{"migrate"}, "migrate: which command?"},
		{[]string{"calendar", "import"}, "missing FILE.json"},
		{[]string{"calendar", "import", "a.json", "b.json"}, `unexpected argument "b.json"`},
		{[]string{"stats", "rebuild", "now"}, `unexpected argument "now"`},
		{[]string{"seed", "--venues", "many"}, "invalid value"},
		{[]string{"seed", "100"}, `unexpected argument "100"`},
		{[]string{"bootstrap"}, "--city-code and --city-name are required"},
		{[]string{"serve", "now"}, `unexpected argument "now"`},
		{[]string{"version", "2"}, `unexpected argument "2"`},
		{[]string{"help", "frobnicate"}, `no command "frobnicate"`},
	}
	for _, c := range cases {
		code, out, errOut := jiuxiao(c.args...)
		if code != 2 || out != "" || !strings.Contains(errOut, c.want) || !strings.Contains(errOut, "usage: jiuxiao") {
			t.Errorf("jiuxiao %s: exit %d, stdout %q, stderr %q; want 2 with %q and the usage on stderr",
				strings.Join(c.args, " "), code, out, errOut, c.want)
		}
	}
}

func TestCLICommands(t *testing.T) {
	dsn := apptest.NewDB(t)
	t.Setenv("DATABASE_URL", dsn)
	t.Setenv("APP_ENV", "test")
	t.Setenv("LOG_LEVEL", "error")

	t.Run("SeedProgress", func(t *testing.T) {
		// Ensure seed says what it is doing, step by step.
		code, out, errOut := jiuxiao("seed", "--venues", "30")
		if code != 0 {
			t.Fatalf("seed: exit %d: %s", code, errOut)
		}
		for _, want := range []string{"seed: a demo city with 30 venues", "seed: org tree of", "seed: 30 venues (",
			"seed: the national holiday calendars; committing (", "seed: done in"} {
			if !strings.Contains(out, want) {
				t.Errorf("seed does not say %q:\n%s", want, out)
			}
		}
	})
	t.Run("StatsRebuildProgress", func(t *testing.T) {
		// Ensure stats rebuild tells each table as it is counted.
		code, out, errOut := jiuxiao("stats", "rebuild")
		if code != 0 {
			t.Fatalf("stats rebuild: exit %d: %s", code, errOut)
		}
		for _, want := range []string{"stats_venues", "stats_inspections", "stats_hazards", "stats rebuilt in"} {
			if !strings.Contains(out, want) {
				t.Errorf("stats rebuild does not say %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "stats_venues      0 rows") {
			t.Errorf("the seeded venues were not counted:\n%s", out)
		}
	})
	t.Run("ScheduleGenerateJSON", func(t *testing.T) {
		// Ensure --json prints the run as one JSON object and nothing else.
		code, out, errOut := jiuxiao("schedule", "generate", "--as-of", "2026-05-10", "--json")
		if code != 0 {
			t.Fatalf("schedule generate --json: exit %d: %s", code, errOut)
		}
		var res struct {
			AsOf      string `json:"as_of"`
			Created   *int64 `json:"created"`
			Skipped   *int64 `json:"skipped"`
			Cancelled *int64 `json:"cancelled"`
			Escalated *int64 `json:"escalated"`
			Periods   []struct {
				Level string `json:"risk_level"`
			} `json:"periods"`
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("schedule generate --json printed no JSON object (%v): %q", err, out)
		}
		if res.AsOf != "2026-05-10" || res.Created == nil || *res.Created != 30 || res.Skipped == nil || res.Cancelled == nil ||
			res.Escalated == nil || len(res.Periods) != 3 {
			t.Fatalf("schedule generate --json: %s", out)
		}
		if strings.Count(strings.TrimSpace(out), "\n") != 0 {
			t.Fatalf("schedule generate --json printed more than one line: %q", out)
		}
	})
	t.Run("MigrateSaysItsVersion", func(t *testing.T) {
		code, out, _ := jiuxiao("migrate", "up")
		if code != 0 || !strings.Contains(out, "database at version") {
			t.Fatalf("migrate up: exit %d, %q", code, out)
		}
	})
}
