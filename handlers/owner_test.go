package handlers_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// Ensure that an owner invited by an officer confirms the phone with the
// code, signs for the order, gives the consent, uploads the fix, applies
// for the 复查 and asks for more time, files the monthly self-inspection;
// that the officer sees the owner's fix and verifies it; and that each
// step is audited as the owner's with its event.
func TestOwnerPath(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	fx := ownerFixture(t, e, "off-dcf-1-g1", "dcf-1-g1", "13912345678", 0)
	cookie := ownerLogin(t, e, "off-dcf-1-g1", fx)

	home := ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "home venue id", home["venue"].(map[string]any)["id"], fx.Venue)
	apptest.Equal(t, "phone hidden", home["venue"].(map[string]any)["contact_phone"], "139****5678")

	docs := ownerDo(e, cookie, "GET", "/api/v1/owner/documents", nil).Must(t, http.StatusOK).Map(t)
	apptest.True(t, "documents", len(docs["items"].([]any)) >= 1, docs)
	pdf := ownerDo(e, cookie, "GET", "/api/v1/owner/documents/"+fx.Document+"/pdf", nil).Must(t, http.StatusOK)
	apptest.Equal(t, "pdf type", pdf.Header.Get("Content-Type"), "application/pdf")

	// Electronic service needs the consent first.
	ownerDo(e, cookie, "POST", "/api/v1/owner/documents/"+fx.Document+"/sign", map[string]any{"method": "electronic"}).Must(t, http.StatusConflict)
	ownerDo(e, cookie, "POST", "/api/v1/owner/documents/"+fx.Document+"/sign", map[string]any{"method": "left_at_premises"}).Must(t, http.StatusUnprocessableEntity)
	sig := ownerPhoto(t, e, cookie, 7)
	served := ownerDo(e, cookie, "POST", "/api/v1/owner/documents/"+fx.Document+"/sign",
		map[string]any{"method": "in_person", "received_by": "张老板", "signature_photo_id": sig}).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "served", served["status"], "served")
	ownerDo(e, cookie, "POST", "/api/v1/owner/service-consent", map[string]any{"address": "13912345678"}).Must(t, http.StatusCreated)

	// A fix needs a photo of the owner's own.
	ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/fix", map[string]any{"description": "已更换", "photo_ids": []string{}}).Must(t, http.StatusUnprocessableEntity)
	officerPhoto := e.Photo(t, "off-dcf-1-g1", apptest.PNG(3))
	ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/fix", map[string]any{"description": "已更换", "photo_ids": []string{officerPhoto}}).Must(t, http.StatusUnprocessableEntity)
	fixPhoto := ownerPhoto(t, e, cookie, 8)
	ownerDo(e, cookie, "GET", "/api/v1/owner/photos/"+fixPhoto, nil).Must(t, http.StatusOK)
	fixed := ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/fix",
		map[string]any{"description": "已更换灭火器", "photo_ids": []string{fixPhoto}}).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "fixed status", fixed["status"], "rectified")
	apptest.Equal(t, "fixed by owner", fixed["rectified_by_owner"], true)

	// The 复查 application: the reinspection opens today, due 3 working days after.
	var before struct{ DueDate string }
	e.DB.Raw("SELECT due_date::text FROM inspections WHERE id = ?", fx.ReinspectionID).Scan(&before)
	applied := ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/reinspection-request", nil).Must(t, http.StatusOK).Map(t)
	apptest.True(t, "requested on", applied["reinspection_requested_on"] != nil, applied)
	var after struct{ OpensOn, DueDate string }
	e.DB.Raw("SELECT opens_on::text, due_date::text FROM inspections WHERE id = ?", fx.ReinspectionID).Scan(&after)
	apptest.True(t, "the reinspection is due sooner", after.DueDate < before.DueDate, before, after)
	again := ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/reinspection-request", nil).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "applying again changes nothing", again["version"], applied["version"])

	// The extension is asked of an open hazard: this one is fixed.
	ownerDo(e, cookie, "POST", "/api/v1/owner/hazards/"+fx.Hazard+"/extensions",
		map[string]any{"requested_deadline": "2099-01-01", "reason": "订货"}).Must(t, http.StatusConflict)

	// The officer sees the owner's fix waiting, and verifies it (an owner's fix may be verified by an officer).
	list := e.Get("off-dcf-1-g1", "/api/v1/hazards?rectified_by=owner&status=rectified").Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "owner fixes waiting", len(list["items"].([]any)), 1)
	e.Get("off-dcf-1-g1", "/api/v1/hazards?rectified_by=nobody").Must(t, http.StatusUnprocessableEntity)
	queue := e.Get("sup-dcf-1", "/api/v1/review/queue?type=hazard").Must(t, http.StatusOK).Map(t)["items"].([]any)
	byOwner := false
	for _, it := range queue {
		if m := it.(map[string]any); m["id"] == fx.Hazard {
			byOwner = m["by_owner"] == true
		}
	}
	apptest.True(t, "the supervisor's queue marks the owner's fix", byOwner, queue)
	verified := e.Post("off-dcf-1-g1", "/api/v1/hazards/"+fx.Hazard+"/verify", map[string]any{"accepted": true}).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "verified", verified["status"], "verified")

	// The self-inspection: one a month, every item answered; its failures show on the officer's next task.
	items := ownerDo(e, cookie, "GET", "/api/v1/owner/checklist", nil).Must(t, http.StatusOK).Map(t)["items"].([]any)
	apptest.True(t, "checklist items", len(items) > 2, items)
	answers := []map[string]any{}
	for i, it := range items {
		res := "pass"
		if i == 1 {
			res = "fail"
		}
		answers = append(answers, map[string]any{"item_code": it.(map[string]any)["code"], "result": res})
	}
	ownerDo(e, cookie, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers[1:]}).Must(t, http.StatusUnprocessableEntity)
	si := ownerDo(e, cookie, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers, "notes": "自查"}).Must(t, http.StatusCreated).Map(t)
	apptest.Equal(t, "failed", len(si["failed"].([]any)), 1)
	ownerDo(e, cookie, "POST", "/api/v1/owner/self-inspections", map[string]any{"checklist": answers}).Must(t, http.StatusConflict)
	vs := e.Get("off-dcf-1-g1", "/api/v1/venues/"+fx.Venue+"/self-inspections").Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "venue's self-inspections", len(vs["items"].([]any)), 1)
	task := e.Get("off-dcf-1-g1", "/api/v1/inspections/"+fx.ReinspectionID).Must(t, http.StatusOK).Map(t)
	apptest.True(t, "the next task shows the self-inspection's failures", task["self_inspection"] != nil, task)
	tasks := e.SameInspections(t, "off-dcf-1-g1", "/api/v1/inspections?mine=true&limit=200", models.InspectionFilter{Mine: true},
		models.Page{Limit: 200}, schedules.DateIn(time.Now(), e.Cfg.Location))
	apptest.True(t, "the task list shows it too", bytes.Contains(tasks.Body, []byte(`"self_inspection":{`)), string(tasks.Body))

	// Every owner action is audited as the owner's, with its event.
	var kinds []string
	e.DB.Raw(`SELECT a.entity || ' ' || a.action FROM audit_log a WHERE a.actor_kind = 'owner'
		AND EXISTS (SELECT 1 FROM events ev WHERE ev.audit_id = a.id) ORDER BY a.id`).Scan(&kinds)
	for _, want := range []string{"owner_session create", "photo create", "document serve", "service_consent record", "hazard rectify",
		"hazard request_reinspection", "self_inspection create"} {
		apptest.True(t, "audited as the owner's: "+want, contains(kinds, want), kinds)
	}

	// Staff see the invitations and the session; a supervisor revokes it and the cookie stops working at once.
	inv := e.Get("off-dcf-1-g1", "/api/v1/venues/"+fx.Venue+"/owner-invites").Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "invite used", inv["items"].([]any)[0].(map[string]any)["status"], "used")
	ss := e.Get("sup-dcf-1", "/api/v1/venues/"+fx.Venue+"/owner-sessions").Must(t, http.StatusOK).Map(t)
	sid := ss["items"].([]any)[0].(map[string]any)["id"].(string)
	e.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/owner-sessions/" + sid, As: "off-dcf-1-g1"}).Must(t, http.StatusForbidden)
	e.Do(apptest.Request{Method: "DELETE", Path: "/api/v1/owner-sessions/" + sid, As: "sup-dcf-1"}).Must(t, http.StatusOK)
	ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusUnauthorized)
	// The owners' event types, each made on this path (notify's
	// TestDocumentEventTypes counts on this test for them).
	for _, typ := range []string{"owner_invite.created", "owner_session.created", "owner_session.revoked",
		"hazard.reinspection_requested", "self_inspection.filed"} {
		var n int64
		e.DB.Raw("SELECT count(*) FROM events WHERE type = ?", typ).Scan(&n)
		apptest.True(t, typ+" events", n >= 1, n)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
