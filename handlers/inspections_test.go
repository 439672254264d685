package handlers_test

import (
	"math"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

func TestVisitWalk(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	clock := e.Clock
	const off = "off-dcf-1-g1"
	offID := e.User(off)
	venue := e.Venue(t, "dcf-1-g1")
	vid := venue["id"].(string)

	// Ensure a generation run puts the venue's routine inspection on the
	// officer's task list.
	e.Post("admin", "/api/v1/schedules/generate", nil).Must(t, http.StatusOK)
	tasks, _ := walk(t, e, off, "/api/v1/inspections?mine=true&limit=2")
	var routine map[string]any
	for _, it := range tasks {
		if it["venue_id"] == vid && it["kind"] == "routine" {
			routine = it
		}
	}
	if routine == nil {
		t.Fatalf("the routine inspection of the venue is not among the officer's %d tasks", len(tasks))
	}
	apptest.Fields(t, "routine task", routine, map[string]any{"status": "scheduled", "due_date": "2026-09-30", "overdue": false})
	apptest.Equal(t, "routine task: routine[\"venue\"].(map[string]any)[\"name\"]", routine["venue"].(map[string]any)["name"], venue["name"])
	rid := routine["id"].(string)

	// Ensure a start about 1 km away is accepted, flagged off site, with its distance.
	var started map[string]any
	t.Run("OK/StartOffSite", func(t *testing.T) {
		started = e.Start(off, rid, apptest.VenueLat+0.009, apptest.VenueLng).Must(t, http.StatusOK).Map(t)
		d, _ := started["start_distance_m"].(float64)
		apptest.Fields(t, "started", started, map[string]any{"status": "in_progress", "off_site": true, "assignee_id": offID, "start_lat": apptest.VenueLat + 0.009})
		apptest.True(t, "started: not math.Abs(d-1000.8) > 5", !(math.Abs(d-1000.8) > 5))
		apptest.True(t, "started: started[\"started_at\"] is set", started["started_at"] != nil)
		sameAsStored(t, e, "/api/v1/inspections/"+rid, started)
		// Ensure starting it again is answered with it as it is.
		again := e.Start(off, rid, apptest.VenueLat+0.009, apptest.VenueLng).Must(t, http.StatusOK).Map(t)
		if again["version"] != started["version"] {
			t.Fatalf("a repeated start changed the version: %v → %v", started["version"], again["version"])
		}
	})

	// Ensure an ad hoc inspection is on the task list, and a start within
	// the check-in radius is on site.
	adHoc := e.AdHoc(t, off, vid)
	aid := adHoc["id"].(string)
	// Photos first: a PNG and a JPEG of what was found.
	p1, p2 := e.Photo(t, off, apptest.PNG(1)), e.Photo(t, off, apptest.JPEG(2))
	h1 := apptest.Hazard("extinguisher", "general", "on_site", "", p1)
	h2 := apptest.Hazard("evacuation_route", "major", "deadline", "2026-09-30", p2)
	h3 := apptest.Hazard("wiring", "general", "deadline", "2026-09-30")
	h4 := apptest.Hazard("ebike", "general", "deadline", "2026-10-16")
	hid := func(h map[string]any) string { return h["id"].(string) }
	get := func(t *testing.T, path string) map[string]any {
		t.Helper()
		return e.Get(off, path).Must(t, http.StatusOK).Map(t)
	}
	submission := map[string]any{
		"checklist": e.Checklist(t, "shop", "extinguisher", "evacuation_route", "wiring", "ebike"),
		"hazards":   []any{h1, h2, h3, h4}, "notes": "店主配合检查",
	}
	p3 := e.Photo(t, off, apptest.PNG(3))

	// The subtests below follow one visit. Each first brings it where the
	// ones before it leave it, doing (on 25 September) what they did and has
	// not been done yet, so that each runs alone too.
	status := func(t *testing.T, path string) string { t.Helper(); return get(t, path)["status"].(string) }
	on25th := func(t *testing.T, f func()) {
		t.Helper()
		was := clock.Now().Format(time.RFC3339)
		clock.Set(t, "2026-09-25T10:00:00+08:00")
		defer clock.Set(t, was)
		f()
	}
	startedOffSite := func(t *testing.T) { // OK/StartOffSite
		t.Helper()
		on25th(t, func() {
			if status(t, "/api/v1/inspections/"+rid) == "scheduled" {
				e.Start(off, rid, apptest.VenueLat+0.009, apptest.VenueLng).Must(t, http.StatusOK)
			}
		})
	}
	startedOnSite := func(t *testing.T) { // OK/AdHocOnSite
		t.Helper()
		on25th(t, func() {
			if status(t, "/api/v1/inspections/"+aid) == "scheduled" {
				e.Start(off, aid, apptest.VenueLat+0.0005, apptest.VenueLng+0.0005).Must(t, http.StatusOK)
			}
		})
	}
	submitted := func(t *testing.T) string { // OK/Submit; returns the reinspection of h2 and h3
		t.Helper()
		startedOffSite(t)
		on25th(t, func() {
			if status(t, "/api/v1/inspections/"+rid) == "in_progress" {
				e.Submit(off, rid, submission).Must(t, http.StatusOK)
			}
		})
		return get(t, "/api/v1/hazards/"+hid(h2))["reinspection_id"].(string)
	}
	shared := func(t *testing.T) { // OK/SharedAcrossVisits
		t.Helper()
		submitted(t)
		startedOnSite(t)
		on25th(t, func() {
			if status(t, "/api/v1/inspections/"+aid) == "in_progress" {
				h5 := apptest.Hazard("smoke_alarm", "general", "deadline", "2026-09-30")
				e.Submit(off, aid, map[string]any{"checklist": e.Checklist(t, "shop", "smoke_alarm"), "hazards": []any{h5}}).Must(t, http.StatusOK)
			}
		})
	}
	rectified := func(t *testing.T) { // OK/Rectify
		t.Helper()
		shared(t)
		on25th(t, func() {
			if status(t, "/api/v1/hazards/"+hid(h2)) == "open" {
				e.Post(off, "/api/v1/hazards/"+hid(h2)+"/rectify", map[string]any{"description": "已清理疏散通道杂物", "photo_ids": []string{p3}}).
					Must(t, http.StatusOK)
			}
		})
	}
	t.Run("OK/AdHocOnSite", func(t *testing.T) {
		apptest.Fields(t, "ad hoc", adHoc, map[string]any{"kind": "ad_hoc", "status": "scheduled", "opens_on": "2026-09-25", "due_date": "2026-09-25", "venue_id": vid, "grid_id": e.Unit("dcf-1-g1")})
		mine, _ := walk(t, e, off, "/api/v1/inspections?mine=true")
		if !ids(t, mine)[aid] {
			t.Fatal("the ad hoc inspection is not on the officer's task list")
		}
		startedOffSite(t)
		s := e.Start(off, aid, apptest.VenueLat+0.0005, apptest.VenueLng+0.0005).Must(t, http.StatusOK).Map(t)
		d, _ := s["start_distance_m"].(float64)
		apptest.Fields(t, "started", s, map[string]any{"off_site": false, "start_accuracy_m": float64(15)})
		apptest.True(t, "started: not d <= 0", !(d <= 0))
		apptest.True(t, "started: not d > 300", !(d > 300))
		// Ensure a started inspection stays on its officer's list.
		mine, _ = walk(t, e, off, "/api/v1/inspections?mine=true&status=in_progress")
		if got := ids(t, mine); !got[aid] || !got[rid] {
			t.Fatalf("in-progress tasks = %v", got)
		}
	})

	t.Run("OK/Submit", func(t *testing.T) {
		// Ensure a submission records the checklist and every hazard.
		startedOffSite(t)
		body := submission
		before := rowCounts(t, e, "inspections", "hazards")
		in := e.Submit(off, rid, body).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "submitted", in, map[string]any{"status": "submitted", "notes": "店主配合检查"})
		apptest.True(t, "submitted: in[\"submitted_at\"] is set", in["submitted_at"] != nil)
		apptest.Equal(t, "submitted: len(in[\"checklist\"].([]any))", len(in["checklist"].([]any)), len(body["checklist"].([]map[string]any)))
		got := strs(in["hazard_ids"])
		slices.Sort(got)
		want := []string{hid(h1), hid(h2), hid(h3), hid(h4)}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("hazard_ids = %v, want %v", got, want)
		}
		sameAsStored(t, e, "/api/v1/inspections/"+rid, in)
		// four hazards, and two reinspections: one per deadline
		if n := count(t, e, "hazards") - before["hazards"]; n != 4 {
			t.Fatalf("%d hazards written", n)
		}
		if n := count(t, e, "inspections") - before["inspections"]; n != 2 {
			t.Fatalf("%d inspections written, want 2 reinspections", n)
		}
	})

	t.Run("OK/Hazards", func(t *testing.T) {
		submitted(t)
		// Ensure an on-site hazard is rectified at once, with its photo.
		g1 := get(t, "/api/v1/hazards/"+hid(h1))
		rect, _ := g1["rectification"].(map[string]any)
		if g1["status"] != "rectified" || g1["fix_mode"] != "on_site" || g1["deadline"] != nil || g1["reinspection_id"] != nil ||
			!slices.Equal(strs(g1["photo_ids"]), []string{p1}) || rect == nil || !slices.Equal(strs(rect["photo_ids"]), []string{p1}) ||
			rect["by"] != offID || g1["inspection_id"] != rid || g1["venue_id"] != vid {
			t.Fatalf("on-site hazard = %v", g1)
		}
		// Ensure deadline hazards stay open, and the two with the same
		// deadline share one reinspection.
		g2, g3, g4 := get(t, "/api/v1/hazards/"+hid(h2)), get(t, "/api/v1/hazards/"+hid(h3)), get(t, "/api/v1/hazards/"+hid(h4))
		if g2["status"] != "open" || g2["deadline"] != "2026-09-30" || g2["severity"] != "major" || g2["rectification"] != nil ||
			!slices.Equal(strs(g2["photo_ids"]), []string{p2}) || g2["overdue"] != false {
			t.Fatalf("deadline hazard = %v", g2)
		}
		reinspection, _ := g2["reinspection_id"].(string)
		if reinspection == "" || g3["reinspection_id"] != reinspection {
			t.Fatalf("same deadline, reinspections %v and %v", g2["reinspection_id"], g3["reinspection_id"])
		}
		apptest.True(t, "another deadline, reinspection: g4[\"reinspection_id\"] is set", g4["reinspection_id"] != nil)
		apptest.True(t, "another deadline, reinspection: g4[\"reinspection_id\"] is not reinspection", g4["reinspection_id"] != reinspection, g4["reinspection_id"])
		// Ensure the reinspection opens on the deadline and is due 3 working
		// days after it: Oct 1-7 are holidays (over a weekend), Oct 8 and 9
		// are working days, and Saturday Oct 10 is a make-up working day.
		r := get(t, "/api/v1/inspections/"+reinspection)
		apptest.Fields(t, "reinspection", r, map[string]any{"kind": "reinspection", "status": "scheduled", "opens_on": "2026-09-30", "due_date": "2026-10-10", "venue_id": vid, "grid_id": e.Unit("dcf-1-g1"), "assignee_id": nil})
		// a plain weekend: Friday Oct 16 → Mon 19, Tue 20, Wed 21
		r4 := get(t, "/api/v1/inspections/"+g4["reinspection_id"].(string))
		apptest.Fields(t, "reinspection of Oct 16", r4, map[string]any{"opens_on": "2026-10-16", "due_date": "2026-10-21"})
		// Ensure the reinspections are on the officer's task list.
		mine, _ := walk(t, e, off, "/api/v1/inspections?mine=true&kind=reinspection")
		sameSet(t, "reinspection tasks", ids(t, mine), map[string]bool{reinspection: true, g4["reinspection_id"].(string): true})
		// Ensure the venue's supervisor sees the photos of the hazards, another station's does not.
		e.Get("sup-dcf-1", "/api/v1/photos/"+p2).Must(t, http.StatusOK)
		wantProblem(t, e.Get("sup-dcf-2", "/api/v1/photos/"+p2), 404, "")
	})

	t.Run("OK/SharedAcrossVisits", func(t *testing.T) {
		// Ensure a later visit's hazard with the same deadline joins the
		// reinspection that is still to come.
		reinspection := submitted(t)
		startedOnSite(t)
		h5 := apptest.Hazard("smoke_alarm", "general", "deadline", "2026-09-30")
		e.Submit(off, aid, map[string]any{"checklist": e.Checklist(t, "shop", "smoke_alarm"), "hazards": []any{h5}}).Must(t, http.StatusOK)
		if g := get(t, "/api/v1/hazards/"+hid(h5)); g["reinspection_id"] != reinspection {
			t.Fatalf("reinspection %v, want the shared %s", g["reinspection_id"], reinspection)
		}
		if n := count(t, e, "SELECT count(*) FROM hazards WHERE reinspection_id = ?", reinspection); n != 3 {
			t.Fatalf("the reinspection is for %d hazards, want 3", n)
		}
		if n := count(t, e, "SELECT count(*) FROM inspections WHERE venue_id = ? AND kind = 'reinspection'", vid); n != 2 {
			t.Fatalf("%d reinspections of the venue, want 2", n)
		}
	})

	t.Run("OK/Rectify", func(t *testing.T) {
		shared(t)
		// Ensure a fix is recorded with its photo and the hazard is listed as rectified.
		h := e.Post(off, "/api/v1/hazards/"+hid(h2)+"/rectify", map[string]any{"description": "已清理疏散通道杂物", "photo_ids": []string{p3}}).
			Must(t, http.StatusOK).Map(t)
		rect, _ := h["rectification"].(map[string]any)
		if h["status"] != "rectified" || rect == nil || rect["description"] != "已清理疏散通道杂物" ||
			!slices.Equal(strs(rect["photo_ids"]), []string{p3}) || rect["by"] != offID || rect["at"] == nil ||
			!slices.Equal(strs(h["photo_ids"]), []string{p2}) {
			t.Fatalf("rectified = %v", h)
		}
		items, _ := walk(t, e, off, "/api/v1/hazards?status=rectified")
		sameSet(t, "rectified hazards", ids(t, items), map[string]bool{hid(h1): true, hid(h2): true})
		for _, it := range items {
			if it["status"] != "rectified" {
				t.Fatalf("listed as rectified: %v", it)
			}
		}
		open, _ := walk(t, e, off, "/api/v1/hazards?status=open")
		if got := ids(t, open); len(got) != 3 || !got[hid(h3)] || !got[hid(h4)] {
			t.Fatalf("open hazards = %v", got)
		}
	})

	t.Run("ErrRectify", func(t *testing.T) {
		rectified(t)
		other := e.Photo(t, "off-dcf-1-g2", apptest.PNG(99))
		before := rowCounts(t, e, fieldTables...)
		path := "/api/v1/hazards/" + hid(h3) + "/rectify"
		wantProblem(t, e.Post(off, path, map[string]any{"description": "已整改", "photo_ids": []string{other}}), 422, "photo_ids")
		wantProblem(t, e.Post(off, path, map[string]any{"description": "已整改", "photo_ids": []string{uuid.NewString()}}), 422, "photo_ids")
		wantProblem(t, e.Post(off, path, map[string]any{"photo_ids": []string{p3}}), 422, "description")
		// another fix of a rectified hazard
		wantProblem(t, e.Post(off, "/api/v1/hazards/"+hid(h2)+"/rectify", map[string]any{"description": "另一种整改"}), 409, "status")
		// another grid's officer
		wantProblem(t, e.Post("off-dcf-1-g3", path, map[string]any{"description": "已整改"}), 404, "")
		sameCounts(t, e, before)
	})

	t.Run("ErrReinspectionNotOpen", func(t *testing.T) {
		// Ensure a reinspection cannot start before its deadline.
		reinspection := submitted(t)
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Start(off, reinspection, apptest.VenueLat, apptest.VenueLng), 409, "opens_on")
		sameCounts(t, e, before)
	})

	clock.Set(t, "2026-09-30T10:00:00+08:00")
	p4 := e.Photo(t, off, apptest.JPEG(4))
	t.Run("OK/Reinspection", func(t *testing.T) {
		rectified(t)
		reinspection := submitted(t)
		e.Start(off, reinspection, apptest.VenueLat, apptest.VenueLng).Must(t, http.StatusOK)
		// Ensure resolutions name only the hazards of this reinspection,
		// and a fix needs a description.
		before := rowCounts(t, e, fieldTables...)
		checklist := e.Checklist(t, "shop")
		wantProblem(t, e.Submit(off, reinspection, map[string]any{"checklist": checklist,
			"resolutions": []any{map[string]any{"hazard_id": hid(h4), "fixed": true, "description": "已整改"}}}), 422, "resolutions[0].hazard_id")
		wantProblem(t, e.Submit(off, reinspection, map[string]any{"checklist": checklist,
			"resolutions": []any{map[string]any{"hazard_id": hid(h3), "fixed": true}}}), 422, "resolutions[0].description")
		wantProblem(t, e.Submit(off, reinspection, map[string]any{"checklist": checklist,
			"resolutions": []any{map[string]any{"hazard_id": hid(h3), "description": "已整改"}}}), 422, "resolutions[0].fixed")
		wantProblem(t, e.Submit(off, reinspection, map[string]any{"checklist": checklist, "resolutions": []any{
			map[string]any{"hazard_id": hid(h3), "fixed": true, "description": "已整改"},
			map[string]any{"hazard_id": hid(h3), "fixed": false, "description": "未整改"},
		}}), 422, "resolutions[1].hazard_id")
		sameCounts(t, e, before)

		// Ensure a reinspection reopens what it does not find fixed (h3), and
		// leaves the fixes its officer recorded, before (h2) or on the day
		// (h5), rectified for a supervisor to verify (separation of duties).
		h5 := ""
		for id := range dbIDs(t, e, "SELECT id::text FROM hazards WHERE inspection_id = ?", aid) {
			h5 = id
		}
		r := e.Submit(off, reinspection, map[string]any{"checklist": checklist, "resolutions": []any{
			map[string]any{"hazard_id": hid(h2), "fixed": true, "description": "通道畅通", "photo_ids": []string{p4}},
			map[string]any{"hazard_id": hid(h3), "fixed": false, "description": "电线仍私拉乱接"},
			map[string]any{"hazard_id": h5, "fixed": true, "description": "已安装独立式烟感", "photo_ids": []string{p4}},
		}}).Must(t, http.StatusOK).Map(t)
		if r["status"] != "submitted" {
			t.Fatalf("reinspection = %v", r)
		}
		g2, g3, g5 := get(t, "/api/v1/hazards/"+hid(h2)), get(t, "/api/v1/hazards/"+hid(h3)), get(t, "/api/v1/hazards/"+h5)
		apptest.Fields(t, "fixed hazard", g2, map[string]any{"status": "rectified", "verified_at": nil, "verified_by": nil})
		apptest.Fields(t, "unfixed hazard", g3, map[string]any{"status": "open"})
		apptest.True(t, "unfixed hazard: g3[\"review_comment\"] is not \"\"", g3["review_comment"] != "", g3["review_comment"])
		apptest.Fields(t, "hazard fixed by the day", g5, map[string]any{"status": "rectified", "verified_by": nil})
		rect, _ := g5["rectification"].(map[string]any)
		apptest.True(t, "hazard fixed by the day: rectification is set", rect != nil, g5)
		apptest.Fields(t, "hazard fixed by the day: rectification", rect, map[string]any{"description": "已安装独立式烟感", "photo_ids": []string{p4}, "by": offID})
		fixed, _ := walk(t, e, off, "/api/v1/hazards?status=rectified")
		got := ids(t, fixed)
		apptest.True(t, "rectified hazards hold h2", got[hid(h2)], got)
		apptest.True(t, "rectified hazards hold h5", got[h5], got)
	})
}

