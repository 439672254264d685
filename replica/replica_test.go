package replica_test

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver of database/sql
	"github.com/jiuxiao/jiuxiao/app"
	"github.com/jiuxiao/jiuxiao/app/apptest"
)

// These tests run against the streaming replica that `make test` starts
// beside its cluster (TEST_REPLICA_URL; scripts/pg.sh pg_replica_start).

const sup = "sup-dcf-1"

// heavyReads are the reads that go to the replica.
var heavyReads = []string{
	"/api/v1/stats/overview",
	"/api/v1/stats/grids",
	"/api/v1/stats/trends",
	"/api/v1/exports/inspections.csv",
	"/api/v1/exports/hazards.csv",
	"/api/v1/exports/documents.csv",
	"/api/v1/venues/points",
	"/api/v1/audit",
}

// withReplica is a service whose heavy reads go to the test database's
// copy on the replica, and one on the same database without a replica.
func withReplica(t *testing.T, maxLag time.Duration) (e, primary *apptest.Env, standby *sql.DB) {
	t.Helper()
	if !apptest.HaveCluster() || !apptest.HaveReplica() {
		t.Skip("needs TEST_DATABASE_URL and TEST_REPLICA_URL (make test starts both)")
	}
	e = apptest.New(t, apptest.Options{Venues: 120, Config: func(c *app.Config) {
		c.DatabaseReplicaURL = apptest.ReplicaURL(t, c.DatabaseURL)
		c.ReplicaMaxLag = maxLag
		c.ReplicaCheckInterval = 50 * time.Millisecond
	}})
	p := *e
	p.Cfg.DatabaseReplicaURL = ""
	p.App = app.New(p.Cfg, e.DB)
	standby, err := sql.Open("pgx", e.Cfg.DatabaseReplicaURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = standby.Close() })
	return e, &p, standby
}

// metric reads one sample of the service's metrics (0 when absent).
func metric(t *testing.T, e *apptest.Env, name string) float64 {
	t.Helper()
	r := e.Get("", "/metrics").Must(t, http.StatusOK)
	sc := bufio.NewScanner(bytes.NewReader(r.Body))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, name+" ") {
			v, err := strconv.ParseFloat(strings.TrimPrefix(line, name+" "), 64)
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
	}
	return 0
}

// waitFor polls cond for up to d.
func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(d); ; time.Sleep(50 * time.Millisecond) {
		if cond() {
			return
		}
		if time.Now().After(end) {
			t.Fatalf("after %s: %s", d, what)
		}
	}
}

func usable(t *testing.T, e *apptest.Env) bool {
	t.Helper()
	var r struct {
		Replica struct {
			Usable bool `json:"usable"`
		} `json:"replica"`
	}
	e.Get("", "/readyz").Must(t, http.StatusOK).JSON(t, &r)
	return r.Replica.Usable
}

const statements = "jiuxiao_replica_statements_total"

// The heavy reads come from the replica once it has caught up, and their
// answers are the ones the primary gives, byte for byte.
func TestReplicaServesTheSameFigures(t *testing.T) {
	e, primary, _ := withReplica(t, 5*time.Second)
	waitFor(t, 20*time.Second, "the replica never became usable", func() bool { return usable(t, e) })
	for _, path := range heavyReads {
		before := metric(t, e, statements)
		got := e.Get(sup, path).Must(t, http.StatusOK)
		if after := metric(t, e, statements); after <= before {
			t.Errorf("%s: no statement ran on the replica (%v → %v)", path, before, after)
		}
		want := primary.Get(sup, path).Must(t, http.StatusOK)
		if !bytes.Equal(got.Body, want.Body) {
			t.Errorf("%s: the replica's answer differs from the primary's:\nreplica: %.300s\nprimary: %.300s", path, got.Body, want.Body)
		}
	}
}

