// Package replica sends the heavy reads — ledgers, figures, map points and
// the audit trail — to a PostgreSQL streaming replica while it keeps up with
// the primary, and to the primary otherwise.
//
// Freshness is measured, not guessed. Every Interval the router reads the
// primary's WAL position, then the replica's replay position; it keeps the
// primary's positions of the last MaxLag or so with the time they were read.
// The newest of them that the replica has replayed says "the replica holds
// everything the primary held at time T". The replica is used while
// now − T ≤ MaxLag, and for a user who wrote after T, never: a client reads
// its own writes from the primary. A promoted or unreachable replica is left
// alone until it answers as a replica again; a query that meets a broken
// connection (or a recovery conflict) on the replica is run again on the
// primary, so a replica that dies under load costs no request.
package replica

import (
	"context"
	"database/sql"
	"log/slog"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"
)

// Options tune a Router.
type Options struct {
	// MaxLag is how far behind the primary the replica may be and still
	// serve reads (REPLICA_MAX_LAG).
	MaxLag time.Duration
	// Interval is how often positions are read (default MaxLag/4, between
	// 100 ms and 1 s).
	Interval time.Duration
	// Log gets the replica's state changes.
	Log *slog.Logger
}

// Router picks the database for a read.
type Router struct {
	primary    *gorm.DB
	primarySQL *sql.DB
	replicaSQL *sql.DB
	reads      *gorm.DB // on pool: the replica, falling back to the primary
	maxLag     time.Duration
	interval   time.Duration
	log        *slog.Logger
	stop       context.CancelFunc
	done       chan struct{}
	mu         sync.Mutex
	samples    []sample // the primary's positions, oldest first
	holds      time.Time
	usable     bool
	state      string
	writes     map[uuid.UUID]time.Time // when each user last wrote, until the replica holds it
	counts     counts
}

type sample struct {
	at  time.Time
	lsn int64
}

