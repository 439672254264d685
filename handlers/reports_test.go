package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// reportsEnv is a city on 30 September 2026, 10:00 in Shanghai (a
// Wednesday, the day before the National Day holiday), with the 2026
// calendar of that holiday: 1–7 October off, 10 October worked (调休).
func reportsEnv(t *testing.T, cfg ...func(*app.Config)) *apptest.Env {
	t.Helper()
	opts := apptest.Options{Venues: 54, At: "2026-09-30T02:00:00Z"}
	if len(cfg) > 0 {
		opts.Config = cfg[0]
	}
	e := apptest.New(t, opts)
	var holidays []string
	for d := 1; d <= 7; d++ {
		holidays = append(holidays, "2026-10-0"+string(rune('0'+d)))
	}
	e.Do(apptest.Request{Method: "PUT", Path: "/api/v1/calendar/2026", As: "admin",
		Body: map[string]any{"holidays": holidays, "workdays": []string{"2026-09-20", "2026-10-10"}}}).Must(t, http.StatusOK)
	return e
}

// gridVenue is the first venue of grid dcf-1-g1: its id, public code and category.
func gridVenue(t *testing.T, e *apptest.Env) (id, code, category string) {
	t.Helper()
	var v struct{ ID, PublicCode, Category string }
	err := e.DB.Raw("SELECT id::text, public_code, category FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", e.Unit("dcf-1-g1")).Scan(&v).Error
	if err != nil || v.ID == "" {
		t.Fatalf("no venue in dcf-1-g1: %v", err)
	}
	return v.ID, v.PublicCode, v.Category
}

// publicReport sends a public report as JSON from a client address.
func publicReport(e *apptest.Env, code string, body any, addr string) *apptest.Response {
	e.T.Helper()
	h := map[string]string{}
	if addr != "" {
		h["X-Forwarded-For"] = addr
	}
	return e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: body, Header: h})
}

// reportForm is a multipart report with an optional photo.
func reportForm(t testing.TB, fields map[string]string, photo []byte) ([]byte, string) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range fields {
		if err := w.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if photo != nil {
		part, err := w.CreateFormFile("photo", "IMG_0002.jpg")
		if err != nil {
			t.Fatal(err)
		}
		_, _ = part.Write(photo)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), w.FormDataContentType()
}

// Ensure each legal clock: a locked exit is due 24 hours after receipt, over
// the holiday; any other kind the end of the third working day, which here
// is the make-up Saturday 10 October.
func TestReportClocks(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	_, code, _ := gridVenue(t, e)
	cases := []struct{ kind, due string }{
		{"blocked_exit", "2026-10-01T02:00:00Z"},
		{"fire_facility", "2026-10-01T02:00:00Z"},
		{"wiring", "2026-10-10T16:00:00Z"}, // 11 October 00:00 in Shanghai
		{"other", "2026-10-10T16:00:00Z"},
	}
	for _, c := range cases {
		r := publicReport(e, code, map[string]any{"kind": c.kind, "text": "后门被铁链锁住"}, "").Must(t, http.StatusAccepted).Map(t)
		due, _ := time.Parse(time.RFC3339Nano, r["due_at"].(string))
		want, _ := time.Parse(time.RFC3339, c.due)
		apptest.True(t, c.kind+": due_at is "+c.due, due.Equal(want), r["due_at"])
		apptest.Equal(t, c.kind+": status", r["status"], "received")
		apptest.True(t, c.kind+": tracking code of 22+ characters", len(r["tracking_code"].(string)) >= 22, r["tracking_code"])
	}
	// A staff report has the same clock.
	vid, _, _ := gridVenue(t, e)
	r := e.Post("sup-dcf-1", "/api/v1/reports", map[string]any{"venue_id": vid, "kind": "other", "text": "12345转办：堆放杂物"}).
		Must(t, http.StatusCreated).Map(t)
	apptest.Equal(t, "hotline report: source", r["source"], "hotline")
	due, _ := time.Parse(time.RFC3339Nano, r["due_at"].(string))
	apptest.True(t, "hotline report: due at the end of 10 October", due.Equal(time.Date(2026, 10, 10, 16, 0, 0, 0, time.UTC)), r["due_at"])
}

