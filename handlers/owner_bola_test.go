package handlers_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// The owners' part of the generated access tests: every /api/v1/owner/
// route tried by the owner of another venue of the same grid with the
// victim's ids (404, nothing written), every staff route tried with an
// owner's cookie (401), and (in bola_test.go) every owner route tried with
// staff tokens (401) and bad tokens.

func init() { relParam[":token"] = strings.Repeat("A", 43) }

// relOwnerRoute reports whether r is of the owner API (an owner session only).
func relOwnerRoute(r relRoute) bool { return strings.HasPrefix(r.Path, "/api/v1/owner/") }

// relPublicRoute reports whether r is opened without any credentials (an
// owner's invitation).
// relOwners gives the victim's venue a mobile number, an owner session
// (made through an invitation and its code) and an unused invitation.
func relOwners(t testing.TB, e *apptest.Env, fx *relFix) {
	t.Helper()
	phone := "13600000001"
	if err := e.DB.Exec("UPDATE venues SET contact_phone = ? WHERE id = ?", phone, fx.Venue).Error; err != nil {
		t.Fatal(err)
	}
	fx.OwnerCookie = ownerLogin(t, e, relVictim, ownerFix{Venue: fx.Venue, Phone: phone})
	e.DB.Raw("SELECT id::text FROM owner_sessions WHERE venue_id = ?", fx.Venue).Scan(&fx.OwnerSession)
	ownerInvite(t, e, relVictim, fx.Venue)
	e.DB.Raw("SELECT id::text FROM owner_invites WHERE venue_id = ? AND used_at IS NULL", fx.Venue).Scan(&fx.Invite)
	// The sessions are not touched during the tests (last_seen_at moves
	// at most once a minute), so that the fingerprints stay the same.
	e.DB.Exec("UPDATE owner_sessions SET last_seen_at = now() + interval '1 hour'")
}

// relOwnerBody is a well-formed body for an owner route.
func relOwnerBody(fx relFix, r relRoute, photo string) any {
	switch r.String() {
	case "POST /api/v1/owner/hazards/:id/fix":
		return map[string]any{"description": "越权整改", "photo_ids": []string{photo}}
	case "POST /api/v1/owner/hazards/:id/extensions":
		return map[string]any{"requested_deadline": "2099-01-01", "reason": "越权延期"}
	case "POST /api/v1/owner/documents/:id/sign":
		return map[string]any{"method": "in_person", "received_by": "越权", "signature_photo_id": photo}
	}
	return map[string]any{}
}

// relOwnerSend sends a request with an owner's cookie and X-Requested-With.
func relOwnerSend(e *apptest.Env, method, path, cookie string, body []byte) (int, []byte, error) {
	req := httptest.NewRequest(method, "http://jiuxiao.test/", bytes.NewReader(body))
	req.URL.Path, req.URL.RawQuery, _ = strings.Cut(path, "?")
	req.RequestURI = ""
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", "jx_owner="+cookie)
	req.Header.Set("X-Requested-With", "fetch")
	status, _, resp, err := relDo(e, req, -1)
	return status, resp, err
}

// Ensure that the owner of another venue of the same grid gets 404 from
// every owner route with one of the victim's ids, sees none of them in
// the lists, and changes nothing; and that an owner's cookie opens no staff
// route (401).
func TestOwnerBOLA(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	fx := relFixture(t, e)
	other := ownerFixture(t, e, "off-dcf-1-g1", "dcf-1-g1", "13600000002", 1)
	if other.Venue == fx.Venue {
		t.Fatal("the attacker's venue is the victim's")
	}
	cookie := ownerLogin(t, e, "off-dcf-1-g1", other)
	photo := ownerPhoto(t, e, cookie, 11) // the attacker's own photo: the refusals are about the victim's ids
	e.DB.Exec("UPDATE owner_sessions SET last_seen_at = now() + interval '1 hour'")
	victims := []string{fx.Venue, fx.Inspection, fx.Hazard, fx.OnSite, fx.Photo, fx.Document, fx.Extension}
	n := 0
	for _, r := range relRoutes(e) {
		if !relOwnerRoute(r) || r.Path == "/api/v1/owner/logout" {
			continue
		}
		n++
		t.Run(r.String(), func(t *testing.T) {
			path := relPath(t, fx, r)
			var body []byte
			if r.Method != http.MethodGet {
				body, _ = json.Marshal(relOwnerBody(fx, r, photo))
			}
			before := relFingerprint(t, e)
			status, resp, err := relOwnerSend(e, r.Method, path, cookie, body)
			if err != nil {
				t.Fatal(err)
			}
			hasID := strings.Contains(r.Path, ":id")
			if hasID && status != http.StatusNotFound {
				t.Errorf("%s %s as another venue's owner: status %d, want 404: %s", r.Method, path, status, resp)
			}
			if !hasID && status >= 500 {
				t.Errorf("%s %s: status %d: %s", r.Method, path, status, resp)
			}
			for _, id := range victims {
				if status < 300 && bytes.Contains(resp, []byte(id)) {
					t.Errorf("%s %s as another venue's owner shows the victim's %s", r.Method, path, id)
				}
			}
			if hasID || r.Method == http.MethodGet {
				relSameFingerprint(t, e, before, r.String()+" as another venue's owner")
			}
		})
	}
	if n < 12 {
		t.Fatalf("only %d owner routes", n)
	}
	// Every staff route: 401 to the owner's cookie (the victim's own, too).
	before := relFingerprint(t, e)
	for _, r := range relRoutes(e) {
		if relOwnerRoute(r) || relPublic(r) || r.Path == "/api/v1/auth/login" || r.Path == "/api/v1/auth/refresh" || r.Path == "/api/v1/vocabulary" {
			continue
		}
		path := relPath(t, fx, r)
		var body []byte
		if r.Method != http.MethodGet {
			body, _ = json.Marshal(relBody(fx, r, fx.Grid))
		}
		for _, ck := range []string{cookie, fx.OwnerCookie} {
			status, resp, err := relOwnerSend(e, r.Method, path, ck, body)
			if err != nil {
				t.Fatal(err)
			}
			if status != http.StatusUnauthorized {
				t.Errorf("%s with an owner's cookie: status %d, want 401: %s", r, status, resp)
			}
		}
	}
	relSameFingerprint(t, e, before, "staff routes with an owner's cookie")
}
