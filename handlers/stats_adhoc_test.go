package handlers_test

import (
	"net/http"
	"testing"
)

func TestStatsAdHocOnItsOwn(t *testing.T) {
	t.Parallel()
	// Ensure forty visits of one venue lift no completion rate: ad hoc
	// work is counted beside the schedule, not in it.
	e := fieldEnv(t, newTestClock(2026, 9, 25), 0, nil)
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	v := venueOf(t, e, "dcf-1-g1")
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)
	figures := func(t *testing.T) fxInspectionFigures {
		t.Helper()
		var s fxStats
		e.Get(sup, "/api/v1/stats/overview?from=2026-09-01&to=2026-09-30").Must(t, http.StatusOK).JSON(t, &s)
		return s.Inspections
	}
	before := figures(t)
	const visits = 40
	for range visits {
		id := startedAdHoc(t, e, off, v)
		submitVisit(e, off, id, map[string]any{"checklist": passAll(t, e, "shop")}).Must(t, http.StatusOK)
	}
	after := figures(t)
	if after.Due != before.Due || after.Done != before.Done || after.CompletionRate != before.CompletionRate {
		t.Errorf("schedule figures moved with ad hoc visits: before %+v, after %+v", before, after)
	}
	if after.AdHoc != before.AdHoc+visits || after.AdHocDone != before.AdHocDone+visits {
		t.Errorf("ad_hoc = %d, ad_hoc_done = %d; want %d and %d", after.AdHoc, after.AdHocDone, before.AdHoc+visits, before.AdHocDone+visits)
	}
}
