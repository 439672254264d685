package notify_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/models"
)

// coveredByEveryEventType are the types TestEveryEventType makes and checks.
var coveredByEveryEventType = []models.EventType{
	models.EventInspectionCreated, models.EventInspectionStarted, models.EventInspectionSubmitted, models.EventInspectionApproved,
	models.EventInspectionReturned, models.EventInspectionCancelled, models.EventHazardFound, models.EventHazardRectified,
	models.EventHazardVerified, models.EventHazardReopened, models.EventHazardOverdue, models.EventReclassificationFiled,
	models.EventReclassificationDecided, models.EventScheduleGenerated, models.EventVenueCreated, models.EventVenueUpdated,
	models.EventVenueReclassified, models.EventOrgUnitCreated, models.EventOrgUnitUpdated, models.EventUserCreated,
	models.EventUserUpdated, models.EventUserGridsChanged, models.EventPhotoUploaded, models.EventPolicyUpdated,
	models.EventCalendarUpdated, models.EventWebhookCreated, models.EventWebhookUpdated, models.EventWebhookDeleted,
	models.EventWebhookSecretRotated,
}

// coveredByHandlerTests are the types of the public side and the owners,
// made through the API and counted in the events table by the handlers'
// tests: TestReportToOutcome and TestStaffReports (report.*, an address
// made a venue), TestCloseAndLinkReports (closed by hand, tied to a venue), TestPublicRefusals (the code's rotation), TestOwnerPath and
// TestOwnerCodeRules (owner_*, the 复查 application, the self-inspection).
var coveredByHandlerTests = []models.EventType{models.EventReportReceived, models.EventReportOverdue, models.EventReportClosed,
	models.EventVenueCodeRotated, models.EventReportVenueCreated, models.EventReportVenueLinked, models.EventOwnerInvited, models.EventOwnerInviteRevoked,
	models.EventOwnerSessionStarted, models.EventOwnerSessionRevoked, models.EventReinspectionApplied, models.EventSelfInspectionFiled}

