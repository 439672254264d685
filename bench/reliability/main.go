// Command reliability is the harness behind `make reliability`: it runs
// Jiuxiao's real binary (bin/jiuxiao) as several replicas on one private
// PostgreSQL cluster, puts them under concurrency, retries, a database
// outage, hostile input, parallel logins, SIGTERM and load, and checks the
// invariants in SQL afterwards. Each subcommand appends one line per check
// to results.jsonl; `report` prints them as the table of
// docs/RELIABILITY.md and exits non-zero when any check failed.
//
// scripts/reliability.sh starts the cluster, builds the binaries and sets
// the environment this command reads:
//
//	JX_ROOT     the repository (for scripts/pg.sh)
//	JX_BIN      the jiuxiao binary
//	JX_PG_DIR   the cluster's folder, JX_PG_PORT its port, JX_PG_MODE and
//	            JX_PG_SPEED the pg_start arguments it was started with
//	JX_OUT      where logs, data and results.jsonl go
//
//	reliability concurrency|retries|outage|hostile|uploads|access|shutdown|load|limits|nginx|standby
//	reliability bare -port N          Fiber's bare JSON handler, for load
//	reliability record -test … -ok …  record a check run elsewhere (fuzz, go test)
//	reliability report                the table; exit 1 on any failure
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const usage = `usage: reliability concurrency|retries|outage|hostile|uploads|access|shutdown|load|limits|nginx|standby|bare|record|report`

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cmd, args := os.Args[1], os.Args[2:]
	switch cmd {
	case "bare":
		exitOn(bare(args))
		return
	case "record":
		exitOn(record(args))
		return
	case "report":
		exitOn(report(args))
		return
	}
	tests := map[string]func(context.Context, *harness) error{
		"concurrency": concurrency,
		"retries":     retries,
		"outage":      outage,
		"hostile":     hostile,
		"uploads":     uploads,
		"access":      access,
		"shutdown":    shutdown,
		"load":        load,
		"limits":      limits,
		"nginx":       nginxStep,
		"standby":     standby,
	}
	run, ok := tests[cmd]
	if !ok {
		fmt.Fprintln(os.Stderr, usage)
		os.Exit(2)
	}
	h, err := newHarness()
	exitOn(err)
	start := time.Now()
	err = run(ctx, h)
	h.stopAll()
	if err != nil {
		// The test could not run to the end: that is a failure too.
		h.record(result{Test: cmd, Fault: "harness", Figure: "did not finish: " + err.Error(), Lost: "?", OK: false})
	}
	h.logf("%s finished in %s", cmd, time.Since(start).Round(time.Second))
	exitOn(err)
}

func exitOn(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "reliability:", err)
		os.Exit(1)
	}
}
