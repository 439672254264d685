package replica

import (
	"context"
	"database/sql"
	"errors"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgconn"
)

// Pool is the connection pool of the reads' GORM handle: each statement
// runs on the replica and, when it fails there for want of a working
// connection (the replica stopped, restarted or conflicted with recovery),
// once more on the primary. A statement that fails for its own sake (a
// syntax error, a write on the read-only replica) is not run again. Rows
// that break while they are being read cannot be run again either: the
// caller has had some of them.
type Pool struct {
	replica, primary *sql.DB
	onFail           func(error)
	counts           *counts
}

type primaryOnly struct{}

// PrimaryOnly marks ctx so that the statements run with it go to the
// primary: a streamed answer that met a broken replica is made again there.
func PrimaryOnly(ctx context.Context) context.Context {
	return context.WithValue(ctx, primaryOnly{}, true)
}

// on is the first pool a statement run with ctx tries.
func (p *Pool) on(ctx context.Context) *sql.DB {
	if ctx.Value(primaryOnly{}) != nil {
		return p.primary
	}
	return p.replica
}

// PrepareContext prepares on the replica, else on the primary.
func (p *Pool) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	st, err := p.on(ctx).PrepareContext(ctx, query)
	if p.failed(ctx, err) {
		return p.primary.PrepareContext(ctx, query)
	}
	return st, err
}

// ExecContext runs on the replica, else on the primary.
func (p *Pool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := p.on(ctx).ExecContext(ctx, query, args...)
	if p.failed(ctx, err) {
		return p.primary.ExecContext(ctx, query, args...)
	}
	p.count(ctx)
	return res, err
}

// QueryContext runs on the replica, else on the primary.
func (p *Pool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := p.on(ctx).QueryContext(ctx, query, args...)
	if p.failed(ctx, err) {
		return p.primary.QueryContext(ctx, query, args...)
	}
	p.count(ctx)
	return rows, err
}

// QueryRowContext runs on the replica, else on the primary.
func (p *Pool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := p.on(ctx).QueryRowContext(ctx, query, args...)
	if p.failed(ctx, row.Err()) {
		return p.primary.QueryRowContext(ctx, query, args...)
	}
	p.count(ctx)
	return row
}

// BeginTx begins on the replica, else on the primary (a read-only
// transaction: a snapshot for a report that reads several tables).
func (p *Pool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	tx, err := p.on(ctx).BeginTx(ctx, opts)
	if p.failed(ctx, err) {
		return p.primary.BeginTx(ctx, opts)
	}
	p.count(ctx)
	return tx, err
}

func (p *Pool) count(ctx context.Context) {
	if ctx.Value(primaryOnly{}) == nil {
		p.counts.add(targetReplica, "")
	}
}

// failed reports whether err means the replica could not run the
// statement, in which case it is marked unusable and the statement goes to
// the primary.
func (p *Pool) failed(ctx context.Context, err error) bool {
	if err == nil || ctx.Value(primaryOnly{}) != nil || !Unavailable(err) {
		return false
	}
	p.counts.add(targetPrimary, reasonFailed)
	p.onFail(err)
	return true
}

// Unavailable reports whether err says that the server could not run a
// statement at all, rather than that the statement was wrong: no
// connection, a connection lost, a server shutting down or starting, or a
// replica's conflict with recovery. A caller's own deadline is not one.
func Unavailable(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pg *pgconn.PgError
	if !errors.As(err, &pg) {
		// Anything the driver says without a server's error code is about
		// the connection: refused, reset, closed, timed out.
		return true
	}
	switch {
	case pg.Code[:2] == "08": // connection exception
		return true
	case pg.Code == "57P01", pg.Code == "57P02", pg.Code == "57P03": // shutting down, crashed, starting
		return true
	case pg.Code == "40001": // canceling statement due to conflict with recovery
		return true
	case pg.Code == "53300": // too many connections
		return true
	}
	return false
}

const (
	targetReplica = "replica"
	targetPrimary = "primary"

	reasonStale    = "stale"
	reasonOwnWrite = "own_write"
	reasonFailed   = "replica_failed"
)

// counts are the reads by where they went and why.
type counts struct {
	replica, stale, ownWrite, failed atomic.Int64
}

func (c *counts) add(target, reason string) {
	switch {
	case target == targetReplica:
		c.replica.Add(1)
	case reason == reasonStale:
		c.stale.Add(1)
	case reason == reasonOwnWrite:
		c.ownWrite.Add(1)
	case reason == reasonFailed:
		c.failed.Add(1)
	}
}

// Reads is how many statements went where: to the replica, and to the
// primary because the replica was stale, because the user had just
// written, or because the replica failed the statement.
type Reads struct {
	Replica, Stale, OwnWrite, Failed int64
}

// Reads reports the counts so far.
func (r *Router) Reads() Reads {
	return Reads{
		Replica: r.counts.replica.Load(), Stale: r.counts.stale.Load(),
		OwnWrite: r.counts.ownWrite.Load(), Failed: r.counts.failed.Load(),
	}
}
