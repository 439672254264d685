package handlers_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/golang-jwt/jwt/v5"
	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/app/apptest"
	"github.com/jiuxiao/jiuxiao/schedules"
)

// This file holds the access tests generated from the routes themselves
// (app.GetRoutes), so that a route added later is covered without anyone
// remembering to: every route with an {id} answers 404 (403 where the role
// may not act at all) to an officer of another grid and to a supervisor of
// another station, and writes nothing; every authenticated route answers 401
// to a tampered, expired, unsigned or wrongly signed token. The fixture and
// the helpers (prefixed rel) are shared with fuzz_test.go.

// relFix is one officer's field work in grid dcf-1-g1: the resources the
// other users try to reach.
type relFix struct {
	Officer, Grid, Station     string
	Venue, Category            string
	Inspection, Hazard, OnSite string
	Photo, Reclass             string
	Document, Extension        string
	Checklist                  []map[string]any // every item passed
	Webhook, Delivery          string           // an admin's subscription and its test delivery
	Report                     string           // the victim's tip about an address near the venue
	Invite, OwnerSession       string           // an owner invitation and session of the venue (owner_bola_test.go)
	OwnerCookie                string           // that session's cookie
}

// relVictim is the officer whose work relFixture makes.
const relVictim = "off-dcf-1-g1"

// relFixture makes the victim's work: a photo, an ad hoc inspection started
// and submitted with a deadline hazard (which makes a reinspection) and an
// on-site one, and a pending reclassification of the venue.
func relFixture(t testing.TB, e *apptest.Env) relFix {
	t.Helper()
	fx := relFix{Officer: e.User(relVictim), Grid: e.Unit("dcf-1-g1"), Station: e.Unit("dcf-1")}
	var venue struct {
		ID, Category, RiskLevel string
		Lat, Lng                float64
	}
	if err := e.DB.Raw("SELECT id::text, category, risk_level, lat, lng FROM venues WHERE grid_id = ? ORDER BY id LIMIT 1", fx.Grid).Scan(&venue).Error; err != nil || venue.ID == "" {
		t.Fatalf("no venue in grid dcf-1-g1 (seed more venues): %v", err)
	}
	fx.Venue, fx.Category = venue.ID, venue.Category
	fx.Checklist = e.Checklist(t, venue.Category)
	fx.Photo = e.Photo(t, relVictim, apptest.PNG(1))
	fx.Inspection = e.Started(t, relVictim, map[string]any{"id": venue.ID, "lat": venue.Lat, "lng": venue.Lng})
	deadline := schedules.DateIn(time.Now(), e.Cfg.Location).AddDays(5).String()
	code := func(i int) string { return fx.Checklist[i]["item_code"].(string) }
	hazard, onSite := apptest.Hazard(code(0), "major", "deadline", deadline), apptest.Hazard(code(1), "general", "on_site", "", fx.Photo)
	fx.Hazard, fx.OnSite = hazard["id"].(string), onSite["id"].(string)
	e.Submit(relVictim, fx.Inspection, map[string]any{"checklist": fx.Checklist, "hazards": []any{hazard, onSite}}).Must(t, http.StatusOK)
	to := "red"
	if venue.RiskLevel == "red" {
		to = "yellow"
	}
	fx.Reclass = relField(t, e.Post(relVictim, "/api/v1/venues/"+fx.Venue+"/reclassifications",
		map[string]any{"to_level": to, "reason": "三合一"}).Must(t, http.StatusCreated), "id")
	relDocuments(t, e, &fx, deadline)
	fx.Webhook, fx.Delivery = relWebhook(t, e)
	fx.Report = relField(t, e.Post(relVictim, "/api/v1/reports", map[string]any{"address": "越权测试街1号", "lat": venue.Lat + 0.0002,
		"lng": venue.Lng, "kind": "wiring", "text": "私拉电线", "reporter_phone": "13700001111"}).Must(t, http.StatusCreated), "id")
	relOwners(t, e, &fx)
	return fx
}

func relField(t testing.TB, r *apptest.Response, name string) string {
	t.Helper()
	var m map[string]any
	r.JSON(t, &m)
	s, _ := m[name].(string)
	if s == "" {
		t.Fatalf("no %q in %s", name, r.Body)
	}
	return s
}

