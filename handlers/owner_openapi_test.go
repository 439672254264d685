package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// oaOwners checks the owners' operations against openapi.yaml: the staff's
// invitations and sessions, the invitation's code, and the owner API.
func oaOwners(t *testing.T, oa *oaChecker, venue string, checklist any, code string) {
	const (
		sup     = "sup-dcf-1"
		officer = "off-dcf-1-g1"
	)
	e := oa.e
	phone := "13500000001"
	e.DB.Exec("UPDATE venues SET contact_phone = ? WHERE id = ?", phone, venue)
	in := oaString(t, oa.post(t, 201, officer, "/api/v1/inspections", map[string]any{"venue_id": venue}), "id")
	oa.post(t, 200, officer, "/api/v1/inspections/"+in+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801})
	hazard, other := uuid.NewString(), uuid.NewString()
	deadline := time.Now().In(e.Cfg.Location).AddDate(0, 0, 10).Format("2006-01-02")
	oa.post(t, 200, officer, "/api/v1/inspections/"+in+"/submit", map[string]any{"checklist": checklist, "hazards": []map[string]any{
		{"id": hazard, "code": code, "severity": "general", "description": "灭火器过期", "fix_mode": "deadline", "deadline": deadline},
		{"id": other, "code": code, "severity": "general", "description": "另一处", "fix_mode": "deadline", "deadline": deadline}}})
	var d struct{ ID, Status string }
	e.DB.Raw("SELECT id::text, status FROM documents WHERE inspection_id = ? AND kind = 'deadline_order'", in).Scan(&d)
	doc := d.ID
	if d.Status == "draft" { // the station asks for approval (oaDocuments set it)
		e.Post(sup, "/api/v1/documents/"+doc+"/issue", nil).Must(t, http.StatusOK)
	}

	inv := oa.post(t, 201, officer, "/api/v1/venues/"+venue+"/owner-invites", nil)
	tok := oaString(t, inv, "token")
	oa.post(t, 404, "", "/api/v1/public/owner-invites/"+uuid.NewString()+uuid.NewString()+"/code", nil)
	oa.post(t, 409, "", "/api/v1/public/owner-invites/"+tok+"/confirm", map[string]any{"code": "123456"})
	oa.post(t, 202, "", "/api/v1/public/owner-invites/"+tok+"/code", nil)
	oa.post(t, 429, "", "/api/v1/public/owner-invites/"+tok+"/code", nil)
	oa.post(t, 422, "", "/api/v1/public/owner-invites/"+tok+"/confirm", map[string]any{"code": "abcdef"})
	r := oa.post(t, 201, "", "/api/v1/public/owner-invites/"+tok+"/confirm", map[string]any{"code": ownerCode(t, e, phone)})
	cookie := ownerCookieOf(t, r)
	unused := oaString(t, oa.post(t, 201, sup, "/api/v1/venues/"+venue+"/owner-invites", nil), "id")
	oa.post(t, 200, sup, "/api/v1/owner-invites/"+unused+"/revoke", nil)
	oa.get(t, 200, officer, "/api/v1/venues/"+venue+"/owner-invites")
	oa.get(t, 404, "off-kfq-1-g1", "/api/v1/venues/"+venue+"/owner-invites")

	h := map[string]string{"Cookie": "jx_owner=" + cookie, "X-Requested-With": "fetch"}
	own := func(want int, method, path string, body any) *apptest.Response {
		t.Helper()
		return oa.check(t, want, apptest.Request{Method: method, Path: path, Body: body, Header: h})
	}
	own(200, "GET", "/api/v1/owner/venue", nil)
	oa.get(t, 401, "", "/api/v1/owner/venue")
	oa.get(t, 401, sup, "/api/v1/owner/venue")
	own(200, "GET", "/api/v1/owner/hazards", nil)
	own(200, "GET", "/api/v1/owner/documents", nil)
	own(200, "GET", "/api/v1/owner/documents/"+doc, nil)
	own(404, "GET", "/api/v1/owner/documents/"+uuid.NewString(), nil)
	own(200, "GET", "/api/v1/owner/documents/"+doc+"/pdf", nil)
	own(201, "POST", "/api/v1/owner/service-consent", map[string]any{"address": phone})
	own(200, "POST", "/api/v1/owner/documents/"+doc+"/sign", map[string]any{"method": "electronic"})
	body, ct := apptest.PhotoForm(t, apptest.PNG(21), "")
	ph := oa.check(t, 201, apptest.Request{Method: "POST", Path: "/api/v1/owner/photos", Body: body,
		Header: map[string]string{"Content-Type": ct, "Cookie": "jx_owner=" + cookie, "X-Requested-With": "fetch"}})
	photo := oaString(t, ph, "id")
	own(200, "GET", "/api/v1/owner/photos/"+photo, nil)
	own(422, "POST", "/api/v1/owner/hazards/"+hazard+"/fix", map[string]any{"description": "换了", "photo_ids": []string{uuid.NewString()}})
	own(200, "POST", "/api/v1/owner/hazards/"+hazard+"/fix", map[string]any{"description": "换了", "photo_ids": []string{photo}})
	own(200, "POST", "/api/v1/owner/hazards/"+hazard+"/reinspection-request", nil)
	own(409, "POST", "/api/v1/owner/hazards/"+hazard+"/extensions", map[string]any{"requested_deadline": deadline, "reason": "订货"})
	later := time.Now().In(e.Cfg.Location).AddDate(0, 0, 20).Format("2006-01-02")
	own(201, "POST", "/api/v1/owner/hazards/"+other+"/extensions", map[string]any{"requested_deadline": later, "reason": "订货"})
	oa.get(t, 200, officer, "/api/v1/hazards?rectified_by=owner&status=rectified")
	items := own(200, "GET", "/api/v1/owner/checklist", nil).Map(t)["items"].([]any)
	var answers []map[string]any
	for _, it := range items {
		answers = append(answers, map[string]any{"item_code": it.(map[string]any)["code"], "result": "fail", "note": ""})
	}
	own(422, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers[:1]})
	own(201, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers})
	own(409, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers})
	own(200, "GET", "/api/v1/owner/self-inspections", nil)
	oa.get(t, 200, officer, "/api/v1/venues/"+venue+"/self-inspections")
	oa.get(t, 200, officer, "/api/v1/inspections?venue_id="+venue)
	sessions := oa.get(t, 200, sup, "/api/v1/venues/"+venue+"/owner-sessions").Map(t)["items"].([]any)
	sid := sessions[0].(map[string]any)["id"].(string)
	own(204, "POST", "/api/v1/owner/logout", nil)
	own(401, "GET", "/api/v1/owner/venue", nil)
	oa.send(t, 403, http.MethodDelete, officer, "/api/v1/owner-sessions/"+sid, nil, nil)
	oa.send(t, 200, http.MethodDelete, sup, "/api/v1/owner-sessions/"+sid, nil, nil)
}
