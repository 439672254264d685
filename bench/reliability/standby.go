package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"github.com/jiuxiao/jiuxiao/models/vocab"
	"github.com/jiuxiao/jiuxiao/seed"
)

// standbyReads are the heavy reads that DATABASE_REPLICA_URL sends to the
// read replica.
var standbyReads = []string{
	"/api/v1/stats/overview", "/api/v1/stats/grids", "/api/v1/stats/trends",
	"/api/v1/exports/inspections.csv", "/api/v1/exports/hazards.csv",
	"/api/v1/venues/points", "/api/v1/audit",
}

// standby: two replicas of the service read from a streaming replica of
// the cluster (pg_basebackup -R, scripts/pg.sh pg_replica_start) while
// supervisors read the figures, ledgers, map and audit trail and officers
// write. The figures from the replica are the primary's, byte for byte;
// replay paused past REPLICA_MAX_LAG sends the reads to the primary; the
// replica killed (pg_ctl stop -m immediate) under load costs no request:
// every answer is a 2xx.
func standby(ctx context.Context, h *harness) error {
	const db = "rel_standby"
	const maxLag = 2 * time.Second
	if err := h.freshDB(ctx, db, 900); err != nil {
		return err
	}
	dir := filepath.Join(filepath.Dir(h.pgDir), "standby")
	port, err := strconv.Atoi(h.pgPort)
	if err != nil {
		return err
	}
	port++
	if err := h.pgScript(ctx, fmt.Sprintf("pg_replica_start %q %s %q %d", h.pgDir, h.pgPort, dir, port)); err != nil {
		return err
	}
	defer func() { _ = h.pgScript(context.Background(), fmt.Sprintf("pg_stop %q; rm -rf %q", dir, dir)) }()
	standbyURL := fmt.Sprintf("postgres://jiuxiao@/%s?host=%s/run&port=%d&sslmode=disable", db, dir, port)
	psql := func(sql string) error {
		return h.pgScript(ctx, fmt.Sprintf(`"$PG_BIN/psql" -h %q -p %d -U jiuxiao -d %s -qAt -c %q`, dir+"/run", port, db, sql))
	}
	extra := map[string]string{"DATABASE_REPLICA_URL": standbyURL, "REPLICA_MAX_LAG": maxLag.String(),
		"REQUEST_TIMEOUT": "10s", "LOG_LEVEL": "warn"}
	var rs []*replica
	for i := 1; i <= 2; i++ {
		r, err := h.startReplica(ctx, fmt.Sprintf("reader%d", i), db, extra)
		if err != nil {
			return err
		}
		rs = append(rs, r)
	}
	direct, err := h.startReplica(ctx, "primary-only", db, map[string]string{"LOG_LEVEL": "warn"})
	if err != nil {
		return err
	}
	hc := httpClient(30 * time.Second)
	var sups, officers []string
	for _, a := range seed.Accounts() {
		switch {
		case a.Role == vocab.Supervisor && len(sups) < 8:
			sups = append(sups, a.Username)
		case a.Role == vocab.Officer && len(officers) < 4:
			officers = append(officers, a.Username)
		}
	}
	tokens, err := loginAll(ctx, hc, rs[0].base, append(append([]string{}, sups...), officers...))
	if err != nil {
		return err
	}
	var c checks
	replicaUsable := func(r *replica) (bool, error) {
		got, err := call(ctx, hc, "GET", r.base+"/readyz", "", nil, nil)
		if err != nil {
			return false, err
		}
		var s struct {
			Replica struct {
				Usable bool `json:"usable"`
			} `json:"replica"`
		}
		err = json.Unmarshal(got.Body, &s)
		return s.Replica.Usable, err
	}
	waitUsable := func(want bool, within time.Duration) bool {
		for end := time.Now().Add(within); time.Now().Before(end); time.Sleep(100 * time.Millisecond) {
			ok := true
			for _, r := range rs {
				u, err := replicaUsable(r)
				ok = ok && err == nil && u == want
			}
			if ok {
				return true
			}
		}
		return false
	}
	if !waitUsable(true, 30*time.Second) {
		return fmt.Errorf("the read replica never became usable: %s", rs[0].logTail())
	}
	// The same answers from the replica and from the primary.
	same, compared := 0, 0
	for _, path := range standbyReads {
		for _, sup := range sups[:2] {
			a, errA := call(ctx, hc, "GET", rs[0].base+path, tokens[sup], nil, nil)
			b, errB := call(ctx, hc, "GET", direct.base+path, tokens[sup], nil, nil)
			compared++
			switch {
			case errA != nil || errB != nil:
				c.fail("%s: %v %v", path, errA, errB)
			case a.Status != 200 || b.Status != 200:
				c.fail("%s: %d from the replica, %d from the primary", path, a.Status, b.Status)
			case !bytes.Equal(a.Body, b.Body):
				c.fail("%s as %s: the replica's answer differs from the primary's", path, sup)
			default:
				same++
			}
		}
	}

	// Load: supervisors read, officers write venues, through both readers.
	var mu sync.Mutex
	statuses := map[string]int{}
	var bad []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	worker := func(i int, user string, writes bool) {
		defer wg.Done()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			default:
			}
			base := rs[(i+n)%len(rs)].base
			var got reply
			var err error
			path := standbyReads[(i+n)%len(standbyReads)]
			if writes {
				path = "POST /venues"
				got, err = call(ctx, hc, "POST", base+"/api/v1/venues", tokens[user], map[string]any{
					"id": uuid.NewString(), "name": fmt.Sprintf("备库%d-%d", i, n), "category": "shop", "risk_level": "green",
					"grid_id": gridOf(ctx, hc, base, tokens[user]), "address": "聊城市柳园路3号", "lat": 36.45, "lng": 115.97,
					"contact_name": "王先生", "contact_phone": "13800000000"}, nil)
			} else {
				got, err = call(ctx, hc, "GET", base+path, tokens[user], nil, nil)
			}
			key := fmt.Sprint(got.Status)
			if err != nil {
				key = "error"
			}
			mu.Lock()
			statuses[key]++
			if (err != nil || got.Status >= 300) && len(bad) < 10 {
				bad = append(bad, fmt.Sprintf("%s: %d %v %s", path, got.Status, err, tail(got.Body, 200)))
			}
			mu.Unlock()
			time.Sleep(20 * time.Millisecond)
		}
	}
	for i, u := range sups {
		wg.Add(1)
		go worker(i, u, false)
	}
	for i, u := range officers {
		wg.Add(1)
		go worker(100+i, u, true)
	}
	h.logf("standby: %d supervisors reading, %d officers writing through 2 readers", len(sups), len(officers))
	time.Sleep(5 * time.Second)
	// Replay paused: the replica falls behind, the reads go to the primary.
	if err := psql("SELECT pg_wal_replay_pause()"); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	fellBack := waitUsable(false, maxLag+5*time.Second)
	c.expect(fellBack, "with replay paused the readers kept using the replica past REPLICA_MAX_LAG")
	if err := psql("SELECT pg_wal_replay_resume()"); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	cameBack := waitUsable(true, 15*time.Second)
	c.expect(cameBack, "the readers did not return to the replica once it caught up")
	time.Sleep(2 * time.Second)
	// Killed under load.
	killedAt := time.Now()
	if err := h.pgScript(ctx, fmt.Sprintf(`pg_as "$PG_BIN/pg_ctl" -D %q -m immediate stop >/dev/null`, dir+"/data")); err != nil {
		close(stop)
		wg.Wait()
		return err
	}
	time.Sleep(6 * time.Second)
	close(stop)
	wg.Wait()
	for _, r := range rs {
		c.expect(r.alive(), "%s died: %s", r.name, r.logTail())
		u, err := replicaUsable(r)
		c.expect(err == nil && !u, "%s: a killed replica is still used (%v)", r.name, err)
	}
	replicaChecks(&c, append(rs, direct)...)
	total, ok2xx := 0, 0
	var codes []string
	for k, n := range statuses {
		total += n
		if strings.HasPrefix(k, "2") {
			ok2xx += n
		}
		codes = append(codes, fmt.Sprintf("%d×%s", n, k))
	}
	sort.Strings(codes)
	c.expect(total > 0 && ok2xx == total, "%d of %d requests were not 2xx: %v", total-ok2xx, total, bad)
	h.record(result{Test: "read replica",
		Fault: fmt.Sprintf("REPLICA_MAX_LAG=%s; %d supervisors reading the figures, ledgers, map and audit and %d officers writing, through 2 readers; replay paused, resumed, then the replica killed (pg_ctl stop -m immediate) at %s",
			maxLag, len(sups), len(officers), killedAt.Format("15:04:05")),
		Figure: fmt.Sprintf("%d of %d heavy reads equal from the replica and the primary; paused → reads on the primary: %v, caught up → back on the replica: %v; under load %d requests, %d 2xx (%s)",
			same, compared, fellBack, cameBack, total, ok2xx, strings.Join(codes, " ")),
		Lost: "no", OK: c.ok(), Details: c.failed})
	return nil
}

// pgScript runs shell with scripts/pg.sh sourced (PG_BIN, pg_as and the rest).
func (h *harness) pgScript(ctx context.Context, script string) error {
	cmd := exec.CommandContext(ctx, "bash", "-c", ". scripts/pg.sh && "+script)
	cmd.Dir = h.root
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %w: %s", firstLine(script), err, tail(out, 800))
	}
	return nil
}

var gridCache sync.Map

// gridOf is the first grid of the token's officer.
func gridOf(ctx context.Context, hc *http.Client, base, token string) string {
	if g, ok := gridCache.Load(token); ok {
		return g.(string)
	}
	r, err := call(ctx, hc, "GET", base+"/api/v1/me", token, nil, nil)
	var me struct {
		GridIDs []string `json:"grid_ids"`
	}
	if err != nil || json.Unmarshal(r.Body, &me) != nil || len(me.GridIDs) == 0 {
		return ""
	}
	gridCache.Store(token, me.GridIDs[0])
	return me.GridIDs[0]
}
