package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
)

// template is a well-formed request that the generator spoils.
type template struct {
	method, path, as string
	body             map[string]any
	query            []string // the filters the route reads
}

func templates(fw fieldWork) []template {
	list := []string{"limit", "cursor"}
	return []template{
		{"POST", "/api/v1/auth/login", "", map[string]any{"username": "off-dcf-1-g2", "password": "wrong-password"}, nil},
		{"POST", "/api/v1/auth/refresh", "", map[string]any{"refresh_token": "x"}, nil},
		{"GET", "/api/v1/me", "officer", nil, nil},
		{"GET", "/api/v1/org-units", "supervisor", nil, append(list, "kind", "parent_id", "under")},
		{"POST", "/api/v1/org-units", "admin", map[string]any{"kind": "grid", "code": "h-g1", "name": "网格", "parent_id": fw.Station}, nil},
		{"GET", "/api/v1/org-units/{grid}", "officer", nil, nil},
		{"PATCH", "/api/v1/org-units/{grid}", "admin", map[string]any{"name": "改名", "version": 1}, nil},
		{"GET", "/api/v1/users", "supervisor", nil, append(list, "role", "org_unit_id")},
		{"POST", "/api/v1/users", "admin", map[string]any{"username": "h-user", "name": "用户", "role": "officer", "org_unit_id": fw.Station, "password": "a-long-password-1"}, nil},
		{"GET", "/api/v1/users/{officer}", "supervisor", nil, nil},
		{"PATCH", "/api/v1/users/{officer}", "admin", map[string]any{"name": "改名", "version": 1}, nil},
		{"PUT", "/api/v1/users/{officer}/grids", "admin", map[string]any{"grid_ids": []string{fw.Grid}}, nil},
		{"GET", "/api/v1/venues", "officer", nil, append(list, "grid_id", "org_unit_id", "risk_level", "category", "status", "q", "near", "radius_m")},
		{"POST", "/api/v1/venues", "officer", map[string]any{"name": "小店", "category": "shop", "risk_level": "green", "grid_id": fw.Grid,
			"address": "聊城市东昌路3号", "lat": 36.41, "lng": 115.93}, nil},
		{"GET", "/api/v1/venues/{venue}", "officer", nil, nil},
		{"PATCH", "/api/v1/venues/{venue}", "officer", map[string]any{"contact_phone": "13800000000", "version": 1}, nil},
		{"GET", "/api/v1/venues/{venue}/history", "officer", nil, nil},
		{"POST", "/api/v1/venues/{venue}/reclassifications", "supervisor", map[string]any{"to_level": "yellow", "reason": "整改到位"}, nil},
		{"GET", "/api/v1/reclassifications", "supervisor", nil, append(list, "status", "venue_id")},
		{"GET", "/api/v1/reclassifications/{reclass}", "supervisor", nil, nil},
		{"POST", "/api/v1/reclassifications/{reclass}/approve", "supervisor", map[string]any{"comment": "同意"}, nil},
		{"POST", "/api/v1/reclassifications/{reclass}/reject", "supervisor", map[string]any{"comment": "不同意"}, nil},
		{"GET", "/api/v1/policy", "officer", nil, nil},
		{"PUT", "/api/v1/policy", "admin", map[string]any{"red": "monthly", "yellow": "quarterly", "green": "half_yearly"}, nil},
		{"GET", "/api/v1/calendar/2026", "officer", nil, nil},
		{"PUT", "/api/v1/calendar/2027", "admin", map[string]any{"holidays": []string{"2027-01-01"}, "workdays": []string{}}, nil},
		{"POST", "/api/v1/schedules/generate", "admin", map[string]any{"as_of": "2026-12-01"}, nil},
		{"GET", "/api/v1/inspections", "officer", nil, append(list, "mine", "status", "overdue", "kind", "venue_id", "grid_id", "due_before", "near")},
		{"POST", "/api/v1/inspections", "officer", map[string]any{"venue_id": fw.Venue, "notes": "临时检查"}, nil},
		{"GET", "/api/v1/inspections/{inspection}", "officer", nil, nil},
		{"POST", "/api/v1/inspections/{inspection}/start", "officer", map[string]any{"lat": fw.Lat, "lng": fw.Lng, "accuracy_m": 10}, nil},
		{"POST", "/api/v1/inspections/{inspection}/submit", "officer", map[string]any{"checklist": passAll(fw.Checklist), "hazards": []any{}, "notes": ""}, nil},
		{"POST", "/api/v1/inspections/{inspection}/approve", "supervisor", map[string]any{"comment": "好"}, nil},
		{"POST", "/api/v1/inspections/{inspection}/return", "supervisor", map[string]any{"comment": "补照片"}, nil},
		{"GET", "/api/v1/hazards", "officer", nil, append(list, "status", "severity", "overdue", "venue_id", "grid_id")},
		{"GET", "/api/v1/hazards/{hazard}", "officer", nil, nil},
		{"POST", "/api/v1/hazards/{hazard}/rectify", "officer", map[string]any{"description": "已整改", "photo_ids": []string{fw.Photo}}, nil},
		{"POST", "/api/v1/hazards/{hazard}/verify", "supervisor", map[string]any{"accepted": false, "comment": "未整改"}, nil},
		{"GET", "/api/v1/checklist-items", "officer", nil, []string{"category"}},
		{"GET", "/api/v1/photos/{photo}", "officer", nil, nil},
		{"GET", "/api/v1/sync/changes", "officer", nil, []string{"since", "limit"}},
		{"GET", "/api/v1/review/queue", "supervisor", nil, list},
		{"GET", "/api/v1/stats/overview", "supervisor", nil, []string{"org_unit_id", "from", "to"}},
		{"GET", "/api/v1/stats/grids", "supervisor", nil, []string{"org_unit_id", "from", "to"}},
		{"GET", "/api/v1/exports/inspections.csv", "supervisor", nil, []string{"status", "kind", "due_before", "grid_id"}},
		{"GET", "/api/v1/exports/hazards.xlsx", "supervisor", nil, []string{"status", "severity", "venue_id"}},
		{"GET", "/api/v1/audit", "admin", nil, append(list, "entity", "entity_id")},
		{"GET", "/healthz", "", nil, nil},
		{"GET", "/readyz", "", nil, nil},
		{"GET", "/openapi.json", "", nil, nil},
	}
}

