package handlers_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// Fuzz targets over the real app (middleware, decoding, validation, the
// models and PostgreSQL): whatever the body, the query, a filter or a
// cursor, the answer is never a 5xx, and every error is problem JSON. Their
// seed corpora run with `make test`; `make fuzz` runs each for a while.

// relFuzzEnv is one app with the victim's field work, made once per fuzz
// target and process.
type relFuzzEnv struct {
	e      *apptest.Env
	fx     relFix
	tokens map[string]string
}

func relNewFuzzEnv(f *testing.F) *relFuzzEnv {
	e := apptest.New(f, apptest.Options{Venues: 54})
	fe := &relFuzzEnv{e: e, fx: relFixture(f, e), tokens: map[string]string{}}
	for _, u := range []string{"admin", "sup-dcf-1", relVictim, "off-dcf-1-g2"} {
		fe.tokens[u] = e.Token(u)
	}
	return fe
}

// relTarget is a request a fuzz target fills in.
type relTarget struct {
	method, path, as string
}

// bodyTargets are the routes that read a JSON body, with their ids filled
// in by fill.
var relBodyTargets = []relTarget{
	{"POST", "/api/v1/auth/login", ""},
	{"POST", "/api/v1/auth/refresh", ""},
	{"POST", "/api/v1/auth/logout", relVictim},
	{"POST", "/api/v1/org-units", "admin"},
	{"PATCH", "/api/v1/org-units/{grid}", "admin"},
	{"POST", "/api/v1/users", "admin"},
	{"PATCH", "/api/v1/users/{officer}", "admin"},
	{"PUT", "/api/v1/users/{officer}/grids", "admin"},
	{"POST", "/api/v1/venues", relVictim},
	{"PATCH", "/api/v1/venues/{venue}", relVictim},
	{"POST", "/api/v1/venues/{venue}/reclassifications", "sup-dcf-1"},
	{"POST", "/api/v1/reclassifications/{reclass}/approve", "sup-dcf-1"},
	{"POST", "/api/v1/reclassifications/{reclass}/reject", "sup-dcf-1"},
	{"PUT", "/api/v1/policy", "admin"},
	{"PUT", "/api/v1/calendar/2027", "admin"},
	{"POST", "/api/v1/schedules/generate", "admin"},
	{"POST", "/api/v1/inspections", relVictim},
	{"POST", "/api/v1/inspections/{inspection}/start", relVictim},
	{"POST", "/api/v1/inspections/{inspection}/submit", relVictim},
	{"POST", "/api/v1/inspections/{inspection}/approve", "sup-dcf-1"},
	{"POST", "/api/v1/inspections/{inspection}/return", "sup-dcf-1"},
	{"POST", "/api/v1/hazards/{hazard}/rectify", relVictim},
	{"POST", "/api/v1/hazards/{hazard}/verify", "sup-dcf-1"},
}

// relListTargets are the routes that read a query string.
var relListTargets = []relTarget{
	{"GET", "/api/v1/org-units", "sup-dcf-1"},
	{"GET", "/api/v1/users", "sup-dcf-1"},
	{"GET", "/api/v1/venues", relVictim},
	{"GET", "/api/v1/reclassifications", "sup-dcf-1"},
	{"GET", "/api/v1/inspections", relVictim},
	{"GET", "/api/v1/hazards", relVictim},
	{"GET", "/api/v1/checklist-items", relVictim},
	{"GET", "/api/v1/sync/changes", relVictim},
	{"GET", "/api/v1/review/queue", "sup-dcf-1"},
	{"GET", "/api/v1/stats/overview", "sup-dcf-1"},
	{"GET", "/api/v1/stats/grids", "sup-dcf-1"},
	{"GET", "/api/v1/exports/inspections.csv", "sup-dcf-1"},
	{"GET", "/api/v1/exports/hazards.xlsx", "sup-dcf-1"},
	{"GET", "/api/v1/audit", "admin"},
}

// relFilters are the query parameters each list reads (limit and cursor
// are everyone's).
var relFilters = []string{"limit", "cursor", "since", "mine", "status", "overdue", "kind", "venue_id", "grid_id", "due_before",
	"near", "radius_m", "q", "risk_level", "category", "org_unit_id", "from", "to", "severity", "role", "parent_id", "under",
	"entity", "entity_id"}