// relSend sends one request through the whole app without touching the
// test (fuzz functions may not call the *testing.F they were given).
func relSend(e *apptest.Env, method, path, token string, body []byte, contentType string, timeoutMS int) (int, http.Header, []byte, error) {
	req := httptest.NewRequest(method, "http://jiuxiao.test/", bytes.NewReader(body))
	req.URL.Path, req.URL.RawQuery, _ = strings.Cut(path, "?")
	req.RequestURI = ""
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return relDo(e, req, timeoutMS)
}

// relDo runs req through the app and reads the whole answer.
func relDo(e *apptest.Env, req *http.Request, timeoutMS int) (int, http.Header, []byte, error) {
	resp, err := e.App.Test(req, timeoutMS)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	_, err = out.ReadFrom(resp.Body)
	return resp.StatusCode, resp.Header, out.Bytes(), err
}

// relFingerprint digests every row of every table, to show that a refused
// request changed nothing at all (no row added, removed, or rewritten).
func relFingerprint(t testing.TB, e *apptest.Env) map[string]string {
	t.Helper()
	var tables []string
	err := e.DB.Raw(`SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'goose_db_version' ORDER BY 1`).Scan(&tables).Error
	apptest.True(t, "list tables: err is null", err == nil, err)
	apptest.True(t, "list tables: len(tables) is not 0", len(tables) != 0, len(tables))
	out := make(map[string]string, len(tables))
	for _, tb := range tables {
		var sum string
		q := fmt.Sprintf(`SELECT count(*) || ':' || coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM %q t`, tb)
		if err := e.DB.Raw(q).Scan(&sum).Error; err != nil {
			t.Fatalf("digest %s: %v", tb, err)
		}
		out[tb] = sum
	}
	return out
}

// relSameFingerprint fails when a table changed since before.
func relSameFingerprint(t testing.TB, e *apptest.Env, before map[string]string, what string) {
	t.Helper()
	for tb, sum := range relFingerprint(t, e) {
		if before[tb] != sum {
			t.Errorf("%s changed table %s (%s → %s)", what, tb, before[tb], sum)
		}
	}
}

// relPublic reports the public routes (场所码): they read no token and
// have no staff scope; TestPublicWalk (public_walk_test.go) walks them.
func relPublic(r relRoute) bool { return strings.HasPrefix(r.Path, "/api/v1/public/") }

// relRoute is one API route as Fiber lists it.
type relRoute struct{ Method, Path string }

func (r relRoute) String() string { return r.Method + " " + r.Path }

// relRoutes lists the /api/v1 routes, HEAD and the middleware left out.
func relRoutes(e *apptest.Env) []relRoute {
	var out []relRoute
	seen := map[string]bool{}
	for _, r := range e.App.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Method == fiber.MethodHead || r.Method == "USE" {
			continue
		}
		rr := relRoute{r.Method, r.Path}
		if !seen[rr.String()] {
			seen[rr.String()] = true
			out = append(out, rr)
		}
	}
	return out
}

// relPath fills a route's parameters: {id} with the victim's resource of
// that kind (by the path's first segment), {year} and {format} plainly.
func relPath(t testing.TB, fx relFix, r relRoute) string {
	t.Helper()
	parts := strings.Split(strings.TrimPrefix(r.Path, "/api/v1/"), "/")
	ids := map[string]string{
		"org-units": fx.Grid, "users": fx.Officer, "venues": fx.Venue, "reclassifications": fx.Reclass,
		"inspections": fx.Inspection, "hazards": fx.Hazard, "photos": fx.Photo,
		"documents": fx.Document, "extensions": fx.Extension,
		"webhooks": fx.Webhook, "deliveries": fx.Delivery, "reports": fx.Report,
		"owner-invites": fx.Invite, "owner-sessions": fx.OwnerSession,
	}
	kind := parts[0]
	if kind == "owner" && len(parts) > 1 {
		kind = parts[1] // the owner API: /owner/hazards/{id}/…
	}
	for i, p := range parts {
		switch {
		case p == ":token":
			parts[i] = relParam[p]
		case p == ":id":
			id, ok := ids[kind]
			if !ok {
				t.Fatalf("%s: no fixture for an id of %s; add one to relPath", r, kind)
			}
			parts[i] = id
		case p == ":year":
			parts[i] = "2026"
		case p == ":kind" || p == ":code":
			parts[i] = relParam[p]
		case strings.HasSuffix(p, ".:format"):
			parts[i] = strings.TrimSuffix(p, ":format") + "csv"
		case strings.HasPrefix(p, ":"):
			t.Fatalf("%s: unknown parameter %s; teach relPath about it", r, p)
		}
	}
	return "/api/v1/" + strings.Join(parts, "/")
}

