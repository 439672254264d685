package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The policy (intervals per level) and the working-day calendar, and what
// changing them does to scheduled inspections.

func TestSchedulePolicy(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	green1 := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
	green2 := e.VenueID(t, "dcf-2-g1", "risk_level", "green")
	red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	e.Generate(t, "2026-05-10")
	defaults := map[string]any{"red": "monthly", "yellow": "quarterly", "green": "half_yearly"}

	t.Run("OK/Get", func(t *testing.T) {
		// Ensure everyone reads the default policy.
		for _, as := range []string{"admin", "sup-dcf-1", "off-dcf-1-g1"} {
			p := e.Get(as, "/api/v1/policy").Must(t, http.StatusOK).Map(t)
			for k, v := range defaults {
				if p[k] != v {
					t.Fatalf("%s reads %s = %v, want %v", as, k, p[k], v)
				}
			}
		}
	})
	for _, tc := range []struct {
		name   string
		as     string
		body   any
		status int
		field  string
	}{
		{"ErrOfficer", "off-dcf-1-g1", apptest.With(defaults, "green", "quarterly"), http.StatusForbidden, ""},
		{"ErrSupervisor", "sup-lc", apptest.With(defaults, "green", "quarterly"), http.StatusForbidden, ""},
		{"ErrInterval", "admin", apptest.With(defaults, "green", "weekly"), http.StatusUnprocessableEntity, "green"},
		{"ErrIntervalCase", "admin", apptest.With(defaults, "red", "Monthly"), http.StatusUnprocessableEntity, "red"},
		{"ErrMissing", "admin", apptest.With(defaults, "yellow", nil), http.StatusUnprocessableEntity, "yellow"},
		{"ErrUnknownLevel", "admin", apptest.With(defaults, "orange", "monthly"), http.StatusUnprocessableEntity, "orange"},
		{"ErrType", "admin", apptest.With(defaults, "red", 1), http.StatusUnprocessableEntity, "red"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a refused policy changes nothing and cancels nothing.
			before := rowCounts(t, e, "audit_log", "inspections")
			r := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/policy", As: tc.as, Body: tc.body})
			wantProblem(t, r, tc.status, tc.field)
			sameCounts(t, e, before)
			p := e.Get("admin", "/api/v1/policy").Must(t, http.StatusOK).Map(t)
			apptest.Fields(t, "policy", p, map[string]any{"green": "half_yearly", "red": "monthly", "yellow": "quarterly"})
			schedOpenTask(t, e, green1)
		})
	}
	t.Run("OK/Same", func(t *testing.T) {
		// Ensure putting the same policy cancels nothing.
		p := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/policy", As: "admin", Body: defaults}).Must(t, http.StatusOK).Map(t)
		if p["cancelled"] != float64(0) {
			t.Fatalf("policy = %v", p)
		}
		schedOpenTask(t, e, green1)
	})
	t.Run("OK/GreenQuarterly", func(t *testing.T) {
		// Ensure green going quarterly cancels the scheduled half-year
		// tasks of every green venue, and the next run makes quarterly ones.
		p := e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/policy", As: "admin", Body: apptest.With(defaults, "green", "quarterly")}).
			Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "policy", p, map[string]any{"green": "quarterly", "red": "monthly", "cancelled": float64(2)})
		if g := e.Get("off-dcf-1-g1", "/api/v1/policy").Must(t, http.StatusOK).Map(t); g["green"] != "quarterly" {
			t.Fatalf("policy read back = %v", g)
		}
		for _, v := range []string{green1, green2} {
			schedWantTasks(t, e, v, "routine cancelled half_yearly 2026-01-01..2026-06-30")
		}
		schedOpenTask(t, e, red)
		r := e.Generate(t, "2026-05-10")
		schedWantRun(t, r, 2, 1, 0)
		if got := r.Period("green"); got != "quarterly 2026-04-01..2026-06-30" {
			t.Fatalf("green period %s", got)
		}
		for _, v := range []string{green1, green2} {
			schedWantTasks(t, e, v, "routine cancelled half_yearly 2026-01-01..2026-06-30", "routine scheduled quarterly 2026-04-01..2026-06-30")
		}
	})
	t.Run("OK/SameInterval", func(t *testing.T) {
		// Ensure a level change between levels of the same interval (yellow
		// and green are both quarterly now) keeps the task.
		if e.Get("admin", "/api/v1/policy").Must(t, http.StatusOK).Map(t)["green"] != "quarterly" { // as OK/GreenQuarterly leaves it
			e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/policy", As: "admin", Body: apptest.With(defaults, "green", "quarterly")}).Must(t, http.StatusOK)
			e.Generate(t, "2026-05-10")
		}
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 1, 3, 0)
		schedReclassify(t, e, "admin", v, "green", "复核降级")
		schedWantTasks(t, e, v, "routine scheduled quarterly 2026-04-01..2026-06-30")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 0, 4, 0)
	})
	t.Run("ErrNoToken", func(t *testing.T) {
		wantProblem(t, e.Get("", "/api/v1/policy"), http.StatusUnauthorized, "")
	})
	t.Run("OK/NFPA", func(t *testing.T) {
		// Ensure the long intervals give yearly, 2- and 3-year periods
		// aligned to years divisible by 2 and 3. Its own service: four
		// venues with their tasks of the default policy.
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
		red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
		for _, grid := range []string{"dcf-1-g1", "dcf-2-g1", "dcf-1-g2"} {
			e.VenueID(t, grid, "risk_level", "green")
		}
		e.Generate(t, "2026-05-10")
		e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/policy", As: "admin",
			Body: map[string]string{"red": "yearly", "yellow": "biennial", "green": "triennial"}}).Must(t, http.StatusOK)
		r := e.Generate(t, "2026-05-10")
		for level, want := range map[string]string{
			"red": "yearly 2026-01-01..2026-12-31", "yellow": "biennial 2026-01-01..2027-12-31", "green": "triennial 2025-01-01..2027-12-31",
		} {
			if got := r.Period(level); got != want {
				t.Errorf("%s period %s, want %s", level, got, want)
			}
		}
		schedWantRun(t, r, 4, 0, 0)
		schedWantTasks(t, e, red, "routine cancelled monthly 2026-05-01..2026-05-31", "routine scheduled yearly 2026-01-01..2026-12-31")
	})
}