func (fe *relFuzzEnv) fill(path string) string {
	return strings.NewReplacer("{grid}", fe.fx.Grid, "{officer}", fe.fx.Officer, "{venue}", fe.fx.Venue,
		"{reclass}", fe.fx.Reclass, "{inspection}", fe.fx.Inspection, "{hazard}", fe.fx.Hazard).Replace(path)
}

// check sends the request and fails on a 5xx, a transport error or a
// timeout, or an error that is not problem JSON.
func (fe *relFuzzEnv) check(t *testing.T, tg relTarget, path string, body []byte, contentType string) int {
	status, h, resp, err := relSend(fe.e, tg.method, path, fe.tokens[tg.as], body, contentType, 10_000)
	// App.Test returns what fasthttp refuses before Fiber sees it; a live
	// server answers those with a 4xx (bench/reliability checks that).
	switch {
	case err != nil && strings.Contains(err.Error(), "small read buffer"):
		return http.StatusRequestHeaderFieldsTooLarge // a request line over 4 KiB
	case err != nil && strings.Contains(err.Error(), "cannot read multipart/form-data body"):
		return http.StatusBadRequest
	}
	if err != nil {
		t.Fatalf("%s %s: %v", tg.method, path, err)
	}
	if status >= 500 {
		t.Fatalf("%s %s as %q with %q: status %d: %s", tg.method, path, tg.as, body, status, resp)
	}
	if status >= 400 && !strings.HasPrefix(h.Get("Content-Type"), "application/problem+json") {
		t.Fatalf("%s %s: status %d is not problem JSON (%s): %s", tg.method, path, status, h.Get("Content-Type"), resp)
	}
	return status
}

// relEscape keeps a fuzzed query on one request line: bytes that HTTP does
// not allow there are percent-encoded; everything else, '&', '=' and '%'
// included, goes through as sent.
func relEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x20 || c >= 0x7f || c == '#' {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// FuzzRequestBody sends any bytes as the JSON body of every write route.
func FuzzRequestBody(f *testing.F) {
	fe := relNewFuzzEnv(f)
	seeds := []string{
		``, `{}`, `null`, `[]`, `"x"`, `1`, `{"a":1}`, `{}{}`, `{"id":"not-a-uuid"}`, `{"lat":1e400}`, `{"lat":"NaN"}`,
		`{"venue_id":"` + fe.fx.Venue + `","notes":"x"}`, `{"version":-1}`, `{"version":1e20}`, `{"name":"` + strings.Repeat("名", 300) + `"}`,
		`{"grid_id":"","version":1}`, `{"parent_id":""}`, `{"org_unit_id":""}`, `{"as_of":"0000-06-15"}`, `{"as_of":"9999-12-31"}`,
		`{"holidays":["2027-02-30"],"workdays":null}`, `{"holidays":["2026-01-01"],"workdays":[]}`, `{"red":"weekly","yellow":"","green":1}`,
		`{"checklist":[{"item_code":"extinguisher","result":"pass"}],"hazards":[{"id":"` + fe.fx.Hazard + `","code":"x","severity":"major","description":"d","fix_mode":"deadline","deadline":"2026-02-30"}]}`,
		`{"checklist":[],"hazards":[{"deadline":5}]}`, `{"checklist":null}`, `{"accepted":"yes"}`, `{"accepted":true,"comment":"` + strings.Repeat("x", 1001) + `"}`,
		`{"description":"fixed","photo_ids":["` + fe.fx.Photo + `","` + fe.fx.Photo + `"]}`, `{"username":"admin","password":"` + strings.Repeat("p", 80) + `"}`,
		`{"refresh_token":"` + strings.Repeat("A", 200) + `"}`, `{"grid_ids":[]}`, `{"grid_ids":["` + fe.fx.Grid + `","` + fe.fx.Grid + `"]}`,
		`{"lat":36.4,"lng":115.9,"accuracy_m":-1}`, `{"to_level":"red","reason":"` + "\u0000" + `"}`, "{\"notes\":\"\xff\xfe\"}",
		`{"kind":"grid","code":"../../etc","name":"x","parent_id":"` + fe.fx.Grid + `"}`, strings.Repeat("[", 10000),
		`{"id":"00000000-0000-0000-0000-000000000000","venue_id":"` + fe.fx.Venue + `"}`,
	}
	// Each seed goes to one route in turn, and {} to every route: enough
	// to start from, and quick to run in make test.
	for i, s := range seeds {
		f.Add(uint8(i%len(relBodyTargets)), []byte(s))
	}
	for i := range relBodyTargets {
		f.Add(uint8(i), []byte(`{}`))
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		tg := relBodyTargets[int(route)%len(relBodyTargets)]
		fe.check(t, tg, fe.fill(tg.path), body, "application/json")
	})
}

