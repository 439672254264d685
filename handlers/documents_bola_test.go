package handlers_test

import (
	"net/http"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// The legal documents' part of the generated access tests (bola_test.go):
// the victim's deadline order and an extension of their deadline hazard,
// the path parameters that are not ids, and well-formed bodies.

// relParam fills the path parameters that are not ids.
var relParam = map[string]string{":kind": "deadline_order", ":code": "extinguisher"}

// relDocuments adds the victim's deadline order and a pending extension of
// its hazard to the fixture.
func relDocuments(t testing.TB, e *apptest.Env, fx *relFix, deadline string) {
	t.Helper()
	r := e.Get(relVictim, "/api/v1/documents?kind=deadline_order&inspection_id="+fx.Inspection).Must(t, http.StatusOK)
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	r.JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("the victim's submission made %d deadline orders: %s", len(list.Items), r.Body)
	}
	fx.Document = list.Items[0].ID
	d, err := schedules.ParseDate(deadline)
	if err != nil {
		t.Fatal(err)
	}
	fx.Extension = relField(t, e.Post(relVictim, "/api/v1/hazards/"+fx.Hazard+"/extensions",
		map[string]any{"requested_deadline": d.AddDays(5).String(), "reason": "订货周期长"}).Must(t, http.StatusCreated), "id")
}

// relDocumentBody is a well-formed body for the documents' routes, or nil.
func relDocumentBody(fx relFix, r relRoute) any {
	switch r.String() {
	case "POST /api/v1/documents/:id/service":
		return map[string]any{"method": "left_at_premises", "witness": "越权见证", "photo_ids": []string{fx.Photo}}
	case "POST /api/v1/documents/:id/void":
		return map[string]any{"reason": "越权作废"}
	case "POST /api/v1/documents/:id/reissue":
		return map[string]any{"reason": "越权重开"}
	case "POST /api/v1/venues/:id/service-consent":
		return map[string]any{"address": "13800000000"}
	case "POST /api/v1/hazards/:id/extensions":
		return map[string]any{"requested_deadline": "2099-01-01", "reason": "越权延期"}
	case "PUT /api/v1/document-templates/:kind":
		return map[string]any{"title": "越权", "kind_word": "越", "authority": "越权"}
	case "PUT /api/v1/checklist-items/:code":
		return map[string]any{"legal_basis": "越权", "default_fix_mode": "on_site"}
	}
	return nil
}