// Ensure the whole path: a public report with a photo makes one complaint
// inspection at the top of the grid officer's tasks; submitting it closes
// the report with its outcome, queues the SMS, and the tracking code shows
// the outcome; the events were written.
func TestReportToOutcome(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	vid, code, category := gridVenue(t, e)
	body, ct := reportForm(t, map[string]string{"kind": "blocked_exit", "text": "<script>alert(1)</script>安全出口锁了", "reporter_phone": "13912345678"}, apptest.JPEG(3))
	resp := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: body,
		Header: map[string]string{"Content-Type": ct}}).Must(t, http.StatusAccepted)
	apptest.True(t, "the answer has no phone", !bytes.Contains(resp.Body, []byte("13912345678")), string(resp.Body))
	tracking := resp.Map(t)["tracking_code"].(string)

	tasks := e.Get(relVictim, "/api/v1/inspections?mine=true").Must(t, http.StatusOK).Map(t)["items"].([]any)
	first := tasks[0].(map[string]any)
	apptest.Equal(t, "the first task's kind", first["kind"], "complaint")
	apptest.Equal(t, "the first task's venue", first["venue_id"], vid)
	apptest.Equal(t, "the first task is due on 1 October", first["due_date"], "2026-10-01")

	list := e.Get("sup-dcf-1", "/api/v1/reports?status=received").Must(t, http.StatusOK).Map(t)["items"].([]any)
	apptest.Equal(t, "reports received", len(list), 1)
	rep := list[0].(map[string]any)
	apptest.Equal(t, "the supervisor sees the phone", rep["reporter_phone"], "13912345678")
	apptest.Equal(t, "the text is kept as text", rep["text"], "<script>alert(1)</script>安全出口锁了")
	apptest.Equal(t, "one photo", len(rep["photo_ids"].([]any)), 1)
	apptest.Equal(t, "urgent", rep["urgent"], true)
	officer := e.Get(relVictim, "/api/v1/reports/"+rep["id"].(string)).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "the officer sees the phone masked", officer["reporter_phone"], "139****5678")
	photo := rep["photo_ids"].([]any)[0].(string)
	e.Get(relVictim, "/api/v1/photos/"+photo).Must(t, http.StatusOK)
	e.Get("off-dcf-1-g2", "/api/v1/photos/"+photo).Must(t, http.StatusNotFound)

	var lat, lng float64
	e.DB.Raw("SELECT lat FROM venues WHERE id = ?", vid).Scan(&lat)
	e.DB.Raw("SELECT lng FROM venues WHERE id = ?", vid).Scan(&lng)
	insp := first["id"].(string)
	e.Start(relVictim, insp, lat, lng).Must(t, http.StatusOK)
	e.Submit(relVictim, insp, map[string]any{"checklist": e.Checklist(t, category), "hazards": []any{}}).Must(t, http.StatusOK)

	pub := e.Get("", "/api/v1/public/reports/"+tracking).Must(t, http.StatusOK).Map(t)
	apptest.Equal(t, "status after the visit", pub["status"], "checked")
	apptest.Equal(t, "outcome", pub["outcome"], "经现场核查，未发现所反映的火灾隐患")
	for _, k := range []string{"reporter_phone", "text", "photo_ids", "id", "venue_id", "grid_id", "inspection_id", "created_by"} {
		_, has := pub[k]
		apptest.True(t, "the public answer has no "+k, !has, pub)
	}
	var sms int64
	e.DB.Raw("SELECT count(*) FROM sms_messages WHERE template = 'report_outcome' AND phone = '13912345678'").Scan(&sms)
	apptest.Equal(t, "outcome SMS queued", sms, int64(1))
	var events []string
	e.DB.Raw("SELECT type FROM events WHERE subject_type = 'report' ORDER BY sequence").Scan(&events)
	apptest.Equal(t, "report events", strings.Join(events, ","), "report.received,report.closed")
	var leaked int64
	e.DB.Raw("SELECT count(*) FROM audit_log WHERE after::text LIKE '%13912345678%'").Scan(&leaked)
	apptest.Equal(t, "audit rows with the phone", leaked, int64(0))
	stats := e.Get("sup-dcf-1", "/api/v1/stats/overview?from=2026-09-01&to=2026-09-30").Must(t, http.StatusOK).Map(t)
	apptest.Fields(t, "report figures", stats["reports"].(map[string]any), map[string]any{"received": 1, "checked_in_time": 1, "checked_late": 0, "open": 0})
}

