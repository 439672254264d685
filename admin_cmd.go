package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// system is the actor of changes made from the command line: an admin
// with no account, recorded as such in the audit trail.
var system = models.Actor{Role: vocab.Admin, RequestID: "cli"}

// bootstrapCmd is `jiuxiao bootstrap`: the first city and its first admin
// on an empty database, for a real deployment (the demo has `seed`). The
// password is read from BOOTSTRAP_PASSWORD, or from standard input.
func bootstrapCmd(fs *flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	cityCode := fs.String("city-code", "", "`code` of the city org unit (letters, digits, - and _)")
	cityName := fs.String("city-name", "", "`name` of the city, e.g. 聊城市")
	username := fs.String("admin", "admin", "`username` of the first admin")
	name := fs.String("admin-name", "系统管理员", "display `name` of the first admin")
	return func(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
		if *cityCode == "" || *cityName == "" {
			return badArgs("bootstrap: --city-code and --city-name are required")
		}
		return bootstrap(ctx, cfg, *cityCode, *cityName, *username, *name, out)
	}
}

func bootstrap(ctx context.Context, cfg app.Config, cityCode, cityName, username, name string, out io.Writer) error {
	password := os.Getenv("BOOTSTRAP_PASSWORD")
	if password == "" {
		fmt.Fprint(out, "password for the first admin: ")
		line, err := bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && line == "" {
			return fmt.Errorf("read password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
	}
	db, err := app.OpenDB(cfg)
	if err != nil {
		return err
	}
	var users int64
	if err := db.WithContext(ctx).Table("users").Count(&users).Error; err != nil {
		return err
	}
	if users > 0 {
		return errors.New("bootstrap: the database has users already; manage them through the API")
	}
	city, _, err := models.CreateOrgUnit(ctx, db, system, models.NewOrgUnit{Kind: vocab.City, Code: cityCode, Name: cityName})
	if err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	u, err := models.CreateUser(ctx, db, system, models.NewUser{Username: username, Name: name, Role: vocab.Admin,
		OrgUnitID: city.ID, Password: password})
	if err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	fmt.Fprintf(out, "created city %s (%s) and admin %s (%s)\n", city.Name, city.ID, u.Username, u.ID)
	return nil
}

// calendarCmd is `jiuxiao calendar import FILE`: a year's holidays and
// make-up working days, in the JSON form of seed/data/cn-holidays-*.json
// ({"year", "holidays": [dates], "workdays": [dates]}).
func calendarCmd(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	return func(ctx context.Context, cfg app.Config, args []string, out io.Writer) error {
		return importCalendar(ctx, cfg, args[0], out)
	}
}

func importCalendar(ctx context.Context, cfg app.Config, file string, out io.Writer) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var f struct {
		Year     int              `json:"year"`
		Holidays []schedules.Date `json:"holidays"`
		Workdays []schedules.Date `json:"workdays"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	db, err := app.OpenDB(cfg)
	if err != nil {
		return err
	}
	cal, err := models.SetCalendar(ctx, db, system, models.CalendarYear{Year: f.Year, Holidays: f.Holidays, Workdays: f.Workdays})
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	fmt.Fprintf(out, "calendar %d: %d holidays, %d make-up working days\n", cal.Year, len(cal.Holidays), len(cal.Workdays))
	return nil
}

// statsCmd is `jiuxiao stats rebuild`: the per-grid counts behind
// GET /stats/* counted again from the venues, inspections and hazards.
func statsCmd(*flag.FlagSet) func(context.Context, app.Config, []string, io.Writer) error {
	return rebuildStats
}

func rebuildStats(ctx context.Context, cfg app.Config, _ []string, out io.Writer) error {
	db, err := app.OpenDB(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "counting venues, inspections and hazards per grid and day (writes wait meanwhile)...")
	start := time.Now()
	rows, err := models.RebuildStats(ctx, db, func(table string, n int64) {
		fmt.Fprintf(out, "  %-17s %d rows (%s)\n", table, n, time.Since(start).Round(time.Millisecond))
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "stats rebuilt in %s: %d venue, %d inspection and %d hazard rows\n",
		time.Since(start).Round(time.Millisecond), rows["stats_venues"], rows["stats_inspections"], rows["stats_hazards"])
	return nil
}
