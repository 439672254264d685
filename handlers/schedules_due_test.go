package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Due and overdue: a task is overdue from the day after its due date in
// the service's zone, and a visit counts on its date there.

func TestScheduleOverdue(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	clock := e.Clock
	red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")       // due 31 May
	yellow := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow") // due 30 June
	e.Generate(t, "2026-05-10")
	task := schedOpenTask(t, e, red)

	overdueIDs := func(t *testing.T, as string) []string {
		t.Helper()
		var out []string
		for _, x := range schedTasks(t, e, as, "overdue=true") {
			if !x.Overdue {
				t.Errorf("?overdue=true lists %v with overdue false", x)
			}
			out = append(out, x.VenueID)
		}
		return out
	}
	for _, tc := range []struct {
		name, at string
		overdue  bool
	}{
		// the last second of 31 May in Shanghai
		{"OK/DueDay", "2026-05-31T15:59:59Z", false},
		// 1 June 00:00 in Shanghai, still 31 May in UTC
		{"OK/DayAfterInTZ", "2026-05-31T16:00:00Z", true},
		{"OK/Later", "2026-06-02T08:00:00+08:00", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a task is overdue from the day after its due date in
			// the service's time zone, whatever the date in UTC.
			clock.Set(t, tc.at)
			var x schedTask
			e.Get("off-dcf-1-g1", "/api/v1/inspections/"+task.ID).Must(t, http.StatusOK).JSON(t, &x)
			if x.Overdue != tc.overdue {
				t.Fatalf("at %s: overdue %v, want %v", tc.at, x.Overdue, tc.overdue)
			}
			got := overdueIDs(t, "off-dcf-1-g1")
			if want := map[bool]int{false: 0, true: 1}[tc.overdue]; len(got) != want || (want == 1 && got[0] != red) {
				t.Fatalf("at %s: ?overdue=true lists venues %v", tc.at, got)
			}
			notOverdue := map[string]bool{}
			for _, x := range schedTasks(t, e, "off-dcf-1-g1", "overdue=false") {
				if x.Overdue {
					t.Fatalf("at %s: ?overdue=false lists %+v", tc.at, x)
				}
				notOverdue[x.VenueID] = true
			}
			if !notOverdue[yellow] || notOverdue[red] == tc.overdue {
				t.Fatalf("at %s: ?overdue=false lists venues %v (red %s, yellow %s)", tc.at, notOverdue, red, yellow)
			}
			if x := schedOpenTask(t, e, yellow); x.Overdue {
				t.Fatalf("the yellow task due %s is overdue at %s", x.DueDate, tc.at)
			}
		})
	}
	t.Run("OK/SubmittedIsNotOverdue", func(t *testing.T) {
		// Ensure a task submitted late is no longer overdue.
		clock.Set(t, "2026-06-02T08:00:00+08:00")
		e.Visit(t, "off-dcf-1-g1", task.ID, "shop")
		var x schedTask
		e.Get("admin", "/api/v1/inspections/"+task.ID).Must(t, http.StatusOK).JSON(t, &x)
		apptest.Equal(t, "task: x.Status", x.Status, "submitted")
		apptest.True(t, "task: not x.Overdue", !(x.Overdue))
		if got := overdueIDs(t, "admin"); len(got) != 0 {
			t.Fatalf("?overdue=true lists %v", got)
		}
	})
}

func TestScheduleOverdueUTC(t *testing.T) {
	t.Parallel()
	// Ensure TZ decides the date: at the same instant, a service in UTC
	// still has 31 May, so the task is not overdue there.
	e := apptest.New(t, apptest.Options{At: "2026-05-31T16:00:00Z", Config: func(cfg *app.Config) {
		cfg.TZ, cfg.Location = "UTC", time.UTC
	}})
	v := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	r := e.Generate(t, "")
	if r.AsOf != "2026-05-31" {
		t.Fatalf("as_of %s, want 2026-05-31 (today in UTC)", r.AsOf)
	}
	if x := schedOpenTask(t, e, v); x.Overdue || x.DueDate != "2026-05-31" {
		t.Fatalf("task = %+v", x)
	}
}

func TestScheduleVisitDateInTZ(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-04-15T09:00:00+08:00"})
	clock := e.Clock
	v := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	e.Generate(t, "2026-04-15")
	april := schedOpenTask(t, e, v)
	// Ensure a visit is dated in the service's time zone: submitted at
	// 16:30 UTC on 30 April, it is a visit of 1 May in Shanghai, so it
	// counts for May and the run of 1 May makes no May task.
	clock.Set(t, "2026-04-30T16:30:00Z")
	e.Visit(t, "off-dcf-1-g1", april.ID, "shop")
	schedWantRun(t, e.Generate(t, "2026-05-01"), 0, 1, 0)
	schedWantRun(t, e.Generate(t, "2026-06-01"), 1, 0, 0)
	schedWantTasks(t, e, v, "routine submitted monthly 2026-04-01..2026-04-30", "routine scheduled monthly 2026-06-01..2026-06-30")
}
