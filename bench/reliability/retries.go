package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/seed"
)

// write is one logical write of the mobile client: the request it replays
// and what became of each try.
type write struct {
	kind, method, path string
	body               []byte
	contentType, key   string
	acked              bool
	sends, dropped     int
	replayed           int
	statuses           []int
	mu                 sync.Mutex
}

// mobile is a client on a poor network: every write goes out three times,
// to any replica, with random delays, the second one sometimes before the
// first has answered, and about a third of the answers never arrive (the
// request is cut off after 1-40 ms, whatever the server did with it).
// When none of the three was answered with a 2xx it keeps trying, as a
// phone does, until one is.
type mobile struct {
	hc    *http.Client
	bases []string
	token string
	rng   *rand.Rand
	stats *retryStats
}

type retryStats struct {
	sends, dropped, replayed, acked atomic.Int64
	mu                              sync.Mutex
	byStatus                        map[int]int
	unexpected                      []string
}

func (m *mobile) deliver(ctx context.Context, w *write) {
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		time.Sleep(time.Duration(m.rng.IntN(250)) * time.Millisecond)
		drop := m.rng.Float64() < 0.35
		base := m.bases[m.rng.IntN(len(m.bases))]
		if i == 1 && m.rng.IntN(2) == 0 {
			wg.Add(1)
			go func() { defer wg.Done(); m.send(ctx, w, base, drop) }() // do not wait for it
			continue
		}
		wg.Wait()
		m.send(ctx, w, base, drop)
	}
	wg.Wait()
	for try := 0; !w.acked && try < 40 && ctx.Err() == nil; try++ {
		time.Sleep(200 * time.Millisecond)
		m.send(ctx, w, m.bases[m.rng.IntN(len(m.bases))], false)
	}
}

func (m *mobile) send(ctx context.Context, w *write, base string, drop bool) {
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	if drop {
		cctx, cancel = context.WithTimeout(ctx, time.Duration(1+m.rng.IntN(40))*time.Millisecond)
	}
	defer cancel()
	hdr := map[string]string{"Content-Type": w.contentType}
	if w.key != "" {
		hdr["Idempotency-Key"] = w.key
	}
	r, err := call(cctx, m.hc, w.method, base+w.path, m.token, w.body, hdr)
	m.stats.sends.Add(1)
	w.mu.Lock()
	defer w.mu.Unlock()
	w.sends++
	if drop {
		// Whether or not the answer came in time, the client never sees it.
		w.dropped++
		m.stats.dropped.Add(1)
		return
	}
	if err != nil {
		m.stats.note(0, fmt.Sprintf("%s %s: %v", w.method, w.path, err))
		return
	}
	w.statuses = append(w.statuses, r.Status)
	if r.Header.Get("Idempotent-Replayed") == "true" {
		w.replayed++
		m.stats.replayed.Add(1)
	}
	switch {
	case r.Status >= 200 && r.Status < 300:
		if !w.acked {
			m.stats.acked.Add(1)
		}
		w.acked = true
		m.stats.note(r.Status, "")
	case r.Status == 409 || r.Status == 429 || r.Status == 503:
		// in progress elsewhere, throttled, unavailable: try again later
		m.stats.note(r.Status, "")
	default:
		m.stats.note(r.Status, fmt.Sprintf("%s %s: %d %s", w.method, w.path, r.Status, tail(r.Body, 300)))
	}
}

func (s *retryStats) note(status int, unexpected string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byStatus[status]++
	if unexpected != "" && len(s.unexpected) < 20 {
		s.unexpected = append(s.unexpected, unexpected)
	}
}

