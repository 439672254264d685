package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The tests of this file drive schedule generation, reclassification, the
// policy and the calendar through the HTTP API, on the service clock that
// apptest.Clock moves (the access tokens keep the real clock).

// wantRun fails unless the run created, skipped and cancelled as many as given.
func schedWantRun(t *testing.T, r apptest.Run, created, skipped, cancelled int64) {
	t.Helper()
	if *r.Created != created || *r.Skipped != skipped || *r.Cancelled != cancelled {
		t.Fatalf("run as of %s: created %d, skipped %d, cancelled %d; want %d, %d, %d",
			r.AsOf, *r.Created, *r.Skipped, *r.Cancelled, created, skipped, cancelled)
	}
}

// schedTask is an inspection as the API shows it.
type schedTask struct {
	ID          string  `json:"id"`
	VenueID     string  `json:"venue_id"`
	GridID      string  `json:"grid_id"`
	Kind        string  `json:"kind"`
	Status      string  `json:"status"`
	Interval    *string `json:"interval"`
	PeriodStart *string `json:"period_start"`
	OpensOn     string  `json:"opens_on"`
	DueDate     string  `json:"due_date"`
	Overdue     bool    `json:"overdue"`
	AssigneeID  *string `json:"assignee_id"`
	Venue       struct {
		Name      string `json:"name"`
		RiskLevel string `json:"risk_level"`
	} `json:"venue"`
}

// String is "kind status interval period_start..due_date".
func (x schedTask) String() string {
	iv, ps := "-", "-"
	if x.Interval != nil {
		iv = *x.Interval
	}
	if x.PeriodStart != nil {
		ps = *x.PeriodStart
	}
	return fmt.Sprintf("%s %s %s %s..%s", x.Kind, x.Status, iv, ps, x.DueDate)
}

// schedAllStatuses lists cancelled inspections too.
const schedAllStatuses = "scheduled,in_progress,submitted,approved,returned,cancelled"

// schedTasks lists every inspection that GET /inspections?query answers
// to the given user, following the cursor.
func schedTasks(t *testing.T, e *apptest.Env, as, query string) []schedTask {
	t.Helper()
	path := "/api/v1/inspections?limit=200"
	if query != "" {
		path += "&" + query
	}
	var out []schedTask
	for range 100 {
		var p struct {
			Items      []schedTask `json:"items"`
			NextCursor *string     `json:"next_cursor"`
		}
		e.Get(as, path).Must(t, http.StatusOK).JSON(t, &p)
		out = append(out, p.Items...)
		if p.NextCursor == nil {
			return out
		}
		path = "/api/v1/inspections?limit=200&cursor=" + url.QueryEscape(*p.NextCursor)
		if query != "" {
			path += "&" + query
		}
	}
	t.Fatal("more than 100 pages")
	return nil
}

// venueTasks is every inspection of a venue, cancelled ones included, as
// sorted strings (see schedTask.String).
func schedVenueTasks(t *testing.T, e *apptest.Env, venueID string) []string {
	t.Helper()
	var out []string
	for _, x := range schedTasks(t, e, "admin", "venue_id="+venueID+"&status="+schedAllStatuses) {
		out = append(out, x.String())
	}
	sort.Strings(out)
	return out
}

// wantTasks fails unless the venue's inspections are exactly want.
func schedWantTasks(t *testing.T, e *apptest.Env, venueID string, want ...string) {
	t.Helper()
	got := schedVenueTasks(t, e, venueID)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("inspections of the venue:\n  got  %q\n  want %q", got, want)
	}
}

// openTask is the one scheduled routine inspection of a venue.
func schedOpenTask(t *testing.T, e *apptest.Env, venueID string) schedTask {
	t.Helper()
	xs := schedTasks(t, e, "admin", "venue_id="+venueID+"&status=scheduled&kind=routine")
	if len(xs) != 1 {
		t.Fatalf("venue %s has %d scheduled routine inspections, want 1: %v", venueID, len(xs), xs)
	}
	return xs[0]
}

// reclassify files a reclassification as the given user and returns it.
func schedReclassify(t *testing.T, e *apptest.Env, as, venueID, level, reason string) map[string]any {
	t.Helper()
	return e.Post(as, "/api/v1/venues/"+venueID+"/reclassifications", map[string]string{"to_level": level, "reason": reason}).
		Must(t, http.StatusCreated).Map(t)
}

// visit starts and submits an inspection as the given officer on the
// service's current date, with every checklist item passed.
func schedVisit(t *testing.T, e *apptest.Env, officer, id string) {
	t.Helper()
	e.Post(officer, "/api/v1/inspections/"+id+"/start", map[string]any{"lat": 36.45, "lng": 115.98, "accuracy_m": 10}).
		Must(t, http.StatusOK)
	var items struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}
	e.Get(officer, "/api/v1/checklist-items?category=shop").Must(t, http.StatusOK).JSON(t, &items)
	answers := []map[string]string{}
	for _, it := range items.Items {
		answers = append(answers, map[string]string{"item_code": it.Code, "result": "pass"})
	}
	x := e.Post(officer, "/api/v1/inspections/"+id+"/submit", map[string]any{"checklist": answers, "hazards": []any{}, "notes": "ok"}).
		Must(t, http.StatusOK).Map(t)
	if x["status"] != "submitted" {
		t.Fatalf("submitted inspection = %v", x)
	}
}

