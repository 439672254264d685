package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Hazards after the visit: a supervisor's decision on a fix, and the
// escalation of major hazards left open.

func TestVerifyHazard(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	clock := e.Clock
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	venue := e.Venue(t, "dcf-1-g1")
	id := e.Started(t, off, venue)
	photo := e.Photo(t, off, apptest.PNG(1))
	onSite := apptest.Hazard("extinguisher", "general", "on_site", "", photo)
	later := apptest.Hazard("wiring", "major", "deadline", "2026-10-09")
	e.Submit(off, id, map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{onSite, later}}).Must(t, http.StatusOK)
	onSitePath, laterPath := "/api/v1/hazards/"+onSite["id"].(string), "/api/v1/hazards/"+later["id"].(string)
	accept, reject := map[string]any{"accepted": true}, map[string]any{"accepted": false, "comment": "照片看不清，请重拍"}
	hazardStatus := func(t *testing.T, path string) string {
		t.Helper()
		return e.Get(off, path).Must(t, http.StatusOK).Map(t)["status"].(string)
	}

	t.Run("ErrVerify", func(t *testing.T) {
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Post(off, onSitePath+"/verify", accept), 403, "")
		wantProblem(t, e.Post("sup-dcf-2", onSitePath+"/verify", accept), 404, "")
		wantProblem(t, e.Post(sup, onSitePath+"/verify", map[string]any{"accepted": false}), 422, "comment")
		wantProblem(t, e.Post(sup, onSitePath+"/verify", map[string]any{"comment": "好"}), 422, "accepted")
		// an open hazard has no fix to verify
		wantProblem(t, e.Post(sup, laterPath+"/verify", accept), 409, "status")
		sameCounts(t, e, before)
		if s := hazardStatus(t, onSitePath); s != "rectified" {
			t.Fatalf("status %s", s)
		}
	})

	t.Run("OK/Accepted", func(t *testing.T) {
		// Ensure a fix the supervisor accepts is verified.
		if !queueIDs(t, e, sup)[onSite["id"].(string)] {
			t.Fatal("the rectified hazard is not in the queue")
		}
		h := e.Post(sup, onSitePath+"/verify", accept).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "verified", h, map[string]any{"status": "verified", "verified_by": e.User(sup)})
		apptest.True(t, "verified: h[\"verified_at\"] is set", h["verified_at"] != nil)
		if queueIDs(t, e, sup)[onSite["id"].(string)] {
			t.Fatal("the verified hazard is still in the queue")
		}
		wantProblem(t, e.Post(sup, onSitePath+"/verify", reject), 409, "status")
	})

	t.Run("OK/Rejected", func(t *testing.T) {
		// Ensure a fix the supervisor rejects makes the hazard open again,
		// with the comment, and a new fix can be verified.
		e.Post(off, laterPath+"/rectify", map[string]any{"description": "重新布线", "photo_ids": []string{photo}}).Must(t, http.StatusOK)
		h := e.Post(sup, laterPath+"/verify", reject).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "rejected", h, map[string]any{"status": "open", "review_comment": reject["comment"], "verified_at": nil, "verified_by": nil})
		open, _ := walk(t, e, off, "/api/v1/hazards?status=open")
		if !ids(t, open)[later["id"].(string)] {
			t.Fatal("the rejected hazard is not listed as open")
		}
		e.Post(off, laterPath+"/rectify", map[string]any{"description": "重新布线并套管", "photo_ids": []string{photo}}).Must(t, http.StatusOK)
		if s := e.Post(sup, laterPath+"/verify", accept).Must(t, http.StatusOK).Map(t)["status"]; s != "verified" {
			t.Fatalf("status %v", s)
		}
	})

	t.Run("OK/ReinspectionFindsItBroken", func(t *testing.T) {
		// Ensure a reinspection that finds a verified fix undone makes the
		// hazard open again, no longer verified.
		reinspection := e.Get(off, laterPath).Must(t, http.StatusOK).Map(t)["reinspection_id"].(string)
		clock.Set(t, "2026-10-09T10:00:00+08:00")
		defer clock.Set(t, "2026-09-25T10:00:00+08:00")
		e.Start(off, reinspection, apptest.VenueLat, apptest.VenueLng).Must(t, http.StatusOK)
		e.Submit(off, reinspection, map[string]any{"checklist": e.Checklist(t, "shop", "wiring"), "resolutions": []any{
			map[string]any{"hazard_id": later["id"], "fixed": false, "description": "又私拉电线"},
		}}).Must(t, http.StatusOK)
		h := e.Get(off, laterPath).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "hazard", h, map[string]any{"status": "open", "verified_at": nil, "verified_by": nil})
		apptest.True(t, "hazard: strings.Contains(h[\"review_comment\"].(string), \"又私拉电线\")", strings.Contains(h["review_comment"].(string), "又私拉电线"))
	})

	t.Run("ErrVerifyOwnFix", func(t *testing.T) {
		// Ensure whoever recorded a fix does not verify it.
		other := apptest.Hazard("ebike", "general", "deadline", "2026-10-09")
		fresh := e.Started(t, off, venue)
		e.Submit(off, fresh, map[string]any{"checklist": e.Checklist(t, "shop"), "hazards": []any{other}}).Must(t, http.StatusOK)
		p := "/api/v1/hazards/" + other["id"].(string)
		e.Post(sup, p+"/rectify", map[string]any{"description": "督导现场督促整改"}).Must(t, http.StatusOK)
		wantProblem(t, e.Post(sup, p+"/verify", accept), 403, "")
		if s := hazardStatus(t, p); s != "rectified" {
			t.Fatalf("status %s", s)
		}
	})
}