func jsonBytes(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// photoBody is a multipart upload of a small PNG, unique to n, with a
// client-made id.
func photoBody(id string, n int) ([]byte, string) {
	img := image.NewGray(image.Rect(0, 0, 8, 8))
	for i := range img.Pix {
		img.Pix[i] = byte(n >> (i % 24))
	}
	img.Pix[0], img.Pix[1], img.Pix[2] = byte(n), byte(n>>8), byte(n>>16)
	var pb, b bytes.Buffer
	_ = png.Encode(&pb, img)
	w := multipart.NewWriter(&b)
	_ = w.WriteField("id", id)
	part, _ := w.CreateFormFile("file", "IMG_"+id[:8]+".png")
	_, _ = part.Write(pb.Bytes())
	_ = w.Close()
	return b.Bytes(), w.FormDataContentType()
}

// visitLog is what the client believes it did in one visit.
type visitLog struct {
	officer, venue                string
	inspection, deadlineH, onSite string
	photos                        []string
	deadline                      string
	writes                        []*write
}

// retries: 18 officers, each on their own phone, record visits (photos, an
// ad hoc inspection, start, submit with two hazards, a fix) and a new venue
// with a reclassification, through three replicas, every write replayed as
// above; half the writes carry an Idempotency-Key, the others rely on
// client-made ids. Then the database is compared with the clients' logs.
func retries(ctx context.Context, h *harness) error {
	const db = "rel_retries"
	visitsPer := envInt("JX_RETRY_VISITS", 4)
	if err := h.freshDB(ctx, db, 900); err != nil {
		return err
	}
	var rs []*replica
	var bases []string
	for i := 1; i <= 3; i++ {
		r, err := h.startReplica(ctx, fmt.Sprintf("replica%d", i), db, nil)
		if err != nil {
			return err
		}
		rs, bases = append(rs, r), append(bases, r.base)
	}
	hc := httpClient(30 * time.Second)
	var officers []string
	for _, a := range seed.Accounts() {
		if a.Role == vocab.Officer {
			officers = append(officers, a.Username)
		}
	}
	tokens, err := loginAll(ctx, hc, bases[0], officers)
	if err != nil {
		return err
	}
	loc, _ := time.LoadLocation("Asia/Shanghai")
	deadline := schedules.DateIn(time.Now(), loc).AddDays(7).String()
	stats := &retryStats{byStatus: map[int]int{}}
	var mu sync.Mutex
	var visits []*visitLog
	var venueWrites, reclassWrites []*write
	var created []string // client ids of the venues and reclassifications
	var wg sync.WaitGroup
	var setupErr error
	h.logf("retries: %d officers × %d visits through 3 replicas", len(officers), visitsPer)
	start := time.Now()
	for oi, off := range officers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := &mobile{hc: hc, bases: bases, token: tokens[off], rng: rand.New(rand.NewPCG(uint64(oi), 2026)), stats: stats}
			vs, err := officerVisits(ctx, m, off, oi, visitsPer, deadline)
			// a new venue of the officer's grid, and its reclassification
			mu.Lock()
			if err != nil && setupErr == nil {
				setupErr = err
			}
			visits = append(visits, vs...)
			mu.Unlock()
			if err != nil || len(vs) == 0 {
				return
			}
			var grid struct {
				GridID string  `json:"grid_id"`
				Lat    float64 `json:"lat"`
				Lng    float64 `json:"lng"`
			}
			r, err := call(ctx, hc, "GET", bases[0]+"/api/v1/venues/"+vs[0].venue, m.token, nil, nil)
			if err != nil || json.Unmarshal(r.Body, &grid) != nil {
				return
			}
			vid, rid := uuid.NewString(), uuid.NewString()
			vw := &write{kind: "venue", method: "POST", path: "/api/v1/venues", contentType: "application/json",
				body: jsonBytes(map[string]any{"id": vid, "name": fmt.Sprintf("重试便利店%d", oi), "category": "shop", "risk_level": "yellow",
					"grid_id": grid.GridID, "address": "聊城市东昌路1号", "lat": grid.Lat + 0.001, "lng": grid.Lng + 0.001})}
			if m.rng.IntN(2) == 0 {
				vw.key = uuid.NewString()
			}
			m.deliver(ctx, vw)
			rw := &write{kind: "reclassification", method: "POST", path: "/api/v1/venues/" + vid + "/reclassifications", contentType: "application/json",
				body: jsonBytes(map[string]any{"id": rid, "to_level": "red", "reason": "三合一：住人"})}
			if m.rng.IntN(2) == 0 {
				rw.key = uuid.NewString()
			}
			m.deliver(ctx, rw)
			mu.Lock()
			venueWrites, reclassWrites = append(venueWrites, vw), append(reclassWrites, rw)
			created = append(created, vid, rid)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if setupErr != nil {
		return setupErr
	}
	elapsed := time.Since(start)

	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var c checks
	lost, dups, logical := 0, 0, 0
	acked := func(w *write) bool {
		logical++
		if !w.acked {
			c.fail("%s %s never got a 2xx after %d sends (statuses %v)", w.method, w.path, w.sends, w.statuses)
		}
		return w.acked
	}
	exists := func(sql string, args ...any) bool {
		n, err := scalar[int64](ctx, conn, sql, args...)
		if err != nil {
			c.fail("%v", err)
		}
		return n == 1
	}
	var inspIDs, hazardIDs, photoIDs, venueIDs []string
	for _, v := range visits {
		for _, w := range v.writes {
			acked(w)
		}
		inspIDs = append(inspIDs, v.inspection)
		hazardIDs = append(hazardIDs, v.deadlineH, v.onSite)
		photoIDs = append(photoIDs, v.photos...)
		venueIDs = append(venueIDs, v.venue)
		if !exists("SELECT count(*) FROM inspections WHERE id = $1 AND kind = 'ad_hoc' AND status = 'submitted' AND venue_id = $2", v.inspection, v.venue) {
			lost++
			c.fail("inspection %s (acked) is not submitted in the database", v.inspection)
		}
		if !exists("SELECT count(*) FROM hazards WHERE id = $1 AND inspection_id = $2 AND status = 'rectified' AND rectify_description = '已清理通道'", v.deadlineH, v.inspection) {
			lost++
			c.fail("hazard %s is not rectified as the client recorded", v.deadlineH)
		}
		if !exists("SELECT count(*) FROM hazards WHERE id = $1 AND inspection_id = $2 AND status = 'rectified' AND fix_mode = 'on_site'", v.onSite, v.inspection) {
			lost++
			c.fail("on-site hazard %s is missing", v.onSite)
		}
		for _, p := range v.photos {
			if !exists("SELECT count(*) FROM photos WHERE id = $1", p) {
				lost++
				c.fail("photo %s is missing", p)
			}
		}
	}
	for i, w := range venueWrites {
		acked(w)
		acked(reclassWrites[i])
		if !exists("SELECT count(*) FROM venues WHERE id = $1", created[2*i]) {
			lost++
			c.fail("venue %s is missing", created[2*i])
		}
		if !exists("SELECT count(*) FROM reclassifications WHERE id = $1 AND status = 'pending'", created[2*i+1]) {
			lost++
			c.fail("reclassification %s is missing", created[2*i+1])
		}
	}
	// Nothing more than the client did: counts of what these writes make.
	count := func(what, sql string, want int, args ...any) {
		n, err := scalar[int64](ctx, conn, sql, args...)
		if err != nil {
			c.fail("%v", err)
			return
		}
		if int(n) != want {
			dups += max(int(n)-want, 0)
			c.fail("%s: %d in the database, the clients made %d", what, n, want)
		}
	}
	count("ad hoc inspections", "SELECT count(*) FROM inspections WHERE kind = 'ad_hoc'", len(visits))
	count("hazards", "SELECT count(*) FROM hazards", 2*len(visits))
	count("reinspections", "SELECT count(*) FROM inspections WHERE kind = 'reinspection'", len(visits))
	count("photos", "SELECT count(*) FROM photos", 2*len(visits))
	// the on-site hazard's photo is its finding and its fix; the other fix has its own
	count("photo links", "SELECT count(*) FROM hazard_photos", 3*len(visits))
	count("new venues", "SELECT count(*) FROM venues WHERE name LIKE '重试%'", len(venueWrites))
	count("reclassifications", "SELECT count(*) FROM reclassifications", len(reclassWrites))
	count("audit rows written twice", `SELECT count(*) FROM (SELECT 1 FROM audit_log WHERE action IN ('create', 'start', 'submit', 'rectify')
		GROUP BY entity, entity_id, action HAVING count(*) > 1) d`, 0)
	replicaChecks(&c, rs...)
	stats.mu.Lock()
	for _, u := range stats.unexpected {
		c.fail("unexpected answer: %s", u)
	}
	var codes []string
	for s, n := range stats.byStatus {
		codes = append(codes, fmt.Sprintf("%d×%d", n, s))
	}
	stats.mu.Unlock()
	sort.Strings(codes)
	h.record(result{Test: "retries: mobile client", Fault: "every write sent 3× to 3 replicas, random delays 0-250 ms, ~35% of answers dropped, half with Idempotency-Key",
		Figure: fmt.Sprintf("%d logical writes, %d sends (%d dropped, %d replayed from a stored key) in %s; duplicates %d, lost %d; answers seen: %s",
			logical, stats.sends.Load(), stats.dropped.Load(), stats.replayed.Load(), elapsed.Round(time.Second), dups, lost, strings.Join(codes, " ")),
		Lost: yesNo(lost > 0), OK: c.ok() && lost == 0 && dups == 0, Details: c.failed})
	return nil
}

// officerVisits records n visits of one officer to venues of their grid.
func officerVisits(ctx context.Context, m *mobile, officer string, oi, n int, deadline string) ([]*visitLog, error) {
	r, err := call(ctx, m.hc, "GET", m.bases[0]+"/api/v1/venues?limit=50", m.token, nil, nil)
	if err != nil {
		return nil, err
	}
	var venues struct {
		Items []struct {
			ID       string  `json:"id"`
			Category string  `json:"category"`
			Lat      float64 `json:"lat"`
			Lng      float64 `json:"lng"`
		} `json:"items"`
	}
	if r.Status != 200 || json.Unmarshal(r.Body, &venues) != nil || len(venues.Items) < n {
		return nil, fmt.Errorf("%s: venues: %d %s", officer, r.Status, tail(r.Body, 200))
	}
	var out []*visitLog
	for i := 0; i < n; i++ {
		v := venues.Items[i]
		r, err := call(ctx, m.hc, "GET", m.bases[0]+"/api/v1/checklist-items?category="+v.Category, m.token, nil, nil)
		if err != nil {
			return out, err
		}
		var items struct {
			Items []struct {
				Code string `json:"code"`
			} `json:"items"`
		}
		if err := json.Unmarshal(r.Body, &items); err != nil || len(items.Items) < 2 {
			return out, fmt.Errorf("checklist of %s: %s", v.Category, tail(r.Body, 200))
		}
		answers := []map[string]string{}
		for _, it := range items.Items {
			answers = append(answers, map[string]string{"item_code": it.Code, "result": "pass"})
		}
		vl := &visitLog{officer: officer, venue: v.ID, inspection: uuid.NewString(), deadlineH: uuid.NewString(), onSite: uuid.NewString(),
			photos: []string{uuid.NewString(), uuid.NewString()}, deadline: deadline}
		json1 := func(kind, path string, body any) *write {
			w := &write{kind: kind, method: "POST", path: path, body: jsonBytes(body), contentType: "application/json"}
			if m.rng.IntN(2) == 0 {
				w.key = uuid.NewString()
			}
			return w
		}
		for pi, p := range vl.photos {
			body, ct := photoBody(p, oi*1000+i*10+pi+1)
			w := &write{kind: "photo", method: "POST", path: "/api/v1/photos", body: body, contentType: ct}
			if m.rng.IntN(2) == 0 {
				w.key = uuid.NewString()
			}
			vl.writes = append(vl.writes, w)
		}
		vl.writes = append(vl.writes,
			json1("inspection", "/api/v1/inspections", map[string]any{"id": vl.inspection, "venue_id": v.ID, "notes": "重试测试"}),
			json1("start", "/api/v1/inspections/"+vl.inspection+"/start", map[string]any{"lat": v.Lat, "lng": v.Lng, "accuracy_m": 12}),
			json1("submit", "/api/v1/inspections/"+vl.inspection+"/submit", map[string]any{
				"checklist": answers,
				"hazards": []map[string]any{
					{"id": vl.deadlineH, "code": items.Items[1].Code, "severity": "major", "description": "疏散通道堵塞", "fix_mode": "deadline", "deadline": deadline},
					{"id": vl.onSite, "code": items.Items[0].Code, "severity": "general", "description": "灭火器过期", "fix_mode": "on_site", "photo_ids": []string{vl.photos[0]}},
				},
				"notes": "已告知负责人"}),
			json1("rectify", "/api/v1/hazards/"+vl.deadlineH+"/rectify", map[string]any{"description": "已清理通道", "photo_ids": []string{vl.photos[1]}}),
		)
		for _, w := range vl.writes {
			m.deliver(ctx, w)
			if !w.acked {
				break // the next step depends on this one
			}
		}
		out = append(out, vl)
	}
	return out, nil
}
