package handlers_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Reclassification: proposals to change a venue's level, their decision
// and the history they leave.

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
		apptest.Fields(t, "reclassification", pending, map[string]any{"status": "pending", "filed_by": officer, "decided_by": nil, "from_level": "green", "to_level": "red", "venue_id": v})
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
		apptest.Fields(t, "reclassification", r, map[string]any{"status": "approved", "decided_by": sup, "comment": "属实", "filed_by": officer})
		apptest.True(t, "reclassification: r[\"decided_at\"] is set", r["decided_at"] != nil)
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
		apptest.Fields(t, "reclassification", d, map[string]any{"status": "rejected", "decided_by": sup, "comment": "未复查"})
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
			apptest.Request{Method: http.MethodPost, Path: "/api/v1/reclassifications/" + rid + "/reject", Token: e.Token("admin"),
				Body: map[string]any{"comment": "同时审核"}},
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