func TestEscalation(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	clock := e.Clock
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	// yellow: a major hazard left open; red already: the same; yellow: a
	// general hazard left open and a major one rectified.
	major, red, minor := e.Venue(t, "dcf-1-g1"), e.Venue(t, "dcf-1-g1", "risk_level", "red"), e.Venue(t, "dcf-1-g1")
	visit := func(venue map[string]any, hazards ...map[string]any) {
		e.SubmitAll(t, off, e.Started(t, off, venue), "shop", hazards...)
	}
	// deadline Sept 30: the reinspection is due Oct 10
	visit(major, apptest.Hazard("evacuation_route", "major", "deadline", "2026-09-30"))
	visit(red, apptest.Hazard("evacuation_route", "major", "deadline", "2026-09-30"))
	fixed := apptest.Hazard("flammables", "major", "deadline", "2026-09-30")
	visit(minor, apptest.Hazard("wiring", "general", "deadline", "2026-09-30"), fixed)
	e.Post(off, "/api/v1/hazards/"+fixed["id"].(string)+"/rectify", map[string]any{"description": "已清走易燃物"}).Must(t, http.StatusOK)

	// generate runs as of a day, on that day: escalation goes by the
	// service's today, not by a run's as-of date.
	generate := func(t *testing.T, asOf string) apptest.Run {
		t.Helper()
		clock.Set(t, asOf+"T10:00:00+08:00")
		return e.Generate(t, asOf)
	}
	pending := func(t *testing.T) []map[string]any {
		t.Helper()
		items, _ := walk(t, e, sup, "/api/v1/reclassifications?status=pending")
		return items
	}

	t.Run("OK/NotEarlyByAsOf", func(t *testing.T) {
		// Ensure a run that prepares a later period escalates by today, not
		// by its as-of date.
		clock.Set(t, "2026-10-05T10:00:00+08:00")
		r := e.Generate(t, "2026-10-31")
		apptest.Equal(t, "escalated by the run as of 2026-10-31 on 2026-10-05", *r.Escalated, int64(0))
		if p := pending(t); len(p) != 0 {
			t.Fatalf("pending = %v", p)
		}
	})

	t.Run("OK/NotYetDue", func(t *testing.T) {
		// Ensure nothing is filed on the reinspection's due date itself.
		apptest.Equal(t, "escalated by the run of 2026-10-10", *generate(t, "2026-10-10").Escalated, int64(0))
		if p := pending(t); len(p) != 0 {
			t.Fatalf("pending = %v", p)
		}
	})

	t.Run("OK/Escalated", func(t *testing.T) {
		// Ensure the day after, one pending reclassification to red is filed
		// for the yellow venue with the open major hazard, and none else.
		apptest.Equal(t, "escalated by the run of 2026-10-11", *generate(t, "2026-10-11").Escalated, int64(1))
		p := pending(t)
		if len(p) != 1 {
			t.Fatalf("pending = %v", p)
		}
		r := p[0]
		apptest.Fields(t, "reclassification", r, map[string]any{"venue_id": major["id"], "from_level": "yellow", "to_level": "red", "status": "pending"})
		apptest.True(t, "reclassification: strings.Contains(r[\"reason\"].(string), \"evacuation_route\")", strings.Contains(r["reason"].(string), "evacuation_route"))
		// Ensure the venue's level waits for the supervisor.
		if l := e.Get(off, "/api/v1/venues/"+major["id"].(string)).Must(t, http.StatusOK).Map(t)["risk_level"]; l != "yellow" {
			t.Fatalf("level %v", l)
		}
	})

	t.Run("OK/Once", func(t *testing.T) {
		// Ensure the next day's run files nothing more.
		generate(t, "2026-10-11") // as OK/Escalated leaves it (run again, it files nothing more)
		before := rowCounts(t, e, "reclassifications")
		apptest.Equal(t, "escalated by the run of 2026-10-12", *generate(t, "2026-10-12").Escalated, int64(0))
		sameCounts(t, e, before)
		if p := pending(t); len(p) != 1 {
			t.Fatalf("pending = %v", p)
		}
	})
}
