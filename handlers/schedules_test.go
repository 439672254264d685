package handlers_test

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The tests of this file drive schedule generation through the HTTP API,
// on the service clock that apptest.Clock moves (the access tokens keep the
// real clock); its helpers read the tasks a run makes, for the policy,
// reclassification and due-date tests too.

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

func TestSchedulePeriods(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	clock := e.Clock
	red := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	yellow := e.VenueID(t, "dcf-1-g1", "risk_level", "yellow")
	green := e.VenueID(t, "dcf-1-g2", "risk_level", "green")

	// ran generates as of each date, on that date, as the subtests before
	// leave it (runs on a date already run create nothing).
	ran := func(t *testing.T, dates ...string) {
		t.Helper()
		for _, d := range dates {
			clock.Set(t, d+"T09:00:00+08:00")
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
		apptest.Equal(t, "green task: x.OpensOn", x.OpensOn, "2026-01-01")
		apptest.Equal(t, "green task: x.GridID", x.GridID, e.Unit("dcf-1-g2"))
		apptest.Equal(t, "green task: x.VenueID", x.VenueID, green)
		apptest.Equal(t, "green task: x.Venue.RiskLevel", x.Venue.RiskLevel, "green")
		apptest.True(t, "green task: not x.Overdue", !(x.Overdue))
		apptest.True(t, "green task: x.AssigneeID is null", x.AssigneeID == nil, x.AssigneeID)
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
		// and the first of July the three new periods. (The clock moves with
		// them: a run prepares at most the next period.)
		ran(t, "2026-05-10")
		clock.Set(t, "2026-06-01T09:00:00+08:00")
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
		apptest.Fields(t, "reclassification", r, map[string]any{"status": "approved", "from_level": "green", "to_level": "red"})
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
		clock.Set(t, "2026-07-01T09:00:00+08:00")
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
