package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// addressReport is an officer's tip about an address near venue vid, with a
// number to tell: its id and tracking code.
func addressReport(t *testing.T, e *apptest.Env, vid string) (string, string) {
	t.Helper()
	var v struct{ Lat, Lng float64 }
	e.DB.Raw("SELECT lat, lng FROM venues WHERE id = ?", vid).Scan(&v)
	r := e.Post(relVictim, "/api/v1/reports", map[string]any{"address": "东关街甲2号", "lat": v.Lat + 0.0003, "lng": v.Lng,
		"kind": "wiring", "text": "私拉电线", "reporter_phone": "13912340000"}).Must(t, http.StatusCreated).Map(t)
	return r["id"].(string), r["tracking_code"].(string)
}

// Ensure a report about an address can be closed by hand after the check,
// with a reason whose outcome the reporter is told (tracking page, SMS) and
// a note only staff see; or tied to the known venue there, whose complaint
// inspection then checks it; and every refusal, with nothing written.
func TestCloseAndLinkReports(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	vid, code, _ := gridVenue(t, e)
	id, tracking := addressReport(t, e, vid)
	path := "/api/v1/reports/" + id

	e.Post(relVictim, path+"/close", map[string]any{"reason": "nope"}).Must(t, http.StatusUnprocessableEntity)
	e.Post(relVictim, path+"/close", map[string]any{}).Must(t, http.StatusUnprocessableEntity)
	e.Post(relVictim, path+"/close", map[string]any{"reason": "not_found", "note": strings.Repeat("长", 2001)}).Must(t, http.StatusUnprocessableEntity)
	e.Post("off-dcf-1-g2", path+"/close", map[string]any{"reason": "not_found"}).Must(t, http.StatusNotFound)
	apptest.Equal(t, "still received", e.Get("sup-dcf-1", path).Must(t, http.StatusOK).Map(t)["status"], "received")

	closed := e.Post(relVictim, path+"/close", map[string]any{"reason": "not_found", "note": "门牌不存在，走访邻居无此店"}).Must(t, http.StatusOK).Map(t)
	apptest.Fields(t, "closed", closed, map[string]any{"status": "checked", "close_reason": "not_found", "closed_by": e.User(relVictim),
		"outcome": "经核查，未找到所反映的地址或场所；如有新的情况，请再次举报", "checked_in_time": true, "inspection_id": nil})
	pub := e.Get("", "/api/v1/public/reports/"+tracking).Must(t, http.StatusOK)
	apptest.True(t, "the reporter sees the outcome", strings.Contains(string(pub.Body), "未找到所反映的地址"), string(pub.Body))
	apptest.True(t, "not the note", !strings.Contains(string(pub.Body), "门牌不存在"), string(pub.Body))
	var sms, events int64
	e.DB.Raw("SELECT count(*) FROM sms_messages WHERE template = 'report_outcome' AND phone = '13912340000'").Scan(&sms)
	apptest.Equal(t, "the outcome texted", sms, int64(1))
	var hint string
	e.DB.Raw("SELECT params->>'report' FROM sms_messages WHERE template = 'report_outcome' AND phone = '13912340000'").Scan(&hint)
	apptest.Equal(t, "the SMS names the report by its code's start", hint, tracking[:6])
	e.DB.Raw(`SELECT count(*) FROM events e JOIN audit_log a ON a.id = e.audit_id
		WHERE e.type = 'report.closed' AND e.subject_id = ? AND a.after->>'close_reason' = 'not_found'`, id).Scan(&events)
	apptest.Equal(t, "report.closed events", events, int64(1))
	e.Post("sup-dcf-1", path+"/close", map[string]any{"reason": "no_hazard"}).Must(t, http.StatusConflict)
	e.Post("sup-dcf-1", path+"/link", map[string]any{"venue_id": vid}).Must(t, http.StatusConflict)

	// Tied to the venue there: its complaint inspection checks it.
	id2, _ := addressReport(t, e, vid)
	path2 := "/api/v1/reports/" + id2
	far := e.VenueID(t, "kfq-1-g1")
	e.Post("sup-dcf-1", path2+"/link", map[string]any{"venue_id": far}).Must(t, http.StatusUnprocessableEntity)
	e.Post("sup-dcf-1", path2+"/link", map[string]any{"venue_id": "nope"}).Must(t, http.StatusUnprocessableEntity)
	e.Post("off-dcf-1-g2", path2+"/link", map[string]any{"venue_id": vid}).Must(t, http.StatusNotFound)
	linked := e.Post(relVictim, path2+"/link", map[string]any{"venue_id": vid}).Must(t, http.StatusOK).Map(t)
	apptest.Fields(t, "linked", linked, map[string]any{"venue_id": vid, "status": "received", "grid_id": e.Unit("dcf-1-g1")})
	var kind string
	e.DB.Raw("SELECT kind FROM inspections WHERE id = ?", linked["inspection_id"]).Scan(&kind)
	apptest.Equal(t, "a complaint inspection", kind, "complaint")
	e.DB.Raw("SELECT count(*) FROM events WHERE type = 'report.venue_linked' AND subject_id = ?", id2).Scan(&events)
	apptest.Equal(t, "report.venue_linked events", events, int64(1))
	e.Post(relVictim, path2+"/link", map[string]any{"venue_id": vid}).Must(t, http.StatusConflict)
	e.Post(relVictim, path2+"/close", map[string]any{"reason": "no_hazard"}).Must(t, http.StatusConflict)

	// A public report names its venue: closed by its inspection only.
	r := publicReport(e, code, map[string]any{"kind": "other", "text": "门口堆放纸箱"}, "10.9.0.1").Must(t, http.StatusAccepted).Map(t)
	var pubID string
	e.DB.Raw("SELECT id::text FROM reports WHERE tracking_hint = ?", r["tracking_code"].(string)[:6]).Scan(&pubID)
	e.Post("sup-dcf-1", "/api/v1/reports/"+pubID+"/close", map[string]any{"reason": "no_hazard"}).Must(t, http.StatusConflict)
}