// New makes a Router over primary and the replica's pool. open makes the
// GORM handle for a connection pool (the service's GORM settings); Start
// begins the checks.
func New(primary *gorm.DB, replicaSQL *sql.DB, open func(gorm.ConnPool) (*gorm.DB, error), o Options) (*Router, error) {
	primarySQL, err := primary.DB()
	if err != nil {
		return nil, err
	}
	if o.MaxLag <= 0 {
		o.MaxLag = 5 * time.Second
	}
	if o.Interval <= 0 {
		o.Interval = min(max(o.MaxLag/4, 100*time.Millisecond), time.Second)
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	r := &Router{
		primary: primary, primarySQL: primarySQL, replicaSQL: replicaSQL,
		maxLag: o.MaxLag, interval: o.Interval, log: o.Log,
		state: "starting", writes: map[uuid.UUID]time.Time{},
	}
	pool := &Pool{replica: replicaSQL, primary: primarySQL, onFail: r.replicaFailed, counts: &r.counts}
	if r.reads, err = open(pool); err != nil {
		return nil, err
	}
	return r, nil
}

// Start runs the checks until Close.
func (r *Router) Start() {
	ctx, cancel := context.WithCancel(context.Background())
	r.stop, r.done = cancel, make(chan struct{})
	go func() {
		defer close(r.done)
		t := time.NewTicker(r.interval)
		defer t.Stop()
		for {
			r.check(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// Close stops the checks and closes the replica's pool.
func (r *Router) Close() error {
	if r.stop != nil {
		r.stop()
		<-r.done
	}
	return r.replicaSQL.Close()
}

// DB is the database user's read goes to: the replica while it is fresh
// and holds the user's last write, else the primary.
func (r *Router) DB(user uuid.UUID) *gorm.DB {
	r.mu.Lock()
	usable, holds := r.usable, r.holds
	w, wrote := r.writes[user]
	r.mu.Unlock()
	if !usable || time.Since(holds) > r.maxLag {
		r.counts.add(targetPrimary, reasonStale)
		return r.primary
	}
	if wrote && !w.Before(holds) {
		r.counts.add(targetPrimary, reasonOwnWrite)
		return r.primary
	}
	return r.reads
}

// Wrote records that user has just written: their reads stay on the
// primary until the replica holds what the primary held now.
func (r *Router) Wrote(user uuid.UUID) {
	now := time.Now()
	r.mu.Lock()
	r.writes[user] = now
	r.mu.Unlock()
}

// check reads both positions once and updates the state; Start calls it
// every Interval.
func (r *Router) check(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, max(r.interval, time.Second))
	defer cancel()
	var primaryLSN int64
	at := time.Now()
	if err := r.primarySQL.QueryRowContext(ctx, `SELECT (pg_current_wal_insert_lsn() - '0/0'::pg_lsn)::bigint`).Scan(&primaryLSN); err != nil {
		// Without the primary's position nothing can be said of the
		// replica's: the reads go to the primary, which answers or not.
		r.set(false, time.Time{}, "primary position unknown: "+err.Error())
		return
	}
	var inRecovery bool
	var replayed sql.NullInt64
	err := r.replicaSQL.QueryRowContext(ctx,
		`SELECT pg_is_in_recovery(), (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint`).Scan(&inRecovery, &replayed)
	switch {
	case err != nil:
		r.set(false, time.Time{}, "unreachable: "+err.Error())
		return
	case !inRecovery || !replayed.Valid:
		// A promoted replica no longer follows this primary.
		r.set(false, time.Time{}, "not in recovery (promoted, or not a replica)")
		return
	}
	r.mu.Lock()
	r.samples = append(r.samples, sample{at, primaryLSN})
	holds := holdsAt(r.samples, replayed.Int64)
	// Keep what a fresh replica could still be compared with.
	keep := 0
	for keep < len(r.samples)-1 && time.Since(r.samples[keep].at) > r.maxLag+2*r.interval {
		keep++
	}
	r.samples = r.samples[keep:]
	for u, w := range r.writes {
		if w.Before(holds) {
			delete(r.writes, u)
		}
	}
	r.mu.Unlock()
	if holds.IsZero() {
		r.set(false, holds, "behind by more than "+r.maxLag.String())
		return
	}
	r.set(true, holds, "streaming")
}

// holdsAt is the latest time at which the primary's position (samples,
// oldest first) was one the replica has replayed: the replica holds
// everything the primary held then. Zero when it holds none of them.
func holdsAt(samples []sample, replayed int64) time.Time {
	var t time.Time
	for _, s := range samples {
		if s.lsn <= replayed {
			t = s.at
		}
	}
	return t
}

func (r *Router) set(usable bool, holds time.Time, state string) {
	r.mu.Lock()
	was := r.state
	r.usable, r.state, r.holds = usable, state, holds
	r.mu.Unlock()
	if kind(was) != kind(state) {
		r.log.Info("read replica", "state", state)
	}
}

// kind is the first word of a state, so that a log line is written when
// the replica's state changes, not when its error text does.
func kind(state string) string {
	for i, c := range state {
		if c == ' ' || c == ':' {
			return state[:i]
		}
	}
	return state
}

// replicaFailed marks the replica unusable after a query met a broken
// connection there; the next check decides again.
func (r *Router) replicaFailed(err error) {
	r.set(false, time.Time{}, "unreachable: "+err.Error())
}

// Status is the replica's state for /readyz and the metrics.
type Status struct {
	Usable bool    `json:"usable"`
	State  string  `json:"state"`
	LagS   float64 `json:"lag_seconds"`
}

// Status reports the state after the first check.
func (r *Router) Status() Status {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := Status{Usable: r.usable && time.Since(r.holds) <= r.maxLag, State: r.state, LagS: -1}
	if !r.holds.IsZero() {
		s.LagS = time.Since(r.holds).Seconds()
	}
	return s
}
