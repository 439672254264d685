package handlers_test

import (
	"net/http"
	"slices"
	"sort"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The filters of GET /inspections.

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