// relBody is a well-formed body for a route, so that a refusal comes from
// scope and not from validation. Routes not listed send {}.
func relBody(fx relFix, r relRoute, grid string) any {
	switch r.String() {
	case "PATCH /api/v1/org-units/:id", "PATCH /api/v1/users/:id", "PATCH /api/v1/venues/:id":
		return map[string]any{"name": "改名", "version": 1}
	case "PUT /api/v1/users/:id/grids":
		return map[string]any{"grid_ids": []string{grid}}
	case "POST /api/v1/venues/:id/reclassifications":
		return map[string]any{"to_level": "green", "reason": "越权测试"}
	case "POST /api/v1/reclassifications/:id/reject", "POST /api/v1/inspections/:id/return", "POST /api/v1/extensions/:id/reject":
		return map[string]any{"comment": "越权测试"}
	case "POST /api/v1/inspections/:id/start":
		return map[string]any{"lat": 36.4, "lng": 115.9}
	case "POST /api/v1/inspections/:id/submit":
		return map[string]any{"checklist": fx.Checklist, "hazards": []any{}}
	case "POST /api/v1/hazards/:id/rectify":
		return map[string]any{"description": "越权整改"}
	case "POST /api/v1/hazards/:id/verify":
		return map[string]any{"accepted": true}
	case "PUT /api/v1/calendar/:year":
		return map[string]any{"holidays": []string{"2026-05-01"}, "workdays": []string{}}
	case "POST /api/v1/org-units":
		return map[string]any{"kind": "grid", "code": "bola-g9", "name": "越权网格", "parent_id": fx.Station}
	case "POST /api/v1/users":
		return map[string]any{"username": "bola-admin", "name": "越权", "role": "admin", "org_unit_id": fx.Station,
			"password": "a-long-enough-password-42"}
	case "PUT /api/v1/policy":
		return map[string]any{"red": "yearly", "yellow": "yearly", "green": "yearly"}
	case "POST /api/v1/reports/:id/venue":
		return map[string]any{"name": "越权场所", "category": "shop", "risk_level": "green"}
	case "POST /api/v1/reports/:id/link":
		return map[string]any{"venue_id": fx.Venue}
	case "POST /api/v1/reports/:id/close":
		return map[string]any{"reason": "not_found", "note": "越权测试"}
	}
	if b := relDocumentBody(fx, r); b != nil {
		return b
	}
	return map[string]any{}
}

// relAdminOnly are the routes where a non-admin's role forbids the action
// before any scope is looked at: 403 is the right answer there.
var relAdminOnly = map[string]bool{
	"PATCH /api/v1/org-units/:id":          true,
	"PATCH /api/v1/users/:id":              true,
	"PUT /api/v1/users/:id/grids":          true,
	"PUT /api/v1/calendar/:year":           true,
	"POST /api/v1/org-units":               true,
	"POST /api/v1/users":                   true,
	"PUT /api/v1/policy":                   true,
	"POST /api/v1/schedules/generate":      true,
	"PUT /api/v1/document-templates/:kind": true,
	"PUT /api/v1/checklist-items/:code":    true,
	// Webhooks: relAdminOnlyWebhooks (webhooks_bola_test.go).
}

func init() {
	for r := range relAdminOnlyWebhooks {
		relAdminOnly[r] = true
	}
}

