package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// oaDocuments checks the legal documents' operations against openapi.yaml
// (a part of TestOpenAPIResponses): a visit of venue with a deadline hazard
// of item code makes the documents to read, serve, void and extend.
func oaDocuments(t *testing.T, oa *oaChecker, venue string, checklist any, code string) {
	const (
		admin   = "admin"
		sup     = "sup-dcf-1"
		officer = "off-dcf-1-g1"
		other   = "off-kfq-1-g1"
	)
	e := oa.e
	missing := uuid.NewString()
	in := oaString(t, oa.post(t, 201, officer, "/api/v1/inspections", map[string]any{"venue_id": venue}), "id")
	oa.post(t, 200, officer, "/api/v1/inspections/"+in+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801})
	hazard := uuid.NewString()
	deadline := time.Now().In(e.Cfg.Location).AddDate(0, 0, 10).Format("2006-01-02")
	oa.post(t, 200, officer, "/api/v1/inspections/"+in+"/submit", map[string]any{"checklist": checklist, "hazards": []map[string]any{
		{"id": hazard, "code": code, "severity": "general", "description": "灭火器过期", "fix_mode": "deadline", "deadline": deadline}}})

	list := oa.get(t, 200, officer, "/api/v1/documents?inspection_id="+in+"&kind=deadline_order")
	var page struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	list.JSON(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("deadline orders: %s", list.Body)
	}
	doc := page.Items[0].ID
	oa.get(t, 200, sup, "/api/v1/documents?mine=false&status=issued,served&overdue=false&venue_id="+venue+"&limit=2")
	oa.get(t, 200, officer, "/api/v1/documents?mine=true&status=issued")
	oa.get(t, 422, officer, "/api/v1/documents?kind=letter")
	oa.get(t, 200, officer, "/api/v1/documents/"+doc)
	oa.get(t, 404, other, "/api/v1/documents/"+doc)
	oa.get(t, 404, officer, "/api/v1/documents/"+missing)
	oa.get(t, 200, officer, "/api/v1/documents/"+doc+"/pdf")
	oa.get(t, 404, other, "/api/v1/documents/"+doc+"/pdf")

	oa.post(t, 422, officer, "/api/v1/documents/"+doc+"/service", map[string]any{"method": "in_person", "received_by": "王先生"})
	oa.post(t, 409, officer, "/api/v1/documents/"+doc+"/service", map[string]any{"method": "electronic"})
	oa.post(t, 201, officer, "/api/v1/venues/"+venue+"/service-consent", map[string]any{"address": "13800000000"})
	oa.post(t, 422, officer, "/api/v1/venues/"+venue+"/service-consent", map[string]any{"address": ""})
	oa.post(t, 404, other, "/api/v1/venues/"+venue+"/service-consent", map[string]any{"address": "13800000000"})

	ext := oaString(t, oa.post(t, 201, officer, "/api/v1/hazards/"+hazard+"/extensions",
		map[string]any{"requested_deadline": time.Now().In(e.Cfg.Location).AddDate(0, 0, 20).Format("2006-01-02"), "reason": "订货周期长"}), "id")
	oa.post(t, 409, officer, "/api/v1/hazards/"+hazard+"/extensions",
		map[string]any{"requested_deadline": time.Now().In(e.Cfg.Location).AddDate(0, 0, 21).Format("2006-01-02"), "reason": "再延"})
	oa.post(t, 422, officer, "/api/v1/hazards/"+hazard+"/extensions", map[string]any{"requested_deadline": "2099-01-01", "reason": "太久"})
	oa.get(t, 200, officer, "/api/v1/extensions/"+ext)
	oa.get(t, 404, other, "/api/v1/extensions/"+ext)
	oa.post(t, 403, officer, "/api/v1/extensions/"+ext+"/approve", nil)
	oa.post(t, 422, sup, "/api/v1/extensions/"+ext+"/reject", map[string]any{})
	oa.post(t, 200, sup, "/api/v1/extensions/"+ext+"/reject", map[string]any{"comment": "理由不充分"})
	oa.post(t, 409, sup, "/api/v1/extensions/"+ext+"/approve", nil)
	ext2 := oaString(t, oa.post(t, 201, officer, "/api/v1/hazards/"+hazard+"/extensions",
		map[string]any{"requested_deadline": time.Now().In(e.Cfg.Location).AddDate(0, 0, 15).Format("2006-01-02"), "reason": "补充材料"}), "id")
	oa.post(t, 200, sup, "/api/v1/extensions/"+ext2+"/approve", map[string]any{"comment": "同意"})

	oa.post(t, 200, officer, "/api/v1/documents/"+doc+"/service", map[string]any{"method": "electronic"})
	oa.post(t, 403, officer, "/api/v1/documents/"+doc+"/void", map[string]any{"reason": "x"})
	oa.post(t, 409, sup, "/api/v1/documents/"+doc+"/void", map[string]any{"reason": "写错了"}) // served
	oa.post(t, 422, sup, "/api/v1/documents/"+doc+"/void", map[string]any{"reason": ""})

	// A station that approves its deadline orders: the next one is a draft.
	var station struct{ Version int }
	e.DB.Raw("SELECT version FROM org_units WHERE code = 'dcf-1'").Scan(&station)
	oa.send(t, 200, http.MethodPatch, admin, "/api/v1/org-units/"+e.Unit("dcf-1"),
		map[string]any{"deadline_order_approval": true, "agency_code": "聊古", "version": station.Version}, nil)
	in2 := oaString(t, oa.post(t, 201, officer, "/api/v1/inspections", map[string]any{"venue_id": venue}), "id")
	oa.post(t, 200, officer, "/api/v1/inspections/"+in2+"/start", map[string]any{"lat": 36.4501, "lng": 115.9801})
	oa.post(t, 200, officer, "/api/v1/inspections/"+in2+"/submit", map[string]any{"checklist": checklist, "hazards": []map[string]any{
		{"id": uuid.NewString(), "code": code, "severity": "general", "description": "灭火器过期", "fix_mode": "deadline", "deadline": deadline}}})
	oa.get(t, 200, officer, "/api/v1/documents?inspection_id="+in2+"&status=draft").JSON(t, &page)
	if len(page.Items) != 1 {
		t.Fatalf("drafts of the second visit: %v", page.Items)
	}
	draft := page.Items[0].ID
	oa.post(t, 409, officer, "/api/v1/documents/"+draft+"/service", map[string]any{"method": "electronic"})
	oa.post(t, 403, officer, "/api/v1/documents/"+draft+"/issue", nil)
	oa.post(t, 200, sup, "/api/v1/documents/"+draft+"/issue", nil)
	oa.post(t, 409, admin, "/api/v1/documents/"+draft+"/issue", nil)
	reissue := "/api/v1/documents/" + draft + "/reissue"
	oa.post(t, 403, officer, reissue, map[string]any{"reason": "原件污损"})
	oa.post(t, 422, sup, reissue, map[string]any{"reason": ""})
	copied := oaString(t, oa.post(t, 201, sup, reissue, map[string]any{"reason": "原件污损"}), "id")
	oa.post(t, 200, sup, reissue, map[string]any{"reason": "原件污损"})
	oa.post(t, 409, sup, "/api/v1/documents/"+doc+"/reissue", map[string]any{"reason": "原件污损"}) // served
	oa.post(t, 200, sup, "/api/v1/documents/"+copied+"/void", map[string]any{"reason": "期限写错，重新开具"})

	oa.get(t, 200, officer, "/api/v1/document-templates/deadline_order")
	oa.get(t, 404, officer, "/api/v1/document-templates/letter")
	tpl := map[string]any{"title": "责令限期改正通知书", "kind_word": "限", "authority": "{city}公安局{station}",
		"opening": "{venue}：", "order": "责令你单位于{deadline}前改正。", "appeal": "可以申请行政复议或提起行政诉讼。"}
	oa.send(t, 200, http.MethodPut, admin, "/api/v1/document-templates/deadline_order", tpl, nil)
	oa.send(t, 422, http.MethodPut, admin, "/api/v1/document-templates/deadline_order", apptest.With(tpl, "order", "于{due}前改正"), nil)
	oa.send(t, 403, http.MethodPut, sup, "/api/v1/document-templates/deadline_order", tpl, nil)

	oa.send(t, 200, http.MethodPut, admin, "/api/v1/checklist-items/"+code,
		map[string]any{"legal_basis": "《中华人民共和国消防法》第十六条", "default_fix_mode": "deadline"}, nil)
	oa.send(t, 404, http.MethodPut, admin, "/api/v1/checklist-items/nope", map[string]any{"legal_basis": "", "default_fix_mode": "deadline"}, nil)
	oa.send(t, 403, http.MethodPut, officer, "/api/v1/checklist-items/"+code, map[string]any{"legal_basis": "", "default_fix_mode": "deadline"}, nil)

	oa.get(t, 200, sup, "/api/v1/exports/documents.csv")
	oa.get(t, 200, sup, "/api/v1/exports/documents.xlsx?kind=deadline_order&status=issued")
	oa.get(t, 422, sup, "/api/v1/exports/documents.csv?status=lost")
	oa.get(t, 200, sup, "/api/v1/exports/documents.zip?kind=deadline_order")
	oa.get(t, 404, sup, "/api/v1/exports/documents.pdf")
}
