package replica

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // the pgx driver of database/sql
)

func TestUnavailable(t *testing.T) {
	pg := func(code string) error { return &pgconn.PgError{Code: code} }
	for _, c := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{pg("57P01"), true}, // terminating connection due to administrator command
		{pg("57P03"), true}, // the database system is starting up
		{pg("08006"), true}, // connection failure
		{pg("40001"), true}, // conflict with recovery
		{fmt.Errorf("query: %w", pg("57P02")), true},
		{pg("42601"), false}, // a syntax error is the statement's own
		{pg("25006"), false}, // a write on the read-only replica: a bug, not an outage
		{pg("42P01"), false},
		{&net.OpError{Op: "dial", Err: errors.New("connection refused")}, true},
		{io.ErrUnexpectedEOF, true},
		{context.Canceled, false},
		{fmt.Errorf("wrapped: %w", context.DeadlineExceeded), false},
	} {
		if got := Unavailable(c.err); got != c.want {
			t.Errorf("Unavailable(%v) = %v, want %v", c.err, got, c.want)
		}
	}
}

func TestHoldsAt(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	samples := []sample{{at(0), 100}, {at(1), 100}, {at(2), 250}, {at(3), 400}}
	for _, c := range []struct {
		replayed int64
		want     time.Time
	}{
		{99, time.Time{}}, // behind everything sampled
		{100, at(1)},      // the primary did not move from 0 s to 1 s
		{249, at(1)},
		{250, at(2)},
		{10_000, at(3)},
	} {
		if got := holdsAt(samples, c.replayed); !got.Equal(c.want) {
			t.Errorf("holdsAt(%d) = %v, want %v", c.replayed, got, c.want)
		}
	}
}

// A statement that meets a replica that does not answer runs on the
// primary, and the replica is marked unusable.
func TestPoolFallsBackToPrimary(t *testing.T) {
	dsn := os.Getenv("TEST_DATABASE_URL")
	if dsn == "" {
		t.Skip("needs TEST_DATABASE_URL (make test sets it)")
	}
	primary, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer primary.Close()
	// A port that nothing listens on: the replica is down.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	down, err := sql.Open("pgx", "postgres://jiuxiao@"+addr+"/jiuxiao?sslmode=disable&connect_timeout=2")
	if err != nil {
		t.Fatal(err)
	}
	defer down.Close()
	var failures []error
	var n counts
	p := &Pool{replica: down, primary: primary, onFail: func(err error) { failures = append(failures, err) }, counts: &n}
	ctx := context.Background()
	var one int
	if err := p.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil || one != 1 {
		t.Fatalf("QueryRow: %v, %d", err, one)
	}
	rows, err := p.QueryContext(ctx, "SELECT 2")
	if err != nil {
		t.Fatal(err)
	}
	_ = rows.Close()
	tx, err := p.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	_ = tx.Rollback()
	if len(failures) != 3 || n.failed.Load() != 3 || n.replica.Load() != 0 {
		t.Fatalf("failures %d (%v), counted failed %d, replica %d; want 3, 3, 0", len(failures), failures, n.failed.Load(), n.replica.Load())
	}
	// A statement's own error is not an outage: it is not run again.
	live := &Pool{replica: primary, primary: down, onFail: func(err error) { t.Errorf("marked down by %v", err) }, counts: &n}
	if _, err := live.ExecContext(ctx, "SELEC 1"); err == nil {
		t.Fatal("a syntax error succeeded")
	}
}