// Ensure that for every route with an {id}, an officer of another grid of
// the same station and a supervisor of another station get 404 (403 on the
// admin-only routes) and change nothing; and that the lists, filtered by the
// victim's ids, show none of the victim's resources.
func TestBOLA(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	fx := relFixture(t, e)
	victims := []string{fx.Venue, fx.Inspection, fx.Hazard, fx.OnSite, fx.Photo, fx.Reclass, fx.Report, "13700001111"}
	attackers := []struct{ user, grid string }{
		{"off-dcf-1-g2", e.Unit("dcf-1-g2")}, // same station, another grid
		{"sup-dcf-2", e.Unit("dcf-2-g1")},    // another station of the same district
		{"sup-kfq-1", e.Unit("kfq-1-g1")},    // another district
	}
	routes := relRoutes(e)
	if len(routes) < 40 {
		t.Fatalf("only %d routes under /api/v1", len(routes))
	}
	for _, a := range attackers {
		tok := e.Token(a.user)
		for _, r := range routes {
			if r.Path == "/api/v1/auth/login" || r.Path == "/api/v1/auth/refresh" || r.Path == "/api/v1/auth/logout" || relPublic(r) {
				continue
			}
			hasID := strings.Contains(r.Path, ":id")
			if !hasID && r.Method != http.MethodGet && !relAdminOnly[r.String()] && !relOwnerRoute(r) {
				continue // creating in one's own scope is not an attack on the victim
			}
			t.Run(a.user+" "+r.String(), func(t *testing.T) {
				path := relPath(t, fx, r)
				if !hasID && r.Method == http.MethodGet {
					q := "?venue_id=" + fx.Venue + "&grid_id=" + fx.Grid + "&org_unit_id=" + fx.Grid + "&entity_id=" + fx.Inspection
					if strings.HasPrefix(r.Path, "/api/v1/stats/") {
						q = "?org_unit_id=" + fx.Grid
					} else if strings.HasPrefix(r.Path, "/api/v1/sync/") || strings.HasPrefix(r.Path, "/api/v1/review/") {
						q = ""
					}
					path += q
				}
				var body []byte
				if r.Method != http.MethodGet {
					body, _ = json.Marshal(relBody(fx, r, a.grid))
				}
				before := relFingerprint(t, e)
				status, _, resp, err := relSend(e, r.Method, path, tok, body, "application/json", -1)
				if err != nil {
					t.Fatal(err)
				}
				switch {
				case relOwnerRoute(r):
					if status != http.StatusUnauthorized {
						t.Errorf("%s %s as %s: status %d, want 401 (the owner API takes no staff token): %s", r.Method, path, a.user, status, resp)
					}
				case hasID && status == http.StatusForbidden && relAdminOnly[r.String()]:
				case hasID && status != http.StatusNotFound:
					t.Errorf("%s %s as %s: status %d, want 404: %s", r.Method, path, a.user, status, resp)
				case !hasID && relAdminOnly[r.String()] && status != http.StatusForbidden:
					t.Errorf("%s %s as %s: status %d, want 403: %s", r.Method, path, a.user, status, resp)
				case !hasID && status >= 500:
					t.Errorf("%s %s as %s: status %d: %s", r.Method, path, a.user, status, resp)
				}
				for _, id := range victims {
					if status < 300 && bytes.Contains(resp, []byte(id)) {
						t.Errorf("%s %s as %s shows the victim's %s", r.Method, path, a.user, id)
					}
				}
				relSameFingerprint(t, e, before, r.String()+" as "+a.user)
			})
		}
	}
}

