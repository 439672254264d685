// Command jiuxiao is the Jiuxiao service: the HTTP API for grid-based
// fire-safety inspection of small venues, its migrations, its scheduler and
// its demo seed.
//
//	jiuxiao serve                     serve the API (migrates first unless MIGRATE_ON_START=false)
//	jiuxiao migrate up|status         apply or list the schema migrations
//	jiuxiao schedule generate [--as-of YYYY-MM-DD] [--print-sql]
//	jiuxiao seed [--venues N] [--if-empty]
//	jiuxiao bootstrap --city-code CODE --city-name NAME [--admin USERNAME]
//	jiuxiao calendar import FILE.json
//	jiuxiao version
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/seed"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

const usage = `usage: jiuxiao <command>

commands:
  serve                                serve the HTTP API
  migrate up|status                    apply or list schema migrations
  schedule generate [--as-of DATE] [--print-sql]
                                       create the routine inspections due (DATE as YYYY-MM-DD, default today in TZ);
                                       --print-sql prints the statement instead of running it
  seed [--venues N] [--if-empty]       create a demo city (N venues, default 2000)
  bootstrap --city-code C --city-name N [--admin U]
                                       the first city and admin of a real deployment (password from BOOTSTRAP_PASSWORD or stdin)
  calendar import FILE.json            load a year's holidays and make-up working days
  stats rebuild                        count the figures' per-grid tables again
  version                              print the version
`

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "jiuxiao:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("no command given")
	}
	if args[0] == "version" {
		fmt.Fprintln(out, "jiuxiao", version)
		return nil
	}
	cfg, err := app.Load()
	if err != nil {
		return err
	}
	log := app.NewLogger(cfg.LogLevel)
	slog.SetDefault(log)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	switch args[0] {
	case "serve":
		return app.Serve(ctx, cfg)
	case "migrate":
		if len(args) != 2 {
			return errors.New("usage: jiuxiao migrate up|status")
		}
		db, err := app.OpenDB(cfg)
		if err != nil {
			return err
		}
		return app.Migrate(ctx, db, args[1], out)
	case "schedule":
		return scheduleCmd(ctx, cfg, args[1:], out)
	case "bootstrap":
		return bootstrapCmd(ctx, cfg, args[1:], out)
	case "calendar":
		return calendarCmd(ctx, cfg, args[1:], out)
	case "stats":
		return statsCmd(ctx, cfg, args[1:], out)
	case "seed":
		fs := flag.NewFlagSet("seed", flag.ContinueOnError)
		venues := fs.Int("venues", 2000, "number of demo venues")
		ifEmpty := fs.Bool("if-empty", false, "do nothing when the database already has users")
		if err := fs.Parse(args[1:]); err != nil {
			return err
		}
		db, err := app.OpenDB(cfg)
		if err != nil {
			return err
		}
		return seed.Run(ctx, db, seed.Options{Venues: *venues, IfEmpty: *ifEmpty, Password: cfg.SeedPassword, Location: cfg.Location}, out)
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
