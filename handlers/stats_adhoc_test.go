package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestStatsAdHocOnItsOwn(t *testing.T) {
	t.Parallel()
	// Ensure forty visits of one venue lift no completion rate: ad hoc
	// work is counted beside the schedule, not in it.
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	v := e.Venue(t, "dcf-1-g1")
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
		id := e.Started(t, off, v)
		e.Submit(off, id, map[string]any{"checklist": e.Checklist(t, "shop")}).Must(t, http.StatusOK)
	}
	after := figures(t)
	if after.Due != before.Due || after.Done != before.Done || after.CompletionRate != before.CompletionRate {
		t.Errorf("schedule figures moved with ad hoc visits: before %+v, after %+v", before, after)
	}
	if after.AdHoc != before.AdHoc+visits || after.AdHocDone != before.AdHocDone+visits {
		t.Errorf("ad_hoc = %d, ad_hoc_done = %d; want %d and %d", after.AdHoc, after.AdHocDone, before.AdHoc+visits, before.AdHocDone+visits)
	}
}
