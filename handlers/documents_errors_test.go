package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Ensure each bad request about documents is a 409 or 422 naming the
// field, and writes nothing at all.
func TestDocumentsBadInput(t *testing.T) {
	t.Parallel()
	e := docEnv(t, "2026-06-03", 0)
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	venue := e.Venue(t, "dcf-1-g1")
	visit := func(deadline string) (docs map[string]map[string]any, hazard string) {
		t.Helper()
		h := apptest.Hazard("evacuation_route", "major", "deadline", deadline)
		in := docVisit(t, e, off, venue, h)
		return docsOf(t, e, off, "inspection_id="+in), h["id"].(string)
	}
	docs, hazard := visit("2026-06-10")
	order := "/api/v1/documents/" + docs["deadline_order"]["id"].(string)
	record := "/api/v1/documents/" + docs["inspection_record"]["id"].(string)
	sig := e.Photo(t, off, apptest.PNG(3))
	e.Token("off-dcf-1-g2") // logged in before the fingerprints

	// A draft: the station now wants its deadline orders approved.
	e.DB.Exec("UPDATE org_units SET deadline_order_approval = true WHERE code = 'dcf-1'")
	drafts, _ := visit("2026-06-12")
	draft := "/api/v1/documents/" + drafts["deadline_order"]["id"].(string)
	if drafts["deadline_order"]["status"] != "draft" || drafts["deadline_order"]["number"] != nil {
		t.Fatalf("the order of a station that approves them = %v", drafts["deadline_order"])
	}
	// A void one.
	e.Post(sup, record+"/void", map[string]any{"reason": "记录有误"}).Must(t, http.StatusOK)

	tpl := e.Get("admin", "/api/v1/document-templates/deadline_order").Must(t, http.StatusOK).Map(t)
	badTpl := map[string]any{"title": tpl["title"], "kind_word": tpl["kind_word"], "authority": tpl["authority"], "opening": tpl["opening"],
		"order": "责令你单位于{due_date}前改正。", "appeal": tpl["appeal"], "closing": ""}

	cases := []struct {
		name, as, path string
		body           any
		status         int
		field          string
	}{
		{"ServeDraft", off, draft + "/service", map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}, 409, "status"},
		{"ServeVoid", off, record + "/service", map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}, 409, "status"},
		{"ElectronicWithoutConsent", off, order + "/service", map[string]any{"method": "electronic"}, 409, "method"},
		{"InPersonWithoutSignature", off, order + "/service", map[string]any{"method": "in_person", "received_by": "王先生"}, 422, "signature_photo_id"},
		{"InPersonWithoutReceiver", off, order + "/service", map[string]any{"method": "in_person", "signature_photo_id": sig}, 422, "received_by"},
		{"LeftWithoutWitness", off, order + "/service", map[string]any{"method": "left_at_premises", "photo_ids": []string{sig}}, 422, "witness"},
		{"LeftWithoutPhoto", off, order + "/service", map[string]any{"method": "left_at_premises", "witness": "社区网格员"}, 422, "photo_ids"},
		{"UnknownMethod", off, order + "/service", map[string]any{"method": "by_pigeon"}, 422, "method"},
		{"SomeoneElsesSignature", "off-dcf-1-g2", order + "/service", map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}, 404, ""},
		{"VoidWithoutReason", sup, order + "/void", map[string]any{"reason": " "}, 422, "reason"},
		{"VoidByOfficer", off, order + "/void", map[string]any{"reason": "写错了"}, 403, ""},
		{"ExtensionBeyondLimit", off, "/api/v1/hazards/" + hazard + "/extensions", map[string]any{"requested_deadline": "2027-06-30", "reason": "太久"}, 422, "requested_deadline"},
		{"ExtensionNotLater", off, "/api/v1/hazards/" + hazard + "/extensions", map[string]any{"requested_deadline": "2026-06-09", "reason": "提前"}, 422, "requested_deadline"},
		{"ExtensionWithoutReason", off, "/api/v1/hazards/" + hazard + "/extensions", map[string]any{"requested_deadline": "2026-06-20"}, 422, "reason"},
		{"TemplateUnknownPlaceholder", "admin", "/api/v1/document-templates/deadline_order", badTpl, 422, "order"},
		{"TemplateStrayBrace", "admin", "/api/v1/document-templates/deadline_order", apptest.With(badTpl, "order", "于{deadline前改正"), 422, "order"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := relFingerprint(t, e)
			method := http.MethodPost
			if c.as == "admin" {
				method = http.MethodPut
			}
			r := e.Do(apptest.Request{Method: method, Path: c.path, As: c.as, Body: c.body})
			wantProblem(t, r, c.status, c.field)
			relSameFingerprint(t, e, before, c.name)
		})
	}

	// Ensure serving twice is refused, and an extension after the deadline.
	e.Post(off, order+"/service", map[string]any{"method": "in_person", "received_by": "王先生", "signature_photo_id": sig}).Must(t, http.StatusOK)
	docDay(t, e, "2026-06-11")
	for name, c := range map[string]struct {
		path  string
		body  any
		field string
	}{
		"ServeTwice":             {order + "/service", map[string]any{"method": "in_person", "received_by": "李四", "signature_photo_id": sig}, "status"},
		"ExtensionAfterDeadline": {"/api/v1/hazards/" + hazard + "/extensions", map[string]any{"requested_deadline": "2026-06-20", "reason": "晚了"}, "deadline"},
	} {
		t.Run(name, func(t *testing.T) {
			before := relFingerprint(t, e)
			wantProblem(t, e.Post(off, c.path, c.body), http.StatusConflict, c.field)
			relSameFingerprint(t, e, before, name)
		})
	}
}