// evil are values a hostile client puts where a field or a filter goes.
var evil = []any{
	nil, true, false, 0, -1, 1.5, 1e308, -1e308, 9007199254740993, "", " ", "x", strings.Repeat("长", 5000), strings.Repeat("a", 70000),
	"\u0000", "\x00\x01\x02", "\ufffd", "\u202e", "<script>alert(1)</script>", "'; DROP TABLE venues; --", "../../../etc/passwd",
	"NaN", "Infinity", "-0", "0x10", "1e999", "null", "true", "[]", "{}", []any{}, map[string]any{}, []any{1, "a", nil},
	map[string]any{"$gt": ""}, "0000-01-01", "0001-01-01", "2026-02-30", "9999-12-31", "2026-13-01", "2026-01-01T00:00:00Z",
	"00000000-0000-0000-0000-000000000000", "01A20037-CD4F-70C2-A0DC-4A8B2FB1B565", "{01a20037-cd4f-70c2-a0dc-4a8b2fb1b565}",
	"urn:uuid:01a20037-cd4f-70c2-a0dc-4a8b2fb1b565", "01a20037cd4f70c2a0dc4a8b2fb1b565", "red", "monthly", "weekly", "on_site", "deadline",
	"major", "pass", "scheduled", "admin", "grid", "36.4,115.9", "NaN,NaN", "91,181", "-0,-0", "e30", "////", "%00", "%ff",
}

