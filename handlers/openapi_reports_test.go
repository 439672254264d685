package handlers_test

import (
	"net/http"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The public pages are HTML: read as text.
func init() { openapi3filter.RegisterBodyDecoder("text/html", openapi3filter.PlainBodyDecoder) }

// oaReports checks the public side's and the reports' operations against
// the document (a part of TestOpenAPIResponses).
func oaReports(t *testing.T, oa *oaChecker, e *apptest.Env) {
	const sup, officer = "sup-dcf-1", "off-dcf-1-g1"
	grid := e.Unit("dcf-1-g1")
	v := e.Venue(t, "dcf-1-g1")
	vid, code := v["id"].(string), v["public_code"].(string)

	oa.get(t, 200, "", "/v/"+code)
	oa.get(t, 404, "", "/v/"+uuid.NewString())
	accepted := oa.post(t, 202, "", "/api/v1/public/venues/"+code+"/reports", map[string]any{"kind": "blocked_exit", "text": "安全出口锁闭"})
	tracking := oaString(t, accepted, "tracking_code")
	oa.post(t, 404, "", "/api/v1/public/venues/"+uuid.NewString()+"/reports", map[string]any{"kind": "other", "text": "x"})
	oa.post(t, 422, "", "/api/v1/public/venues/"+code+"/reports", map[string]any{"kind": "nope", "text": "x"})
	body, ct := reportForm(t, map[string]string{"kind": "other", "text": "表单"}, nil)
	oa.check(t, 303, apptest.Request{Method: http.MethodPost, Path: "/api/v1/public/venues/" + code + "/reports", Body: body,
		Header: map[string]string{"Content-Type": ct, "Accept": "text/html"}})
	oa.get(t, 200, "", "/api/v1/public/reports/"+tracking)
	oa.get(t, 404, "", "/api/v1/public/reports/"+uuid.NewString())
	oa.get(t, 200, "", "/r/"+tracking)
	oa.get(t, 404, "", "/r/"+uuid.NewString())

	made := oa.post(t, 201, sup, "/api/v1/reports", map[string]any{"venue_id": vid, "kind": "other", "text": "12345转办", "reporter_phone": "13800001234"})
	id := oaString(t, made, "id")
	oa.post(t, 422, sup, "/api/v1/reports", map[string]any{"kind": "other", "text": "x"})
	tip := oa.post(t, 201, officer, "/api/v1/reports", map[string]any{"address": "东关街2号", "lat": apptest.VenueLat + 0.0002,
		"lng": apptest.VenueLng, "kind": "wiring", "text": "网格员上报"})
	oa.get(t, 200, sup, "/api/v1/reports")
	oa.get(t, 200, officer, "/api/v1/reports?status=received&overdue=false&org_unit_id="+grid)
	oa.get(t, 422, sup, "/api/v1/reports?status=done")
	oa.get(t, 200, officer, "/api/v1/reports/"+id)
	oa.get(t, 404, "off-dcf-1-g2", "/api/v1/reports/"+id)
	oa.post(t, 200, sup, "/api/v1/reports/"+oaString(t, tip, "id")+"/venue", map[string]any{"name": "无名小店", "category": "shop", "risk_level": "yellow"})
	oa.post(t, 409, sup, "/api/v1/reports/"+id+"/venue", map[string]any{"name": "无名小店", "category": "shop", "risk_level": "yellow"})
	tip2 := oa.post(t, 201, officer, "/api/v1/reports", map[string]any{"address": "东关街4号", "lat": apptest.VenueLat + 0.0002,
		"lng": apptest.VenueLng, "kind": "other", "text": "网格员上报"})
	oa.post(t, 200, officer, "/api/v1/reports/"+oaString(t, tip2, "id")+"/link", map[string]any{"venue_id": vid})
	oa.post(t, 409, officer, "/api/v1/reports/"+oaString(t, tip2, "id")+"/link", map[string]any{"venue_id": vid})
	oa.post(t, 422, officer, "/api/v1/reports/"+id+"/link", map[string]any{})
	tip3 := oa.post(t, 201, officer, "/api/v1/reports", map[string]any{"address": "东关街6号", "lat": apptest.VenueLat + 0.0002,
		"lng": apptest.VenueLng, "kind": "other", "text": "网格员上报"})
	oa.post(t, 200, officer, "/api/v1/reports/"+oaString(t, tip3, "id")+"/close", map[string]any{"reason": "referred", "note": "民宅，已告知社区"})
	oa.post(t, 409, sup, "/api/v1/reports/"+id+"/close", map[string]any{"reason": "no_hazard"})
	oa.post(t, 422, sup, "/api/v1/reports/"+id+"/close", map[string]any{"reason": "nope"})

	oa.post(t, 403, officer, "/api/v1/venues/"+vid+"/public-code", nil)
	oa.post(t, 200, sup, "/api/v1/venues/"+vid+"/public-code", nil)
	oa.get(t, 200, officer, "/api/v1/venues/"+vid+"/sticker.pdf")
	oa.get(t, 404, "off-dcf-1-g2", "/api/v1/venues/"+vid+"/sticker.pdf")
	oa.get(t, 200, sup, "/api/v1/stickers.pdf?org_unit_id="+grid)
	oa.get(t, 422, sup, "/api/v1/stickers.pdf")
}
