package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jiuxiao/jiuxiao/schedules"
	"gorm.io/gorm"
)

// rowReader is what a scan by hand reads: database/sql's rows or pgx's.
type rowReader interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// readRows runs q's statement and hands its rows to read.
func readRows(ctx context.Context, q *gorm.DB, read func(rowReader) error) error {
	text, vars, err := statementOf(q)
	if err != nil {
		return err
	}
	return readStatement(ctx, q, text, vars, read)
}

// readStatement runs the statement text with its values on db's pool (or
// transaction) and hands its rows to read.
//
// On a pool of pgx's stdlib (the service's, and the replica's), the
// statement goes through pgx itself on one of the pool's connections: its
// values are decoded from PostgreSQL's binary format straight into the
// fields, by the column types below, where database/sql turns each value
// into a driver.Value first (a uuid into its text, to be parsed again) and
// converts that. It halved the scan's CPU in BenchmarkTaskList
// (docs/BENCHMARKS.md). In a transaction the rows come through
// database/sql; the column types read both. GORM's logger is told of the
// statement as of its own (slow and failed statements).
func readStatement(ctx context.Context, db *gorm.DB, text string, vars []any, read func(rowReader) error) (err error) {
	begin := time.Now()
	defer func() {
		db.Logger.Trace(ctx, begin, func() (string, int64) { return text, -1 }, err)
	}()
	pool, ok := db.Statement.ConnPool.(*sql.DB)
	if !ok {
		return readSQLRows(ctx, db.Statement.ConnPool, text, vars, read)
	}
	conn, err := pool.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	native := false
	err = conn.Raw(func(driverConn any) error {
		c, ok := driverConn.(*stdlib.Conn)
		if !ok {
			return nil
		}
		native = true
		rows, err := c.Conn().Query(ctx, text, pgxValues(vars)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		if err := read(rows); err != nil {
			return err
		}
		rows.Close()
		return rows.Err()
	})
	if !native && err == nil { // not pgx's: given back before the pool is asked again
		conn.Close()
		return readSQLRows(ctx, pool, text, vars, read)
	}
	return err
}

// pgxValues is vars for pgx itself, with each uuid.UUID as pgx's own
// uuid, which pgx writes as it is: a uuid.UUID goes through its
// driver.Valuer, as a text to be parsed again, and that took 4% of the
// service's CPU on the task list, for its two ids. vars is left as it is.
func pgxValues(vars []any) []any {
	var out []any
	for i, v := range vars {
		if id, ok := v.(uuid.UUID); ok {
			if out == nil {
				out = slices.Clone(vars)
			}
			out[i] = pgtype.UUID{Bytes: id, Valid: true}
		}
	}
	if out == nil {
		return vars
	}
	return out
}

// statementOf is q's statement and its values, as GORM builds them for
// q.Rows() (a dry run).
func statementOf(q *gorm.DB) (string, []any, error) {
	built := q.Session(&gorm.Session{DryRun: true}).Find(&map[string]any{})
	return built.Statement.SQL.String(), built.Statement.Vars, built.Error
}

// readSQLRows is readStatement through database/sql.
func readSQLRows(ctx context.Context, pool gorm.ConnPool, text string, vars []any, read func(rowReader) error) error {
	rows, err := pool.QueryContext(ctx, text, vars...)
	if err != nil {
		return err
	}
	defer rows.Close()
	if err := read(rows); err != nil {
		return err
	}
	return rows.Err()
}

// uuidCol reads a uuid column: pgx's 16 bytes as they come, or
// database/sql's text.
type uuidCol uuid.UUID

// ScanUUID takes pgx's binary uuid.
func (u *uuidCol) ScanUUID(v pgtype.UUID) error {
	if !v.Valid {
		return errors.New("cannot scan NULL into a uuid")
	}
	*u = v.Bytes
	return nil
}

// Scan takes database/sql's value.
func (u *uuidCol) Scan(src any) error { return (*uuid.UUID)(u).Scan(src) }

// optUUID reads a uuid column that may be NULL into *p.
type optUUID struct{ p **uuid.UUID }

// ScanUUID takes pgx's binary uuid.
func (o optUUID) ScanUUID(v pgtype.UUID) error {
	if !v.Valid {
		*o.p = nil
		return nil
	}
	id := uuid.UUID(v.Bytes)
	*o.p = &id
	return nil
}

// Scan takes database/sql's value.
func (o optUUID) Scan(src any) error {
	return scanNull(src, func(id uuid.UUID, valid bool) error { return o.ScanUUID(pgtype.UUID{Bytes: id, Valid: valid}) })
}

// SetDimensions sizes the list for pgx's binary array (ArraySetter).
func (l *idList) SetDimensions(dims []pgtype.ArrayDimension) error {
	n := 0
	if len(dims) > 0 {
		n = int(dims[0].Length)
		for _, d := range dims[1:] {
			n *= int(d.Length)
		}
	}
	*l = make(idList, n)
	return nil
}

// ScanIndex is where pgx reads the element i.
func (l idList) ScanIndex(i int) any { return (*uuidCol)(&l[i]) }

// ScanIndexType is the type of the elements pgx reads.
func (l idList) ScanIndexType() any { return new(uuidCol) }

// dateCol reads a date column that may be NULL (the zero date then).
type dateCol schedules.Date

// ScanDate takes pgx's binary date.
func (d *dateCol) ScanDate(v pgtype.Date) error {
	switch {
	case !v.Valid:
		*d = dateCol{}
	case v.InfinityModifier != pgtype.Finite:
		return errors.New("cannot scan an infinite date")
	default:
		*d = dateCol(schedules.NewDate(v.Time.Date()))
	}
	return nil
}

// Scan takes database/sql's value.
func (d *dateCol) Scan(src any) error { return (*schedules.Date)(d).Scan(src) }

// textCol reads a text column into a string type (vocab's) directly; pgx's
// own plan for such a type converts every value by reflection.
type textCol[T ~string] struct{ p *T }

// ScanText takes pgx's text.
func (c textCol[T]) ScanText(v pgtype.Text) error {
	if !v.Valid {
		return errors.New("cannot scan NULL into text")
	}
	*c.p = T(v.String)
	return nil
}

// Scan takes database/sql's value.
func (c textCol[T]) Scan(src any) error {
	return scanNull(src, func(s string, valid bool) error { return c.ScanText(pgtype.Text{String: s, Valid: valid}) })
}

// optText reads a text column that may be NULL into *p.
type optText[T ~string] struct{ p **T }

// ScanText takes pgx's text.
func (c optText[T]) ScanText(v pgtype.Text) error {
	*c.p = nil
	if v.Valid {
		s := T(v.String)
		*c.p = &s
	}
	return nil
}

// Scan takes database/sql's value.
func (c optText[T]) Scan(src any) error {
	return scanNull(src, func(s string, valid bool) error { return c.ScanText(pgtype.Text{String: s, Valid: valid}) })
}

// optFloat reads a double precision column that may be NULL into *p.
type optFloat struct{ p **float64 }

// ScanFloat64 takes pgx's float8.
func (c optFloat) ScanFloat64(v pgtype.Float8) error {
	*c.p = nil
	if v.Valid {
		f := v.Float64
		*c.p = &f
	}
	return nil
}

// Scan takes database/sql's value.
func (c optFloat) Scan(src any) error {
	return scanNull(src, func(f float64, valid bool) error { return c.ScanFloat64(pgtype.Float8{Float64: f, Valid: valid}) })
}

// optTime reads a timestamptz column that may be NULL into *p.
type optTime struct{ p **time.Time }

// ScanTimestamptz takes pgx's timestamptz.
func (c optTime) ScanTimestamptz(v pgtype.Timestamptz) error {
	*c.p = nil
	if v.Valid {
		if v.InfinityModifier != pgtype.Finite {
			return errors.New("cannot scan an infinite time")
		}
		t := v.Time
		*c.p = &t
	}
	return nil
}

// Scan takes database/sql's value.
func (c optTime) Scan(src any) error {
	return scanNull(src, func(t time.Time, valid bool) error {
		return c.ScanTimestamptz(pgtype.Timestamptz{Time: t, Valid: valid})
	})
}

// scanNull reads database/sql's value as a T or NULL and hands it to the
// column type's pgx method, so that both ways share its checks.
func scanNull[T any](src any, set func(v T, valid bool) error) error {
	var n sql.Null[T]
	if err := n.Scan(src); err != nil {
		return err
	}
	return set(n.V, n.Valid)
}
