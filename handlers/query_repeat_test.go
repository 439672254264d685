package handlers_test

import (
	"net/http"
	"slices"
	"sort"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// A query parameter given twice: a list filter takes every value, whether
// repeated or comma-separated; any other parameter answers 422 naming it,
// rather than keeping its first value in silence.

func TestQueryRepeated(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	started := e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	e.VenueID(t, "dcf-1-g1", "risk_level", "yellow") // stays scheduled
	e.Generate(t, "2026-05-10")
	e.CheckIn(t, "off-dcf-1-g1", schedOpenTask(t, e, started).ID, false)

	statuses := func(query string) []string {
		var out []string
		for _, x := range schedTasks(t, e, "admin", query) {
			out = append(out, x.Status)
		}
		sort.Strings(out)
		return out
	}
	both := []string{"in_progress", "scheduled"}
	for _, tc := range []struct{ name, query string }{
		{"OK/Repeated", "status=in_progress&status=scheduled"},
		{"OK/RepeatedOtherOrder", "status=scheduled&status=in_progress"},
		{"OK/Commas", "status=in_progress,scheduled"},
		{"OK/Mixed", "status=in_progress,cancelled&status=scheduled"},
		{"OK/EmptyRepeat", "status=&status=in_progress&status=scheduled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure every status given, in either form, is kept.
			if got := statuses(tc.query); !slices.Equal(got, both) {
				t.Fatalf("GET /inspections?%s: statuses %v, want %v", tc.query, got, both)
			}
		})
	}
	t.Run("OK/ExportRepeated", func(t *testing.T) {
		// Ensure the ledger reads the list filter the same way.
		rows := csvLedger(t, e, "admin", "/api/v1/exports/inspections.csv?status=in_progress&status=scheduled", inspectionHeader, "inspections-2026-05-10")
		apptest.Equal(t, "rows of the ledger for both statuses", len(rows), 2)
	})
	t.Run("ErrRepeatedBadValue", func(t *testing.T) {
		// Ensure a bad value in a repeat is refused, not dropped.
		wantProblem(t, e.Get("admin", "/api/v1/inspections?status=scheduled&status=done"), http.StatusUnprocessableEntity, "status")
	})

	venue := "venue_id=" + started
	for _, tc := range []struct{ name, path, field string }{
		{"ErrInspectionKind", "/api/v1/inspections?kind=routine&kind=ad_hoc", "kind"},
		{"ErrInspectionVenue", "/api/v1/inspections?" + venue + "&" + venue, "venue_id"},
		{"ErrInspectionMine", "/api/v1/inspections?mine=true&mine=false", "mine"},
		{"ErrInspectionDueBefore", "/api/v1/inspections?due_before=2026-06-01&due_before=2026-07-01", "due_before"},
		{"ErrInspectionNear", "/api/v1/inspections?near=36.45,115.98&near=36.46,115.99", "near"},
		{"ErrLimit", "/api/v1/inspections?limit=1&limit=2", "limit"},
		{"ErrCursor", "/api/v1/venues?cursor=a&cursor=b", "cursor"},
		{"ErrVenueLevel", "/api/v1/venues?risk_level=red&risk_level=yellow", "risk_level"},
		{"ErrVenueRadius", "/api/v1/venues?near=36.45,115.98&radius_m=10&radius_m=20", "radius_m"},
		{"ErrVenuePointsCategory", "/api/v1/venues/points?category=shop&category=hotel", "category"},
		{"ErrHazardStatus", "/api/v1/hazards?status=open&status=rectified", "status"},
		{"ErrHazardLedgerStatus", "/api/v1/exports/hazards.csv?status=open&status=rectified", "status"},
		{"ErrChecklistCategory", "/api/v1/checklist-items?category=shop&category=hotel", "category"},
		{"ErrReclassificationStatus", "/api/v1/reclassifications?status=pending&status=approved", "status"},
		{"ErrStatsFrom", "/api/v1/stats/overview?from=2026-01-01&from=2026-02-01", "from"},
		{"ErrSyncSince", "/api/v1/sync/changes?since=a&since=b", "since"},
		{"ErrUserRole", "/api/v1/users?role=officer&role=admin", "role"},
		{"ErrOrgUnitKind", "/api/v1/org-units?kind=grid&kind=station", "kind"},
		{"ErrAuditEntity", "/api/v1/audit?entity=venue&entity=user", "entity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Ensure a single-valued parameter given twice answers 422 naming it.
			wantProblem(t, e.Get("admin", tc.path), http.StatusUnprocessableEntity, tc.field)
		})
	}
}
