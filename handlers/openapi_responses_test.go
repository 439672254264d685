package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Every documented operation, called with answers it documents, checked
// against the document.

func TestOpenAPIResponses(t *testing.T) {
	t.Parallel()
	e := apptest.New(t)
	oa := newOAChecker(t, e)

	const (
		admin   = "admin"
		sup     = "sup-dcf-1"
		officer = "off-dcf-1-g1"
		other   = "off-kfq-1-g1" // an officer of another district
	)
	station, grid1, grid2, farGrid := e.Unit("dcf-1"), e.Unit("dcf-1-g1"), e.Unit("dcf-1-g2"), e.Unit("kfq-1-g1")
	missing := uuid.NewString()
	today := time.Now().In(e.Cfg.Location)
	get, post := oa.get, oa.post
	patchOA := func(t *testing.T, want int, as, path string, body any, header map[string]string) *apptest.Response {
		t.Helper()
		return oa.send(t, want, http.MethodPatch, as, path, body, header)
	}
	putOA := func(t *testing.T, want int, as, path string, body any) *apptest.Response {
		t.Helper()
		return oa.send(t, want, http.MethodPut, as, path, body, nil)
	}
	// Every documented operation is checked only when every subtest ran
	// (not when -run picked some).
	subtests, ran := 0, 0
	run := func(name string, f func(t *testing.T)) {
		subtests++
		t.Run(name, func(t *testing.T) { ran++; f(t) })
	}

	run("Operations", func(t *testing.T) {
		get(t, 200, "", "/healthz")
		get(t, 200, "", "/readyz")
		get(t, 200, "", "/metrics")
		get(t, 200, "", "/openapi.json")
		etag := get(t, 200, "", "/api/v1/vocabulary").Header.Get("ETag")
		oa.check(t, 304, apptest.Request{Method: http.MethodGet, Path: "/api/v1/vocabulary", Header: map[string]string{"If-None-Match": etag}})
	})

	run("Auth", func(t *testing.T) {
		creds := map[string]string{"username": officer, "password": apptest.Password}
		s := post(t, 200, "", "/api/v1/auth/login", creds)
		refresh := oaString(t, s, "refresh_token")
		post(t, 401, "", "/api/v1/auth/login", map[string]string{"username": officer, "password": "wrong-password"})
		post(t, 422, "", "/api/v1/auth/login", map[string]string{"username": officer})
		post(t, 422, "", "/api/v1/auth/login", map[string]string{"username": officer, "password": "x", "otp": "1"})
		post(t, 400, "", "/api/v1/auth/login", "{not json")
		next := post(t, 200, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": refresh})
		post(t, 200, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": refresh}) // a retry: the same pair
		post(t, 401, "", "/api/v1/auth/refresh", map[string]string{"refresh_token": "not-a-refresh-token"})
		post(t, 204, officer, "/api/v1/auth/logout", map[string]string{"refresh_token": oaString(t, next, "refresh_token")})
		// Logging out everywhere ends every session, so as another officer.
		elsewhere := post(t, 200, "", "/api/v1/auth/login", map[string]string{"username": "off-dcf-2-g1", "password": apptest.Password})
		oa.check(t, 204, apptest.Request{Method: http.MethodPost, Path: "/api/v1/auth/logout", Token: oaString(t, elsewhere, "access_token")})
		post(t, 401, "", "/api/v1/auth/logout", nil)
		get(t, 200, officer, "/api/v1/me")
		get(t, 200, officer, "/api/v1/clock")
		get(t, 401, "", "/api/v1/me")
		oa.check(t, 401, apptest.Request{Method: http.MethodGet, Path: "/api/v1/me", Token: "not-a-jwt"})

		// Throttling after too many failures for one username.
		for range e.Cfg.LoginMaxFailures {
			e.Post("", "/api/v1/auth/login", map[string]string{"username": "oa-nobody", "password": "wrong-password"}).Must(t, 401)
		}
		r := post(t, 429, "", "/api/v1/auth/login", map[string]string{"username": "oa-nobody", "password": "wrong-password"})
		if r.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	})

	run("OrgUnits", func(t *testing.T) {
		get(t, 200, admin, "/api/v1/org-units?kind=grid&limit=2")
		get(t, 200, sup, "/api/v1/org-units?under="+station)
		get(t, 200, admin, "/api/v1/org-units?parent_id="+station)
		get(t, 422, admin, "/api/v1/org-units?kind=planet")
		get(t, 422, admin, "/api/v1/org-units?limit=0")
		get(t, 422, admin, "/api/v1/org-units?cursor=garbage")
		get(t, 401, "", "/api/v1/org-units")

		id := uuid.NewString()
		body := map[string]any{"id": id, "kind": "grid", "code": "oa-g9", "name": "测试网格", "parent_id": station}
		post(t, 201, admin, "/api/v1/org-units", body)
		post(t, 201, admin, "/api/v1/org-units", body) // the same again
		post(t, 409, admin, "/api/v1/org-units", apptest.With(body, "name", "别的名字"))
		post(t, 409, admin, "/api/v1/org-units", apptest.With(body, "id", uuid.NewString())) // the code is taken
		post(t, 403, sup, "/api/v1/org-units", apptest.With(body, "id", uuid.NewString(), "code", "oa-g10"))
		post(t, 422, admin, "/api/v1/org-units", map[string]any{"kind": "grid", "code": "oa g", "name": "x", "parent_id": station})

		get(t, 200, admin, "/api/v1/org-units/"+id)
		get(t, 404, admin, "/api/v1/org-units/"+missing)
		get(t, 404, admin, "/api/v1/org-units/not-a-uuid")
		get(t, 404, other, "/api/v1/org-units/"+id) // out of scope

		path := "/api/v1/org-units/" + id
		patchOA(t, 200, admin, path, map[string]any{"name": "测试网格二", "version": 1}, nil)
		patchOA(t, 200, admin, path, map[string]any{"code": "oa-g9b"}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 412, admin, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 412, admin, path, map[string]any{"name": "x"}, map[string]string{"If-Match": `"1"`})
		patchOA(t, 428, admin, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, admin, path, map[string]any{"name": "", "version": 3}, nil)
		patchOA(t, 422, admin, path, map[string]any{"kind": "station", "version": 3}, nil)
		patchOA(t, 403, sup, path, map[string]any{"name": "x", "version": 3}, nil)
		patchOA(t, 404, admin, "/api/v1/org-units/"+missing, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 409, admin, path, map[string]any{"code": "dcf-1", "version": 3}, nil)
	})

	run("Users", func(t *testing.T) {
		get(t, 200, admin, "/api/v1/users?role=officer&limit=3")
		get(t, 200, sup, "/api/v1/users?org_unit_id="+station)
		get(t, 422, admin, "/api/v1/users?role=chief")
		get(t, 422, admin, "/api/v1/users?org_unit_id=nope")

		id := uuid.NewString()
		body := map[string]any{"id": id, "username": "oa-officer", "name": "测试民警", "role": "officer", "org_unit_id": station, "password": "long-enough-pw"}
		post(t, 201, admin, "/api/v1/users", body)
		post(t, 201, admin, "/api/v1/users", body) // the same again
		post(t, 409, admin, "/api/v1/users", apptest.With(body, "name", "别人"))
		post(t, 403, officer, "/api/v1/users", apptest.With(body, "id", uuid.NewString(), "username", "oa-other"))
		post(t, 422, admin, "/api/v1/users", apptest.With(body, "id", uuid.NewString(), "username", "oa-short", "password", "short"))

		path := "/api/v1/users/" + id
		get(t, 200, admin, path)
		get(t, 404, admin, "/api/v1/users/"+missing)
		get(t, 404, officer, path)
		patchOA(t, 200, admin, path, map[string]any{"name": "测试民警甲"}, map[string]string{"If-Match": `"1"`})
		patchOA(t, 412, admin, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 428, admin, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, admin, path, map[string]any{"role": "chief", "version": 2}, nil)
		patchOA(t, 403, sup, path, map[string]any{"active": false, "version": 2}, nil)

		putOA(t, 200, admin, path+"/grids", map[string]any{"grid_ids": []string{grid2}})
		putOA(t, 422, admin, path+"/grids", map[string]any{"grid_ids": []string{farGrid}})
		putOA(t, 422, admin, path+"/grids", map[string]any{"grid_ids": []string{"nope"}})
		putOA(t, 400, admin, path+"/grids", "[]")
		putOA(t, 403, officer, path+"/grids", map[string]any{"grid_ids": []string{}})
		putOA(t, 404, admin, "/api/v1/users/"+missing+"/grids", map[string]any{"grid_ids": []string{}})
	})

	newVenue := func(name, level string) map[string]any {
		return map[string]any{
			"id": uuid.NewString(), "name": name, "category": "shop", "risk_level": level, "grid_id": grid1,
			"address": "聊城市东昌路12号", "lat": 36.45, "lng": 115.98, "contact_name": "王先生",
			"contact_phone": "13800000000", "license_no": "91350100M000100Y43",
		}
	}
	// venue is where the inspections happen; venue2 is patched and closed.
	venue := oaString(t, post(t, 201, officer, "/api/v1/venues", newVenue("鑫源便利店", "yellow")), "id")
	body2 := newVenue("老王小吃", "green")
	body2["license_no"] = nil
	venue2 := oaString(t, post(t, 201, admin, "/api/v1/venues", body2), "id")

	run("Venues", func(t *testing.T) {
		post(t, 201, admin, "/api/v1/venues", body2) // the same again
		post(t, 409, admin, "/api/v1/venues", apptest.With(body2, "name", "别的"))
		post(t, 422, officer, "/api/v1/venues", apptest.With(newVenue("x", "yellow"), "grid_id", farGrid))
		post(t, 422, officer, "/api/v1/venues", apptest.With(newVenue("x", "purple"), "license_no", "123"))
		post(t, 422, officer, "/api/v1/venues", apptest.With(newVenue("x", "red"), "lat", "north"))
		post(t, 401, "", "/api/v1/venues", newVenue("x", "red"))

		get(t, 200, officer, "/api/v1/venues")
		get(t, 200, sup, "/api/v1/venues?grid_id="+grid1+"&risk_level=yellow&category=shop&status=active&q=便利")
		get(t, 200, admin, "/api/v1/venues?org_unit_id="+station+"&limit=1")
		oaNonEmpty(t, get(t, 200, officer, "/api/v1/venues?near=36.45,115.98&radius_m=5000"), "items")
		get(t, 422, officer, "/api/v1/venues?near=north")
		get(t, 422, officer, "/api/v1/venues?radius_m=100")
		get(t, 422, officer, "/api/v1/venues?risk_level=purple")
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/venues/points?org_unit_id="+station+"&risk_level=yellow"), "items")
		get(t, 200, officer, "/api/v1/venues/points?limit=1&near=36.45,115.98&radius_m=5000")
		get(t, 422, officer, "/api/v1/venues/points?limit=0")
		get(t, 401, "", "/api/v1/venues/points")

		path := "/api/v1/venues/" + venue2
		get(t, 200, officer, path)
		get(t, 404, other, path)
		get(t, 404, officer, "/api/v1/venues/"+missing)
		patchOA(t, 200, officer, path, map[string]any{"contact_name": "李女士", "license_no": "", "version": 1}, nil)
		patchOA(t, 200, officer, path, map[string]any{"address": "聊城市东昌路14号"}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 412, officer, path, map[string]any{"name": "x", "version": 1}, nil)
		patchOA(t, 428, officer, path, map[string]any{"name": "x"}, nil)
		patchOA(t, 422, officer, path, map[string]any{"risk_level": "red", "version": 3}, nil)
		patchOA(t, 422, officer, path, map[string]any{"status": "gone", "version": 3}, nil)
		patchOA(t, 422, officer, path, map[string]any{"name": "x", "version": 3}, map[string]string{"If-Match": `"2"`})
		patchOA(t, 404, other, path, map[string]any{"name": "x", "version": 3}, nil)

		get(t, 200, officer, path+"/history")
		get(t, 404, other, path+"/history")
	})

	run("Reclassifications", func(t *testing.T) {
		files := "/api/v1/venues/" + venue + "/reclassifications"
		body := map[string]any{"id": uuid.NewString(), "to_level": "red", "reason": "发现电动车室内充电"}
		r1 := oaString(t, post(t, 201, officer, files, body), "id")
		post(t, 201, officer, files, body)                                           // the same again
		post(t, 409, officer, files, apptest.With(body, "id", uuid.NewString()))     // one pending already
		post(t, 409, officer, files, apptest.With(body, "reason", "another reason")) // same id, other body
		post(t, 422, officer, files, map[string]any{"to_level": "purple", "reason": ""})
		post(t, 404, other, files, apptest.With(body, "id", uuid.NewString()))

		get(t, 200, sup, "/api/v1/reclassifications?status=pending")
		get(t, 200, officer, "/api/v1/reclassifications?venue_id="+venue)
		get(t, 422, sup, "/api/v1/reclassifications?status=maybe")
		get(t, 200, sup, "/api/v1/reclassifications/"+r1)
		get(t, 404, other, "/api/v1/reclassifications/"+r1)

		post(t, 403, officer, "/api/v1/reclassifications/"+r1+"/approve", nil)
		post(t, 200, sup, "/api/v1/reclassifications/"+r1+"/approve", map[string]string{"comment": "同意"})
		post(t, 409, sup, "/api/v1/reclassifications/"+r1+"/approve", nil)
		post(t, 404, sup, "/api/v1/reclassifications/"+missing+"/approve", nil)
		r2 := oaString(t, post(t, 201, officer, files, map[string]any{"to_level": "green", "reason": "整改完毕"}), "id")
		post(t, 422, sup, "/api/v1/reclassifications/"+r2+"/reject", map[string]string{"comment": strings.Repeat("长", 1001)})
		post(t, 200, sup, "/api/v1/reclassifications/"+r2+"/reject", map[string]string{"comment": "尚未整改"})
		post(t, 409, sup, "/api/v1/reclassifications/"+r2+"/reject", nil)
		// Filed by an admin, it is applied at once.
		post(t, 201, admin, "/api/v1/venues/"+venue2+"/reclassifications", map[string]any{"to_level": "yellow", "reason": "复核"})
		get(t, 200, officer, "/api/v1/venues/"+venue+"/history")
	})

	run("Policy", func(t *testing.T) {
		get(t, 200, officer, "/api/v1/policy")
		putOA(t, 200, admin, "/api/v1/policy", map[string]string{"red": "monthly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 403, sup, "/api/v1/policy", map[string]string{"red": "monthly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 422, admin, "/api/v1/policy", map[string]string{"red": "weekly", "yellow": "quarterly", "green": "yearly"})
		putOA(t, 422, admin, "/api/v1/policy", map[string]string{"red": "monthly"})

		get(t, 200, officer, "/api/v1/calendar/2026")
		get(t, 404, officer, "/api/v1/calendar/1999")
		cal := map[string]any{"holidays": []string{"2030-01-01"}, "workdays": []string{"2030-01-05"}}
		putOA(t, 200, admin, "/api/v1/calendar/2030", cal)
		putOA(t, 403, sup, "/api/v1/calendar/2030", cal)
		putOA(t, 422, admin, "/api/v1/calendar/2030", map[string]any{"holidays": []string{"2031-01-01"}, "workdays": []string{}})
		putOA(t, 400, admin, "/api/v1/calendar/2030", `{"holidays": [], "workdays": []} {}`)
		putOA(t, 404, admin, "/api/v1/calendar/3000", cal)

		post(t, 200, admin, "/api/v1/schedules/generate", nil)
		// Idempotency-Key: a replay, a key reused for another payload, a bad key.
		asOf := map[string]string{"as_of": today.Format("2006-01-02")}
		key := map[string]string{"Idempotency-Key": uuid.NewString()}
		oa.send(t, 200, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, key)
		r := oa.send(t, 200, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, key)
		if r.Header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("no Idempotent-Replayed on a replay: %v", r.Header)
		}
		oa.send(t, 422, http.MethodPost, admin, "/api/v1/schedules/generate", map[string]string{"as_of": "2026-01-01"}, key)
		oa.send(t, 400, http.MethodPost, admin, "/api/v1/schedules/generate", asOf, map[string]string{"Idempotency-Key": strings.Repeat("k", 256)})
		post(t, 403, sup, "/api/v1/schedules/generate", nil)
		post(t, 422, admin, "/api/v1/schedules/generate", map[string]string{"asof": "2026-01-01"})
	})

	// The checklist of the venues' category, all answered "pass".
	items := struct {
		Items []struct {
			Code string `json:"code"`
		} `json:"items"`
	}{}
	get(t, 200, officer, "/api/v1/checklist-items?category=shop").JSON(t, &items)
	if len(items.Items) < 2 {
		t.Fatalf("the shop checklist has %d items", len(items.Items))
	}
	var checklist []map[string]string
	for _, it := range items.Items {
		checklist = append(checklist, map[string]string{"item_code": it.Code, "result": "pass"})
	}
	checklist[0]["result"], checklist[0]["note"] = "fail", "灭火器过期"

	// What the later subtests work on, made without them: a photo, a
	// generation run (routine inspections, which closing venue2 cancels) and
	// a submitted visit of venue with a deadline and an on-site hazard.
	photo := e.Photo(t, officer, apptest.PNG(0))
	e.Generate(t, "")
	deadline := today.AddDate(0, 0, 10).Format("2006-01-02")
	deadlineHazard := apptest.Hazard(items.Items[0].Code, "major", "deadline", deadline)
	onSiteHazard := apptest.Hazard(items.Items[1].Code, "general", "on_site", "", photo)
	visit := e.AdHoc(t, officer, venue)["id"].(string)
	e.CheckIn(t, officer, visit, false)
	e.Submit(officer, visit, map[string]any{"checklist": checklist, "hazards": []any{deadlineHazard, onSiteHazard}}).Must(t, http.StatusOK)

	run("ChecklistAndPhotos", func(t *testing.T) {
		get(t, 200, officer, "/api/v1/checklist-items")
		get(t, 422, officer, "/api/v1/checklist-items?category=bank")

		body, ct := apptest.PhotoForm(t, apptest.PNG(0), "")
		upload := apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: officer, Body: body, Header: map[string]string{"Content-Type": ct}}
		photo := oaString(t, oa.check(t, 201, upload), "id")
		oa.check(t, 422, apptest.Request{Method: http.MethodPost, Path: "/api/v1/photos", As: officer, Body: `{"file": "x"}`})
		get(t, 200, officer, "/api/v1/photos/"+photo)
		get(t, 404, other, "/api/v1/photos/"+photo)
		get(t, 404, officer, "/api/v1/photos/"+missing)
	})

	run("Inspections", func(t *testing.T) {
		body := map[string]any{"id": uuid.NewString(), "venue_id": venue, "notes": "群众举报"}
		in := oaString(t, post(t, 201, officer, "/api/v1/inspections", body), "id")
		post(t, 201, officer, "/api/v1/inspections", body) // the same again
		post(t, 409, officer, "/api/v1/inspections", apptest.With(body, "venue_id", venue2))
		post(t, 422, other, "/api/v1/inspections", map[string]any{"venue_id": venue})
		post(t, 422, officer, "/api/v1/inspections", map[string]any{"venue": venue})

		get(t, 200, officer, "/api/v1/inspections?mine=true")
		get(t, 200, sup, "/api/v1/inspections?status=scheduled,in_progress&kind=ad_hoc&venue_id="+venue+"&grid_id="+grid1)
		get(t, 200, sup, "/api/v1/inspections?overdue=false&due_before=2099-01-01&limit=5")
		oaNonEmpty(t, get(t, 200, officer, "/api/v1/inspections?near=36.45,115.98"), "items")
		get(t, 422, officer, "/api/v1/inspections?kind=surprise")
		get(t, 422, officer, "/api/v1/inspections?status=done")
		get(t, 422, officer, "/api/v1/inspections?due_before=tomorrow")

		path := "/api/v1/inspections/" + in
		get(t, 200, officer, path)
		get(t, 404, other, path)
		get(t, 404, officer, "/api/v1/inspections/"+missing)

		post(t, 422, officer, path+"/start", map[string]any{"lat": 36.45})
		post(t, 422, officer, path+"/start", map[string]any{"lat": 91, "lng": 115.98})
		post(t, 404, other, path+"/start", map[string]any{"lat": 36.45, "lng": 115.98})
		post(t, 200, officer, path+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801, "accuracy_m": 12})
		post(t, 200, officer, path+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801, "accuracy_m": 12}) // a retry
		post(t, 409, sup, path+"/start", map[string]any{"lat": 36.45, "lng": 115.98})

		submit := map[string]any{
			"checklist": checklist,
			"hazards": []map[string]any{
				{"id": uuid.NewString(), "code": items.Items[0].Code, "severity": "major", "description": "灭火器过期", "fix_mode": "deadline", "deadline": deadline},
				{"id": uuid.NewString(), "code": items.Items[1].Code, "severity": "general", "description": "通道堆放杂物", "fix_mode": "on_site", "photo_ids": []string{photo}},
			},
			"notes": "已责令整改",
		}
		post(t, 422, officer, path+"/submit", map[string]any{"checklist": checklist[:1]})
		post(t, 403, sup, path+"/submit", submit)
		post(t, 200, officer, path+"/submit", submit)
		post(t, 200, officer, path+"/submit", submit) // a retry
		post(t, 409, officer, path+"/submit", apptest.With(submit, "notes", "别的"))

		oaNonEmpty(t, get(t, 200, sup, "/api/v1/review/queue"), "items")
		get(t, 200, admin, "/api/v1/review/queue?limit=1")
		get(t, 403, officer, "/api/v1/review/queue")

		post(t, 403, officer, path+"/approve", nil)
		post(t, 422, sup, path+"/return", nil)
		post(t, 200, sup, path+"/approve", map[string]string{"comment": "合格"})
		post(t, 409, sup, path+"/approve", nil)
		post(t, 404, sup, "/api/v1/inspections/"+missing+"/approve", nil)

		// A second visit, returned to its officer.
		in2 := oaString(t, post(t, 201, officer, "/api/v1/inspections", map[string]any{"venue_id": venue}), "id")
		post(t, 200, officer, "/api/v1/inspections/"+in2+"/start", map[string]any{"lat": 36.6, "lng": 116.1}) // off site
		post(t, 200, officer, "/api/v1/inspections/"+in2+"/submit", map[string]any{"checklist": checklist})
		post(t, 403, officer, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		post(t, 200, sup, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		post(t, 409, sup, "/api/v1/inspections/"+in2+"/return", map[string]string{"comment": "补拍照片"})
		get(t, 200, officer, "/api/v1/inspections?status=returned")
	})

	run("Hazards", func(t *testing.T) {
		deadlineHazard, onSiteHazard := deadlineHazard["id"].(string), onSiteHazard["id"].(string)
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/hazards"), "items")
		get(t, 200, officer, "/api/v1/hazards?status=open&severity=major&overdue=false&venue_id="+venue+"&grid_id="+grid1)
		get(t, 422, officer, "/api/v1/hazards?severity=minor")
		h := get(t, 200, officer, "/api/v1/hazards/"+deadlineHazard)
		// Its reinspection opens on the deadline: too early to start.
		post(t, 409, officer, "/api/v1/inspections/"+oaString(t, h, "reinspection_id")+"/start", map[string]any{"lat": 36.45, "lng": 115.98})
		get(t, 200, officer, "/api/v1/hazards/"+onSiteHazard)
		get(t, 404, other, "/api/v1/hazards/"+deadlineHazard)

		fix := map[string]any{"description": "已更换灭火器", "photo_ids": []string{photo}}
		post(t, 422, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", map[string]any{"description": ""})
		post(t, 422, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", map[string]any{"description": "x", "photo_ids": []string{missing}})
		post(t, 404, other, "/api/v1/hazards/"+deadlineHazard+"/rectify", fix)
		post(t, 200, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", fix)
		post(t, 409, officer, "/api/v1/hazards/"+deadlineHazard+"/rectify", apptest.With(fix, "description", "别的"))

		post(t, 403, officer, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": true})
		post(t, 422, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": false})
		post(t, 422, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"comment": "ok"})
		post(t, 200, sup, "/api/v1/hazards/"+onSiteHazard+"/verify", map[string]any{"accepted": false, "comment": "照片不清楚"})
		post(t, 200, sup, "/api/v1/hazards/"+deadlineHazard+"/verify", map[string]any{"accepted": true, "comment": "验收合格"})
		post(t, 409, sup, "/api/v1/hazards/"+deadlineHazard+"/verify", map[string]any{"accepted": true})
		post(t, 404, sup, "/api/v1/hazards/"+missing+"/verify", map[string]any{"accepted": true})
	})

	run("SyncStatsExportsAudit", func(t *testing.T) {
		// Closing venue2 (a supervisor's decision: an officer gets 403)
		// cancels its routine inspection: a tombstone to sync.
		v := get(t, 200, officer, "/api/v1/venues/"+venue2).Map(t)
		patchOA(t, 403, officer, "/api/v1/venues/"+venue2, map[string]any{"status": "closed", "version": v["version"]}, nil)
		patchOA(t, 200, sup, "/api/v1/venues/"+venue2, map[string]any{"status": "closed", "version": v["version"]}, nil)

		// Sync hands out rows older than the oldest writing transaction of
		// the cluster; tests in parallel (other databases, same cluster) can
		// hold that back for a moment.
		for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if m := e.Get(officer, "/api/v1/sync/changes").Must(t, 200).Map(t); m["tombstones"] != nil && len(m["tombstones"].([]any)) > 0 {
				break
			}
		}
		first := get(t, 200, officer, "/api/v1/sync/changes")
		for _, f := range []string{"venues", "inspections", "hazards", "tombstones"} {
			oaNonEmpty(t, first, f)
		}
		get(t, 200, officer, "/api/v1/sync/changes?limit=1")
		get(t, 200, officer, "/api/v1/sync/changes?since="+oaString(t, first, "next_cursor"))
		get(t, 422, officer, "/api/v1/sync/changes?since=garbage")
		get(t, 422, officer, "/api/v1/sync/changes?limit=201")

		year := today.Format("2006")
		get(t, 200, sup, "/api/v1/stats/overview")
		get(t, 200, admin, "/api/v1/stats/overview?org_unit_id="+station+"&from="+year+"-01-01&to="+year+"-12-31")
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/stats/grids"), "items")
		get(t, 200, admin, "/api/v1/stats/grids?org_unit_id="+station)
		get(t, 422, sup, "/api/v1/stats/overview?from=2026-13-01")
		get(t, 422, sup, "/api/v1/stats/grids?from=2026-06-01&to=2026-01-01")
		get(t, 404, sup, "/api/v1/stats/overview?org_unit_id="+farGrid)
		get(t, 404, sup, "/api/v1/stats/grids?org_unit_id="+farGrid)
		oaNonEmpty(t, get(t, 200, sup, "/api/v1/stats/trends"), "children")
		get(t, 404, sup, "/api/v1/stats/trends?org_unit_id="+farGrid)

		get(t, 200, sup, "/api/v1/exports/inspections.csv")
		get(t, 200, sup, "/api/v1/exports/inspections.xlsx?status=approved,returned&kind=ad_hoc")
		get(t, 200, sup, "/api/v1/exports/hazards.csv?severity=major")
		get(t, 200, sup, "/api/v1/exports/hazards.xlsx")
		get(t, 404, sup, "/api/v1/exports/hazards.pdf")
		get(t, 422, sup, "/api/v1/exports/inspections.csv?status=done")
		get(t, 422, sup, "/api/v1/exports/hazards.csv?status=fixed")
		get(t, 401, "", "/api/v1/exports/hazards.csv")
		get(t, 200, sup, "/api/v1/exports/inspections/count?from=2026-01-01&to=2026-12-31")
		get(t, 200, sup, "/api/v1/exports/hazards/count?status=open")
		get(t, 200, sup, "/api/v1/exports/documents/count?kind=deadline_order")
		get(t, 422, sup, "/api/v1/exports/hazards/count?from=2026-02-01&to=2026-01-31")
		get(t, 422, sup, "/api/v1/exports/inspections.xlsx?from=2026-13-01")

		oaNonEmpty(t, get(t, 200, admin, "/api/v1/audit"), "items")
		get(t, 200, admin, "/api/v1/audit?entity=venue&entity_id="+venue2)
		get(t, 200, sup, "/api/v1/audit?limit=2")
		get(t, 422, admin, "/api/v1/audit?entity_id=nope")
	})

	run("Documents", func(t *testing.T) { oaDocuments(t, oa, venue, checklist, items.Items[0].Code) })
	run("Webhooks", func(t *testing.T) { oaCheckWebhooks(t, oa) })
	run("Reports", func(t *testing.T) { oaReports(t, oa, e) })
	run("Owners", func(t *testing.T) { oaOwners(t, oa, venue, checklist, items.Items[0].Code) })

	if t.Failed() {
		return
	}
	if ran < subtests {
		t.Logf("%d of %d subtests ran: every operation's coverage is not checked", ran, subtests)
		return
	}
	if left := oa.uncovered(); len(left) > 0 {
		t.Errorf("no checked 2xx answer for %d documented operations; add a line to TestOpenAPIResponses for each:\n%s",
			len(left), strings.Join(left, "\n"))
	}
}