// relBadTokens are access tokens that must each get 401: tampered with,
// expired, unsigned (alg none), signed with another algorithm or secret,
// from another issuer, without an expiry, or of an unknown role.
func relBadTokens(t testing.TB, e *apptest.Env, good string) map[string]string {
	t.Helper()
	secret := []byte(e.Cfg.JWTSecret)
	now := time.Now()
	claims := func(mod func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"role": "admin", "org": e.Unit("lc"), "iss": "jiuxiao", "sub": e.User("admin"),
			"iat": now.Unix(), "exp": now.Add(time.Hour).Unix(), "jti": uuid.NewString()}
		if mod != nil {
			mod(c)
		}
		return c
	}
	sign := func(m jwt.SigningMethod, key any, c jwt.MapClaims) string {
		s, err := jwt.NewWithClaims(m, c).SignedString(key)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	parts := strings.Split(good, ".")
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	raised := bytes.Replace(payload, []byte(`"role":"officer"`), []byte(`"role":"admin"`), 1)
	if bytes.Equal(raised, payload) {
		t.Fatalf("the officer's token has no officer role: %s", payload)
	}
	flipped := []byte(parts[2])
	flipped[0] ^= 1
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." +
		base64.RawURLEncoding.EncodeToString(mustJSON(t, claims(nil))) + "."
	return map[string]string{
		"empty":          "",
		"garbage":        "not-a-token",
		"role raised":    parts[0] + "." + base64.RawURLEncoding.EncodeToString(raised) + "." + parts[2],
		"signature":      parts[0] + "." + parts[1] + "." + string(flipped),
		"no signature":   parts[0] + "." + parts[1] + ".",
		"expired":        sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["exp"] = now.Add(-time.Minute).Unix() })),
		"alg none":       none,
		"alg none lib":   sign(jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, claims(nil)),
		"HS512":          sign(jwt.SigningMethodHS512, secret, claims(nil)),
		"HS384":          sign(jwt.SigningMethodHS384, secret, claims(nil)),
		"other secret":   sign(jwt.SigningMethodHS256, []byte("another-secret-another-secret-12"), claims(nil)),
		"other issuer":   sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["iss"] = "someone-else" })),
		"no expiry":      sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { delete(c, "exp") })),
		"not yet valid":  sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["nbf"] = now.Add(time.Hour).Unix() })),
		"unknown role":   sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["role"] = "root" })),
		"subject not id": sign(jwt.SigningMethodHS256, secret, claims(func(c jwt.MapClaims) { c["sub"] = "admin" })),
		"refresh as JWT": "Zm9v",
		"basic scheme":   "basic:" + base64.StdEncoding.EncodeToString([]byte("admin:jiuxiao-demo")),
		"two tokens":     good + " " + good,
	}
}

func mustJSON(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Ensure that every authenticated route answers 401, with a Bearer
// challenge, to each bad token, and writes nothing.
func TestBadTokens(t *testing.T) {
	t.Parallel()
	e := apptest.New(t, apptest.Options{Venues: 54})
	fx := relFixture(t, e)
	bad := relBadTokens(t, e, e.Token(relVictim))
	// The good token works, so that the 401s below are about the token.
	if s, _, b, _ := relSend(e, "GET", "/api/v1/me", e.Token(relVictim), nil, "", -1); s != http.StatusOK {
		t.Fatalf("GET /me with a good token: %d %s", s, b)
	}
	before := relFingerprint(t, e)
	for _, r := range relRoutes(e) {
		// Login, refresh and the vocabulary are public: they read no token.
		if r.Path == "/api/v1/auth/login" || r.Path == "/api/v1/auth/refresh" || r.Path == "/api/v1/vocabulary" || relPublic(r) {
			continue
		}
		path := relPath(t, fx, r)
		var body []byte
		if r.Method != http.MethodGet {
			body, _ = json.Marshal(relBody(fx, r, fx.Grid))
		}
		for name, tok := range bad {
			status, h, resp, err := relSendRaw(e, r.Method, path, tok, name, body)
			if err != nil {
				t.Fatalf("%s %s (%s token): %v", r.Method, path, name, err)
			}
			if status != http.StatusUnauthorized || !strings.HasPrefix(h.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("%s (%s token): status %d, WWW-Authenticate %q, want 401 with a Bearer challenge: %s",
					r, name, status, h.Get("WWW-Authenticate"), resp)
			}
		}
	}
	relSameFingerprint(t, e, before, "requests with bad tokens")
}

// relSendRaw is relSend with the Authorization header as the bad token
// needs it (none, another scheme, or Bearer and the token).
func relSendRaw(e *apptest.Env, method, path, tok, name string, body []byte) (int, http.Header, []byte, error) {
	if name == "basic scheme" {
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Basic "+strings.TrimPrefix(tok, "basic:"))
		return relDo(e, req, -1)
	}
	return relSend(e, method, path, tok, body, "application/json", -1)
}