func TestSchedulePeriods(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	clock := e.Clock
	red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	yellow := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow")
	green := e.VenueID(t, "dcf-1-g2", "risk_level", "green")

	// ran generates as of each date, as the subtests before leave it (runs
	// on a date already run create nothing).
	ran := func(t *testing.T, dates ...string) {
		t.Helper()
		for _, d := range dates {
			e.Generate(t, d)
		}
	}

	t.Run("OK/FirstRun", func(t *testing.T) {
		// Ensure each level gets the period of its interval that contains
		// the as-of date, due on the period's last day.
		r := e.Generate(t, "2026-05-10")
		if r.AsOf != "2026-05-10" {
			t.Fatalf("as_of %q", r.AsOf)
		}
		for level, want := range map[string]string{
			"red": "monthly 2026-05-01..2026-05-31", "yellow": "quarterly 2026-04-01..2026-06-30", "green": "half_yearly 2026-01-01..2026-06-30",
		} {
			if got := r.Period(level); got != want {
				t.Errorf("%s period %s, want %s", level, got, want)
			}
		}
		schedWantRun(t, r, 3, 0, 0)
		schedWantTasks(t, e, red, "routine scheduled monthly 2026-05-01..2026-05-31")
		schedWantTasks(t, e, yellow, "routine scheduled quarterly 2026-04-01..2026-06-30")
		schedWantTasks(t, e, green, "routine scheduled half_yearly 2026-01-01..2026-06-30")
		x := schedOpenTask(t, e, green)
		if x.OpensOn != "2026-01-01" || x.GridID != e.Unit("dcf-1-g2") || x.VenueID != green || x.Venue.RiskLevel != "green" ||
			x.Overdue || x.AssigneeID != nil {
			t.Fatalf("green task = %+v", x)
		}
		if n := count(t, e, "schedule_runs"); n != 1 {
			t.Fatalf("%d schedule runs recorded, want 1", n)
		}
	})
	t.Run("OK/Again", func(t *testing.T) {
		// Ensure a second run on the same date, or on another date of the
		// same periods, creates nothing new.
		ran(t, "2026-05-10")
		before := count(t, e, "inspections")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 0, 3, 0)
		schedWantRun(t, e.Generate(t, "2026-05-31"), 0, 3, 0)
		if n := count(t, e, "inspections"); n != before {
			t.Fatalf("%d inspections, had %d", n, before)
		}
	})
	t.Run("OK/NextPeriods", func(t *testing.T) {
		// Ensure the first day of June makes only the red venue's June task,
		// and the first of July the three new periods.
		ran(t, "2026-05-10")
		r := e.Generate(t, "2026-06-01")
		schedWantRun(t, r, 1, 2, 0)
		if got := r.Period("red"); got != "monthly 2026-06-01..2026-06-30" {
			t.Fatalf("red period %s", got)
		}
		r = e.Generate(t, "2026-07-01")
		schedWantRun(t, r, 3, 0, 0)
		for level, want := range map[string]string{
			"red": "monthly 2026-07-01..2026-07-31", "yellow": "quarterly 2026-07-01..2026-09-30", "green": "half_yearly 2026-07-01..2026-12-31",
		} {
			if got := r.Period(level); got != want {
				t.Errorf("%s period %s, want %s", level, got, want)
			}
		}
		schedWantTasks(t, e, green, "routine scheduled half_yearly 2026-01-01..2026-06-30", "routine scheduled half_yearly 2026-07-01..2026-12-31")
	})
	t.Run("OK/DefaultAsOfIsTodayInTZ", func(t *testing.T) {
		// Ensure a run without as_of uses today in Asia/Shanghai: 16:30 UTC
		// on 30 September is already 1 October there.
		ran(t, "2026-05-10", "2026-06-01", "2026-07-01")
		clock.Set(t, "2026-09-30T16:30:00Z")
		r := e.Generate(t, "")
		if r.AsOf != "2026-10-01" {
			t.Fatalf("as_of %q, want 2026-10-01 (today in Asia/Shanghai)", r.AsOf)
		}
		schedWantRun(t, r, 2, 1, 0) // red October, yellow Q4; green's H2 exists
		if got := r.Period("yellow"); got != "quarterly 2026-10-01..2026-12-31" {
			t.Fatalf("yellow period %s", got)
		}
		m := e.Post("admin", "/api/v1/schedules/generate", `{}`).Must(t, http.StatusOK).Map(t)
		if m["as_of"] != "2026-10-01" {
			t.Fatalf("as_of %v for an empty object", m["as_of"])
		}
	})
}

func TestScheduleGenerateErrors(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	tables := []string{"inspections", "schedule_runs"}

	for _, as := range []string{"off-dcf-1-g1", "sup-dcf-1", "sup-lc"} {
		t.Run("ErrForbidden/"+as, func(t *testing.T) {
			// Ensure only an admin runs the generator.
			before := rowCounts(t, e, tables...)
			wantProblem(t, e.Post(as, "/api/v1/schedules/generate", map[string]string{"as_of": "2026-05-10"}), http.StatusForbidden, "")
			wantProblem(t, e.Post(as, "/api/v1/schedules/generate", nil), http.StatusForbidden, "")
			sameCounts(t, e, before)
		})
	}
	t.Run("ErrNoToken", func(t *testing.T) {
		wantProblem(t, e.Post("", "/api/v1/schedules/generate", nil), http.StatusUnauthorized, "")
	})
	for _, tc := range []struct {
		name, body string
		field      string
	}{
		{"ErrAsOfNotADate", `{"as_of": "2026-02-30"}`, "as_of"},
		{"ErrAsOfMonth13", `{"as_of": "2026-13-01"}`, "as_of"},
		{"ErrAsOfLayout", `{"as_of": "10/05/2026"}`, "as_of"},
		{"ErrAsOfTimestamp", `{"as_of": "2026-05-10T00:00:00Z"}`, "as_of"},
		{"ErrAsOfEmpty", `{"as_of": ""}`, "as_of"},
		{"ErrAsOfNumber", `{"as_of": 20260510}`, "as_of"},
		{"ErrUnknownField", `{"as_of": "2026-05-10", "dry_run": true}`, "dry_run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a bad as_of is a 422 naming the field, and nothing runs.
			before := rowCounts(t, e, tables...)
			wantProblem(t, e.Post("admin", "/api/v1/schedules/generate", tc.body), http.StatusUnprocessableEntity, tc.field)
			sameCounts(t, e, before)
		})
	}
	t.Run("ErrNotJSON", func(t *testing.T) {
		wantProblem(t, e.Post("admin", "/api/v1/schedules/generate", `{"as_of": `), http.StatusBadRequest, "")
	})
}

