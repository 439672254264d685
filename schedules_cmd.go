package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// scheduleCmd is `jiuxiao schedule generate [--as-of YYYY-MM-DD] [--json | --print-sql]`.
func scheduleCmd(fs *flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	asOfFlag := fs.String("as-of", "", "the `date` to generate for, YYYY-MM-DD (default: today in TZ)")
	printSQL := fs.Bool("print-sql", false, "print the statement that makes the inspections, with its arguments written in, and run nothing")
	asJSON := fs.Bool("json", false, "print the result as one JSON object (as POST /schedules/generate answers), nothing else")
	return func(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
		if *printSQL && *asJSON {
			return badArgs("schedule generate: --json and --print-sql do not go together")
		}
		today := schedules.DateIn(time.Now(), cfg.Location)
		asOf := today
		if *asOfFlag != "" {
			d, err := schedules.ParseDate(*asOfFlag)
			if err != nil {
				return badArgs("schedule generate: --as-of: %v", err)
			}
			asOf = d
		}
		db, err := app.OpenDB(cfg)
		if err != nil {
			return err
		}
		if *printSQL {
			r, err := schedules.RoutineAsOf(ctx, db, asOf)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(out, r.Literal(db))
			return err
		}
		if !*asJSON {
			fmt.Fprintf(out, "generating routine inspections as of %s …\n", asOf)
		}
		res, err := models.Generate(ctx, db, models.Actor{}, asOf, today)
		if err != nil {
			return err
		}
		if *asJSON {
			enc := json.NewEncoder(out)
			return enc.Encode(res)
		}
		for _, p := range res.Periods {
			fmt.Fprintf(out, "  %-6s %-11s %s .. %s\n", p.Level, p.Interval, p.Start, p.End)
		}
		fmt.Fprintf(out, "created %d, skipped %d, cancelled %d, escalated %d, elapsed %s\n",
			res.Created, res.Skipped, res.Cancelled, res.Escalated, res.Elapsed.Round(1e6))
		return nil
	}
}