// Ensure the refusals of the public routes: unknown and rotated codes 404,
// bad fields 422, bodies and photos over their limits 413, and the rate
// limits 429 with Retry-After, per address and per venue.
func TestPublicRefusals(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t, func(c *app.Config) {
		c.PublicReportsPerAddr, c.PublicReportsPerVenue, c.MaxPhotoMB = 3, 8, 1
		c.TrustedProxies = []string{"0.0.0.0/0"}
	})
	vid, code, _ := gridVenue(t, e)
	good := map[string]any{"kind": "other", "text": "杂物堆放"}
	cases := []struct {
		name   string
		body   any
		status int
	}{
		{"unknown kind", map[string]any{"kind": "arson", "text": "x"}, 422},
		{"no text", map[string]any{"kind": "other", "text": "  "}, 422},
		{"text too long", map[string]any{"kind": "other", "text": strings.Repeat("火", 2001)}, 422},
		{"bad phone", map[string]any{"kind": "other", "text": "x", "reporter_phone": "12345"}, 422},
		{"unknown field", map[string]any{"kind": "other", "text": "x", "venue_id": vid}, 422},
		{"body too large", map[string]any{"kind": "other", "text": strings.Repeat("x", 17<<10)}, 413},
	}
	for i, c := range cases {
		r := publicReport(e, code, c.body, "10.0.0."+string(rune('1'+i)))
		if r.Status != c.status && !(c.name == "unknown field" && r.Status == 400) {
			t.Errorf("%s: status %d, want %d: %s", c.name, r.Status, c.status, r.Body)
		}
	}
	big, ct := reportForm(t, map[string]string{"kind": "other", "text": "x"}, bytes.Repeat([]byte{0xff}, 1<<20+10))
	r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: big,
		Header: map[string]string{"Content-Type": ct, "X-Forwarded-For": "10.0.1.1"}})
	apptest.Equal(t, "photo over MAX_PHOTO_MB", r.Status, http.StatusRequestEntityTooLarge)
	notPhoto, ct := reportForm(t, map[string]string{"kind": "other", "text": "x"}, []byte("%PDF-1.4 not a photo"))
	r = e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: notPhoto,
		Header: map[string]string{"Content-Type": ct, "X-Forwarded-For": "10.0.1.2"}})
	apptest.Equal(t, "a PDF as the photo", r.Status, http.StatusUnprocessableEntity)

	// Per address: the fourth report of one address within the window.
	for i := 0; i < 3; i++ {
		publicReport(e, code, good, "10.0.2.1").Must(t, http.StatusAccepted)
	}
	r = publicReport(e, code, good, "10.0.2.1")
	apptest.Equal(t, "fourth report from one address", r.Status, http.StatusTooManyRequests)
	apptest.True(t, "Retry-After is set", r.Header.Get("Retry-After") != "", r.Header)
	// Per venue: 8 per window, whatever the address. Reports are counted
	// before they are checked: the 4 refused fields, the PDF and the 3 above
	// (not those refused before the count: unreadable or too large bodies,
	// nor the one refused by its address's limit).
	r = publicReport(e, code, good, "10.0.3.1")
	apptest.Equal(t, "a venue past its limit", r.Status, http.StatusTooManyRequests)

	// Unknown, malformed and rotated codes.
	publicReport(e, strings.Repeat("A", 22), good, "10.0.4.1").Must(t, http.StatusNotFound)
	publicReport(e, "x%27%3B%20DROP%20TABLE%20venues%3B--", good, "10.0.4.2").Must(t, http.StatusNotFound)
	e.Get("", "/v/"+code).Must(t, http.StatusOK)
	e.Post(relVictim, "/api/v1/venues/"+vid+"/public-code", nil).Must(t, http.StatusForbidden)
	rotated := e.Post("sup-dcf-1", "/api/v1/venues/"+vid+"/public-code", nil).Must(t, http.StatusOK).Map(t)
	apptest.True(t, "a new code", rotated["public_code"] != code && len(rotated["public_code"].(string)) >= 22, rotated["public_code"])
	e.Get("", "/v/"+code).Must(t, http.StatusNotFound)
	publicReport(e, code, good, "10.0.4.3").Must(t, http.StatusNotFound)
	e.Get("", "/v/"+rotated["public_code"].(string)).Must(t, http.StatusOK)
	var rotations int64
	e.DB.Raw("SELECT count(*) FROM events WHERE type = 'venue.public_code_rotated' AND subject_id = ?", vid).Scan(&rotations)
	apptest.Equal(t, "venue.public_code_rotated events", rotations, int64(1))
	e.Get("", "/api/v1/public/reports/"+strings.Repeat("B", 22)).Must(t, http.StatusNotFound)
	e.Get("", "/r/"+strings.Repeat("B", 22)).Must(t, http.StatusNotFound)
}