func TestScheduleConcurrent(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 40})
	e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	active := count(t, e, "SELECT count(*) FROM venues WHERE status = 'active'")
	// Ensure generators started at the same time on the same date create
	// each task once between them.
	token := e.Token("admin")
	const runs = 4
	var wg sync.WaitGroup
	results := make(chan *apptest.Response, runs)
	start := make(chan struct{})
	for range runs {
		wg.Go(func() {
			<-start
			results <- e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/schedules/generate", Token: token,
				Body: map[string]string{"as_of": "2026-05-10"}})
		})
	}
	close(start)
	wg.Wait()
	close(results)
	var created, skipped int64
	for r := range results {
		var run apptest.Run
		r.Must(t, http.StatusOK).JSON(t, &run)
		created += *run.Created
		skipped += *run.Skipped
	}
	if created != int64(active) || skipped != int64((runs-1)*active) {
		t.Fatalf("the runs created %d and skipped %d; want %d and %d", created, skipped, active, (runs-1)*active)
	}
	if n := count(t, e, "SELECT count(*) FROM inspections"); n != active {
		t.Fatalf("%d inspections for %d venues", n, active)
	}
	if n := count(t, e, "SELECT count(*) FROM (SELECT venue_id FROM inspections GROUP BY venue_id HAVING count(*) > 1) d"); n != 0 {
		t.Fatalf("%d venues have more than one inspection", n)
	}
	if n := count(t, e, "schedule_runs"); n != runs {
		t.Fatalf("%d runs recorded, want %d", n, runs)
	}
}

func TestScheduleLevelChange(t *testing.T) {
	t.Parallel()

	t.Run("OK/GreenToRedInMay", func(t *testing.T) {
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		other := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 2, 0, 0)
		h1 := schedOpenTask(t, e, v)
		// Ensure a supervisor's reclassification applies at once and
		// cancels the open half-year task (and only that venue's).
		r := schedReclassify(t, e, "sup-dcf-1", v, "red", "发现电动车室内充电")
		if r["status"] != "approved" || r["from_level"] != "green" || r["to_level"] != "red" {
			t.Fatalf("reclassification = %v", r)
		}
		var got schedTask
		e.Get("admin", "/api/v1/inspections/"+h1.ID).Must(t, http.StatusOK).JSON(t, &got)
		if got.Status != "cancelled" {
			t.Fatalf("the half-year task is %s, want cancelled", got.Status)
		}
		schedOpenTask(t, e, other)
		// Ensure the next run creates May's task for the red venue.
		schedWantRun(t, e.Generate(t, "2026-05-10"), 1, 1, 0)
		schedWantTasks(t, e, v, "routine cancelled half_yearly 2026-01-01..2026-06-30", "routine scheduled monthly 2026-05-01..2026-05-31")
		if x := schedOpenTask(t, e, v); x.Venue.RiskLevel != "red" {
			t.Fatalf("task = %+v", x)
		}
		// Ensure the cancelled task has left the default list.
		for _, x := range schedTasks(t, e, "admin", "venue_id="+v) {
			if x.Status == "cancelled" {
				t.Fatalf("a cancelled task is listed without a status filter: %v", x)
			}
		}
	})

	t.Run("OK/RedToGreenAfterAprilVisit", func(t *testing.T) {
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-04-15T09:00:00+08:00"})
		clock := e.Clock
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
		e.Generate(t, "2026-04-15")
		april := schedOpenTask(t, e, v)
		clock.Set(t, "2026-04-20T15:00:00+08:00")
		e.Visit(t, "off-dcf-1-g1", april.ID, "shop")

		clock.Set(t, "2026-05-10T09:00:00+08:00")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 1, 0, 0)
		r := schedReclassify(t, e, "admin", v, "green", "整改到位，复核降级")
		if r["status"] != "approved" {
			t.Fatalf("reclassification = %v", r)
		}
		// Ensure the red venue's May task is cancelled, and the April visit
		// counts for the half year: no half-year task is created.
		schedWantRun(t, e.Generate(t, "2026-05-10"), 0, 1, 0)
		schedWantTasks(t, e, v, "routine submitted monthly 2026-04-01..2026-04-30", "routine cancelled monthly 2026-05-01..2026-05-31")
		schedWantRun(t, e.Generate(t, "2026-06-30"), 0, 1, 0)
		// Ensure the second half year gets its task.
		schedWantRun(t, e.Generate(t, "2026-07-01"), 1, 0, 0)
		if x := schedOpenTask(t, e, v); x.String() != "routine scheduled half_yearly 2026-07-01..2026-12-31" {
			t.Fatalf("task %v", x)
		}
	})

	t.Run("OK/YellowToRedAfterAprilQuarterlyVisit", func(t *testing.T) {
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-04-15T09:00:00+08:00"})
		clock := e.Clock
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow")
		e.Generate(t, "2026-04-15")
		q2 := schedOpenTask(t, e, v)
		clock.Set(t, "2026-04-28T10:00:00+08:00")
		e.Visit(t, "off-dcf-1-g1", q2.ID, "shop")

		clock.Set(t, "2026-05-10T09:00:00+08:00")
		schedReclassify(t, e, "sup-dcf-1", v, "red", "三合一场所")
		// Ensure the quarterly visit in April covers neither May nor June
		// once the venue is red, and stays submitted.
		schedWantRun(t, e.Generate(t, "2026-05-10"), 1, 0, 0)
		clock.Set(t, "2026-06-10T09:00:00+08:00")
		schedWantRun(t, e.Generate(t, "2026-06-10"), 1, 0, 0)
		schedWantTasks(t, e, v,
			"routine submitted quarterly 2026-04-01..2026-06-30",
			"routine scheduled monthly 2026-05-01..2026-05-31",
			"routine scheduled monthly 2026-06-01..2026-06-30")
	})

	t.Run("OK/AdHocVisitInMayCountsForMay", func(t *testing.T) {
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-05-06T09:00:00+08:00"})
		clock := e.Clock
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		e.Generate(t, "2026-05-06")
		// Ensure a visit made in May under the old level (here an ad hoc
		// one) counts for May once the venue is red; June gets its task.
		x := e.Post("off-dcf-1-g1", "/api/v1/inspections", map[string]string{"venue_id": v, "notes": "群众举报"}).
			Must(t, http.StatusCreated).Map(t)
		e.Visit(t, "off-dcf-1-g1", x["id"].(string), "shop")
		clock.Set(t, "2026-05-10T09:00:00+08:00")
		schedReclassify(t, e, "sup-dcf-1", v, "red", "群众举报属实")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 0, 1, 0)
		schedWantRun(t, e.Generate(t, "2026-06-01"), 1, 0, 0)
		schedWantTasks(t, e, v,
			"ad_hoc submitted - -..2026-05-06",
			"routine cancelled half_yearly 2026-01-01..2026-06-30",
			"routine scheduled monthly 2026-06-01..2026-06-30")
	})

	t.Run("OK/InProgressIsKept", func(t *testing.T) {
		t.Parallel()
		e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
		v := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		e.Generate(t, "2026-05-10")
		h1 := schedOpenTask(t, e, v)
		// Ensure a task an officer has started is not cancelled by a level change.
		e.Post("off-dcf-1-g1", "/api/v1/inspections/"+h1.ID+"/start", map[string]any{"lat": 36.45, "lng": 115.98}).Must(t, http.StatusOK)
		schedReclassify(t, e, "admin", v, "yellow", "复核")
		var got schedTask
		e.Get("admin", "/api/v1/inspections/"+h1.ID).Must(t, http.StatusOK).JSON(t, &got)
		if got.Status != "in_progress" {
			t.Fatalf("the started task is %s", got.Status)
		}
	})
}

