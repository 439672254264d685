package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/schedules"
	"github.com/jiuxiao/jiuxiao/seed"
)

// shutdown: SIGTERM to a replica under load (task lists, writes with an
// Idempotency-Key, a generation run and two ledger exports in flight). The
// requests in flight complete, nothing gets a 5xx, the process exits 0
// within SHUTDOWN_TIMEOUT, and every acknowledged write is in the database.
func shutdown(ctx context.Context, h *harness) error {
	const db = "rel_shutdown"
	venues := envInt("JX_SHUTDOWN_VENUES", 20_000)
	if err := h.freshDB(ctx, db, venues); err != nil {
		return err
	}
	r, err := h.startReplica(ctx, "replica1", db, map[string]string{"SHUTDOWN_TIMEOUT": "20s"})
	if err != nil {
		return err
	}
	hc := httpClient(60 * time.Second)
	fresh := httpClient(60 * time.Second)
	fresh.Transport.(*http.Transport).DisableKeepAlives = true
	var officers []string
	for _, a := range seed.Accounts() {
		if a.Role == vocab.Officer && len(officers) < 12 {
			officers = append(officers, a.Username)
		}
	}
	tokens, err := loginAll(ctx, hc, r.base, append(officers, "admin", "sup-lc"))
	if err != nil {
		return err
	}
	if res, err := call(ctx, hc, "POST", r.base+"/api/v1/schedules/generate", tokens["admin"], map[string]any{}, nil); err != nil || res.Status != 200 {
		return fmt.Errorf("generate: %v %d %s", err, res.Status, res.Body)
	}
	venueOf := map[string]string{}
	for _, o := range officers {
		res, err := call(ctx, hc, "GET", r.base+"/api/v1/venues?limit=1", tokens[o], nil, nil)
		if err != nil {
			return err
		}
		var l struct {
			Items []struct {
				ID string `json:"id"`
			} `json:"items"`
		}
		if jsonErr := json.Unmarshal(res.Body, &l); jsonErr != nil || len(l.Items) == 0 {
			return fmt.Errorf("%s has no venue: %s", o, res.Body)
		}
		venueOf[o] = l.Items[0].ID
	}

	type rec struct {
		start, end time.Time
		status     int
		err        string
		what, id   string
		rid        string // X-Request-ID, to find it in the server's log
	}
	var mu sync.Mutex
	var recs []rec
	add := func(x rec) {
		mu.Lock()
		recs = append(recs, x)
		mu.Unlock()
	}
	var sigAt time.Time
	var sigMu sync.Mutex
	sent := func() time.Time { sigMu.Lock(); defer sigMu.Unlock(); return sigAt }
	var wg sync.WaitGroup
	for i, o := range officers {
		for k := 0; k < 2; k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				client := hc
				if k == 1 && i%2 == 0 {
					client = fresh
				}
				for n := 0; ; n++ {
					if s := sent(); !s.IsZero() && time.Since(s) > 25*time.Second {
						return
					}
					x := rec{start: time.Now(), rid: uuid.NewString()}
					var res reply
					var err error
					if k == 0 {
						x.what = "GET /inspections?mine=true"
						res, err = call(ctx, client, "GET", r.base+"/api/v1/inspections?mine=true&limit=200", tokens[o], nil, map[string]string{"X-Request-ID": x.rid})
					} else {
						x.what, x.id = "POST /inspections", uuid.NewString()
						res, err = call(ctx, client, "POST", r.base+"/api/v1/inspections", tokens[o],
							map[string]any{"id": x.id, "venue_id": venueOf[o], "notes": fmt.Sprintf("停机 %d", n)}, map[string]string{"Idempotency-Key": x.id, "X-Request-ID": x.rid})
					}
					x.end = time.Now()
					if err != nil {
						x.err = err.Error()
					} else {
						x.status = res.Status
					}
					add(x)
					if err != nil {
						if s := sent(); !s.IsZero() && strings.Contains(x.err, "refused") {
							return // the listener is closed: this replica is gone, as it should be
						}
						time.Sleep(50 * time.Millisecond)
					}
				}
			}()
		}
	}
	time.Sleep(3 * time.Second)
	// The slow ones, started before the signal.
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := schedules.DateIn(time.Now(), loc)
	type slow struct {
		what string
		res  reply
		err  error
		took time.Duration
	}
	slows := make([]slow, 3)
	var swg sync.WaitGroup
	for i, s := range []struct{ what, method, path, tok string }{
		{"POST /schedules/generate (next period)", "POST", "/api/v1/schedules/generate", tokens["admin"]},
		{"GET /exports/inspections.csv (city)", "GET", "/api/v1/exports/inspections.csv", tokens["sup-lc"]},
		{"GET /exports/inspections.xlsx (city)", "GET", "/api/v1/exports/inspections.xlsx", tokens["sup-lc"]},
	} {
		swg.Add(1)
		go func() {
			defer swg.Done()
			var body any
			if s.method == "POST" {
				body = map[string]string{"as_of": schedules.NewDate(today.Year(), today.Month(), 1).AddDays(32).String()} // next month: a new period
			}
			t0 := time.Now()
			res, err := call(ctx, fresh, s.method, r.base+s.path, s.tok, body, nil)
			slows[i] = slow{what: s.what, res: res, err: err, took: time.Since(t0)}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	sigMu.Lock()
	sigAt = time.Now()
	sigMu.Unlock()
	_ = r.cmd.Process.Signal(syscall.SIGTERM)
	h.logf("shutdown: SIGTERM sent under load")
	code := r.stop(syscall.Signal(0), 30*time.Second) // wait for it to end
	exitTook := time.Since(sigAt)
	swg.Wait()
	wg.Wait()

	var c checks
	c.expect(code == 0, "exit code %d after SIGTERM (-1: still running after 30 s, killed)", code)
	// What the server began to answer, from its access log: a request sent
	// just as it closed an idle keep-alive connection never reached it (the
	// client sees the connection closed, then refused) and was not in flight.
	served := map[string]bool{}
	for _, l := range r.logLines() {
		if id, ok := l["request_id"].(string); ok && l["msg"] == "request" {
			served[id] = true
		}
	}
	inFlight, completed, fives, unserved := 0, 0, 0, 0
	byStatus := map[string]int{}
	var acked []string
	for _, x := range recs {
		k := fmt.Sprint(x.status)
		if x.err != "" {
			k = "error"
		}
		byStatus[k]++
		if x.status >= 500 {
			fives++
			c.fail("%s: %d", x.what, x.status)
		}
		switch {
		case served[x.rid] && x.start.Before(sigAt) && x.end.After(sigAt):
			inFlight++
			if x.err == "" {
				completed++
			} else {
				c.fail("%s was being answered at SIGTERM, and the answer was lost: %s", x.what, x.err)
			}
		case served[x.rid] && x.err != "":
			c.fail("%s was answered by the server, not received: %s", x.what, x.err)
		case x.err != "" && x.start.Before(sigAt):
			unserved++ // never reached the server; a client retries it elsewhere
		}
		if x.id != "" && x.status >= 200 && x.status < 300 {
			acked = append(acked, x.id)
		}
	}
	if len(c.failed) > 15 {
		c.failed = append(c.failed[:15], fmt.Sprintf("… and %d more", len(c.failed)-15))
	}
	var slowText []string
	for _, s := range slows {
		ok := s.err == nil && s.res.Status == 200
		detail := ""
		switch {
		case ok && strings.HasSuffix(s.what, "csv (city)"):
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(s.res.Body, []byte("\uFEFF")))).ReadAll()
			ok = err == nil && len(rows) > venues/2
			detail = fmt.Sprintf(", %d rows", len(rows)-1)
		case ok && strings.HasSuffix(s.what, "xlsx (city)"):
			_, err := zip.NewReader(bytes.NewReader(s.res.Body), int64(len(s.res.Body)))
			ok = err == nil
			detail = fmt.Sprintf(", %d KB, a whole zip", len(s.res.Body)>>10)
		}
		c.expect(ok, "%s did not complete: %v %d", s.what, s.err, s.res.Status)
		slowText = append(slowText, fmt.Sprintf("%s %d in %s%s", s.what, s.res.Status, s.took.Round(time.Millisecond), detail))
	}
	conn, err := h.connect(ctx, db)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	missing, err := scalar[int64](ctx, conn, "SELECT count(*) FROM unnest($1::uuid[]) AS w(id) WHERE NOT EXISTS (SELECT 1 FROM inspections i WHERE i.id = w.id)", acked)
	if err != nil {
		return err
	}
	c.expect(missing == 0, "%d acknowledged writes are not in the database", missing)
	c.expect(inFlight > 0 && completed == inFlight, "%d of %d requests in flight at SIGTERM completed", completed, inFlight)
	replicaChecks(&c, r)
	var codes []string
	for k, n := range byStatus {
		codes = append(codes, fmt.Sprintf("%d×%s", n, k))
	}
	sort.Strings(codes)
	h.record(result{Test: "graceful shutdown", Fault: fmt.Sprintf("SIGTERM under 24 clients (task lists, writes) + a generation run and 2 city ledgers in flight, %d venues", venues),
		Figure: fmt.Sprintf("%d/%d requests in flight (in the server's log) completed, %d 5xx, exit %d after %s; %s; %d writes acked, %d missing; %d sent as it closed idle connections never reached it; then new connections are refused (answers: %s)",
			completed, inFlight, fives, code, exitTook.Round(time.Millisecond), strings.Join(slowText, "; "), len(acked), missing, unserved, strings.Join(codes, " ")),
		Lost: yesNo(missing > 0), OK: c.ok(), Details: c.failed})
	return nil
}