// spoil makes one bad request from a template.
func spoil(rng *rand.Rand, t template, ids map[string]string) (method, path string, body []byte, hdr map[string]string) {
	method, path, hdr = t.method, t.path, map[string]string{"Content-Type": "application/json"}
	for k, v := range ids {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	pick := func() any {
		if rng.IntN(6) == 0 {
			return uuid.NewString()
		}
		return evil[rng.IntN(len(evil))]
	}
	var obj map[string]any
	if t.body != nil {
		obj = map[string]any{}
		for k, v := range t.body {
			obj[k] = v
		}
	}
	switch rng.IntN(9) {
	case 0, 1, 2: // fields
		if obj == nil {
			obj = map[string]any{"x": pick()}
			method = []string{"POST", "PUT", "PATCH", "DELETE"}[rng.IntN(4)]
		}
		for n := 1 + rng.IntN(3); n > 0; n-- {
			keys := make([]string, 0, len(obj))
			for k := range obj {
				keys = append(keys, k)
			}
			if len(keys) == 0 {
				obj["x"] = pick()
				continue
			}
			sort.Strings(keys)
			k := keys[rng.IntN(len(keys))]
			switch rng.IntN(4) {
			case 0:
				delete(obj, k)
			case 1:
				obj[k+"_"] = pick() // unknown field
			default:
				obj[k] = pick()
			}
		}
	case 3: // the query
		q := url.Values{}
		names := append(append([]string{}, t.query...), "limit", "cursor", "mine", "near", "due_before", "org_unit_id", "q", "status")
		for n := 1 + rng.IntN(4); n > 0; n-- {
			q.Add(names[rng.IntN(len(names))], fmt.Sprint(pick()))
		}
		path += "?" + q.Encode()
		if rng.IntN(4) == 0 {
			path += "&" + string(rune(0x80+rng.IntN(0x700))) + "=%" + fmt.Sprintf("%02x", rng.IntN(256))
		}
	case 4: // the path
		segs := strings.Split(path, "/")
		i := 3 + rng.IntN(max(len(segs)-3, 1))
		if i >= len(segs) {
			i = len(segs) - 1
		}
		segs[i] = url.PathEscape(fmt.Sprint(pick()))
		path = strings.Join(segs, "/")
		if rng.IntN(3) == 0 {
			path += []string{"/", "//", "/x", "/..", "%2f..", ";a=b", "/%00"}[rng.IntN(7)]
		}
		if rng.IntN(4) == 0 {
			method = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE", "PROPFIND"}[rng.IntN(9)]
		}
	case 5: // headers
		switch rng.IntN(6) {
		case 0:
			hdr["Content-Type"] = []string{"text/plain", "application/xml", "multipart/form-data", "application/x-www-form-urlencoded",
				"application/json; charset=latin1", "", "image/png"}[rng.IntN(7)]
		case 1:
			hdr["Idempotency-Key"] = []string{strings.Repeat("k", 300), "ключ", " ", uuid.NewString(), "same-key"}[rng.IntN(5)]
		case 2:
			hdr["If-Match"] = []string{`"0"`, `W/"1"`, "*", "-1", "99999999999999999999", `"abc"`, `"1", "2"`}[rng.IntN(7)]
		case 3:
			hdr["X-Request-ID"] = strings.Repeat("r", rng.IntN(200))
		case 4:
			hdr["Content-Encoding"] = "gzip"
		case 5:
			hdr["Accept"] = "application/xml"
		}
	case 6: // someone else's token, or none
		t.as = []string{"", "other", "officer", "supervisor", "admin"}[rng.IntN(5)]
	}
	if obj != nil {
		body, _ = json.Marshal(obj)
	}
	switch rng.IntN(8) { // spoil the bytes too, now and then
	case 0:
		if len(body) > 0 {
			body = body[:rng.IntN(len(body))]
		}
	case 1:
		if len(body) > 0 {
			i := rng.IntN(len(body))
			body = append(append(append([]byte{}, body[:i]...), byte(rng.IntN(256))), body[i:]...)
		}
	case 2:
		body = append(body, body...)
	case 3:
		body = append([]byte("\xef\xbb\xbf"), body...)
	case 4:
		body = bytes.Repeat([]byte("["), 1+rng.IntN(100000))
	}
	hdr["as"] = t.as
	return method, path, body, hdr
}

// rawBad are requests that are not even HTTP, or bend it.
var rawBad = []string{
	"GARBAGE\r\n\r\n",
	"GET /api/v1/venues HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
	"POST /api/v1/venues HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n{",
	"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n",
	"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
	"GET /api/v1/venues\x00 HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET /" + strings.Repeat("a", 9000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("b", 9000) + "\r\n\r\n",
	"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
	"GET http://evil.example/api/v1/me HTTP/1.1\r\nHost: evil.example\r\n\r\n",
	"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \x01\x02\r\n\r\n",
	"GET /api/v1/me HTTP/9.9\r\nHost: x\r\n\r\n",
	"GET /api/v1/me\r\n\r\n",
	"\r\n\r\n\r\n",
	"POST /api/v1/photos HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=\r\nContent-Length: 10\r\n\r\n----------",
	"GET /api/v1/%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
	"GET /api/v1/venues?near=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
	"DELETE /api/v1/venues HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
}

// rawRequest sends raw bytes and reads the status line, if any comes.
func rawRequest(addr, req string) (status int, answered bool, err error) {
	conn, err := net.DialTimeout("tcp", addr, 3*time.Second)
	if err != nil {
		return 0, false, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(time.Second))
	if _, err := conn.Write([]byte(req)); err != nil {
		return 0, false, nil // closed on us while we wrote: a refusal
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "HTTP/") {
		return 0, false, nil // closed or waiting for more: no answer, no error
	}
	if _, code, ok := strings.Cut(line, " "); ok {
		fmt.Sscanf(code, "%d", &status)
	}
	return status, true, nil
}

// hostile: JX_HOSTILE_N (default 100,000) generated bad requests against
// a live server with valid tokens of every role, so that they get past
// authentication into decoding, validation, the models and PostgreSQL;
// a tenth of them raw bytes that bend HTTP itself. None may get a 5xx, the
// server may not panic, and it must still be serving at the end.
func hostile(ctx context.Context, h *harness) error {
	const db = "rel_hostile"
	n := envInt("JX_HOSTILE_N", 100_000)
	if err := h.freshDB(ctx, db, 540); err != nil {
		return err
	}
	r, err := h.startReplica(ctx, "replica1", db, map[string]string{"LOG_LEVEL": "warn",
		"READ_TIMEOUT": halfReadTimeout.String(), "MAX_CONNS_PER_IP": fmt.Sprint(halfConnCap)})
	if err != nil {
		return err
	}
	hc := httpClient(30 * time.Second)
	tokens, err := loginAll(ctx, hc, r.base, []string{"admin", "sup-dcf-1", "off-dcf-1-g1", "off-kfq-1-g1"})
	if err != nil {
		return err
	}
	admin := tokens["admin"]
	if res, err := call(ctx, hc, "POST", r.base+"/api/v1/schedules/generate", admin, map[string]any{}, nil); err != nil || res.Status != 200 {
		return fmt.Errorf("generate: %v %d", err, res.Status)
	}
	fw, err := makeFieldWork(ctx, hc, r.base, tokens)
	if err != nil {
		return err
	}
	ids := map[string]string{"grid": fw.Grid, "officer": fw.Officer, "venue": fw.Venue, "reclass": fw.Reclass,
		"inspection": fw.Inspection, "hazard": fw.Hazard, "photo": fw.Photo}
	roles := map[string]string{"admin": admin, "supervisor": tokens["sup-dcf-1"], "officer": tokens["off-dcf-1-g1"], "other": tokens["off-kfq-1-g1"]}
	tpls := templates(fw)
	addr := strings.TrimPrefix(r.base, "http://")

	var (
		done, raw, noAnswer atomic.Int64
		mu                  sync.Mutex
		byStatus            = map[int]int{}
		bad                 []string
	)
	note := func(status int, what string) {
		mu.Lock()
		defer mu.Unlock()
		byStatus[status]++
		if (status >= 500 || status == 0) && len(bad) < 15 {
			bad = append(bad, what)
		}
	}
	timings := map[string][2]float64{}
	timing := func(what string, d time.Duration) {
		mu.Lock()
		defer mu.Unlock()
		t := timings[what]
		timings[what] = [2]float64{t[0] + d.Seconds(), t[1] + 1}
	}
	defer func() {
		if os.Getenv("JX_DEBUG") != "" {
			for k, t := range timings {
				fmt.Fprintf(os.Stderr, "%8.1f ms avg %6.0f n  %s\n", 1000*t[0]/t[1], t[1], k)
			}
		}
	}()
	const workers = 24
	h.logf("hostile: %d generated bad requests, %d at a time", n, workers)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 1729))
			for i := w; i < n; i += workers {
				if ctx.Err() != nil {
					return
				}
				done.Add(1)
				if rng.IntN(10) == 0 {
					raw.Add(1)
					req := rawBad[rng.IntN(len(rawBad))]
					t0 := time.Now()
					status, answered, err := rawRequest(addr, req)
					timing("raw "+strings.ReplaceAll(req[:min(len(req), 40)], "\r\n", " "), time.Since(t0))
					switch {
					case err != nil:
						note(0, fmt.Sprintf("raw %q: %v", tail([]byte(req), 80), err))
					case !answered:
						noAnswer.Add(1)
					default:
						note(status, fmt.Sprintf("raw %q: %d", tail([]byte(req), 80), status))
					}
					continue
				}
				tpl := tpls[rng.IntN(len(tpls))]
				if tpl.body != nil && (tpl.path == "/api/v1/auth/login" || tpl.path == "/api/v1/users") && rng.IntN(5) != 0 {
					tpl = tpls[rng.IntN(len(tpls))] // these cost a bcrypt hash (~0.25 s of CPU): fewer of them
				}
				method, path, body, hdr := spoil(rng, tpl, ids)
				tok := roles[hdr["as"]]
				delete(hdr, "as")
				var b any
				if body != nil {
					b = body
				}
				t0 := time.Now()
				res, err := call(ctx, hc, method, r.base+path, tok, b, hdr)
				timing(tpl.path, time.Since(t0))
				if err != nil {
					var ue *url.Error
					if errors.As(err, &ue) {
						err = ue.Err // without the URL, which may be long
					}
					switch {
					case strings.Contains(err.Error(), "invalid header field") || strings.Contains(err.Error(), "invalid method"):
						continue // Go's client will not send it; the raw requests cover that ground
					case len(path) > 4000 && (strings.Contains(err.Error(), "reset") || strings.Contains(err.Error(), "broken pipe")):
						// A request line past fasthttp's 4 KiB read buffer is
						// answered 431 and closed while the client still writes.
						note(431, "")
						continue
					}
					note(0, fmt.Sprintf("%s %s %q: %v", method, tail([]byte(path), 120), tail(body, 120), err))
					continue
				}
				note(res.Status, fmt.Sprintf("%s %s %q → %d %s", method, tail([]byte(path), 120), tail(body, 160), res.Status, tail(res.Body, 200)))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	var c checks
	fives := 0
	var codes []string
	for s, k := range byStatus {
		if s >= 500 || s == 0 {
			fives += k
		}
		codes = append(codes, fmt.Sprintf("%d×%d", k, s))
	}
	sort.Strings(codes)
	c.expect(fives == 0, "%d answers were a 5xx or a dropped connection", fives)
	for _, b := range bad {
		c.fail("%s", b)
	}
	c.expect(done.Load() >= int64(n), "only %d of %d requests were sent", done.Load(), n)
	c.expect(r.alive(), "the server died: %s", r.logTail())
	if res, err := call(ctx, hc, "GET", r.base+"/api/v1/inspections?mine=true", tokens["off-dcf-1-g1"], nil, nil); err != nil || res.Status != 200 {
		c.fail("the server does not serve a good request after the run: %v %d", err, res.Status)
	}
	replicaChecks(&c, r)
	defer halfSent(ctx, h, r, tokens["off-dcf-1-g1"])
	h.record(result{Test: "hostile input (live)", Fault: fmt.Sprintf("%d generated bad requests (%d raw HTTP), 24 at a time, valid tokens of every role", done.Load(), raw.Load()),
		Figure: fmt.Sprintf("%d 5xx, 0 panics allowed; %.0f req/s; raw requests closed without an answer: %d; answers: %s",
			fives, float64(done.Load())/elapsed.Seconds(), noAnswer.Load(), strings.Join(codes, " ")),
		Lost: "n/a", OK: c.ok(), Details: c.failed})
	return nil
}