// FuzzListQuery sends any query string to every list.
func FuzzListQuery(f *testing.F) {
	fe := relNewFuzzEnv(f)
	for i := range relListTargets {
		for _, q := range []string{"", "limit=0", "limit=201", "limit=-1", "limit=1e3", "limit=99999999999999999999", "cursor=%ZZ",
			"mine=true&status=scheduled,returned", "status=,,,", "near=NaN,NaN", "near=36.4,115.9&radius_m=Inf", "near=1", "q=%25_%5C",
			"due_before=0000-01-01", "from=2026-01-01&to=2025-01-01", "from=0001-01-01&to=9999-12-31", "org_unit_id=" + fe.fx.Grid,
			"venue_id=" + fe.fx.Venue + "&venue_id=x", "a=b=c&&&=", "overdue=maybe", "kind=routine&kind=ad_hoc", "entity_id=%00", "q=%D8", "q=%00", "entity=%C3%28", "category=%FF"} {
			f.Add(uint8(i), q)
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, query string) {
		tg := relListTargets[int(route)%len(relListTargets)]
		fe.check(t, tg, tg.path+"?"+relEscape(query), nil, "")
	})
}

// FuzzFilter sets one filter of one list to any value.
func FuzzFilter(f *testing.F) {
	fe := relNewFuzzEnv(f)
	for i := range relListTargets {
		for j, v := range []string{"", "x", "true", "-1", "NaN", "1e309", "2026-02-30", "0000-01-01", "36.4,115.9", fe.fx.Venue, "00000000-0000-0000-0000-000000000000",
			"scheduled,cancelled", strings.Repeat("网", 101), "\x00", "'; DROP TABLE venues; --"} {
			f.Add(uint8(i), uint8(j), v)
		}
	}
	f.Fuzz(func(t *testing.T, route, filter uint8, value string) {
		tg := relListTargets[int(route)%len(relListTargets)]
		name := relFilters[int(filter)%len(relFilters)]
		status := fe.check(t, tg, tg.path+"?"+name+"="+url.QueryEscape(value), nil, "")
		switch status {
		case http.StatusOK, http.StatusBadRequest, http.StatusNotFound, http.StatusUnprocessableEntity, http.StatusRequestHeaderFieldsTooLarge:
		default:
			t.Fatalf("%s?%s=%q: status %d, want 200, 400, 404, 422 or 431", tg.path, name, value, status)
		}
	})
}

// FuzzCursor sends any cursor to every paged list: it is read or refused
// with 422, never a 500.
func FuzzCursor(f *testing.F) {
	fe := relNewFuzzEnv(f)
	paged := []relTarget{}
	for _, tg := range relListTargets {
		if !strings.Contains(tg.path, "stats") && !strings.Contains(tg.path, "exports") && !strings.Contains(tg.path, "checklist") {
			paged = append(paged, tg)
		}
	}
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for i := range paged {
		for _, c := range []string{"", "e30", enc(`{"id":"` + fe.fx.Venue + `"}`), enc(`{"due":"2026-02-30"}`), enc(`{"due":"0000-01-01","id":"` + fe.fx.Venue + `"}`),
			enc(`{"d":-1,"id":"` + fe.fx.Venue + `"}`), enc(`"` + fe.fx.Venue + `"`), enc(`-9223372036854775808`), enc(`{"t":-5,"lo":1,"hi":0}`),
			enc(`{"at":"0001-01-01T00:00:00Z","id":"` + fe.fx.Venue + `"}`), "////", strings.Repeat("A", 3000)} {
			f.Add(uint8(i), c)
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, cursor string) {
		tg := paged[int(route)%len(paged)]
		param := "cursor"
		if strings.Contains(tg.path, "sync") {
			param = "since"
		}
		status := fe.check(t, tg, tg.path+"?"+param+"="+url.QueryEscape(cursor), nil, "")
		if status != http.StatusOK && status != http.StatusUnprocessableEntity && status != http.StatusRequestHeaderFieldsTooLarge {
			t.Fatalf("%s with cursor %q: status %d, want 200 or 422", tg.path, cursor, status)
		}
	})
}