func TestScheduleClosedVenue(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	open := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	closing := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	closedFirst := e.VenueID(t, "dcf-1-g2", "risk_level", "yellow")
	patch(e, "admin", "/api/v1/venues/"+closedFirst, map[string]any{"status": "closed", "version": 1}, nil).Must(t, http.StatusOK)

	t.Run("OK/NoTask", func(t *testing.T) {
		// Ensure a closed venue gets no task.
		schedWantRun(t, e.Generate(t, "2026-05-10"), 2, 0, 0)
		schedWantTasks(t, e, closedFirst)
		schedOpenTask(t, e, open)
	})
	t.Run("OK/ClosingCancels", func(t *testing.T) {
		// Ensure closing a venue cancels its scheduled routine task, and
		// later runs give it nothing.
		e.Generate(t, "2026-05-10") // as OK/NoTask leaves it (a second run makes nothing)
		patch(e, "admin", "/api/v1/venues/"+closing, map[string]any{"status": "closed", "version": 1}, nil).Must(t, http.StatusOK)
		schedWantTasks(t, e, closing, "routine cancelled monthly 2026-05-01..2026-05-31")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 0, 1, 0)
		schedWantRun(t, e.Generate(t, "2026-06-01"), 1, 0, 0)
		schedWantTasks(t, e, closing, "routine cancelled monthly 2026-05-01..2026-05-31")
		schedWantTasks(t, e, closedFirst)
	})
	t.Run("OK/Reopened", func(t *testing.T) {
		// Ensure a venue opened again gets its task on the next run.
		if v := e.Get("admin", "/api/v1/venues/"+closing).Must(t, http.StatusOK).Map(t); v["status"] == "active" { // as OK/ClosingCancels leaves it
			e.Generate(t, "2026-05-10")
			patch(e, "admin", "/api/v1/venues/"+closing, map[string]any{"status": "closed", "version": 1}, nil).Must(t, http.StatusOK)
			e.Generate(t, "2026-06-01")
		}
		patch(e, "admin", "/api/v1/venues/"+closing, map[string]any{"status": "active", "version": 2}, nil).Must(t, http.StatusOK)
		schedWantRun(t, e.Generate(t, "2026-06-02"), 1, 1, 0)
		schedWantTasks(t, e, closing, "routine cancelled monthly 2026-05-01..2026-05-31", "routine scheduled monthly 2026-06-01..2026-06-30")
	})
}

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
		if x.Status != "submitted" || x.Overdue {
			t.Fatalf("task = %+v", x)
		}
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
			if p["green"] != "half_yearly" || p["red"] != "monthly" || p["yellow"] != "quarterly" {
				t.Fatalf("policy = %v", p)
			}
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
		if p["green"] != "quarterly" || p["red"] != "monthly" || p["cancelled"] != float64(2) {
			t.Fatalf("policy = %v", p)
		}
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
		if c.Year != 2026 || !slices.Contains(c.Holidays, "2026-10-01") || !slices.Contains(c.Holidays, "2026-02-17") || len(c.Workdays) == 0 {
			t.Fatalf("calendar = %+v", c)
		}
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