// Ensure every event type of the documents and the extensions — and the
// hazards' corrections and reinspections that go with them — is made by the
// action that causes it through the API and delivered, signed; and that
// every type a subscription may name is made by this test, by
// TestEveryEventType, or by the handlers' tests listed above.
func TestDocumentEventTypes(t *testing.T) {
	t.Parallel()
	c := newClock(time.Date(2026, 6, 1, 10, 0, 0, 0, chinaTime))
	e := env(t, c)
	rc := newReceiver(t, nil)
	_, secret := subscribe(t, e, rc.URL+"/hooks")
	const off, sup = "off-dcf-1-g1", "sup-dcf-1"
	_, codes := checklist(t, e)
	a, b := venue(t, e, "dcf-1-g1", "文书便利店"), venue(t, e, "dcf-1-g1", "延期便利店")

	// Submitted: the record, the immediate and the deadline order, issued.
	h1, h2 := hazard(codes[0], "general", "deadline", "2026-06-03"), hazard(codes[1], "general", "on_site", "", e.Photo(t, off, apptest.PNG(1)))
	first := visit(t, e, off, a, h1, h2)
	docs := map[string]string{}
	var list struct {
		Items []struct{ ID, Kind string }
	}
	e.Get(off, "/api/v1/documents?inspection_id="+first).Must(t, http.StatusOK).JSON(t, &list)
	for _, d := range list.Items {
		docs[d.Kind] = d.ID
	}
	e.Post(off, "/api/v1/documents/"+docs["immediate_order"]+"/service", map[string]any{"method": "in_person", "received_by": "王先生",
		"signature_photo_id": e.Photo(t, off, apptest.PNG(2))}).Must(t, http.StatusOK) // document.served
	e.Post(sup, "/api/v1/documents/"+docs["deadline_order"]+"/reissue", map[string]any{"reason": "原件污损"}).
		Must(t, http.StatusCreated) // document.voided, document.issued

	// Extensions: one approved (the deadline moves: hazard.extended), one rejected.
	h3 := hazard(codes[2], "general", "deadline", "2026-06-10")
	second := visit(t, e, off, b, h3)
	ext := func(deadline string) string {
		return e.Post(off, "/api/v1/hazards/"+h3["id"].(string)+"/extensions", map[string]any{"requested_deadline": deadline, "reason": "订货周期长"}).
			Must(t, http.StatusCreated).Map(t)["id"].(string)
	}
	e.Post(sup, "/api/v1/extensions/"+ext("2026-06-17")+"/approve", map[string]any{"comment": "同意"}).Must(t, http.StatusOK)
	e.Post(sup, "/api/v1/extensions/"+ext("2026-06-24")+"/reject", map[string]any{"comment": "不同意"}).Must(t, http.StatusOK)

	// A return and a corrected resubmission: hazard.corrected, and the
	// orders listing it are voided and issued again.
	e.Post(sup, "/api/v1/inspections/"+second+"/return", map[string]any{"comment": "隐患等级有误"}).Must(t, http.StatusOK)
	answers, _ := checklist(t, e)
	h3["severity"] = "major"
	e.Post(off, "/api/v1/inspections/"+second+"/submit", map[string]any{"checklist": answers, "hazards": []any{h3}}).Must(t, http.StatusOK)

	// The venue's consent, a template, a checklist item's legal basis.
	e.Post(off, "/api/v1/venues/"+a["id"].(string)+"/service-consent", map[string]any{"address": "13800000000"}).Must(t, http.StatusCreated)
	e.Do(apptestPut("/api/v1/document-templates/deadline_order", map[string]any{"title": "责令限期改正通知书", "kind_word": "限",
		"authority": "{city}公安局{station}", "opening": "{venue}：", "order": "责令你单位于{deadline}前改正。",
		"appeal": "可以申请行政复议或提起行政诉讼。"})).Must(t, http.StatusOK)
	e.Do(apptestPut("/api/v1/checklist-items/"+codes[0], map[string]any{"legal_basis": "《中华人民共和国消防法》第十六条",
		"default_fix_mode": "deadline"})).Must(t, http.StatusOK)

	// A station that approves its deadline orders: the next one is a draft.
	var version int
	e.DB.Raw("SELECT version FROM org_units WHERE code = 'dcf-1'").Scan(&version)
	e.Do(apptestPatch("/api/v1/org-units/"+e.Unit("dcf-1"), map[string]any{"deadline_order_approval": true, "version": version})).Must(t, http.StatusOK)
	visit(t, e, off, a, hazard(codes[3], "general", "deadline", "2026-06-12")) // document.drafted

	// The reinspection of h1 on its deadline, not fixed: hazard.reinspected.
	var reinspection string
	e.DB.Raw("SELECT reinspection_id::text FROM hazards WHERE id = ?", h1["id"]).Scan(&reinspection)
	c.Add(2 * 24 * time.Hour)
	e.Post(off, "/api/v1/inspections/"+reinspection+"/start", map[string]any{"lat": a["lat"], "lng": a["lng"]}).Must(t, http.StatusOK)
	e.Post(off, "/api/v1/inspections/"+reinspection+"/submit", map[string]any{"checklist": answers, "hazards": []any{},
		"resolutions": []any{map[string]any{"hazard_id": h1["id"], "fixed": false, "description": "仍未整改"}}}).Must(t, http.StatusOK)

	if _, err := dispatcher(e, nil).RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	byType := map[models.EventType]int{}
	for _, g := range rc.requests() {
		verify(t, secret, g, c.Now())
		byType[g.Event.Type]++
	}
	want := map[models.EventType]int{
		// 3 of the first visit, its reissued copy, 2 of the second, 2
		// extension decisions, 2 corrected (record and order), the third
		// visit's record (its order is a draft), the reinspection's record
		// and opinion.
		models.EventDocumentIssued: 13, models.EventDocumentServed: 1, models.EventDocumentVoided: 3, models.EventDocumentDrafted: 1,
		models.EventExtensionRequested: 2, models.EventExtensionDecided: 2, models.EventHazardExtended: 1,
		models.EventHazardCorrected: 1, models.EventHazardReinspected: 1,
		models.EventConsentRecorded: 1, models.EventTemplateUpdated: 1, models.EventChecklistUpdated: 1,
	}
	for typ, n := range want {
		if byType[typ] != n {
			t.Errorf("%s: %d delivered, want %d", typ, byType[typ], n)
		}
	}

	accounted := map[models.EventType]bool{}
	for _, typ := range append(append(coveredByEveryEventType, coveredByHandlerTests...), keys(want)...) {
		accounted[typ] = true
	}
	for _, typ := range models.EventTypes {
		if !accounted[typ] {
			t.Errorf("%s: no test makes it through the API (add it here or to TestEveryEventType)", typ)
		}
	}
}

func keys[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
