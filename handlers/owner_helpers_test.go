package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// ownerFix is a venue with a deadline hazard and its deadline order, and
// the officer who found it.
type ownerFix struct {
	Officer, Grid            string
	Venue, Inspection        string
	Hazard, Document         string
	Phone, Category          string
	Checklist                []map[string]any
	ReinspectionID, Deadline string
}

// ownerFixture makes a venue of grid with a mobile number on file, and an
// officer's ad hoc inspection of it with a deadline hazard (which makes a
// reinspection and a deadline order).
func ownerFixture(t testing.TB, e *apptest.Env, officer, grid, phone string, nth int) ownerFix {
	t.Helper()
	fx := ownerFix{Officer: officer, Grid: e.Unit(grid), Phone: phone}
	var v struct {
		ID, Category string
		Lat, Lng     float64
	}
	if err := e.DB.Raw("SELECT id::text, category, lat, lng FROM venues WHERE grid_id = ? ORDER BY id OFFSET ? LIMIT 1", fx.Grid, nth).Scan(&v).Error; err != nil || v.ID == "" {
		t.Fatalf("no venue %d in grid %s: %v", nth, grid, err)
	}
	fx.Venue, fx.Category = v.ID, v.Category
	if err := e.DB.Exec("UPDATE venues SET contact_phone = ? WHERE id = ?", phone, v.ID).Error; err != nil {
		t.Fatal(err)
	}
	fx.Checklist = e.Checklist(t, v.Category)
	fx.Inspection = e.Started(t, officer, map[string]any{"id": v.ID, "lat": v.Lat, "lng": v.Lng})
	fx.Deadline = schedules.DateIn(time.Now(), e.Cfg.Location).AddDays(10).String()
	h := apptest.Hazard(fx.Checklist[0]["item_code"].(string), "general", "deadline", fx.Deadline)
	fx.Hazard = h["id"].(string)
	e.Submit(officer, fx.Inspection, map[string]any{"checklist": fx.Checklist, "hazards": []any{h}}).Must(t, http.StatusOK)
	r := e.Get(officer, "/api/v1/documents?kind=deadline_order&inspection_id="+fx.Inspection).Must(t, http.StatusOK)
	var list struct {
		Items []struct {
			ID, Status string
		} `json:"items"`
	}
	r.JSON(t, &list)
	if len(list.Items) != 1 {
		t.Fatalf("%d deadline orders: %s", len(list.Items), r.Body)
	}
	fx.Document = list.Items[0].ID
	hz := e.Get(officer, "/api/v1/hazards/"+fx.Hazard).Must(t, http.StatusOK).Map(t)
	fx.ReinspectionID, _ = hz["reinspection_id"].(string)
	return fx
}

// ownerCode is the last one-time code queued for phone.
func ownerCode(t testing.TB, e *apptest.Env, phone string) string {
	t.Helper()
	var code string
	err := e.DB.Raw("SELECT params->>'code' FROM sms_messages WHERE phone = ? AND template = 'otp' ORDER BY created_at DESC, id DESC LIMIT 1", phone).Scan(&code).Error
	if err != nil || len(code) != 6 {
		t.Fatalf("no code sent to %s: %v %q", phone, err, code)
	}
	return code
}

// ownerInvite invites the owner of venue as staff, and answers the link's token.
func ownerInvite(t testing.TB, e *apptest.Env, staff, venue string) string {
	t.Helper()
	m := e.Post(staff, "/api/v1/venues/"+venue+"/owner-invites", nil).Must(t, http.StatusCreated).Map(t)
	u, _ := m["url"].(string)
	_, tok, ok := strings.Cut(u, "/o/invite/")
	if !ok || tok != m["token"] || !strings.HasPrefix(m["qr_png"].(string), "data:image/png;base64,") {
		t.Fatalf("invite: %v", m)
	}
	return tok
}

// ownerLogin invites the owner of fx's venue, confirms the code and answers
// the owner cookie.
func ownerLogin(t testing.TB, e *apptest.Env, staff string, fx ownerFix) string {
	t.Helper()
	tok := ownerInvite(t, e, staff, fx.Venue)
	e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/owner-invites/" + tok + "/code"}).Must(t, http.StatusAccepted)
	r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/owner-invites/" + tok + "/confirm",
		Body: map[string]any{"code": ownerCode(t, e, fx.Phone)}}).Must(t, http.StatusCreated)
	return ownerCookieOf(t, r)
}

// ownerCookieOf is the owner cookie an answer sets, checked for its flags.
func ownerCookieOf(t testing.TB, r *apptest.Response) string {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "jx_owner" {
			if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/owner" || c.Expires.Before(time.Now().Add(24*time.Hour)) {
				t.Fatalf("owner cookie flags: %+v", c)
			}
			return c.Value
		}
	}
	t.Fatalf("no owner cookie: %v", r.Header)
	return ""
}

// ownerDo sends a request with the owner cookie (and X-Requested-With).
func ownerDo(e *apptest.Env, cookie, method, path string, body any) *apptest.Response {
	e.T.Helper()
	return e.Do(apptest.Request{Method: method, Path: path, Body: body,
		Header: map[string]string{"Cookie": "jx_owner=" + cookie, "X-Requested-With": "fetch"}})
}

// ownerPhoto uploads a photo as the owner and answers its id.
func ownerPhoto(t testing.TB, e *apptest.Env, cookie string, seed int) string {
	t.Helper()
	body, ct := apptest.PhotoForm(t, apptest.PNG(seed), "")
	r := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/owner/photos", Body: body,
		Header: map[string]string{"Content-Type": ct, "Cookie": "jx_owner=" + cookie, "X-Requested-With": "fetch"}}).Must(t, http.StatusCreated)
	return r.Map(t)["id"].(string)
}