func TestScheduleCalendar(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	put := func(as, year string, body any) *apptest.Response {
		return e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/calendar/" + year, As: as, Body: body})
	}
	type calendar struct {
		Year     int      `json:"year"`
		Holidays []string `json:"holidays"`
		Workdays []string `json:"workdays"`
	}

	t.Run("OK/Seeded", func(t *testing.T) {
		// Ensure the 2026 national schedule is shipped and anyone reads it.
		var c calendar
		e.Get("off-dcf-1-g1", "/api/v1/calendar/2026").Must(t, http.StatusOK).JSON(t, &c)
		apptest.Equal(t, "calendar: c.Year", c.Year, 2026)
		apptest.True(t, "calendar: slices.Contains(c.Holidays, \"2026-10-01\")", slices.Contains(c.Holidays, "2026-10-01"))
		apptest.True(t, "calendar: slices.Contains(c.Holidays, \"2026-02-17\")", slices.Contains(c.Holidays, "2026-02-17"))
		apptest.True(t, "calendar: len(c.Workdays) is not 0", len(c.Workdays) != 0, len(c.Workdays))
		for _, d := range c.Workdays {
			day, _ := time.Parse("2006-01-02", d)
			if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
				t.Errorf("make-up day %s is a %s", d, wd)
			}
		}
	})
	t.Run("OK/EmptyYear", func(t *testing.T) {
		// Ensure a year nobody has set answers empty lists, not null.
		m := e.Get("admin", "/api/v1/calendar/2031").Must(t, http.StatusOK).Map(t)
		if h, ok := m["holidays"].([]any); !ok || len(h) != 0 {
			t.Fatalf("calendar = %v", m)
		}
		if w, ok := m["workdays"].([]any); !ok || len(w) != 0 {
			t.Fatalf("calendar = %v", m)
		}
	})
	// 2027-02-06 is a Saturday, 2027-02-10 a Wednesday.
	if time.Date(2027, 2, 6, 0, 0, 0, 0, time.UTC).Weekday() != time.Saturday {
		t.Fatal("2027-02-06 is not a Saturday")
	}
	good := map[string]any{"holidays": []string{"2027-02-10", "2027-01-01"}, "workdays": []string{"2027-02-06"}}
	t.Run("OK/Put", func(t *testing.T) {
		// Ensure an admin replaces a year, read back in date order.
		var c calendar
		put("admin", "2027", good).Must(t, http.StatusOK).JSON(t, &c)
		want := calendar{Year: 2027, Holidays: []string{"2027-01-01", "2027-02-10"}, Workdays: []string{"2027-02-06"}}
		var read calendar
		e.Get("sup-dcf-1", "/api/v1/calendar/2027").Must(t, http.StatusOK).JSON(t, &read)
		for _, got := range []calendar{c, read} {
			if got.Year != want.Year || !slices.Equal(got.Holidays, want.Holidays) || !slices.Equal(got.Workdays, want.Workdays) {
				t.Fatalf("calendar = %+v, want %+v", got, want)
			}
		}
		// Ensure another year is untouched.
		var c26 calendar
		e.Get("admin", "/api/v1/calendar/2026").Must(t, http.StatusOK).JSON(t, &c26)
		if !slices.Contains(c26.Holidays, "2026-10-01") {
			t.Fatalf("2026 = %+v", c26)
		}
	})
	t.Run("ErrNotADate", func(t *testing.T) {
		// Ensure a string that is not a date is a 422 naming the list.
		before := rowCounts(t, e, "calendar_days", "audit_log")
		p := wantProblem(t, put("admin", "2027", apptest.With(good, "holidays", []string{"2027-01-01", "2027-02-30"})), 422, "")
		if len(p.Errors) == 0 || !strings.HasPrefix(p.Errors[0].Field, "holidays") {
			t.Fatalf("errors %+v do not name holidays", p.Errors)
		}
		sameCounts(t, e, before)
	})
	for _, tc := range []struct {
		name   string
		as     string
		year   string
		body   any
		status int
		field  string
	}{
		{"ErrWorkdayNotWeekend", "admin", "2027", apptest.With(good, "workdays", []string{"2027-02-10"}), 422, "workdays[0]"},
		{"ErrHolidayOtherYear", "admin", "2027", apptest.With(good, "holidays", []string{"2028-01-01"}), 422, "holidays[0]"},
		{"ErrHolidayLastYear", "admin", "2027", apptest.With(good, "holidays", []string{"2027-01-01", "2026-12-31"}), 422, "holidays[1]"},
		{"ErrWorkdayOtherYear", "admin", "2027", apptest.With(good, "workdays", []string{"2026-12-26"}), 422, "workdays[0]"},
		{"ErrTwice", "admin", "2027", apptest.With(good, "holidays", []string{"2027-02-10", "2027-02-10"}), 422, "holidays[1]"},
		{"ErrBoth", "admin", "2027", apptest.With(good, "holidays", []string{"2027-02-06"}), 422, "workdays[0]"},
		{"ErrMissing", "admin", "2027", apptest.With(good, "workdays", nil), 422, "workdays"},
		{"ErrOfficer", "off-dcf-1-g1", "2027", good, 403, ""},
		{"ErrSupervisor", "sup-lc", "2027", good, 403, ""},
		{"ErrYear", "admin", "1999", good, 404, ""},
		{"ErrYearNotNumber", "admin", "next", good, 404, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a refused calendar changes nothing.
			before := rowCounts(t, e, "calendar_days", "audit_log")
			wantProblem(t, put(tc.as, tc.year, tc.body), tc.status, tc.field)
			sameCounts(t, e, before)
		})
	}
}