// A user who has just written reads from the primary until the replica
// holds the write; another user's read, meanwhile, is the replica's.
func TestReplicaOwnWritesFromPrimary(t *testing.T) {
	e, _, standby := withReplica(t, 10*time.Second)
	waitFor(t, 20*time.Second, "the replica never became usable", func() bool { return usable(t, e) })
	total := func(as string) int {
		var s struct {
			Venues struct {
				Total int `json:"total"`
			} `json:"venues"`
		}
		e.Get(as, "/api/v1/stats/overview").Must(t, http.StatusOK).JSON(t, &s)
		return s.Venues.Total
	}
	mine, city := total(sup), total("admin")
	// Held back, the replica keeps the figures from before the write (and
	// stays usable for the next ten seconds).
	ctx := context.Background()
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()") })
	e.Post(sup, "/api/v1/venues", map[string]any{
		"name": "复制测试小超市", "category": "shop", "risk_level": "green", "grid_id": e.Unit("dcf-1-g1"),
		"address": "东关街 1 号", "lat": apptest.VenueLat, "lng": apptest.VenueLng,
		"contact_name": "张先生", "contact_phone": "13800000000",
	}).Must(t, http.StatusCreated)
	own := metric(t, e, `jiuxiao_replica_fallbacks_total{reason="own_write"}`)
	if got := total(sup); got != mine+1 {
		t.Errorf("the writer sees %d venues, want %d (its own write)", got, mine+1)
	}
	if after := metric(t, e, `jiuxiao_replica_fallbacks_total{reason="own_write"}`); after != own+1 {
		t.Errorf("own-write fallbacks %v → %v, want one more", own, after)
	}
	before := metric(t, e, statements)
	if got := total("admin"); got != city {
		t.Errorf("another user sees %d venues, want the replica's %d", got, city)
	}
	if after := metric(t, e, statements); after <= before {
		t.Errorf("another user's read did not go to the replica (%v → %v)", before, after)
	}
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 10*time.Second, "the writer's reads never returned to the replica", func() bool {
		before := metric(t, e, statements)
		n := total(sup)
		return metric(t, e, statements) > before && n == mine+1
	})
}

// A replica that stops replaying falls behind: past REPLICA_MAX_LAG the
// reads go to the primary (and see what was written since), and come
// back when it catches up.
func TestReplicaBehindFallsBack(t *testing.T) {
	e, primary, standby := withReplica(t, time.Second)
	waitFor(t, 20*time.Second, "the replica never became usable", func() bool { return usable(t, e) })
	ctx := context.Background()
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_pause()"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()") })
	// Another user writes: the supervisor's own-write rule is not what
	// sends the read to the primary here.
	e.Post("admin", "/api/v1/venues", map[string]any{
		"name": "滞后测试饭店", "category": "restaurant", "risk_level": "red", "grid_id": e.Unit("dcf-1-g1"),
		"address": "东关街 2 号", "lat": apptest.VenueLat, "lng": apptest.VenueLng,
		"contact_name": "李女士", "contact_phone": "13900000000",
	}).Must(t, http.StatusCreated)
	waitFor(t, 10*time.Second, "a paused replica stayed usable", func() bool { return !usable(t, e) })
	stale := metric(t, e, `jiuxiao_replica_fallbacks_total{reason="stale"}`)
	got := e.Get(sup, "/api/v1/stats/overview").Must(t, http.StatusOK)
	want := primary.Get(sup, "/api/v1/stats/overview").Must(t, http.StatusOK)
	if !bytes.Equal(got.Body, want.Body) {
		t.Fatalf("behind the lag bound the figures are not the primary's:\n%s\n%s", got.Body, want.Body)
	}
	if after := metric(t, e, `jiuxiao_replica_fallbacks_total{reason="stale"}`); after <= stale {
		t.Fatalf("no stale fallback counted (%v → %v)", stale, after)
	}
	if _, err := standby.ExecContext(ctx, "SELECT pg_wal_replay_resume()"); err != nil {
		t.Fatal(err)
	}
	waitFor(t, 20*time.Second, "the resumed replica never became usable again", func() bool { return usable(t, e) })
}

// The replica's connections broken under the service (as when it
// restarts): every heavy read still answers, from the primary if need be.
func TestReplicaConnectionsLost(t *testing.T) {
	e, _, standby := withReplica(t, 5*time.Second)
	waitFor(t, 20*time.Second, "the replica never became usable", func() bool { return usable(t, e) })
	for _, path := range heavyReads {
		e.Get(sup, path).Must(t, http.StatusOK) // opens the replica's pool
	}
	if _, err := standby.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`); err != nil {
		t.Fatal(err)
	}
	for _, path := range heavyReads {
		e.Get(sup, path).Must(t, http.StatusOK)
	}
}