func TestScheduleReclassification(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	v := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
	e.Generate(t, "2026-05-10")
	h1 := schedOpenTask(t, e, v)
	officer, sup := e.User("off-dcf-1-g1"), e.User("sup-dcf-1")
	venueLevel := func(t *testing.T) string {
		t.Helper()
		return e.Get("admin", "/api/v1/venues/"+v).Must(t, http.StatusOK).Map(t)["risk_level"].(string)
	}
	// The officer's proposal that the subtests look at and decide.
	pending := schedReclassify(t, e, "off-dcf-1-g1", v, "red", "发现违规住人")
	id := func() string { return pending["id"].(string) }
	// approved brings the venue where OK/SupervisorApproves leaves it (the
	// proposal approved, the red venue's task generated), for the subtests
	// after it, whether or not it ran.
	approved := func(t *testing.T) {
		t.Helper()
		if e.Get("admin", "/api/v1/reclassifications/"+id()).Must(t, http.StatusOK).Map(t)["status"] == "pending" {
			e.Post("sup-dcf-1", "/api/v1/reclassifications/"+id()+"/approve", map[string]string{"comment": "属实"}).Must(t, http.StatusOK)
			e.Generate(t, "2026-05-10")
		}
	}

	t.Run("OK/OfficerFilesPending", func(t *testing.T) {
		// Ensure an officer's proposal is pending: the level, the history
		// and the tasks do not change yet.
		if pending["status"] != "pending" || pending["filed_by"] != officer || pending["decided_by"] != nil ||
			pending["from_level"] != "green" || pending["to_level"] != "red" || pending["venue_id"] != v {
			t.Fatalf("reclassification = %v", pending)
		}
		if lvl := venueLevel(t); lvl != "green" {
			t.Fatalf("the venue is %s before approval", lvl)
		}
		schedOpenTask(t, e, v)
		items := e.Get("admin", "/api/v1/venues/"+v+"/history").Must(t, http.StatusOK).Map(t)["items"].([]any)
		if len(items) != 1 {
			t.Fatalf("history = %v", items)
		}
	})
	t.Run("OK/Visible", func(t *testing.T) {
		// Ensure the filer and the station's supervisor see it, and the
		// pending list of the supervisor holds it.
		for _, as := range []string{"off-dcf-1-g1", "sup-dcf-1", "sup-lc", "admin"} {
			e.Get(as, "/api/v1/reclassifications/"+id()).Must(t, http.StatusOK)
		}
		if !ids(t, list(t, e, "sup-dcf-1", "/api/v1/reclassifications?status=pending").Items)[id()] {
			t.Fatal("the supervisor's pending list misses it")
		}
	})
	t.Run("ErrOfficerApproves", func(t *testing.T) {
		// Ensure an officer cannot decide.
		before := rowCounts(t, e, "reclassifications", "venue_level_changes", "audit_log")
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/reclassifications/"+id()+"/approve", nil), http.StatusForbidden, "")
		wantProblem(t, e.Post("off-dcf-1-g2", "/api/v1/reclassifications/"+id()+"/approve", nil), http.StatusNotFound, "")
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/reclassifications/"+id()+"/reject", map[string]string{"comment": "x"}), http.StatusForbidden, "")
		sameCounts(t, e, before)
	})
	t.Run("ErrOtherStation", func(t *testing.T) {
		// Ensure a supervisor of another station neither sees nor decides it.
		before := rowCounts(t, e, "reclassifications", "venue_level_changes", "audit_log")
		wantProblem(t, e.Get("sup-dcf-2", "/api/v1/reclassifications/"+id()), http.StatusNotFound, "")
		wantProblem(t, e.Post("sup-dcf-2", "/api/v1/reclassifications/"+id()+"/approve", nil), http.StatusNotFound, "")
		wantProblem(t, e.Post("sup-kfq-1", "/api/v1/reclassifications/"+id()+"/reject", nil), http.StatusNotFound, "")
		if ids(t, list(t, e, "sup-dcf-2", "/api/v1/reclassifications?status=pending").Items)[id()] {
			t.Fatal("another station's supervisor lists it")
		}
		sameCounts(t, e, before)
	})
	t.Run("ErrSecondPending", func(t *testing.T) {
		// Ensure a venue has one pending proposal at a time.
		wantProblem(t, e.Post("off-dcf-1-g1", "/api/v1/venues/"+v+"/reclassifications",
			map[string]string{"to_level": "yellow", "reason": "再报"}), http.StatusConflict, "")
	})
	for _, tc := range []struct {
		name  string
		body  any
		field string
	}{
		{"ErrSameLevel", map[string]string{"to_level": "green", "reason": "无变化"}, "to_level"},
		{"ErrLevel", map[string]string{"to_level": "orange", "reason": "x"}, "to_level"},
		{"ErrNoReason", map[string]string{"to_level": "yellow"}, "reason"},
		{"ErrEmptyReason", map[string]string{"to_level": "yellow", "reason": ""}, "reason"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := rowCounts(t, e, "reclassifications", "venue_level_changes")
			wantProblem(t, e.Post("sup-dcf-1", "/api/v1/venues/"+v+"/reclassifications", tc.body), http.StatusUnprocessableEntity, tc.field)
			sameCounts(t, e, before)
		})
	}
	t.Run("OK/SupervisorApproves", func(t *testing.T) {
		// Ensure the station's supervisor approves: the level changes, the
		// half-year task is cancelled, and deciding again is a conflict.
		r := e.Post("sup-dcf-1", "/api/v1/reclassifications/"+id()+"/approve", map[string]string{"comment": "属实"}).
			Must(t, http.StatusOK).Map(t)
		if r["status"] != "approved" || r["decided_by"] != sup || r["comment"] != "属实" || r["decided_at"] == nil || r["filed_by"] != officer {
			t.Fatalf("reclassification = %v", r)
		}
		if lvl := venueLevel(t); lvl != "red" {
			t.Fatalf("the venue is %s after approval", lvl)
		}
		var x schedTask
		e.Get("admin", "/api/v1/inspections/"+h1.ID).Must(t, http.StatusOK).JSON(t, &x)
		if x.Status != "cancelled" {
			t.Fatalf("the half-year task is %s", x.Status)
		}
		wantProblem(t, e.Post("sup-dcf-1", "/api/v1/reclassifications/"+id()+"/approve", nil), http.StatusConflict, "")
		wantProblem(t, e.Post("admin", "/api/v1/reclassifications/"+id()+"/reject", nil), http.StatusConflict, "")
		schedWantRun(t, e.Generate(t, "2026-05-10"), 1, 0, 0)
	})
	t.Run("OK/Rejected", func(t *testing.T) {
		// Ensure a rejected proposal leaves the level and history alone.
		approved(t)
		r := schedReclassify(t, e, "off-dcf-1-g1", v, "yellow", "已整改")
		before := rowCounts(t, e, "venue_level_changes")
		d := e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r["id"].(string)+"/reject", map[string]string{"comment": "未复查"}).
			Must(t, http.StatusOK).Map(t)
		if d["status"] != "rejected" || d["decided_by"] != sup || d["comment"] != "未复查" {
			t.Fatalf("reclassification = %v", d)
		}
		sameCounts(t, e, before)
		if lvl := venueLevel(t); lvl != "red" {
			t.Fatalf("the venue is %s after a rejection", lvl)
		}
		schedOpenTask(t, e, v)
		wantProblem(t, e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r["id"].(string)+"/approve", nil), http.StatusConflict, "")
	})
	t.Run("ErrOwnProposal", func(t *testing.T) {
		// Ensure the one who filed cannot decide their own proposal, even
		// after becoming a supervisor; another supervisor can.
		filer := "off-dcf-1-g3"
		r := schedReclassify(t, e, filer, e.VenueID(t, "dcf-1-g3", "risk_level", "yellow"), "red", "疏散通道堵塞")
		u := e.Get("admin", "/api/v1/users/"+e.User(filer)).Must(t, http.StatusOK).Map(t)
		patch(e, "admin", "/api/v1/users/"+e.User(filer), map[string]any{
			"role": "supervisor", "org_unit_id": e.Unit("dcf-1"), "version": u["version"],
		}, nil).Must(t, http.StatusOK)
		var s struct {
			AccessToken string `json:"access_token"`
		}
		e.Post("", "/api/v1/auth/login", map[string]string{"username": filer, "password": apptest.Password}).Must(t, http.StatusOK).JSON(t, &s)
		own := e.Do(apptest.Request{Method: http.MethodPost, Path: "/api/v1/reclassifications/" + r["id"].(string) + "/approve", Token: s.AccessToken})
		wantProblem(t, own, http.StatusForbidden, "")
		e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r["id"].(string)+"/approve", nil).Must(t, http.StatusOK)
	})
	t.Run("OK/Retry", func(t *testing.T) {
		// Ensure a retried filing with the client's id answers the first
		// result and applies nothing twice; the same id with another body
		// is a conflict.
		w := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		body := map[string]string{"id": "0197a000-0000-7000-8000-000000000001", "to_level": "yellow", "reason": "重试"}
		first := e.Post("sup-dcf-1", "/api/v1/venues/"+w+"/reclassifications", body).Must(t, http.StatusCreated).Map(t)
		before := rowCounts(t, e, "reclassifications", "venue_level_changes", "audit_log")
		again := e.Post("sup-dcf-1", "/api/v1/venues/"+w+"/reclassifications", body)
		if again.Status != http.StatusCreated && again.Status != http.StatusOK {
			t.Fatalf("retry: %d %s", again.Status, again.Body)
		}
		if m := again.Map(t); m["id"] != first["id"] || m["status"] != "approved" || m["from_level"] != "green" {
			t.Fatalf("retry = %v, first %v", m, first)
		}
		sameCounts(t, e, before)
		wantProblem(t, e.Post("sup-dcf-1", "/api/v1/venues/"+w+"/reclassifications", apptest.With(map[string]any{
			"id": body["id"], "to_level": "red", "reason": "重试"})), http.StatusConflict, "")
		sameCounts(t, e, before)
	})
	t.Run("ErrStale", func(t *testing.T) {
		// Ensure a proposal whose venue changed level since it was filed
		// cannot be approved, only rejected.
		w := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		r := schedReclassify(t, e, "off-dcf-1-g1", w, "red", "消防通道堵塞")
		schedReclassify(t, e, "admin", w, "yellow", "专项整治")
		wantProblem(t, e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r["id"].(string)+"/approve", nil), http.StatusConflict, "")
		e.Post("sup-dcf-1", "/api/v1/reclassifications/"+r["id"].(string)+"/reject", map[string]string{"comment": "已另行调整"}).Must(t, http.StatusOK)
	})
	t.Run("OK/Concurrent", func(t *testing.T) {
		// Ensure two proposals filed at once leave one pending, and
		// supervisors deciding it at once decide it once.
		w := e.VenueID(t, "dcf-1-g1", "risk_level", "green")
		race := func(reqs ...apptest.Request) map[int]int {
			var wg sync.WaitGroup
			statuses := make(chan int, len(reqs))
			for _, r := range reqs {
				wg.Go(func() { statuses <- e.Do(r).Status })
			}
			wg.Wait()
			close(statuses)
			out := map[int]int{}
			for st := range statuses {
				out[st]++
			}
			return out
		}
		path := "/api/v1/venues/" + w + "/reclassifications"
		got := race(
			apptest.Request{Method: http.MethodPost, Path: path, Token: e.Token("off-dcf-1-g1"), Body: map[string]string{"to_level": "red", "reason": "甲"}},
			apptest.Request{Method: http.MethodPost, Path: path, Token: e.Token("off-dcf-1-g1"), Body: map[string]string{"to_level": "yellow", "reason": "乙"}},
		)
		if got[http.StatusCreated] != 1 || got[http.StatusConflict] != 1 {
			t.Fatalf("filings answered %v, want one 201 and one 409", got)
		}
		ps := list(t, e, "admin", "/api/v1/reclassifications?status=pending&venue_id="+w).Items
		if len(ps) != 1 {
			t.Fatalf("%d pending proposals", len(ps))
		}
		rid := ps[0]["id"].(string)
		before := rowCounts(t, e, "venue_level_changes")
		got = race(
			apptest.Request{Method: http.MethodPost, Path: "/api/v1/reclassifications/" + rid + "/approve", Token: e.Token("sup-dcf-1")},
			apptest.Request{Method: http.MethodPost, Path: "/api/v1/reclassifications/" + rid + "/approve", Token: e.Token("sup-lc")},
			apptest.Request{Method: http.MethodPost, Path: "/api/v1/reclassifications/" + rid + "/reject", Token: e.Token("admin")},
		)
		if got[http.StatusOK] != 1 || got[http.StatusConflict] != 2 {
			t.Fatalf("decisions answered %v, want one 200 and two 409", got)
		}
		approved := e.Get("admin", "/api/v1/reclassifications/"+rid).Must(t, http.StatusOK).Map(t)["status"] == "approved"
		if n := count(t, e, "venue_level_changes") - before["venue_level_changes"]; (n == 1) != approved || n > 1 {
			t.Fatalf("%d level changes recorded (approved: %v)", n, approved)
		}
	})
	t.Run("ErrOutOfScope", func(t *testing.T) {
		// Ensure nobody files for a venue out of their scope.
		before := rowCounts(t, e, "reclassifications", "venue_level_changes")
		for _, as := range []string{"sup-dcf-2", "off-dcf-1-g2"} {
			wantProblem(t, e.Post(as, "/api/v1/venues/"+v+"/reclassifications", map[string]string{"to_level": "green", "reason": "x"}),
				http.StatusNotFound, "")
		}
		sameCounts(t, e, before)
	})
	t.Run("ErrFilter", func(t *testing.T) {
		wantProblem(t, e.Get("sup-dcf-1", "/api/v1/reclassifications?status=open"), http.StatusUnprocessableEntity, "status")
	})
	t.Run("OK/History", func(t *testing.T) {
		// Ensure the history lists every level change, oldest first, with
		// who made it and why; a supervisor's and an admin's changes apply at once.
		approved(t)
		schedReclassify(t, e, "admin", v, "yellow", "复查合格")
		var h struct {
			Items []struct {
				FromLevel          *string `json:"from_level"`
				ToLevel            string  `json:"to_level"`
				Reason             string  `json:"reason"`
				ChangedBy          *string `json:"changed_by"`
				ReclassificationID *string `json:"reclassification_id"`
				ChangedAt          string  `json:"changed_at"`
			} `json:"items"`
		}
		e.Get("off-dcf-1-g1", "/api/v1/venues/"+v+"/history").Must(t, http.StatusOK).JSON(t, &h)
		admin := e.User("admin")
		want := []struct{ from, to, reason, by string }{
			{"", "green", "created", admin},
			{"green", "red", "发现违规住人", sup},
			{"red", "yellow", "复查合格", admin},
		}
		if len(h.Items) != len(want) {
			t.Fatalf("history = %+v", h.Items)
		}
		for i, w := range want {
			it := h.Items[i]
			from := ""
			if it.FromLevel != nil {
				from = *it.FromLevel
			}
			if from != w.from || it.ToLevel != w.to || it.Reason != w.reason || it.ChangedBy == nil || *it.ChangedBy != w.by || it.ChangedAt == "" {
				t.Errorf("history[%d] = %+v, want %+v", i, it, w)
			}
			if i > 0 && it.ReclassificationID == nil {
				t.Errorf("history[%d] has no reclassification", i)
			}
		}
		if h.Items[1].ReclassificationID == nil || *h.Items[1].ReclassificationID != id() {
			t.Errorf("history[1] names reclassification %v, want %s", h.Items[1].ReclassificationID, id())
		}
		wantProblem(t, e.Get("sup-dcf-2", "/api/v1/venues/"+v+"/history"), http.StatusNotFound, "")
		wantProblem(t, e.Get("off-dcf-1-g2", "/api/v1/venues/"+v+"/history"), http.StatusNotFound, "")
	})
}