func TestVisitErrors(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{At: "2026-09-25T10:00:00+08:00"})
	const off, other = "off-dcf-1-g1", "off-dcf-1-g2"
	// other works in both grids, so that the inspection is in their scope.
	e.Do(apptest.Request{Method: http.MethodPut, Path: "/api/v1/users/" + e.User(other) + "/grids", As: "admin",
		Body: map[string]any{"grid_ids": []string{e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2")}}}).Must(t, http.StatusOK)
	venue := e.Venue(t, "dcf-1-g1")
	id := e.Started(t, off, venue)
	path := "/api/v1/inspections/" + id
	mine := e.Photo(t, off, apptest.PNG(1))
	theirs := e.Photo(t, other, apptest.PNG(2))

	checklist := func() []map[string]any { return e.Checklist(t, "shop") }
	body := func(hazards ...map[string]any) map[string]any {
		hs := []any{}
		for _, h := range hazards {
			hs = append(hs, h)
		}
		return map[string]any{"checklist": checklist(), "hazards": hs}
	}
	changed := func(f func(cl []map[string]any) []map[string]any) map[string]any {
		return map[string]any{"checklist": f(checklist()), "hazards": []any{}}
	}
	oneMore := func(code string) map[string]any {
		return changed(func(cl []map[string]any) []map[string]any { return append(cl, apptest.With(cl[0], "item_code", code)) })
	}
	result := func(r any) map[string]any {
		return changed(func(cl []map[string]any) []map[string]any { cl[2] = apptest.With(cl[2], "result", r); return cl })
	}
	deadline := func(d string) map[string]any { return apptest.Hazard("wiring", "general", "deadline", d) }
	stored := func(t *testing.T) (string, float64) {
		t.Helper()
		in := e.Get(off, path).Must(t, http.StatusOK).Map(t)
		return in["status"].(string), in["version"].(float64)
	}

	for _, tc := range []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"ErrItemMissing", changed(func(cl []map[string]any) []map[string]any { return cl[1:] }), 422, "checklist"},
		{"ErrNoChecklist", map[string]any{"hazards": []any{}}, 422, "checklist"},
		{"ErrItemUnknown", oneMore("no_such_item"), 422, "checklist[11].item_code"},
		{"ErrItemOfOtherCategory", oneMore("gas"), 422, "checklist[11].item_code"}, // gas is not on a shop's list
		{"ErrItemTwice", oneMore("extinguisher"), 422, "checklist[11].item_code"},
		{"ErrBadResult", result("ok"), 422, "checklist[2].result"},
		{"ErrNoResult", result(nil), 422, "checklist[2].result"},
		{"ErrOnSiteWithoutPhoto", body(apptest.Hazard("extinguisher", "general", "on_site", "")), 422, "hazards[0].photo_ids"},
		{"ErrOnSiteWithDeadline", body(apptest.Hazard("extinguisher", "general", "on_site", "2026-10-09", mine)), 422, "hazards[0].deadline"},
		{"ErrDeadlinePast", body(deadline("2026-09-01")), 422, "hazards[0].deadline"},
		{"ErrDeadlineToday", body(deadline("2026-09-25")), 422, "hazards[0].deadline"},
		{"ErrDeadlineBeyondMax", body(deadline("2026-12-25")), 422, "hazards[0].deadline"}, // 91 days
		{"ErrDeadlineMissing", body(deadline("")), 422, "hazards[0].deadline"},
		{"ErrDeadlineMalformed", body(deadline("2026/10/09")), 422, "hazards[0].deadline"},
		{"ErrBadSeverity", body(apptest.Hazard("wiring", "critical", "deadline", "2026-10-09")), 422, "hazards[0].severity"},
		{"ErrBadFixMode", body(apptest.Hazard("wiring", "general", "later", "2026-10-09")), 422, "hazards[0].fix_mode"},
		{"ErrHazardCodeUnknown", body(apptest.Hazard("no_such_item", "general", "deadline", "2026-10-09")), 422, "hazards[0].code"},
		{"ErrHazardWithoutID", body(apptest.With(deadline("2026-10-09"), "id", nil)), 422, "hazards[0].id"},
		{"ErrHazardIDTwice", body(deadline("2026-10-09"), apptest.With(deadline("2026-10-10"), "id", "00000000-0000-7000-8000-000000000001"),
			apptest.With(deadline("2026-10-12"), "id", "00000000-0000-7000-8000-000000000001")), 422, "hazards[2].id"},
		{"ErrPhotoOfAnotherUser", body(apptest.Hazard("extinguisher", "general", "on_site", "", theirs)), 422, "hazards[0].photo_ids"},
		{"ErrPhotoNotUploaded", body(apptest.Hazard("extinguisher", "general", "on_site", "", uuid.NewString())), 422, "hazards[0].photo_ids"},
		{"ErrPhotoNotUUID", body(apptest.Hazard("extinguisher", "general", "on_site", "", "photo-1")), 422, "hazards[0].photo_ids[0]"},
		{"ErrResolutionsOfAdHoc", apptest.With(body(), "resolutions", []any{map[string]any{"hazard_id": uuid.NewString(), "fixed": true, "description": "已整改"}}), 422, "resolutions"},
		{"ErrUnknownField", apptest.With(body(), "signature", "x"), 422, "signature"},
		{"ErrNotJSON", `{"checklist": [`, 400, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := rowCounts(t, e, fieldTables...)
			status, version := stored(t)
			wantProblem(t, e.Submit(off, id, tc.body), tc.status, tc.field)
			sameCounts(t, e, before)
			if s, v := stored(t); s != status || v != version {
				t.Fatalf("the inspection went from %s v%v to %s v%v", status, version, s, v)
			}
		})
	}

	t.Run("ErrSubmitBeforeStart", func(t *testing.T) {
		fresh := e.AdHoc(t, off, venue["id"].(string))["id"].(string)
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Submit(off, fresh, body(deadline("2026-10-09"))), 409, "status")
		sameCounts(t, e, before)
	})

	t.Run("ErrSubmitByAnotherOfficer", func(t *testing.T) {
		before := rowCounts(t, e, fieldTables...)
		wantProblem(t, e.Submit(other, id, body(deadline("2026-10-09"))), 403, "")
		// nor may they take over the started inspection
		wantProblem(t, e.Start(other, id, apptest.VenueLat, apptest.VenueLng), 409, "status")
		sameCounts(t, e, before)
	})

	t.Run("ErrOutOfScope", func(t *testing.T) {
		// Ensure an inspection of another grid is 404, to start or to submit.
		fresh := e.AdHoc(t, off, venue["id"].(string))["id"].(string)
		before := rowCounts(t, e, fieldTables...)
		for _, as := range []string{"off-dcf-1-g3", "off-kfq-1-g1"} {
			wantProblem(t, e.Start(as, fresh, apptest.VenueLat, apptest.VenueLng), 404, "")
			wantProblem(t, e.Submit(as, id, body()), 404, "")
			wantProblem(t, e.Get(as, "/api/v1/inspections/"+fresh), 404, "")
		}
		wantProblem(t, e.Start(off, uuid.NewString(), apptest.VenueLat, apptest.VenueLng), 404, "")
		wantProblem(t, e.Post("off-dcf-1-g3", "/api/v1/inspections", map[string]any{"venue_id": venue["id"]}), 422, "venue_id")
		sameCounts(t, e, before)
	})

	t.Run("ErrStartPosition", func(t *testing.T) {
		fresh := e.AdHoc(t, off, venue["id"].(string))["id"].(string)
		before := rowCounts(t, e, fieldTables...)
		start := "/api/v1/inspections/" + fresh + "/start"
		wantProblem(t, e.Post(off, start, map[string]any{"lat": 91, "lng": apptest.VenueLng}), 422, "lat")
		wantProblem(t, e.Post(off, start, map[string]any{"lat": apptest.VenueLat, "lng": -181}), 422, "lng")
		wantProblem(t, e.Post(off, start, map[string]any{"lat": apptest.VenueLat}), 422, "lng")
		wantProblem(t, e.Post(off, start, map[string]any{"lat": apptest.VenueLat, "lng": apptest.VenueLng, "accuracy_m": -1}), 422, "accuracy_m")
		sameCounts(t, e, before)
	})

	t.Run("OK/DeadlineAtMax", func(t *testing.T) {
		// Ensure a deadline exactly MAX_DEADLINE_DAYS (90) ahead is accepted.
		in := e.Submit(off, id, body(deadline("2026-12-24"))).Must(t, http.StatusOK).Map(t)
		apptest.Fields(t, "submitted", in, map[string]any{"status": "submitted"})
		apptest.Equal(t, "submitted: len(in[\"hazard_ids\"].([]any))", len(in["hazard_ids"].([]any)), 1)
	})
}
