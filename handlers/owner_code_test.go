package handlers_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// ownerVenue gives a venue of grid dcf-1-g1 a mobile number and answers its id.
func ownerVenue(t testing.TB, e *apptest.Env, phone string, nth int) string {
	t.Helper()
	var id string
	e.DB.Raw("SELECT id::text FROM venues WHERE grid_id = ? ORDER BY id OFFSET ? LIMIT 1", e.Unit("dcf-1-g1"), nth).Scan(&id)
	if err := e.DB.Exec("UPDATE venues SET contact_phone = ? WHERE id = ?", phone, id).Error; err != nil || id == "" {
		t.Fatalf("venue %d: %v", nth, err)
	}
	return id
}

func codePath(tok, what string) string { return "/api/v1/public/owner-invites/" + tok + "/" + what }

// Ensure that a one-time code expires after five minutes, cannot be used
// twice (nor can its invitation), that a new one is sent at most once a
// minute, and that five wrong codes lock the invitation for good.
func TestOwnerCodeRules(t *testing.T) {
	t.Parallel()
	start := time.Now().UTC().Truncate(time.Second)
	e := apptest.New(t, apptest.Options{Venues: 54, At: start.Format(time.RFC3339)})
	at := func(d time.Duration) { e.Clock.Set(t, start.Add(d).Format(time.RFC3339)) }
	post := func(tok, what string, body any) *apptest.Response {
		return e.Do(apptest.Request{Method: "POST", Path: codePath(tok, what), Body: body})
	}
	phone := "13700000001"
	venue := ownerVenue(t, e, phone, 1)

	// Expiry, and the rate of new codes.
	tok := ownerInvite(t, e, "off-dcf-1-g1", venue)
	post(tok, "confirm", map[string]any{"code": "123456"}).Must(t, http.StatusConflict) // no code sent yet
	sent := post(tok, "code", nil).Must(t, http.StatusAccepted).Map(t)
	apptest.Equal(t, "phone hint", sent["phone_hint"], "137****0001")
	post(tok, "code", nil).Must(t, http.StatusTooManyRequests)
	code := ownerCode(t, e, phone)
	at(6 * time.Minute)
	post(tok, "confirm", map[string]any{"code": code}).Must(t, http.StatusConflict) // expired
	post(tok, "code", nil).Must(t, http.StatusAccepted)
	code2 := ownerCode(t, e, phone)
	if code2 != code {
		post(tok, "confirm", map[string]any{"code": code}).Must(t, http.StatusUnprocessableEntity) // the old code no longer works
	}
	r := post(tok, "confirm", map[string]any{"code": code2}).Must(t, http.StatusCreated)
	ownerCookieOf(t, r)
	// Replay: neither the code nor the link works again.
	post(tok, "confirm", map[string]any{"code": code2}).Must(t, http.StatusNotFound)
	post(tok, "code", nil).Must(t, http.StatusNotFound)

	// Lockout: five wrong codes, and then the right one is refused too.
	tok = ownerInvite(t, e, "off-dcf-1-g1", venue)
	at(10 * time.Minute)
	post(tok, "code", nil).Must(t, http.StatusAccepted)
	right := ownerCode(t, e, phone)
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	for i := 0; i < 4; i++ {
		post(tok, "confirm", map[string]any{"code": wrong}).Must(t, http.StatusUnprocessableEntity)
	}
	post(tok, "confirm", map[string]any{"code": wrong}).Must(t, http.StatusConflict)
	post(tok, "confirm", map[string]any{"code": right}).Must(t, http.StatusConflict)
	at(20 * time.Minute)
	post(tok, "code", nil).Must(t, http.StatusConflict)

	// A revoked invitation, an expired one, and a made-up token are not found.
	tok = ownerInvite(t, e, "off-dcf-1-g1", venue)
	inv := e.Get("off-dcf-1-g1", "/api/v1/venues/"+venue+"/owner-invites").Must(t, http.StatusOK).Map(t)["items"].([]any)[0].(map[string]any)
	e.Post("off-dcf-1-g1", "/api/v1/owner-invites/"+inv["id"].(string)+"/revoke", nil).Must(t, http.StatusOK)
	var revoked int64
	e.DB.Raw("SELECT count(*) FROM events WHERE type = 'owner_invite.revoked' AND subject_id = ?", inv["id"]).Scan(&revoked)
	apptest.Equal(t, "owner_invite.revoked events", revoked, int64(1))
	post(tok, "code", nil).Must(t, http.StatusNotFound)
	tok = ownerInvite(t, e, "off-dcf-1-g1", venue)
	at(20*time.Minute + 8*24*time.Hour)
	post(tok, "code", nil).Must(t, http.StatusNotFound)
	post(strings.Repeat("A", 43), "code", nil).Must(t, http.StatusNotFound)

	// Nothing of this is stored in the clear.
	var clear int64
	e.DB.Raw("SELECT count(*) FROM owner_invites WHERE position(convert_to(?, 'UTF8') IN token_hash) > 0", tok).Scan(&clear)
	apptest.Equal(t, "token stored hashed", clear, int64(0))

	// A venue without a mobile number cannot be invited.
	e.DB.Exec("UPDATE venues SET contact_phone = '0635-1234567' WHERE id = ?", venue)
	e.Post("off-dcf-1-g1", "/api/v1/venues/"+venue+"/owner-invites", nil).Must(t, http.StatusConflict)
}

// Ensure that an owner session is idle-limited, that the owner cookie
// opens no staff route and a staff token no owner route, and that an
// owner's unsafe request needs X-Requested-With (CSRF).
func TestOwnerSessionRules(t *testing.T) {
	t.Parallel()
	start := time.Now().UTC().Truncate(time.Second)
	e := apptest.New(t, apptest.Options{Venues: 54, At: start.Format(time.RFC3339)})
	phone := "13700000002"
	venue := ownerVenue(t, e, phone, 2)
	tok := ownerInvite(t, e, "sup-dcf-1", venue)
	e.Do(apptest.Request{Method: "POST", Path: codePath(tok, "code")}).Must(t, http.StatusAccepted)
	cookie := ownerCookieOf(t, e.Do(apptest.Request{Method: "POST", Path: codePath(tok, "confirm"),
		Body: map[string]any{"code": ownerCode(t, e, phone)}}).Must(t, http.StatusCreated))

	ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusOK)
	// The cookie on a staff route: 401.
	e.Do(apptest.Request{Method: "GET", Path: "/api/v1/venues/" + venue, Header: map[string]string{"Cookie": "jx_owner=" + cookie}}).Must(t, http.StatusUnauthorized)
	// A staff token on an owner route: 401.
	e.Do(apptest.Request{Method: "GET", Path: "/api/v1/owner/venue", As: "admin"}).Must(t, http.StatusUnauthorized)
	// No X-Requested-With on an unsafe request: 403, and nothing done.
	e.Do(apptest.Request{Method: "POST", Path: "/api/v1/owner/service-consent", Body: map[string]any{"address": "x"},
		Header: map[string]string{"Cookie": "jx_owner=" + cookie}}).Must(t, http.StatusForbidden)
	// Idle for 30 days: refused.
	e.Clock.Set(t, start.Add(29*24*time.Hour).Format(time.RFC3339))
	ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusOK)
	e.Clock.Set(t, start.Add(59*24*time.Hour+time.Hour).Format(time.RFC3339))
	ownerDo(e, cookie, "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusUnauthorized)
	// A session of another venue: its cookie made up is refused too.
	ownerDo(e, strings.Repeat("x", 43), "GET", "/api/v1/owner/venue", nil).Must(t, http.StatusUnauthorized)
}