// Ensure staff reports: an officer's is a grid worker's tip in their grids
// only; an address goes to the nearest venue's grid and can become a venue,
// which makes the complaint inspection; the daily run marks overdue reports
// once.
func TestStaffReports(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	vid, _, _ := gridVenue(t, e)
	var lat, lng float64
	e.DB.Raw("SELECT lat FROM venues WHERE id = ?", vid).Scan(&lat)
	e.DB.Raw("SELECT lng FROM venues WHERE id = ?", vid).Scan(&lng)
	e.Post(relVictim, "/api/v1/reports", map[string]any{"venue_id": vid, "kind": "other", "text": "x", "source": "hotline"}).
		Must(t, http.StatusUnprocessableEntity)
	e.Post("off-dcf-1-g2", "/api/v1/reports", map[string]any{"venue_id": vid, "kind": "other", "text": "x"}).
		Must(t, http.StatusUnprocessableEntity)
	e.Post("sup-dcf-1", "/api/v1/reports", map[string]any{"venue_id": vid, "kind": "other", "text": "x", "source": "public"}).
		Must(t, http.StatusUnprocessableEntity)
	e.Post("sup-dcf-1", "/api/v1/reports", map[string]any{"venue_id": vid, "address": "东关街1号", "kind": "other", "text": "x"}).
		Must(t, http.StatusUnprocessableEntity)
	e.Post("sup-dcf-1", "/api/v1/reports", map[string]any{"address": "东关街1号", "lat": 0.5, "lng": 0.5, "kind": "other", "text": "x"}).
		Must(t, http.StatusUnprocessableEntity)

	tip := e.Post(relVictim, "/api/v1/reports", map[string]any{"address": "东关街甲1号 无名小店", "lat": lat + 0.0003, "lng": lng,
		"kind": "wiring", "text": "私拉电线给电动车充电"}).Must(t, http.StatusCreated).Map(t)
	apptest.Fields(t, "the tip", tip, map[string]any{"source": "grid_worker", "grid_id": e.Unit("dcf-1-g1"), "venue_id": nil, "inspection_id": nil})
	id := tip["id"].(string)
	e.Post("off-dcf-1-g2", "/api/v1/reports/"+id+"/venue", map[string]any{"name": "无名小店", "category": "shop", "risk_level": "yellow"}).
		Must(t, http.StatusNotFound)
	made := e.Post("sup-dcf-1", "/api/v1/reports/"+id+"/venue", map[string]any{"name": "无名小店", "category": "shop", "risk_level": "yellow"}).
		Must(t, http.StatusOK).Map(t)
	apptest.True(t, "a venue and an inspection", made["venue_id"] != nil && made["inspection_id"] != nil, made)
	var created int64
	e.DB.Raw("SELECT count(*) FROM events WHERE type = 'report.venue_created' AND subject_id = ?", id).Scan(&created)
	apptest.Equal(t, "report.venue_created events", created, int64(1))
	e.Post("sup-dcf-1", "/api/v1/reports/"+id+"/venue", map[string]any{"name": "无名小店", "category": "shop", "risk_level": "yellow"}).
		Must(t, http.StatusConflict)
	var kind string
	e.DB.Raw("SELECT kind FROM inspections WHERE id = ?", made["inspection_id"]).Scan(&kind)
	apptest.Equal(t, "the inspection's kind", kind, "complaint")

	// Overdue: the clock passed; the daily run writes report.overdue once.
	e.DB.Exec("UPDATE reports SET due_at = '2026-09-30T01:00:00Z' WHERE id = ?", id)
	for i := 0; i < 2; i++ {
		e.Post("admin", "/api/v1/schedules/generate", map[string]any{}).Must(t, http.StatusOK)
	}
	var overdue int64
	e.DB.Raw("SELECT count(*) FROM events WHERE type = 'report.overdue' AND subject_id = ?", id).Scan(&overdue)
	apptest.Equal(t, "report.overdue events", overdue, int64(1))
	late := e.Get("sup-dcf-1", "/api/v1/reports?overdue=true").Must(t, http.StatusOK).Map(t)["items"].([]any)
	apptest.Equal(t, "overdue reports", len(late), 1)
	e.Get("sup-dcf-1", "/api/v1/reports?status=nope").Must(t, http.StatusUnprocessableEntity)
	e.Get("sup-dcf-2", "/api/v1/reports/"+id).Must(t, http.StatusNotFound)
}