func TestScheduleInspectionFilters(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	clock := e.Clock
	red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")       // due 31 May
	green := e.VenueID(t, "dcf-1-g1", "risk_level", "green")   // due 30 June
	taken := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow")  // due 30 June, started by another officer
	yellow := e.VenueID(t, "dcf-1-g2", "risk_level", "yellow") // another grid of the station
	far := e.VenueID(t, "kfq-1-g1", "risk_level", "green")     // another district
	e.Generate(t, "2026-05-10")
	// off-dcf-1-g2 also works grid 1, and takes one of its tasks.
	e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + e.User("off-dcf-1-g2") + "/grids", As: "admin",
		Body: map[string]any{"grid_ids": []string{e.Unit("dcf-1-g2"), e.Unit("dcf-1-g1")}}}).Must(t, http.StatusOK)
	e.Post("off-dcf-1-g2", "/api/v1/inspections/"+schedOpenTask(t, e, taken).ID+"/start", map[string]any{"lat": 36.45, "lng": 115.98}).
		Must(t, http.StatusOK)
	// The red venue's May task is done; then the green venue turns yellow,
	// which cancels its half-year task, and the next run makes its Q2 task.
	clock.Set(t, "2026-05-20T10:00:00+08:00")
	e.Visit(t, "off-dcf-1-g1", schedOpenTask(t, e, red).ID, "shop")
	schedReclassify(t, e, "sup-dcf-1", green, "yellow", "复核升级")
	e.Generate(t, "2026-05-20")

	venues := func(xs []schedTask) []string {
		names := map[string]string{red: "red", green: "green", taken: "taken", yellow: "yellow", far: "far"}
		var out []string
		for _, x := range xs {
			out = append(out, names[x.VenueID]+":"+x.Status)
		}
		sort.Strings(out)
		return out
	}
	for _, tc := range []struct {
		name, as, query string
		want            []string
	}{
		{"OK/All", "admin", "", []string{"far:scheduled", "green:scheduled", "red:submitted", "taken:in_progress", "yellow:scheduled"}},
		{"OK/Cancelled", "admin", "status=cancelled", []string{"green:cancelled"}},
		{"OK/Statuses", "admin", "status=submitted,in_progress", []string{"red:submitted", "taken:in_progress"}},
		{"OK/Kind", "admin", "kind=routine", []string{"far:scheduled", "green:scheduled", "red:submitted", "taken:in_progress", "yellow:scheduled"}},
		{"OK/KindAdHoc", "admin", "kind=ad_hoc", nil},
		{"OK/Venue", "admin", "venue_id=" + green + "&status=" + schedAllStatuses, []string{"green:cancelled", "green:scheduled"}},
		{"OK/Grid", "admin", "grid_id=" + e.Unit("dcf-1-g2"), []string{"yellow:scheduled"}},
		{"OK/DueBefore", "admin", "due_before=2026-06-01", []string{"red:submitted"}},
		{"OK/DueBeforeNone", "admin", "due_before=2026-05-31", nil},
		{"OK/NotOverdue", "admin", "overdue=false", []string{"far:scheduled", "green:scheduled", "red:submitted", "taken:in_progress", "yellow:scheduled"}},
		{"OK/Overdue", "admin", "overdue=true", nil},
		{"OK/OfficerScope", "off-dcf-1-g1", "", []string{"green:scheduled", "red:submitted", "taken:in_progress"}},
		{"OK/OfficerOtherGrid", "off-dcf-1-g1", "grid_id=" + e.Unit("dcf-1-g2"), nil},
		{"OK/StationScope", "sup-dcf-1", "", []string{"green:scheduled", "red:submitted", "taken:in_progress", "yellow:scheduled"}},
		// only open tasks of the officer's grid that nobody else has taken
		{"OK/Mine", "off-dcf-1-g1", "mine=true", []string{"green:scheduled"}},
		{"OK/MineOtherOfficer", "off-dcf-1-g2", "mine=true", []string{"green:scheduled", "taken:in_progress", "yellow:scheduled"}},
		{"OK/MineFalse", "off-dcf-1-g1", "mine=false", []string{"green:scheduled", "red:submitted", "taken:in_progress"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure each filter keeps exactly the tasks it names, in scope.
			got := venues(schedTasks(t, e, tc.as, tc.query))
			if !slices.Equal(got, tc.want) {
				t.Fatalf("GET /inspections?%s as %s:\n  got  %v\n  want %v", tc.query, tc.as, got, tc.want)
			}
		})
	}
	t.Run("OK/Order", func(t *testing.T) {
		// Ensure tasks come by due date, so overdue work first.
		xs := schedTasks(t, e, "admin", "")
		for i := 1; i < len(xs); i++ {
			if xs[i].DueDate < xs[i-1].DueDate {
				t.Fatalf("%s listed after %s", xs[i].DueDate, xs[i-1].DueDate)
			}
		}
	})
	t.Run("OK/OverdueInJune", func(t *testing.T) {
		// Ensure overdue work appears on the day after its due date.
		clock.Set(t, "2026-07-01T00:30:00+08:00")
		got := venues(schedTasks(t, e, "off-dcf-1-g1", "overdue=true"))
		if want := []string{"green:scheduled", "taken:in_progress"}; !slices.Equal(got, want) {
			t.Fatalf("overdue: %v, want %v", got, want)
		}
		clock.Set(t, "2026-05-20T10:00:00+08:00")
	})
	for _, tc := range []struct{ name, query, field string }{
		{"ErrStatus", "status=done", "status"},
		{"ErrStatusList", "status=scheduled,done", "status"},
		{"ErrKind", "kind=weekly", "kind"},
		{"ErrVenue", "venue_id=12", "venue_id"},
		{"ErrGrid", "grid_id=dcf-1-g1", "grid_id"},
		{"ErrDueBefore", "due_before=2026-06-31", "due_before"},
		{"ErrOverdue", "overdue=maybe", "overdue"},
		{"ErrMine", "mine=yes-please", "mine"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wantProblem(t, e.Get("admin", "/api/v1/inspections?"+tc.query), http.StatusUnprocessableEntity, tc.field)
		})
	}
}
