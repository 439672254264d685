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
func bootstrapCmd(ctx context.Context, cfg app.Config, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("bootstrap", flag.ContinueOnError)
	cityCode := fs.String("city-code", "", "code of the city org unit (letters, digits, - and _)")
	cityName := fs.String("city-name", "", "name of the city, e.g. 聊城市")
	username := fs.String("admin", "admin", "username of the first admin")
	name := fs.String("admin-name", "系统管理员", "display name of the first admin")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cityCode == "" || *cityName == "" {
		return errors.New("usage: jiuxiao bootstrap --city-code CODE --city-name NAME [--admin USERNAME] (password from BOOTSTRAP_PASSWORD or stdin)")
	}
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
	city, _, err := models.CreateOrgUnit(ctx, db, system, models.NewOrgUnit{Kind: vocab.City, Code: *cityCode, Name: *cityName})
	if err != nil {
		return fmt.Errorf("bootstrap: %w", err)
	}
	u, err := models.CreateUser(ctx, db, system, models.NewUser{Username: *username, Name: *name, Role: vocab.Admin,
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
func calendarCmd(ctx context.Context, cfg app.Config, args []string, out io.Writer) error {
	if len(args) != 2 || args[0] != "import" {
		return errors.New("usage: jiuxiao calendar import FILE.json")
	}
	raw, err := os.ReadFile(args[1])
	if err != nil {
		return err
	}
	var f struct {
		Year     int              `json:"year"`
		Holidays []schedules.Date `json:"holidays"`
		Workdays []schedules.Date `json:"workdays"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	db, err := app.OpenDB(cfg)
	if err != nil {
		return err
	}
	cal, err := models.SetCalendar(ctx, db, system, models.CalendarYear{Year: f.Year, Holidays: f.Holidays, Workdays: f.Workdays})
	if err != nil {
		return fmt.Errorf("%s: %w", args[1], err)
	}
	fmt.Fprintf(out, "calendar %d: %d holidays, %d make-up working days\n", cal.Year, len(cal.Holidays), len(cal.Workdays))
	return nil
}

// statsCmd is `jiuxiao stats rebuild`: the per-grid counts behind
// GET /stats/* counted again from the venues, inspections and hazards.
func statsCmd(ctx context.Context, cfg app.Config, args []string, out io.Writer) error {
	if len(args) != 1 || args[0] != "rebuild" {
		return errors.New("usage: jiuxiao stats rebuild")
	}
	db, err := app.OpenDB(cfg)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, "counting venues, inspections and hazards per grid and day (writes wait meanwhile)...")
	start := time.Now()
	rows, err := models.RebuildStats(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "stats rebuilt in %s: %d venue, %d inspection and %d hazard rows\n",
		time.Since(start).Round(time.Millisecond), rows["stats_venues"], rows["stats_inspections"], rows["stats_hazards"])
	return nil
}
