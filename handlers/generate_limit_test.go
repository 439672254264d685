package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestScheduleGenerateAsOfLimit(t *testing.T) {
	t.Parallel()
	// Today is 2026-05-10 in TZ; the default policy's shortest interval is
	// monthly (red), so a run may prepare up to the end of June.
	e := apptest.New(t, apptest.Options{At: "2026-05-10T09:00:00+08:00"})
	e.VenueID(t, "dcf-1-g1", "risk_level", "red")
	tables := []string{"inspections", "schedule_runs", "audit_log"}

	for _, asOf := range []string{"9999-12-31", "2026-07-01", "2027-05-10"} {
		t.Run("ErrTooFar/"+asOf, func(t *testing.T) {
			before := rowCounts(t, e, tables...)
			p := wantProblem(t, e.Post("admin", "/api/v1/schedules/generate", map[string]string{"as_of": asOf}), http.StatusUnprocessableEntity, "as_of")
			if len(p.Errors) == 0 || !strings.Contains(p.Errors[0].Message, "2026-06-30") {
				t.Errorf("errors = %+v, want a message naming the limit 2026-06-30", p.Errors)
			}
			sameCounts(t, e, before)
		})
	}
	t.Run("OK/NextPeriod", func(t *testing.T) {
		r := e.Generate(t, "2026-06-30")
		if got := r.Period("red"); got != "monthly 2026-06-01..2026-06-30" {
			t.Errorf("red period = %s, want monthly 2026-06-01..2026-06-30", got)
		}
	})
	t.Run("OK/Past", func(t *testing.T) {
		e.Generate(t, "2025-01-15") // a late run for a past period is allowed
	})
}
