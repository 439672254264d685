package handlers_test

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Ensure every public route and page (from the routes themselves, so that
// one added later must be taught here): with a rotated venue code, an
// unknown one and an unknown tracking code it answers 404; with good codes
// it answers with the security headers and shows neither the reporter's
// phone nor the text, nor any id of the venue, its grid or its people.
func TestPublicWalk(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	vid, oldCode, _ := gridVenue(t, e)
	const phone = "13655556666"
	tracking := publicReport(e, oldCode, map[string]any{"kind": "blocked_exit", "text": "秘密文本", "reporter_phone": phone}, "").
		Must(t, http.StatusAccepted).Map(t)["tracking_code"].(string)
	code := e.Post("sup-dcf-1", "/api/v1/venues/"+vid+"/public-code", nil).Must(t, http.StatusOK).Map(t)["public_code"].(string)
	var secret []string // what no public answer may hold
	e.DB.Raw(`SELECT unnest(ARRAY[v.id::text, v.grid_id::text, v.contact_phone, v.address, u.id::text, r.id::text, i.id::text])
		FROM venues v JOIN reports r ON r.venue_id = v.id JOIN inspections i ON i.id = r.inspection_id
		JOIN user_grids ug ON ug.grid_id = v.grid_id JOIN users u ON u.id = ug.user_id WHERE v.id = ?`, vid).Scan(&secret)
	apptest.True(t, "ids and phones to look for", len(secret) >= 7, secret)
	secret = append(secret, phone, "秘密文本")

	type call struct {
		method, path string
		body         any
		want         int
	}
	calls := map[string][]call{
		"POST /api/v1/public/venues/:public_code/reports": {
			{"POST", "/api/v1/public/venues/" + oldCode + "/reports", map[string]any{"kind": "other", "text": "x"}, 404},
			{"POST", "/api/v1/public/venues/" + strings.Repeat("Z", 22) + "/reports", map[string]any{"kind": "other", "text": "x"}, 404},
			{"POST", "/api/v1/public/venues/short/reports", map[string]any{"kind": "other", "text": "x"}, 404},
			{"POST", "/api/v1/public/venues/" + code + "/reports", map[string]any{"kind": "other", "text": "x"}, 202},
		},
		"GET /api/v1/public/reports/:tracking_code": {
			{"GET", "/api/v1/public/reports/" + strings.Repeat("Z", 22), nil, 404},
			{"GET", "/api/v1/public/reports/" + tracking[:21], nil, 404},
			{"GET", "/api/v1/public/reports/" + tracking, nil, 200},
		},
		// The owner's invitation (owner_code_test.go walks a good one, whose
		// confirmation sets the owner's cookie): an unknown token is 404.
		"POST /api/v1/public/owner-invites/:token/code": {
			{"POST", "/api/v1/public/owner-invites/" + strings.Repeat("A", 43) + "/code", nil, 404},
			{"POST", "/api/v1/public/owner-invites/short/code", nil, 404},
		},
		"POST /api/v1/public/owner-invites/:token/confirm": {
			{"POST", "/api/v1/public/owner-invites/" + strings.Repeat("A", 43) + "/confirm", map[string]any{"code": "123456"}, 404},
		},
		"GET /v/:code": {
			{"GET", "/v/" + oldCode, nil, 404},
			{"GET", "/v/" + strings.Repeat("Z", 22), nil, 404},
			{"GET", "/v/" + code, nil, 200},
		},
		"GET /r/:code": {
			{"GET", "/r/" + strings.Repeat("Z", 22), nil, 404},
			{"GET", "/r/" + tracking, nil, 200},
		},
	}
	seen := map[string]bool{}
	for _, r := range e.App.GetRoutes(true) {
		key := r.Method + " " + r.Path
		public := strings.HasPrefix(r.Path, "/api/v1/public/") || strings.HasPrefix(r.Path, "/v/") || strings.HasPrefix(r.Path, "/r/")
		if !public || r.Method == http.MethodHead || seen[key] {
			continue
		}
		seen[key] = true
		cs, ok := calls[key]
		if !ok {
			t.Errorf("%s is a public route that TestPublicWalk does not walk: add its calls", key)
			continue
		}
		for _, c := range cs {
			resp := e.Do(apptest.Request{Method: c.method, Path: c.path, Body: c.body, Header: map[string]string{"X-Forwarded-For": "10.9.0.1"}})
			if resp.Status != c.want {
				t.Errorf("%s %s: status %d, want %d: %s", c.method, c.path, resp.Status, c.want, resp.Body)
			}
			for _, s := range secret {
				if s != "" && bytes.Contains(resp.Body, []byte(s)) {
					t.Errorf("%s %s shows %q", c.method, c.path, s)
				}
			}
			if resp.Header.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'none'") {
				t.Errorf("%s %s: Referrer-Policy %q, CSP %q", c.method, c.path, resp.Header.Get("Referrer-Policy"), resp.Header.Get("Content-Security-Policy"))
			}
			if resp.Header.Get("Authorization") != "" || resp.Header.Get("Set-Cookie") != "" {
				t.Errorf("%s %s sets credentials", c.method, c.path)
			}
		}
	}
	for key := range calls {
		if !seen[key] {
			t.Errorf("%s is walked but not routed", key)
		}
	}
	// The venue page is phone-sized and needs nothing else.
	page := e.Get("", "/v/"+code).Must(t, http.StatusOK)
	apptest.True(t, "the venue page is under 50 KB", len(page.Body) < 50<<10, len(page.Body))
	apptest.True(t, "no script on the page", !bytes.Contains(page.Body, []byte("<script")), string(page.Body))
	apptest.Equal(t, "the page is revalidated every time", page.Header.Get("Cache-Control"), "no-cache")
	etag := page.Header.Get("ETag")
	e.Do(apptest.Request{Method: "GET", Path: "/v/" + code, Header: map[string]string{"If-None-Match": etag}}).Must(t, http.StatusNotModified)
	// The tracking page shows what a reporter may read, HTML escaped.
	track := e.Get("", "/r/"+tracking).Must(t, http.StatusOK)
	apptest.True(t, "the tracking page shows the status", bytes.Contains(track.Body, []byte("已受理")), string(track.Body))
	apptest.Equal(t, "the tracking page is not cached", track.Header.Get("Cache-Control"), "no-store")
}

