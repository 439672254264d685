package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// TestReinspectionSeparationOfDuties: a reinspection's officer does not
// verify a fix they recorded themself (before the reinspection or in it);
// that fix waits, rectified, in the review queue for a supervisor. A fix
// someone else recorded the reinspection verifies.
func TestReinspectionSeparationOfDuties(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	clock := e.Clock
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	offID, supID := e.User(off), e.User(sup)
	venue := e.Venue(t, "dcf-1-g1")
	// One hazard per deadline, so that each has a reinspection of its own.
	own := apptest.Hazard("wiring", "major", "deadline", "2026-09-28")
	theirs := apptest.Hazard("ebike", "general", "deadline", "2026-09-29")
	found := apptest.Hazard("smoke_alarm", "general", "deadline", "2026-09-30")
	e.Submit(off, e.Started(t, off, venue), map[string]any{"checklist": e.Checklist(t, "shop"),
		"hazards": []any{own, theirs, found}}).Must(t, http.StatusOK)
	hazard := func(t *testing.T, h map[string]any) map[string]any {
		t.Helper()
		return e.Get(sup, "/api/v1/hazards/"+h["id"].(string)).Must(t, http.StatusOK).Map(t)
	}
	e.Post(off, "/api/v1/hazards/"+own["id"].(string)+"/rectify", map[string]any{"description": "已重新布线"}).Must(t, http.StatusOK)
	e.Post(sup, "/api/v1/hazards/"+theirs["id"].(string)+"/rectify", map[string]any{"description": "督促店主移走电动车"}).Must(t, http.StatusOK)
	// reinspect starts h's reinspection on its deadline and submits it
	// with the finding that h is fixed.
	reinspect := func(t *testing.T, h map[string]any, day int) {
		t.Helper()
		clock.Set(t, fmt.Sprintf("2026-09-%02dT10:00:00+08:00", day))
		rid := hazard(t, h)["reinspection_id"].(string)
		e.Start(off, rid, apptest.VenueLat, apptest.VenueLng).Must(t, http.StatusOK)
		e.Submit(off, rid, map[string]any{"checklist": e.Checklist(t, "shop"), "resolutions": []any{
			map[string]any{"hazard_id": h["id"], "fixed": true, "description": "复查：已整改"},
		}}).Must(t, http.StatusOK)
	}
	waits := func(t *testing.T, h map[string]any) {
		t.Helper()
		got := hazard(t, h)
		if got["status"] != "rectified" || got["verified_by"] != nil || got["verified_at"] != nil {
			t.Fatalf("hazard = %v, want it rectified, not verified", got)
		}
		if !queueIDs(t, e, sup)[h["id"].(string)] {
			t.Fatal("the fix is not in the supervisor's review queue")
		}
		wantProblem(t, e.Post(off, "/api/v1/hazards/"+h["id"].(string)+"/verify", map[string]any{"accepted": true}), 403, "")
		v := e.Post(sup, "/api/v1/hazards/"+h["id"].(string)+"/verify", map[string]any{"accepted": true}).Must(t, http.StatusOK).Map(t)
		if v["status"] != "verified" || v["verified_by"] != supID {
			t.Fatalf("verified = %v", v)
		}
	}

	t.Run("OK/OwnRecordedFixWaits", func(t *testing.T) {
		// Ensure the officer's own /rectify, confirmed by their own
		// reinspection, still needs a supervisor.
		reinspect(t, own, 28)
		waits(t, own)
	})

	t.Run("OK/FixFoundAtReinspectionWaits", func(t *testing.T) {
		// Ensure a fix the officer records in the reinspection itself waits
		// for a supervisor too.
		reinspect(t, found, 30)
		got := hazard(t, found)
		rect, _ := got["rectification"].(map[string]any)
		if rect == nil || rect["by"] != offID || rect["description"] != "复查：已整改" {
			t.Fatalf("hazard = %v, want the fix recorded by the officer", got)
		}
		waits(t, found)
	})

	t.Run("OK/OthersFixVerified", func(t *testing.T) {
		// Ensure the reinspection verifies a fix someone else recorded.
		reinspect(t, theirs, 29)
		got := hazard(t, theirs)
		if got["status"] != "verified" || got["verified_by"] != offID {
			t.Fatalf("hazard = %v, want it verified by the reinspection", got)
		}
		if queueIDs(t, e, sup)[theirs["id"].(string)] {
			t.Fatal("the verified hazard is in the review queue")
		}
	})
}

// TestSeparationOfDutiesInSQL: the database refuses what the rule refuses,
// even written past the API.
func TestSeparationOfDutiesInSQL(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off = "off-dcf-1-g1"
	venue := e.Venue(t, "dcf-1-g1")
	h := apptest.Hazard("wiring", "major", "deadline", "2026-10-09")
	id := e.Started(t, off, venue)
	e.Submit(off, id, map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{h}}).Must(t, http.StatusOK)
	e.Post(off, "/api/v1/hazards/"+h["id"].(string)+"/rectify", map[string]any{"description": "已整改"}).Must(t, http.StatusOK)
	for name, sql := range map[string]string{
		"hazards_verifier_not_fixer":        "UPDATE hazards SET status = 'verified', verified_at = now(), verified_by = rectified_by WHERE id = ?",
		"inspections_reviewer_not_assignee": "UPDATE inspections SET status = 'approved', reviewed_at = now(), reviewed_by = assignee_id WHERE id = ?",
	} {
		arg := h["id"]
		if name == "inspections_reviewer_not_assignee" {
			arg = id
		}
		if err := e.DB.Exec(sql, arg).Error; err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: %v, want a violation of %s", sql, err, name)
		}
	}
	rid := e.Post(off, "/api/v1/venues/"+venue["id"].(string)+"/reclassifications",
		map[string]any{"to_level": "red", "reason": "重大隐患"}).Must(t, http.StatusCreated).Map(t)["id"]
	err := e.DB.Exec("UPDATE reclassifications SET status = 'approved', decided_at = now(), decided_by = filed_by, version = version + 1 WHERE id = ?", rid).Error
	if err == nil || !strings.Contains(err.Error(), "reclassifications_decider_not_filer") {
		t.Errorf("self-approval: %v, want a violation of reclassifications_decider_not_filer", err)
	}
}