// FuzzSyncCursor forges sync cursors that carry the caller's own scope (so
// that they are not simply reset) with any position: each answers in time
// with 200 or 422. A cursor whose table number is far below zero once kept
// a request spinning for hours.
func FuzzSyncCursor(f *testing.F) {
	fe := relNewFuzzEnv(f)
	tok := fe.tokens[relVictim]
	status, _, body, err := relSend(fe.e, "GET", "/api/v1/sync/changes?limit=1", tok, nil, "", -1)
	var first struct {
		NextCursor string `json:"next_cursor"`
	}
	if err != nil || status != http.StatusOK || json.Unmarshal(body, &first) != nil {
		f.Fatalf("first sync: %d %v %s", status, err, body)
	}
	raw, _ := base64.RawURLEncoding.DecodeString(first.NextCursor)
	var cur map[string]any
	if err := json.Unmarshal(raw, &cur); err != nil {
		f.Fatal(err)
	}
	scope, _ := cur["s"].(string)
	f.Add(int64(0), uint64(0), uint64(0), uint64(0))
	f.Add(int64(1), uint64(5), uint64(1<<40), uint64(3))
	f.Add(int64(3), uint64(1<<63), uint64(1), uint64(1<<64-1))
	f.Add(int64(-1)<<62, uint64(0), uint64(1000), uint64(0))
	f.Add(int64(1)<<62, uint64(0), uint64(1000), uint64(0))
	f.Fuzz(func(t *testing.T, table int64, lo, hi, tx uint64) {
		c := fmt.Sprintf(`{"lo":%d,"hi":%d,"t":%d,"x":%d,"id":%q,"s":%q}`, lo, hi, table, tx, fe.fx.Venue, scope)
		status := fe.check(t, relTarget{"GET", "/api/v1/sync/changes", relVictim}, "/api/v1/sync/changes?since="+
			base64.RawURLEncoding.EncodeToString([]byte(c)), nil, "")
		if status != http.StatusOK && status != http.StatusUnprocessableEntity {
			t.Fatalf("sync from %s: status %d", c, status)
		}
	})
}

// FuzzPhotoUpload sends any bytes, under any file name and declared type,
// as a photo: it is stored (201) or refused with a 4xx.
func FuzzPhotoUpload(f *testing.F) {
	fe := relNewFuzzEnv(f)
	for _, s := range [][]byte{apptest.PNG(3), []byte("PK\x03\x04zip"), []byte("%PDF-1.7"), {}, []byte("\xff\xd8\xff\xe0")} {
		f.Add(s, "IMG_0001.jpg", "image/jpeg")
		f.Add(s, "../../../etc/passwd", "application/octet-stream")
		f.Add(s, "照片\u202egpj.exe", "")
	}
	f.Fuzz(func(t *testing.T, data []byte, name, ctype string) {
		var b bytes.Buffer
		b.WriteString("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + strings.NewReplacer("\"", "", "\r", "", "\n", "").Replace(name) + "\"\r\n")
		if c := strings.NewReplacer("\r", "", "\n", "").Replace(ctype); c != "" {
			b.WriteString("Content-Type: " + c + "\r\n")
		}
		b.WriteString("\r\n")
		b.Write(data)
		b.WriteString("\r\n--XyZ--\r\n")
		status := fe.check(t, relTarget{"POST", "/api/v1/photos", relVictim}, "/api/v1/photos", b.Bytes(), "multipart/form-data; boundary=XyZ")
		if status != http.StatusCreated && (status < 400 || status >= 500) {
			t.Fatalf("upload of %d bytes named %q: status %d", len(data), name, status)
		}
	})
}
