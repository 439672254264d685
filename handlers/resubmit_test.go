package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// returnedVisit is an ad hoc inspection submitted with an on-site and a
// deadline hazard and returned by the station's supervisor: the inspection
// id, its submission body and the two hazards' ids.
func returnedVisit(t *testing.T, e *apptest.Env) (id string, body map[string]any, onSite, deadline string) {
	t.Helper()
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	id = e.Started(t, off, e.Venue(t, "dcf-1-g1"))
	photo := e.Photo(t, off, apptest.PNG(7))
	hazards := []any{
		apptest.Hazard("extinguisher", "general", "on_site", "", photo),
		apptest.Hazard("wiring", "general", "deadline", "2026-10-09"),
	}
	body = map[string]any{"checklist": e.Checklist(t, "shop", "extinguisher", "wiring"), "hazards": hazards}
	e.Submit(off, id, body).Must(t, http.StatusOK)
	onSite, deadline = hazards[0].(map[string]any)["id"].(string), hazards[1].(map[string]any)["id"].(string)
	e.Post(sup, "/api/v1/inspections/"+id+"/return", map[string]any{"comment": "电线隐患是重大隐患；灭火器那条不成立"}).Must(t, http.StatusOK)
	return id, body, onSite, deadline
}

// hazardsOf returns the body's hazards with those of the given ids changed by edit.
func hazardsOf(body map[string]any, edit map[string]map[string]any) []any {
	var out []any
	for _, h := range body["hazards"].([]any) {
		h := h.(map[string]any)
		c := map[string]any{}
		for k, v := range h {
			c[k] = v
		}
		for k, v := range edit[h["id"].(string)] {
			c[k] = v
		}
		out = append(out, c)
	}
	return out
}

func TestResubmitCorrections(t *testing.T) {
	t.Parallel()
	const off = "off-dcf-1-g1"

	t.Run("OK/CorrectionsApplied", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		id, body, _, deadline := returnedVisit(t, e)
		old := e.Get(off, "/api/v1/hazards/"+deadline).Must(t, http.StatusOK).Map(t)
		oldReinspection := old["reinspection_id"].(string)
		// The supervisor said the wiring is major: the officer resubmits it
		// as major, with a new text and a later deadline.
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{deadline: {
			"severity": "major", "description": "配电箱私拉乱接，多处裸线", "deadline": "2026-10-16"}}))
		again := e.Submit(off, id, edited).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "inspection.status", again["status"], "submitted")
		h := e.Get(off, "/api/v1/hazards/"+deadline).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "hazard.severity", h["severity"], "major")
		apptest.Equal(t, "hazard.description", h["description"], "配电箱私拉乱接，多处裸线")
		apptest.Equal(t, "hazard.deadline", h["deadline"], "2026-10-16")
		apptest.Equal(t, "hazard.status", h["status"], "open")
		// Its reinspection follows the deadline; the old one, left without a
		// hazard, is cancelled.
		rid, _ := h["reinspection_id"].(string)
		if rid == "" || rid == oldReinspection {
			t.Fatalf("reinspection_id = %q, want a new one (the old one is %s)", rid, oldReinspection)
		}
		r := e.Get(off, "/api/v1/inspections/"+rid).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "new reinspection.opens_on", r["opens_on"], "2026-10-16")
		o := e.Get(off, "/api/v1/inspections/"+oldReinspection).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "old reinspection.status", o["status"], "cancelled")
		// The audit trail says what was corrected.
		rows := auditTrail(t, e, "admin", "entity=hazard&entity_id="+deadline, 50)
		found := false
		for _, row := range rows {
			found = found || row.Action == "correct"
		}
		if !found {
			t.Errorf("no audit row with action correct for hazard %s", deadline)
		}
		// The same resubmission again is a retry: nothing changes.
		before := rowCounts(t, e, "inspections", "hazards", "audit_log")
		e.Submit(off, id, edited).Must(t, http.StatusOK)
		sameCounts(t, e, before)
	})

	t.Run("OK/OnSiteBecomesDeadline", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		id, body, onSite, _ := returnedVisit(t, e)
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{onSite: {
			"fix_mode": "deadline", "deadline": "2026-10-09", "photo_ids": []any{}}}))
		e.Submit(off, id, edited).Must(t, http.StatusOK)
		h := e.Get(off, "/api/v1/hazards/"+onSite).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "hazard.fix_mode", h["fix_mode"], "deadline")
		apptest.Equal(t, "hazard.status", h["status"], "open")
		apptest.Equal(t, "hazard.rectification", h["rectification"], nil)
		if h["reinspection_id"] == nil {
			t.Error("reinspection_id = nil, want the reinspection of 2026-10-09")
		}
	})

	t.Run("ErrHazardLeftOut", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		id, body, onSite, _ := returnedVisit(t, e)
		// Leaving a recorded hazard out is refused, not ignored.
		var kept []any
		for _, h := range body["hazards"].([]any) {
			if h.(map[string]any)["id"] != onSite {
				kept = append(kept, h)
			}
		}
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Submit(off, id, apptest.With(body, "hazards", kept)), 422, "hazards")
		sameCounts(t, e, before)
		in := e.Get(off, "/api/v1/inspections/"+id).Must(t, http.StatusOK).Map(t)
		apptest.Equal(t, "inspection.status", in["status"], "returned")
	})

	t.Run("ErrHazardMovedOn", func(t *testing.T) {
		e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
		id, body, _, deadline := returnedVisit(t, e)
		// The deadline hazard was fixed meanwhile: it can no longer be corrected.
		photo := e.Photo(t, off, apptest.PNG(8))
		e.Post(off, "/api/v1/hazards/"+deadline+"/rectify", map[string]any{"description": "已整改", "photo_ids": []string{photo}}).Must(t, http.StatusOK)
		edited := apptest.With(body, "hazards", hazardsOf(body, map[string]map[string]any{deadline: {"severity": "major"}}))
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Submit(off, id, edited), 409, "hazards.id")
		sameCounts(t, e, before)
	})
}
