package handlers_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// auditRow is one row of GET /audit.
type auditRow struct {
	ID        int64           `json:"id"`
	At        string          `json:"at"`
	ActorID   *string         `json:"actor_id"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	GridID    *string         `json:"grid_id"`
	Before    json.RawMessage `json:"before"`
	After     json.RawMessage `json:"after"`
	RequestID string          `json:"request_id"`
}

// object decodes a before or after image, nil for JSON null.
func (r auditRow) object(t *testing.T, raw json.RawMessage) map[string]any {
	t.Helper()
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("audit row %d: %s is not a JSON object: %v", r.ID, raw, err)
	}
	return m
}

// auditTrail reads the audit trail as the given user, page by page.
func auditTrail(t *testing.T, e *apptest.Env, as, query string, limit int) []auditRow {
	t.Helper()
	raw, _ := walk(t, e, as, fmt.Sprintf("/api/v1/audit?limit=%d&%s", limit, query))
	b, err := json.Marshal(raw)
	if err != nil {
		t.Fatal(err)
	}
	var out []auditRow
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("audit rows: %v", err)
	}
	return out
}

// deref is *s, or "<nil>".
func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// auditWant is an audit row that a mutation must have left.
type auditWant struct {
	entity, id, action, rid, actor string
	// check looks at the before and after images (nil for null).
	check func(before, after map[string]any) string
}

// field is a check that a field of the image changed from one value to
// another (before is not looked at when from is nil).
func field(name string, from, to any) func(before, after map[string]any) string {
	return func(before, after map[string]any) string {
		if from != nil && fmt.Sprint(before[name]) != fmt.Sprint(from) {
			return fmt.Sprintf("before.%s = %v, want %v", name, before[name], from)
		}
		if fmt.Sprint(after[name]) != fmt.Sprint(to) {
			return fmt.Sprintf("after.%s = %v, want %v", name, after[name], to)
		}
		return ""
	}
}

func TestAuditTrail(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-05-20T10:00:00+08:00"})
	clock := e.Clock
	const off1, sup = "off-dcf-1-g1", "sup-dcf-1"
	g1 := e.Unit("dcf-1-g1")

	// mutate sends one write and records its X-Request-ID, which every
	// audit row it leaves must carry.
	var rids []string
	var wants []auditWant
	mutate := func(as, method, path string, body any, status int) (map[string]any, string) {
		t.Helper()
		r := e.Do(apptest.Request{Method: method, Path: path, As: as, Body: body}).Must(t, status)
		rid := r.Header.Get("X-Request-ID")
		if rid == "" || slices.Contains(rids, rid) {
			t.Fatalf("%s %s: X-Request-ID %q", method, path, rid)
		}
		rids = append(rids, rid)
		var m map[string]any
		if len(r.Body) > 0 {
			m = r.Map(t)
		}
		return m, rid
	}
	expect := func(as, entity, id, action, rid string, check func(before, after map[string]any) string) {
		wants = append(wants, auditWant{entity: entity, id: id, action: action, rid: rid, actor: as, check: check})
	}

	// Venues: create, edit, reclassify (at once by a supervisor; pending
	// from an officer, then approved).
	venue := func(name, level string) map[string]any {
		return map[string]any{"name": name, "category": "shop", "risk_level": level, "grid_id": g1,
			"address": "聊城市东昌路1号", "lat": apptest.VenueLat, "lng": apptest.VenueLng, "contact_name": "张先生", "contact_phone": "13800000000"}
	}
	v, rid := mutate("admin", "POST", "/api/v1/venues", venue("甲便利店", "yellow"), http.StatusCreated)
	vID := v["id"].(string)
	expect("admin", "venue", vID, "create", rid, field("risk_level", nil, "yellow"))
	w, rid := mutate("admin", "POST", "/api/v1/venues", venue("乙便利店", "green"), http.StatusCreated)
	wID := w["id"].(string)
	expect("admin", "venue", wID, "create", rid, field("name", nil, "乙便利店"))
	_, rid = mutate(off1, "PATCH", "/api/v1/venues/"+vID, map[string]any{"contact_phone": "13911112222", "version": 1}, http.StatusOK)
	expect(off1, "venue", vID, "update", rid, field("contact_phone", "13800000000", "13911112222"))
	r1, rid := mutate(sup, "POST", "/api/v1/venues/"+vID+"/reclassifications", map[string]any{"to_level": "red", "reason": "存放易燃物品"}, http.StatusCreated)
	expect(sup, "reclassification", r1["id"].(string), "create", rid, field("status", nil, "approved"))
	expect(sup, "venue", vID, "reclassify", rid, field("risk_level", "yellow", "red"))
	r2, rid := mutate(off1, "POST", "/api/v1/venues/"+wID+"/reclassifications", map[string]any{"to_level": "yellow", "reason": "新增住人"}, http.StatusCreated)
	expect(off1, "reclassification", r2["id"].(string), "create", rid, field("status", nil, "pending"))
	_, rid = mutate(sup, "POST", "/api/v1/reclassifications/"+r2["id"].(string)+"/approve", map[string]any{"comment": "同意"}, http.StatusOK)
	expect(sup, "reclassification", r2["id"].(string), "approve", rid, field("status", "pending", "approved"))
	expect(sup, "venue", wID, "reclassify", rid, field("risk_level", "green", "yellow"))

	// Schedules: generation makes v's May and w's second quarter (one
	// row for the run, which the inspections it made point back to); the
	// policy change cancels v's May; the next run makes v's quarter.
	_, rid = mutate("admin", "POST", "/api/v1/schedules/generate", map[string]any{}, http.StatusOK)
	vMay, wQ2 := e.Routine(t, vID, "2026-05-31"), e.Routine(t, wID, "2026-06-30")
	expect("admin", "schedule_run", "", "generate", rid, field("created", nil, float64(2)))
	_, rid = mutate("admin", "PUT", "/api/v1/policy", map[string]any{"red": "quarterly", "yellow": "quarterly", "green": "half_yearly"}, http.StatusOK)
	expect("admin", "policy", "", "update", rid, field("red", "monthly", "quarterly"))
	expect("admin", "inspection", vMay, "cancel", rid, field("status", "scheduled", "cancelled"))
	_, rid = mutate("admin", "POST", "/api/v1/schedules/generate", map[string]any{}, http.StatusOK)
	vQ2 := e.Routine(t, vID, "2026-06-30")
	expect("admin", "schedule_run", "", "generate", rid, field("created", nil, float64(1)))
	if n := count(t, e, `SELECT count(*) FROM inspections i JOIN schedule_runs r ON r.started_at = i.created_at
		JOIN audit_log a ON a.entity = 'schedule_run' AND a.entity_id = r.id AND a.request_id = ? WHERE i.id = ?`, rid, vQ2); n != 1 {
		t.Fatalf("the routine inspection %s is not tied to the audited run of request %s", vQ2, rid)
	}

	// Field work: start, submit with hazards (one fixed on site, one by a
	// deadline, which makes a reinspection), fix, verify and reject a fix,
	// return, submit again, approve; an ad hoc inspection.
	_, rid = mutate(off1, "POST", "/api/v1/inspections/"+vQ2+"/start", map[string]any{"lat": apptest.VenueLat, "lng": apptest.VenueLng}, http.StatusOK)
	expect(off1, "inspection", vQ2, "start", rid, field("status", "scheduled", "in_progress"))
	// POST /photos stores a file for a hazard to cite, with its own row.
	up := e.PostPhoto(t, off1, apptest.PNG(0)).Must(t, http.StatusCreated)
	photo, rid := up.Map(t)["id"].(string), up.Header.Get("X-Request-ID")
	rids = append(rids, rid)
	expect(off1, "photo", photo, "create", rid, nil)
	h1, h2 := uuid.NewString(), uuid.NewString()
	submission := e.SubmitBody(t, "shop", apptest.OnSite(h1, "extinguisher", "general", photo), apptest.Deadline(h2, "wiring", "major", "2026-06-10"))
	_, rid = mutate(off1, "POST", "/api/v1/inspections/"+vQ2+"/submit", submission, http.StatusOK)
	expect(off1, "inspection", vQ2, "submit", rid, field("status", "in_progress", "submitted"))
	expect(off1, "hazard", h1, "create", rid, field("status", nil, "rectified"))
	expect(off1, "hazard", h2, "create", rid, field("status", nil, "open"))
	reinspection := e.Get("admin", "/api/v1/hazards/"+h2).Must(t, http.StatusOK).Map(t)["reinspection_id"].(string)
	expect(off1, "inspection", reinspection, "create", rid, field("kind", nil, "reinspection"))
	_, rid = mutate(off1, "POST", "/api/v1/hazards/"+h2+"/rectify", map[string]any{"description": "已更换线路", "photo_ids": []string{}}, http.StatusOK)
	expect(off1, "hazard", h2, "rectify", rid, field("status", "open", "rectified"))
	_, rid = mutate(sup, "POST", "/api/v1/hazards/"+h2+"/verify", map[string]any{"accepted": true}, http.StatusOK)
	expect(sup, "hazard", h2, "verify", rid, field("status", "rectified", "verified"))
	_, rid = mutate(sup, "POST", "/api/v1/hazards/"+h1+"/verify", map[string]any{"accepted": false, "comment": "灭火器仍过期"}, http.StatusOK)
	expect(sup, "hazard", h1, "reject_fix", rid, field("status", "rectified", "open"))
	_, rid = mutate(sup, "POST", "/api/v1/inspections/"+vQ2+"/return", map[string]any{"comment": "补充照片"}, http.StatusOK)
	expect(sup, "inspection", vQ2, "return", rid, field("status", "submitted", "returned"))
	_, rid = mutate(off1, "POST", "/api/v1/inspections/"+vQ2+"/submit", submission, http.StatusOK)
	expect(off1, "inspection", vQ2, "submit", rid, field("status", "returned", "submitted"))
	_, rid = mutate(sup, "POST", "/api/v1/inspections/"+vQ2+"/approve", map[string]any{}, http.StatusOK)
	expect(sup, "inspection", vQ2, "approve", rid, field("status", "submitted", "approved"))
	adHoc, rid := mutate(off1, "POST", "/api/v1/inspections", map[string]any{"venue_id": wID}, http.StatusCreated)
	expect(off1, "inspection", adHoc["id"].(string), "create", rid, field("kind", nil, "ad_hoc"))
	// A major hazard left open past its reinspection's due date: the next
	// generation run files a reclassification of its venue to red.
	x, rid := mutate("admin", "POST", "/api/v1/venues", venue("丙便利店", "yellow"), http.StatusCreated)
	xID := x["id"].(string)
	expect("admin", "venue", xID, "create", rid, nil)
	xVisit, rid := mutate(off1, "POST", "/api/v1/inspections", map[string]any{"venue_id": xID}, http.StatusCreated)
	expect(off1, "inspection", xVisit["id"].(string), "create", rid, nil)
	_, rid = mutate(off1, "POST", "/api/v1/inspections/"+xVisit["id"].(string)+"/start", map[string]any{"lat": apptest.VenueLat, "lng": apptest.VenueLng}, http.StatusOK)
	expect(off1, "inspection", xVisit["id"].(string), "start", rid, nil)
	h3 := uuid.NewString()
	_, rid = mutate(off1, "POST", "/api/v1/inspections/"+xVisit["id"].(string)+"/submit",
		e.SubmitBody(t, "shop", apptest.Deadline(h3, "flammables", "major", "2026-05-25")), http.StatusOK) // reinspection due 28 May
	expect(off1, "inspection", xVisit["id"].(string), "submit", rid, nil)
	expect(off1, "hazard", h3, "create", rid, nil)
	expect(off1, "inspection", e.Get("admin", "/api/v1/hazards/"+h3).Must(t, http.StatusOK).Map(t)["reinspection_id"].(string), "create", rid, nil)
	clock.Set(t, "2026-05-29T10:00:00+08:00")
	// (x's visit in May covers its quarter: the run makes no inspection.)
	_, rid = mutate("admin", "POST", "/api/v1/schedules/generate", map[string]any{}, http.StatusOK)
	expect("admin", "schedule_run", "", "generate", rid, field("escalated", nil, float64(1)))
	var escalation []string
	if err := e.DB.Raw("SELECT id::text FROM reclassifications WHERE venue_id = ? AND status = 'pending'", xID).Scan(&escalation).Error; err != nil || len(escalation) != 1 {
		t.Fatalf("escalation of %s: %v %v", xID, escalation, err)
	}
	// The admin's request made it: the row carries their id and the request's.
	expect("admin", "reclassification", escalation[0], "escalate", rid, field("to_level", nil, "red"))

	// Closing w cancels its scheduled quarter.
	_, rid = mutate("admin", "PATCH", "/api/v1/venues/"+wID, map[string]any{"status": "closed", "version": 2}, http.StatusOK)
	expect("admin", "venue", wID, "update", rid, field("status", "active", "closed"))
	expect("admin", "inspection", wQ2, "cancel", rid, field("status", "scheduled", "cancelled"))

	// Administration: a user, their grids, an org unit, a calendar.
	u, rid := mutate("admin", "POST", "/api/v1/users", userBody("zhao.lei", "officer", e.Unit("dcf-1")), http.StatusCreated)
	uID := u["id"].(string)
	expect("admin", "user", uID, "create", rid, field("username", nil, "zhao.lei"))
	_, rid = mutate("admin", "PATCH", "/api/v1/users/"+uID, map[string]any{"name": "赵磊", "version": 1}, http.StatusOK)
	expect("admin", "user", uID, "update", rid, field("name", "新用户", "赵磊"))
	_, rid = mutate("admin", "PUT", "/api/v1/users/"+uID+"/grids", map[string]any{"grid_ids": []string{g1}}, http.StatusOK)
	expect("admin", "user", uID, "set_grids", rid, field("grid_ids", "[]", "["+g1+"]"))
	ou, rid := mutate("admin", "POST", "/api/v1/org-units", unitBody("grid", "dcf-1-g9", "古楼派出所第9网格", e.Unit("dcf-1")), http.StatusCreated)
	ouID := ou["id"].(string)
	expect("admin", "org_unit", ouID, "create", rid, field("code", nil, "dcf-1-g9"))
	_, rid = mutate("admin", "PATCH", "/api/v1/org-units/"+ouID, map[string]any{"name": "古楼派出所第九网格", "version": 1}, http.StatusOK)
	expect("admin", "org_unit", ouID, "update", rid, field("name", "古楼派出所第9网格", "古楼派出所第九网格"))
	_, rid = mutate("admin", "PUT", "/api/v1/calendar/2027", map[string]any{"holidays": []string{"2027-01-01"}, "workdays": []string{}}, http.StatusOK)
	expect("admin", "calendar", "", "update", rid, nil)

	trail := auditTrail(t, e, "admin", "", 200)

	t.Run("OK/EveryMutation", func(t *testing.T) {
		// Ensure each change left its row: who, what, before and after,
		// and the request id the response carried.
		for _, w := range wants {
			var found []auditRow
			for _, r := range trail {
				if r.Entity == w.entity && (w.id == "" || r.EntityID == w.id) && r.Action == w.action && r.RequestID == w.rid {
					found = append(found, r)
				}
			}
			what := fmt.Sprintf("%s %s %s (request %s)", w.action, w.entity, w.id, w.rid)
			if len(found) != 1 {
				var others []string
				for _, r := range trail {
					if r.Entity == w.entity && (w.id == "" || r.EntityID == w.id) && r.Action == w.action && r.RequestID != w.rid {
						others = append(others, fmt.Sprintf("row %d with actor %v, request id %q", r.ID, deref(r.ActorID), r.RequestID))
					}
				}
				t.Errorf("%s: %d audit rows, want 1 (others of the kind: %v)", what, len(found), others)
				continue
			}
			r := found[0]
			if r.ActorID == nil || *r.ActorID != e.User(w.actor) {
				t.Errorf("%s: actor %v, want %s", what, r.ActorID, w.actor)
			}
			before, after := r.object(t, r.Before), r.object(t, r.After)
			makes := w.action == "create" || w.action == "escalate" || w.action == "generate" // a new entity: nothing before
			if after == nil || makes != (before == nil) {
				t.Errorf("%s: before %s, after %s", what, r.Before, r.After)
				continue
			}
			for _, img := range []map[string]any{before, after} {
				for _, f := range []string{"created_at", "updated_at"} {
					if at, ok := img[f].(string); ok && strings.HasPrefix(at, "0001-") {
						t.Errorf("%s: the image's %s is the zero time: %v", what, f, img)
					}
				}
			}
			if w.check != nil {
				if msg := w.check(before, after); msg != "" {
					t.Errorf("%s: %s", what, msg)
				}
			}
		}
		// Every mutation left a row, and every row is of a mutation of
		// this test, with its request id.
		seen := map[string]bool{}
		for _, r := range trail {
			if !slices.Contains(rids, r.RequestID) {
				t.Errorf("audit row %d (%s %s %s) has request id %q, which no response carried", r.ID, r.Action, r.Entity, r.EntityID, r.RequestID)
			}
			seen[r.RequestID] = true
		}
		for _, rid := range rids {
			if !seen[rid] {
				t.Errorf("request %s left no audit row", rid)
			}
		}
	})

	t.Run("OK/EveryEntity", func(t *testing.T) {
		// Ensure every entity the test changed has a trail, and the last
		// row of an inspection's or a hazard's trail shows its status now.
		last := map[string]auditRow{}
		for _, r := range trail {
			last[r.Entity+"/"+r.EntityID] = r
		}
		for _, c := range []struct{ entity, sql string }{
			{"venue", "SELECT id::text FROM venues"},
			// routine inspections made by a run are in the run's row
			{"inspection", `SELECT id::text FROM inspections i
				WHERE NOT (kind = 'routine' AND created_at IN (SELECT started_at FROM schedule_runs)) OR updated_at <> created_at`},
			{"schedule_run", "SELECT id::text FROM schedule_runs"},
			{"hazard", "SELECT id::text FROM hazards"},
			{"reclassification", "SELECT id::text FROM reclassifications"},
			{"user", "SELECT id::text FROM users WHERE username = 'zhao.lei'"},
			{"org_unit", "SELECT id::text FROM org_units WHERE code = 'dcf-1-g9'"},
		} {
			ids := dbIDs(t, e, c.sql)
			if len(ids) == 0 {
				t.Fatalf("no %s", c.entity)
			}
			for id := range ids {
				if _, ok := last[c.entity+"/"+id]; !ok {
					t.Errorf("%s %s has no audit row", c.entity, id)
				}
			}
		}
		for _, table := range []string{"inspections", "hazards"} {
			var rows []struct{ ID, Status string }
			if err := e.DB.Raw("SELECT id::text AS id, status FROM " + table).Scan(&rows).Error; err != nil {
				t.Fatal(err)
			}
			entity := strings.TrimSuffix(table, "s")
			for _, x := range rows {
				r, ok := last[entity+"/"+x.ID]
				if !ok {
					continue // reported above, or made by a run and not changed since
				}
				if after := r.object(t, r.After); after["status"] != x.Status {
					t.Errorf("%s %s is %s, its last audit row (%s) says %v", entity, x.ID, x.Status, r.Action, after["status"])
				}
			}
		}
	})

	t.Run("OK/ByEntity", func(t *testing.T) {
		// Ensure GET /audit?entity=&entity_id= gives an entity's trail in
		// order, to everyone whose scope holds it, page by page.
		for _, c := range []struct {
			entity, id string
			actions    []string
		}{
			{"venue", vID, []string{"create", "update", "reclassify"}},
			{"venue", wID, []string{"create", "reclassify", "update"}},
			// (routine inspections were made by runs, audited once per run)
			{"inspection", vQ2, []string{"start", "submit", "return", "submit", "approve"}},
			{"hazard", h1, []string{"create", "reject_fix"}},
			{"hazard", h2, []string{"create", "rectify", "verify"}},
			{"inspection", vMay, []string{"cancel"}},
		} {
			for _, as := range []string{"admin", "sup-lc", sup, off1} {
				for _, limit := range []int{1, 50} {
					rows := auditTrail(t, e, as, "entity="+c.entity+"&entity_id="+c.id, limit)
					var actions []string
					for i, r := range rows {
						actions = append(actions, r.Action)
						if r.Entity != c.entity || r.EntityID != c.id || r.GridID == nil || *r.GridID != g1 || (i > 0 && r.ID <= rows[i-1].ID) {
							t.Errorf("%s, %s %s: row %+v", as, c.entity, c.id, r)
						}
					}
					if !slices.Equal(actions, c.actions) {
						t.Errorf("%s, %s %s (limit %d): actions %v, want %v", as, c.entity, c.id, limit, actions, c.actions)
					}
				}
			}
		}
		if rows := auditTrail(t, e, "admin", "entity=user&entity_id="+uID, 50); len(rows) != 3 {
			t.Errorf("the user's trail has %d rows, want 3", len(rows))
		}
	})

	t.Run("OK/OtherScope", func(t *testing.T) {
		// Ensure an officer or a supervisor elsewhere sees none of it.
		for _, as := range []string{"off-dcf-1-g2", "off-dcf-2-g1", "sup-dcf-2", "sup-kfq-1"} {
			if rows := auditTrail(t, e, as, "", 200); len(rows) != 0 {
				t.Errorf("%s sees %d audit rows, e.g. %+v", as, len(rows), rows[0])
			}
			if rows := auditTrail(t, e, as, "entity=venue&entity_id="+vID, 200); len(rows) != 0 {
				t.Errorf("%s sees venue %s's trail", as, vID)
			}
		}
		// Rows of no grid (users, policy, calendar) are the admin's only.
		for _, as := range []string{"sup-lc", sup, off1} {
			for _, r := range auditTrail(t, e, as, "", 200) {
				if r.GridID == nil {
					t.Errorf("%s sees a row of no grid: %+v", as, r)
				}
			}
		}
	})

	t.Run("ErrQuery", func(t *testing.T) {
		wantProblem(t, e.Get("admin", "/api/v1/audit?entity_id=not-a-uuid"), http.StatusUnprocessableEntity, "entity_id")
		wantProblem(t, e.Get("admin", "/api/v1/audit?limit=0"), http.StatusUnprocessableEntity, "limit")
		wantProblem(t, e.Get("admin", "/api/v1/audit?cursor=zzz"), http.StatusUnprocessableEntity, "cursor")
		e.Do(apptest.Request{Method: http.MethodGet, Path: "/api/v1/audit"}).Must(t, http.StatusUnauthorized)
	})

	t.Run("ErrAppendOnly", func(t *testing.T) {
		// Ensure the trail cannot be rewritten, even in SQL.
		n := count(t, e, "audit_log")
		first := trail[0]
		for _, sql := range []string{
			"UPDATE audit_log SET action = 'forged' WHERE id = ?",
			"UPDATE audit_log SET request_id = '' WHERE id >= ?",
			"DELETE FROM audit_log WHERE id = ?",
		} {
			err := e.DB.Exec(sql, first.ID).Error
			if err == nil || !strings.Contains(err.Error(), "append-only") {
				t.Errorf("%s: err = %v, want the append-only refusal", sql, err)
			}
		}
		if err := e.DB.Exec("TRUNCATE audit_log").Error; err == nil {
			t.Error("TRUNCATE audit_log succeeded")
		}
		if got := count(t, e, "audit_log"); got != n {
			t.Fatalf("audit_log has %d rows, had %d", got, n)
		}
		was, _ := json.Marshal(trail)
		now, _ := json.Marshal(auditTrail(t, e, "admin", "", 200))
		if string(now) != string(was) {
			t.Fatalf("the audit trail changed:\n%s\nwas\n%s", now, was)
		}
	})
}