// Ensure a browser's plain form post (no JavaScript) is answered with a
// redirect to the tracking page, and a refused one with the venue page and
// its problem, the text escaped.
func TestPublicFormPost(t *testing.T) {
	t.Parallel()
	e := reportsEnv(t)
	_, code, _ := gridVenue(t, e)
	body, ct := reportForm(t, map[string]string{"kind": "other", "text": "<b>杂物</b>"}, apptest.PNG(2))
	resp := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: body,
		Header: map[string]string{"Content-Type": ct, "Accept": "text/html,application/xhtml+xml"}}).Must(t, http.StatusSeeOther)
	loc := resp.Header.Get("Location")
	apptest.True(t, "redirected to /r/", strings.HasPrefix(loc, "/r/"), loc)
	e.Get("", loc).Must(t, http.StatusOK)
	bad, ct := reportForm(t, map[string]string{"kind": "other", "text": ""}, nil)
	page := e.Do(apptest.Request{Method: "POST", Path: "/api/v1/public/venues/" + code + "/reports", Body: bad,
		Header: map[string]string{"Content-Type": ct, "Accept": "text/html"}}).Must(t, http.StatusUnprocessableEntity)
	apptest.True(t, "the venue page again, with the problem", bytes.Contains(page.Body, []byte("情况说明")), string(page.Body))
	var text string
	e.DB.Raw("SELECT text FROM reports LIMIT 1").Scan(&text)
	apptest.Equal(t, "HTML is kept as text", text, "<b>杂物</b>")
}
